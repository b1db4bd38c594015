"""The writer's thread never keeps a program alive: a command that forgot to close its writer, or
a crash path that never reached the close, still ends once its last job is written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import interview_tui
from interview_tui.core.writer import Writer

_FORGETFUL = (
    # Should the thread hold the program open, it ends itself rather than linger unseen.
    "import signal\n"
    "signal.alarm(30)\n"
    "from interview_tui.core.writer import Writer\n"
    "writer = Writer(lambda job, refused: None, lambda older, newer: newer)\n"
    "writer.submit(1).result(5)\n"
    "print('ended')\n"
)


def test_a_program_that_never_closes_its_writer_ends_after_its_last_write() -> None:
    # The same writer made here as in the child: the same code runs in this process too, so a
    # tool that picks tests by what they run knows this one is about the writer's start.
    written: list[int] = []
    here = Writer(lambda job, refused: written.append(job), lambda older, newer: newer)
    assert here.submit(7).result(5) is None
    assert written == [7]
    here.close()

    # The child imports the package this test imported, wherever that is.
    package_root = str(Path(interview_tui.__file__).resolve().parent.parent)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")])))
    finished = subprocess.run([sys.executable, "-c", _FORGETFUL], capture_output=True, text=True,
                              timeout=120, check=False, env=env, cwd=package_root)
    assert finished.returncode == 0, "the program did not end by itself: the writer's thread held it open"
    assert finished.stdout.strip() == "ended"
