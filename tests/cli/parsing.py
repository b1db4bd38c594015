"""What the command's own quick readers of a command line are held to: reading it as argparse does."""

from __future__ import annotations

import argparse
import contextlib
import io

from interview_tui import cli


def assert_read_as_the_parser_reads(plain: argparse.Namespace, argv: list[str]) -> None:
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            parsed = cli.build_parser().parse_args(argv)
    except SystemExit:
        raise AssertionError(f"{argv} was read plainly, and the parser refuses it") from None
    assert vars(plain) == vars(parsed)
