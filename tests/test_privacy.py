"""Privacy: the workspace holds other people's personal details.

- Every file that holds them (the workspace, its rolling backup, its lock, a conflict copy,
  every export) is created readable by its owner only, and every directory made for them is
  private, even under ``umask 000``.
- Nothing is sent anywhere: the commands and the app work with the network taken away, and
  none of them tries to use it.
"""

from __future__ import annotations

import os
import shutil
import socket
import stat
import sys
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest
from textual.widgets import Input

from interview_tui import cli, config
from interview_tui.core.models import Contact
from interview_tui.core.storage import backup_path, conflict_path, lock_path
from interview_tui.core.store import Store
from interview_tui.tui.app import make_app
from interview_tui.tui.screens.main import MainScreen

NOW = datetime(2026, 11, 25, 10, 0)
FIXTURES = Path(__file__).resolve().parent / "formats" / "fixtures"


def clock() -> datetime:
    return NOW


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def lax_umask() -> Iterator[None]:
    """umask 000: anything not made private on purpose would come out world-readable (and
    world-writable). The process's umask is restored whatever happens."""
    previous = os.umask(0)
    try:
        yield
    finally:
        os.umask(previous)


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user data directory, inside the test's directory and not yet created; no
    $INTERVIEW_TUI_DB, so the commands use it."""
    where = tmp_path / "user-data" / "interview-tui"
    monkeypatch.delenv(config.ENV_VAR, raising=False)
    monkeypatch.setattr(config, "default_directory", lambda: where)
    return where


def run(*argv: str) -> int:
    return cli.main(list(argv), clock=clock)


# Files and directories --------------------------------------------------------------------------


def test_the_data_directory_workspace_backup_and_lock_are_private_under_umask_000(
    lax_umask: None, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("add", "Alex Example") == 0
    assert run("add", "Sam Sample") == 0  # a second save: now there is a backup too
    workspace = data_dir / config.FILE_NAME
    # Every directory the first command had to make, not only the last one.
    assert mode(data_dir) == 0o700
    assert mode(data_dir.parent) == 0o700
    assert mode(workspace) == 0o600
    assert mode(backup_path(workspace)) == 0o600
    assert mode(lock_path(workspace)) == 0o600
    capsys.readouterr()


def test_a_workspace_left_world_readable_is_private_again_after_a_save(
    lax_umask: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Copied in by hand, restored from an old disk: the next save tightens it and its backup."""
    db = tmp_path / "w.json"
    assert run("--db", str(db), "add", "Alex Example") == 0
    db.chmod(0o666)
    assert run("--db", str(db), "add", "Sam Sample") == 0
    assert mode(db) == 0o600
    assert mode(backup_path(db)) == 0o600
    capsys.readouterr()


def test_a_conflict_copy_is_private_under_umask_000(lax_umask: None, tmp_path: Path) -> None:
    db = tmp_path / "w.json"
    with Store.open(db, clock=clock) as store:
        store.storage.flush()
        # Another program (a sync tool) replaces the file with one of its own, world-readable.
        theirs = tmp_path / "theirs.json"
        shutil.copyfile(db, theirs)
        theirs.write_bytes(theirs.read_bytes().replace(b"\n}", b"\n }"))
        theirs.chmod(0o666)
        os.replace(theirs, db)
        store.add_contact(Contact(name="Alex Example"))
        diverted = store.storage.diverted_to
    assert diverted is not None and diverted.exists()
    assert diverted.name.startswith(conflict_path(db).name.split(".conflict-")[0] + ".conflict-")
    assert mode(diverted) == 0o600


@pytest.mark.parametrize(
    ("kind", "name"),
    [("vcard", "contacts.vcf"), ("ics", "plan.ics"), ("csv", "contacts.csv"), ("json", "backup.json"), ("markdown", "notes")],
)
def test_exports_are_private_under_umask_000(
    lax_umask: None, tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str, name: str
) -> None:
    db = tmp_path / "w.json"
    assert run("--db", str(db), "add", "Alex Example", "--email", "alex@example.org") == 0
    assert run("--db", str(db), "schedule", "Alex Example", "tomorrow 3pm") == 0
    out = tmp_path / name
    assert run("--db", str(db), "export", kind, str(out)) == 0
    said = capsys.readouterr().out
    assert str(out) in said  # exports say where they wrote
    if kind == "markdown":
        assert mode(out) == 0o700
        pages = list(out.iterdir())
        assert pages and all(mode(page) == 0o600 for page in pages)
    else:
        assert mode(out) == 0o600


# Nothing is sent anywhere ------------------------------------------------------------------------


class NetworkUsed(AssertionError):
    pass


# Audit events of the interpreter for reaching the network: raised by the C code itself, so they
# catch a library that imported socket functions before the monkeypatching below.
_NETWORK_EVENTS = frozenset(
    {"socket.connect", "socket.sendto", "socket.sendmsg", "socket.getaddrinfo", "socket.gethostbyname",
     "socket.gethostbyaddr", "socket.bind", "urllib.Request", "http.client.connect", "ftplib.connect",
     "smtplib.connect", "webbrowser.open"}
)
_audit_log: list[str] | None = None
"""Where the audit hook records attempts; None when no test is watching."""


