"""Reading the workspace: the fast parser agrees with orjson (which writes the file) on every
document and every fault, and the file read ahead while the app starts is used only if it is
still the file on disk once the lock is held."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from interview_tui.core.errors import WorkspaceUnreadable
from interview_tui.core.models import Contact
from interview_tui.core.storage import ReadAhead, parse
from interview_tui.core.store import Store

# What orjson writes: 64-bit integers, finite floats, any string it can encode (no lone
# surrogates), nested lists and objects with string keys.
_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**64 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(st.characters(exclude_categories=("Cs",)))
)
_documents = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=8), inner, max_size=5),
    max_leaves=30,
)


@given(_documents)
def test_whatever_orjson_writes_reads_back_the_same(document: object) -> None:
    for option in (0, orjson.OPT_INDENT_2):
        raw = orjson.dumps(document, option=option)
        assert parse(raw) == orjson.loads(raw)


@settings(max_examples=300)
@given(_documents, st.data())
def test_damaged_bytes_are_refused_as_orjson_refuses_them_with_its_line_and_column(document: object, data: st.DataObject) -> None:
    raw = bytearray(orjson.dumps(document, option=orjson.OPT_INDENT_2))
    # Cut it short, or overwrite one byte with anything (a stray quote, a NUL, invalid UTF-8).
    if data.draw(st.booleans()) and len(raw) > 1:
        raw = raw[: data.draw(st.integers(0, len(raw) - 1))]
    elif raw:
        raw[data.draw(st.integers(0, len(raw) - 1))] = data.draw(st.integers(0, 255))
    try:
        expected = orjson.loads(bytes(raw))
    except orjson.JSONDecodeError as refusal:
        with pytest.raises(orjson.JSONDecodeError) as caught:
            parse(bytes(raw))
        assert str(caught.value) == str(refusal)
    else:
        got = parse(bytes(raw))
        # One difference, by design: an integer too big for 64 bits (a digit overwritten in a
        # large one) is read exactly, where orjson reads it as a float.
        if not _has_integer_beyond_64_bits(got):
            assert got == expected


def _has_integer_beyond_64_bits(value: object) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return not -(2**63) <= value < 2**64
    if isinstance(value, list):
        return any(_has_integer_beyond_64_bits(v) for v in value)
    if isinstance(value, dict):
        return any(_has_integer_beyond_64_bits(v) for v in value.values())
    return False


def test_deep_nesting_is_refused_with_a_message_not_a_recursion_error() -> None:
    with pytest.raises(orjson.JSONDecodeError, match="depth"):
        parse(b"[" * 100_000 + b"]" * 100_000)


def test_a_damaged_workspace_message_says_where_by_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "interviews.json"
    path.write_bytes(b'{\n  "contacts": {\n    "1": {"name": "Alex Example",}\n  }\n}\n')
    with pytest.raises(WorkspaceUnreadable, match=r"line 3 column"):
        Store.open(path)
    assert b"Alex Example" in path.read_bytes()


@pytest.fixture
def saved(tmp_path: Path) -> Path:
    path = tmp_path / "interviews.json"
    with Store.open(path) as store:
        store.add_contact(Contact(name="Alex Example"))
    return path


def names(store: Store) -> list[str]:
    return [c.name for c in store.contacts()]


def test_the_bytes_read_ahead_open_the_workspace(saved: Path) -> None:
    ahead = ReadAhead(saved)
    with Store.open(saved, read_ahead=ahead) as store:
        assert names(store) == ["Alex Example"]


def test_a_file_replaced_after_the_read_ahead_is_read_again(saved: Path, tmp_path: Path) -> None:
    ahead = ReadAhead(saved)
    ahead._thread.join()
    # Another program (a sync tool) puts a new version in place before the app takes the lock.
    newer = tmp_path / "newer.json"
    with Store.open(newer) as store:
        store.add_contact(Contact(name="Sam Sample"))
    os.replace(newer, saved)
    with Store.open(saved, read_ahead=ahead) as store:
        assert names(store) == ["Sam Sample"]


def test_a_file_changed_in_place_after_the_read_ahead_is_read_again(saved: Path) -> None:
    ahead = ReadAhead(saved)
    ahead._thread.join()
    text = saved.read_text().replace("Alex Example", "Jordan Demo")
    with saved.open("r+") as file:  # an editor that writes in place: same inode
        file.write(text)
        file.truncate()
    stamp = saved.stat().st_mtime_ns + 1_000_000
    os.utime(saved, ns=(stamp, stamp))
    with Store.open(saved, read_ahead=ahead) as store:
        assert names(store) == ["Jordan Demo"]


def test_a_missing_file_read_ahead_is_created_as_usual(tmp_path: Path) -> None:
    path = tmp_path / "interviews.json"
    ahead = ReadAhead(path)
    with Store.open(path, read_ahead=ahead) as store:
        assert store.created_now
        assert names(store) == []
    assert path.exists()


def test_read_ahead_bytes_are_handed_out_once(saved: Path) -> None:
    ahead = ReadAhead(saved)
    assert ahead.take(ahead.path) == saved.read_bytes()
    assert ahead.take(ahead.path) is None


def test_a_fifo_in_place_of_the_file_does_not_hang_the_read_ahead(tmp_path: Path) -> None:
    fifo = tmp_path / "interviews.json"
    os.mkfifo(fifo)
    ahead = ReadAhead(fifo)
    finished = threading.Event()

    def take() -> None:
        ahead.take(ahead.path)
        finished.set()

    threading.Thread(target=take, daemon=True).start()
    assert finished.wait(5), "the read-ahead blocked on a FIFO"
