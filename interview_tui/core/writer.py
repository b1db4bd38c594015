"""One thread that writes the workspace file, so that the screen never waits for the disk.

At 50,000 contacts a save is about 75 MB written, fsynced and renamed: a tenth of a second
and more, which on the thread that draws the screen would freeze it. The app hands each save to
this thread instead, as a job made on its own thread (a snapshot of the document, which later
changes do not touch). Jobs are written one at a time, in the order given. A job that is still
waiting when a newer one comes is dropped for it: the newer holds everything the older did, so
the file goes straight to the newest state, and both jobs' waiters hear how that write went.
A job that is still waiting when a newer one comes is merged with it (``merge``: a job may say
only what changed since the one before), so the file goes straight to the newest state, and
both jobs' waiters hear how that write went. A job given with ``apart`` is never merged into a
later one (erasing for good needs two real writes, so that the backup holds no trace).

When a write fails (a full disk), the thread writes nothing more until ``resume``: each job
given meanwhile is still handed to ``write`` (with the error, so that whatever it keeps up to
date stays so) and fails with the same error. The thread that makes the changes then puts back
what was not written (see ``Store.settle``) before anything else is saved, so the file never
holds half of what the person was told failed.

The command line does not use it: a command saves, then ends.
"""

from __future__ import annotations

import contextlib
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import Future

J = TypeVar("J")


@dataclass
class _Waiting(Generic[J]):
    job: J
    apart: bool
    futures: list[Future[None]] = field(default_factory=list)


class Writer(Generic[J]):
    """Runs ``write(job, refused)`` for each job given, on one thread of its own, in order;
    ``refused`` is the error of an earlier write that failed (``write`` must then raise it).

    ``done`` is called on the writer's thread after each write, whether it worked or not (the
    app uses it to look at the outcome on its own thread)."""

    def __init__(
        self,
        write: Callable[[J, BaseException | None], None],
        merge: Callable[[J, J], J],
        done: Callable[[], None] | None = None,
    ) -> None:
        self._write = write
        self._merge = merge
        self._done = done
        self._condition = threading.Condition()
        self._queue: deque[_Waiting[J]] = deque()
        self._busy = False
        self._telling = False
        self._failed: BaseException | None = None
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="interview-tui-writer", daemon=True)
        self._thread.start()

    def submit(self, job: J, *, apart: bool = False) -> Future[None]:
        """Queue ``job``; the future says when it (or a newer job that replaced it) is written."""
        from concurrent.futures import Future  # noqa: PLC0415 - the commands never need it: keep it off their path

        future: Future[None] = Future()
        with self._condition:
            if self._closed:
                raise RuntimeError("the writer is closed")
            last = self._queue[-1] if self._queue else None
            if last is not None and not last.apart:
                # Not started yet: written together with the newer one.
                last.job = self._merge(last.job, job)
                last.apart = apart
                last.futures.append(future)
            else:
                self._queue.append(_Waiting(job, apart, [future]))
            self._condition.notify_all()
        return future

    @property
    def failed(self) -> BaseException | None:
        """The error of the write that failed, until ``resume``."""
        return self._failed

    def resume(self) -> None:
        """Write again after a failure (the caller has put memory back as the file has it)."""
        with self._condition:
            self._failed = None

    @property
    def idle(self) -> bool:
        with self._condition:
            return not self._busy and not self._queue

    def wait(self, timeout: float | None = None) -> bool:
        """Block until every job given so far is written or has failed, and ``done`` was told;
        False on a timeout."""
        with self._condition:
            return self._condition.wait_for(lambda: not (self._busy or self._telling or self._queue), timeout)

    def close(self) -> None:
        """Write what is queued, then stop the thread."""
        with self._condition:
            self._closed = True
            self._condition.notify_all()
        self._thread.join()

    def _run(self) -> None:
        while True:
            with self._condition:
                self._condition.wait_for(lambda: bool(self._queue) or self._closed)
                if not self._queue:
                    return
                waiting = self._queue.popleft()
                failed = self._failed
                self._busy = True
            error: BaseException | None = None
            try:
                self._write(waiting.job, failed)
            except BaseException as exc:  # noqa: BLE001 - every failure goes to the waiters
                error = exc
            if failed is not None:
                error = failed
            if error is not None:
                with self._condition:
                    if self._failed is None:
                        self._failed = error
            for future in waiting.futures:
                if error is None:
                    future.set_result(None)
                else:
                    future.set_exception(error)
            with self._condition:
                # Idle once the outcome is out, and before telling: whoever is told looks at once
                # whether the writing is over (Store.settle), and nothing tells it again.
                self._busy = False
                self._telling = True
            if self._done is not None:
                # Telling is best effort (the app may be gone): writing goes on.
                with contextlib.suppress(Exception):
                    self._done()
            with self._condition:
                # Whoever waits sees the telling done too.
                self._telling = False
                self._condition.notify_all()