def _audit(event: str, args: tuple[object, ...]) -> None:
    if _audit_log is None or event not in _NETWORK_EVENTS:
        return
    address = args[1] if event.startswith("socket.") and len(args) > 1 else None
    if isinstance(address, (str, bytes)) and event in ("socket.connect", "socket.bind"):
        return  # an AF_UNIX path: local, never the network
    _audit_log.append(f"{event}{args!r}")
    raise NetworkUsed(f"{event}: nothing may be sent anywhere")


_hook_installed = False


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every way out to the network raises, and is recorded (in case something swallows the
    error). Local socket pairs (AF_UNIX), which the event loop uses to wake itself, stay."""
    global _audit_log, _hook_installed
    attempts: list[str] = []
    if not _hook_installed:  # audit hooks cannot be removed: one for the process, off when idle
        sys.addaudithook(_audit)
        _hook_installed = True
    real_socket = socket.socket

    def refuse(what: str) -> Callable[..., object]:
        def raiser(*args: object, **kwargs: object) -> object:
            attempts.append(f"{what}{args!r}")
            raise NetworkUsed(f"{what} called: nothing may be sent anywhere")

        return raiser

    class GuardedSocket(real_socket):
        def __init__(self, family: int = -1, *args: object, **kwargs: object) -> None:
            if family in (socket.AF_INET, socket.AF_INET6, -1) and kwargs.get("fileno") is None and not (
                len(args) >= 3 and args[2] is not None
            ):
                attempts.append(f"socket({family!r})")
                raise NetworkUsed("socket.socket for the network: nothing may be sent anywhere")
            super().__init__(family, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "socket", GuardedSocket)
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex", "create_server"):
        monkeypatch.setattr(socket, name, refuse(f"socket.{name}"))
    _audit_log = attempts
    try:
        yield attempts
    finally:
        _audit_log = None


def test_the_guard_does_refuse_the_network(no_network: list[str]) -> None:
    with pytest.raises(NetworkUsed):
        socket.create_connection(("example.org", 443))
    with pytest.raises(NetworkUsed):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    # Also through a socket made before the guard, as a library holding one would.
    with real_udp_socket() as udp, pytest.raises(NetworkUsed):
        udp.sendto(b"x", ("192.0.2.1", 9))
    assert len(no_network) == 3
    no_network.clear()


_early_udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
_early_udp.close()


def real_udp_socket() -> socket.socket:
    """A socket of the real class, made without going through the patched constructor."""
    return type(_early_udp)(socket.AF_INET, socket.SOCK_DGRAM)


def test_the_commands_send_nothing_anywhere(
    no_network: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "w.json"
    steps = [
        ["add", "Alex Example", "--company", "Northwind Labs", "--email", "alex@example.org"],
        ["add", "Sam Sample", "--referred-by", "Alex Example"],
        ["schedule", "Alex Example", "tomorrow 3pm", "--where", "https://meet.example.org/x"],
        ["note", "Alex Example", "Talked about research methods."],
        ["list"],
        ["list", "--json"],
        ["due", "--within", "7"],
        ["import", "linkedin", str(FIXTURES / "Connections.csv")],
        ["export", "ics", str(tmp_path / "plan.ics")],
        ["export", "vcard", str(tmp_path / "contacts.vcf")],
    ]
    for argv in steps:
        code = run("--db", str(db), *argv)
        captured = capsys.readouterr()
        assert code == 0, (argv, captured.err)
        assert captured.err == "", argv
    assert (tmp_path / "plan.ics").read_text().startswith("BEGIN:VCALENDAR")
    assert "Alex Example" in (tmp_path / "contacts.vcf").read_text()
    assert no_network == []


async def test_the_app_sends_nothing_anywhere(no_network: list[str], tmp_path: Path) -> None:
    store = Store.open(tmp_path / "w.json", clock=clock)
    try:
        app = make_app(store, cursor_blink=False)
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("a")
            await pilot.pause()
            app.screen.query_one("#field-name", Input).value = "Alex Example"
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, MainScreen)
            await pilot.press("f")
            await pilot.pause()
            app.screen.query_one("#field-due", Input).value = "fri 3pm"
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, MainScreen)
            await pilot.press("n")  # notes of a conversation: typed, then saved on leaving
            await pilot.pause()
            await pilot.press(*"hello")
            await pilot.press("escape")
            await pilot.pause()
            await pilot.press("q")
            await pilot.pause()
        assert [c.name for c in store.contacts()] == ["Alex Example"]
        assert len(store.followups()) == 1
        assert "hello" in store.all_interviews()[0].notes or any(
            "hello" in answer for answer in store.all_interviews()[0].answers.values()
        )
        assert mode(store.path) == 0o600
    finally:
        store.close()
    assert no_network == []
