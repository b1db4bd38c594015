"""The writer's thread: jobs written in order, one at a time; a waiting job merged into a newer
one; a failure refusing everything after it until the caller has put memory back."""

from __future__ import annotations

import threading

import pytest

from interview_tui.core.writer import Writer


class Disk:
    """Records what was written; a job can be held (to queue others behind it) or made to fail."""

    def __init__(self) -> None:
        self.written: list[list[str]] = []
        self.seen: list[tuple[list[str], BaseException | None]] = []
        self.hold = threading.Event()
        self.hold.set()
        self.started = threading.Event()
        self.fail_with: BaseException | None = None

    def write(self, job: list[str], refused: BaseException | None) -> None:
        self.seen.append((job, refused))
        self.started.set()
        self.hold.wait(5)
        if refused is not None:
            raise refused
        if self.fail_with is not None:
            error, self.fail_with = self.fail_with, None
            raise error
        self.written.append(job)


def merge(older: list[str], newer: list[str]) -> list[str]:
    return older + newer


def writer_for(disk: Disk, done: list[int] | None = None) -> Writer[list[str]]:
    calls = done if done is not None else []
    return Writer(disk.write, merge, lambda: calls.append(1))


def test_jobs_are_written_in_the_order_given() -> None:
    disk = Disk()
    writer = writer_for(disk)
    futures = [writer.submit([str(n)]) for n in range(3)]
    assert writer.wait(5)
    for future in futures:
        assert future.result(5) is None
    assert [item for job in disk.written for item in job] == ["0", "1", "2"]
    writer.close()


def test_jobs_waiting_behind_a_write_are_merged_into_one_write() -> None:
    disk = Disk()
    disk.hold.clear()
    writer = writer_for(disk)
    first = writer.submit(["a"])
    assert disk.started.wait(5)  # "a" is being written: the next ones wait
    second, third = writer.submit(["b"]), writer.submit(["c"])
    disk.hold.set()
    assert writer.wait(5)
    assert disk.written == [["a"], ["b", "c"]]
    assert first.result(5) is None and second.result(5) is None and third.result(5) is None
    writer.close()


def test_a_job_given_apart_is_never_merged_into_a_later_one() -> None:
    disk = Disk()
    disk.hold.clear()
    writer = writer_for(disk)
    writer.submit(["a"])
    assert disk.started.wait(5)
    writer.submit(["b"], apart=True)
    writer.submit(["c"])
    writer.submit(["d"])
    disk.hold.set()
    assert writer.wait(5)
    assert disk.written == [["a"], ["b"], ["c", "d"]]
    writer.close()


def test_a_job_merges_into_one_waiting_before_it_that_was_not_apart() -> None:
    disk = Disk()
    disk.hold.clear()
    writer = writer_for(disk)
    writer.submit(["a"])
    assert disk.started.wait(5)
    writer.submit(["b"])
    writer.submit(["c"], apart=True)  # merged into "b", and the pair is now kept apart
    writer.submit(["d"])
    disk.hold.set()
    assert writer.wait(5)
    assert disk.written == [["a"], ["b", "c"], ["d"]]
    writer.close()


def test_after_a_failure_every_job_fails_with_it_until_resumed_and_is_still_seen() -> None:
    disk = Disk()
    disk.fail_with = OSError("No space left on device")
    writer = writer_for(disk)
    failed = writer.submit(["a"])
    assert writer.wait(5)
    with pytest.raises(OSError, match="No space left"):
        failed.result(5)
    assert isinstance(writer.failed, OSError)
    refused = writer.submit(["b"])
    assert writer.wait(5)
    with pytest.raises(OSError, match="No space left"):
        refused.result(5)
    # Handed over all the same (what it keeps up to date must see every change), not written.
    assert disk.seen[-1] == (["b"], writer.failed)
    assert disk.written == []
    writer.resume()
    assert writer.failed is None
    assert writer.submit(["c"]).result(5) is None
    assert disk.written == [["c"]]
    writer.close()


