"""Tables kept as text pinned: a record read through a RecordTexts is parsed once and kept, the
dict operations the Store uses behave as a dict's, the copy a save hands over keeps the texts as
they are, an empty table is written as orjson writes
it, and the records the typed reader made are handed over once."""

from __future__ import annotations

from pathlib import Path

import msgspec
import orjson
import pytest

from interview_tui.core.storage import DurableStorage, encode
from interview_tui.core.store import _typed_readers
from interview_tui.core.table_text import RecordTexts, Unparsed

ALEX = {"name": "Alex Example", "tags": ["x"]}
SAM = {"name": "Sam Sample"}


def texts() -> RecordTexts:
    return RecordTexts({"1": msgspec.Raw(orjson.dumps(ALEX)), "2": msgspec.Raw(orjson.dumps(SAM))})


def test_a_record_is_parsed_once_and_a_change_to_it_is_kept() -> None:
    table = texts()
    first = table["1"]
    assert first == ALEX
    first["name"] = "Alex Changed"
    assert table["1"] is first
    assert table["1"]["name"] == "Alex Changed"
    assert table.get("1") is first
    assert table.get("3", "none") == "none"


def test_pop_gives_the_record_parsed_and_a_missing_one_as_a_dict_would() -> None:
    table = texts()
    assert table.pop("2") == SAM
    assert "2" not in table and len(table) == 1
    assert table.pop("2", None) is None
    assert table.pop("9", "default") == "default"
    with pytest.raises(KeyError):
        table.pop("9")
    assert table.pop("1") == ALEX
    assert len(table) == 0


def test_every_way_to_the_whole_table_gives_parsed_records() -> None:
    table = texts()
    assert table.plain() == {"1": ALEX, "2": SAM}
    assert type(table.plain()) is dict
    copied = table.copy()
    assert copied == {"1": ALEX, "2": SAM} and type(copied) is dict
    assert dict(table) == {"1": ALEX, "2": SAM}
    assert list(table.values()) == [ALEX, SAM]
    assert list(table.items()) == [("1", ALEX), ("2", SAM)]


def test_the_stored_copy_holds_the_documents_as_they_are_and_leaves_the_table_as_it_was() -> None:
    table = texts()
    parsed = table["1"]
    del table["2"]  # a table a record left: copied as well as a full one
    table["3"] = msgspec.Raw(orjson.dumps(SAM))
    stored = table.stored()
    assert type(stored) is dict
    assert stored["1"] is parsed
    assert type(stored["3"]) is msgspec.Raw and orjson.loads(bytes(stored["3"])) == SAM  # not parsed
    assert list(stored) == ["1", "3"]
    # The table is still one: what it reads is parsed, the copy apart from it.
    assert type(table) is RecordTexts
    assert table["3"] == SAM and type(stored["3"]) is msgspec.Raw
    stored["4"] = {}
    assert "4" not in table


@pytest.mark.parametrize("records", [{}, {"1": ALEX}, {"2": SAM, "10": ALEX}])
@pytest.mark.parametrize("parsed", [(), ("1",), ("2", "10")])
def test_a_table_is_encoded_as_orjson_indents_it_in_the_document(records: dict, parsed: tuple) -> None:
    whole = orjson.dumps({"contacts": records}, option=orjson.OPT_INDENT_2)
    table = Unparsed(msgspec.json.decode(whole, type=dict[str, msgspec.Raw])["contacts"], None, 0).split()
    for key in parsed:
        if key in table:
            table[key]  # parsed now: encoded again rather than written as read
    encoded = table.encoded("contacts", lambda doc: orjson.dumps(doc, option=orjson.OPT_INDENT_2))
    assert encoded == whole[2:-2]


def test_the_records_read_typed_at_opening_are_handed_over_once(tmp_path: Path) -> None:
    path = tmp_path / "w.json"
    path.write_bytes(encode({"contacts": {"1": ALEX, "2": SAM}, "questions": {}}))
    storage = DurableStorage(path, typed=_typed_readers())
    try:
        records = storage.take_records("contacts")
        assert records is not None
        assert {key: record.name for key, record in records.items()} == {"1": "Alex Example", "2": "Sam Sample"}
        assert storage.take_records("contacts") is None  # the taker's now
        assert storage.take_records("questions") is None  # read as documents
        assert storage.take_records("touches") is None  # not in the file
    finally:
        storage.close()