def test_done_is_told_after_each_write_whether_it_worked_or_not() -> None:
    disk = Disk()
    told: list[int] = []
    writer = writer_for(disk, told)
    writer.submit(["a"])
    assert writer.wait(5)
    disk.fail_with = OSError("gone")
    writer.submit(["b"])
    assert writer.wait(5)
    assert told == [1, 1]
    writer.close()


def test_when_done_is_told_the_write_is_over_so_its_outcome_can_be_looked_at_at_once() -> None:
    # Told of a failed save, the app looks at once whether the writing is over before it puts
    # memory back and says so. Told while the writer still counted itself busy, it found the
    # write not over, and no later telling came: the failure was never said, nor tried again.
    disk = Disk()
    disk.fail_with = OSError("gone")
    idle_when_told: list[bool] = []
    writer: Writer[list[str]] = Writer(disk.write, merge, lambda: idle_when_told.append(writer.idle))
    writer.submit(["a"])
    assert writer.wait(5)
    assert idle_when_told == [True]
    writer.resume()
    assert writer.submit(["b"]).result(5) is None
    assert writer.wait(5)
    assert idle_when_told == [True, True]
    writer.close()


def test_waiting_lasts_until_done_has_been_told() -> None:
    # Whoever waits for the writes (a quit) then looks at what the telling left.
    disk = Disk()
    telling, told = threading.Event(), threading.Event()

    def done() -> None:
        telling.set()
        told.wait(5)

    writer = Writer(disk.write, merge, done)
    writer.submit(["a"])
    assert telling.wait(5)
    assert writer.idle  # the write is over ...
    assert writer.wait(0.05) is False  # ... and the telling is not
    told.set()
    assert writer.wait(5)
    writer.close()


def test_waiting_sees_the_outcome_of_the_last_write() -> None:
    disk = Disk()
    disk.hold.clear()
    disk.fail_with = OSError("gone")
    writer = writer_for(disk)
    writer.submit(["a"])
    assert disk.started.wait(5)
    assert not writer.idle
    assert writer.wait(0.05) is False  # still writing
    disk.hold.set()
    assert writer.wait(5)
    assert writer.idle and writer.failed is not None
    writer.close()


def test_closing_writes_what_is_queued_first_and_refuses_more() -> None:
    disk = Disk()
    disk.hold.clear()
    writer = writer_for(disk)
    writer.submit(["a"])
    assert disk.started.wait(5)
    writer.submit(["b"])
    threading.Timer(0.05, disk.hold.set).start()
    writer.close()
    assert disk.written == [["a"], ["b"]]
    with pytest.raises(RuntimeError, match="^the writer is closed$"):
        writer.submit(["c"])


def test_a_writer_given_nothing_is_idle_at_once() -> None:
    writer = writer_for(Disk())
    assert writer.idle
    assert writer.wait(0) is True
    writer.close()


def test_a_done_that_fails_does_not_stop_the_writing() -> None:
    disk = Disk()

    def broken() -> None:
        raise RuntimeError("the app is gone")

    writer = Writer(disk.write, merge, broken)
    assert writer.submit(["a"]).result(5) is None
    assert writer.submit(["b"]).result(5) is None
    assert disk.written == [["a"], ["b"]]
    writer.close()


def test_a_program_that_never_closes_its_writer_still_ends() -> None:
    """The thread must not keep a process alive (a command that forgot, a crash path)."""
    import subprocess
    import sys

    code = (
        "from interview_tui.core.writer import Writer\n"
        "w = Writer(lambda job, refused: None, lambda a, b: b)\n"
        "w.submit(1).result(5)\n"
        "print('ended')\n"
    )
    finished = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30, check=False)
    assert finished.returncode == 0, finished.stderr
    assert finished.stdout.strip() == "ended"
