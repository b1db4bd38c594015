"""Per-user preferences: a TOML file in the user config directory, never in the workspace."""

from __future__ import annotations

import json
import sys
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from interview_tui import prefs
from interview_tui.prefs import Preferences, PreferencesUnreadable


@pytest.fixture
def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user config directory, moved into the test's temporary directory (not created)."""
    where = tmp_path / "user-config" / "interview-tui"
    monkeypatch.setattr(prefs, "config_directory", lambda: where)
    return where


def test_no_file_means_the_defaults_and_nothing_is_created(config_dir: Path) -> None:
    assert prefs.load(prefs.config_path()) == Preferences(warmest_first=False)
    assert not config_dir.exists()


def test_warmest_first_is_kept_in_config_toml_private_to_the_user(config_dir: Path) -> None:
    prefs.save(prefs.config_path(), Preferences(warmest_first=True))
    path = config_dir / "config.toml"
    assert tomllib.loads(path.read_text())["contact_order"] == "warmest"
    assert prefs.load(path).warmest_first is True
    assert path.stat().st_mode & 0o777 == 0o600
    assert config_dir.stat().st_mode & 0o777 == 0o700
    prefs.save(path, Preferences(warmest_first=False))
    assert prefs.load(path).warmest_first is False
    assert [p.name for p in config_dir.iterdir()] == ["config.toml"]  # no temporary file left


def test_saving_keeps_comments_other_keys_and_tables(config_dir: Path) -> None:
    config_dir.mkdir(parents=True)
    path = config_dir / "config.toml"
    path.write_text('# mine\ntheme = "nord"\ncontact_order = "name"  # was\n\n[keys]\nadd = "A"\n')
    prefs.save(path, Preferences(warmest_first=True))
    text = path.read_text()
    assert text.startswith("# mine\n")
    assert tomllib.loads(text) == {"theme": "nord", "contact_order": "warmest", "keys": {"add": "A"}}


def test_a_line_that_is_not_toml_is_refused_with_its_line_number(config_dir: Path) -> None:
    config_dir.mkdir(parents=True)
    path = config_dir / "config.toml"
    path.write_text('# mine\ntheme = "nord"\ncontact_order = warmest\n')
    with pytest.raises(PreferencesUnreadable, match=r"line 3") as refused:
        prefs.load(path)
    assert str(path) in str(refused.value)


def test_a_value_it_cannot_use_is_refused_with_its_line_number(config_dir: Path) -> None:
    config_dir.mkdir(parents=True)
    path = config_dir / "config.toml"
    path.write_text('\n\ncontact_order = "hottest"\n')
    with pytest.raises(PreferencesUnreadable, match=r"line 3: contact_order must be \"name\" or \"warmest\""):
        prefs.load(path)


def test_the_real_directory_is_the_platform_config_directory(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    if sys.platform.startswith("linux"):
        assert prefs.config_path() == tmp_path / "xdg" / "interview-tui" / "config.toml"
    assert prefs.config_path().parent.name == "interview-tui"


_keys = st.from_regex(r"[a-z][a-z0-9_]{0,11}", fullmatch=True).filter(lambda k: k != "contact_order")
_values = st.one_of(st.integers(-(10**9), 10**9), st.booleans(), st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=20))


@settings(max_examples=60, deadline=None)
@given(
    top=st.dictionaries(_keys, _values, max_size=5),
    table=st.dictionaries(_keys, _values, max_size=3),
    warmest=st.booleans(),
)
def test_saving_changes_only_contact_order(tmp_path_factory: pytest.TempPathFactory, top, table, warmest) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("cfg") / "config.toml"
    lines = [f"{key} = {json.dumps(value, ensure_ascii=False)}" for key, value in top.items()]
    if table:
        lines += ["[other]", *(f"{key} = {json.dumps(value, ensure_ascii=False)}" for key, value in table.items())]
    path.write_text("\n".join(lines), encoding="utf-8")
    before = tomllib.loads(path.read_text(encoding="utf-8"))
    prefs.save(path, Preferences(warmest_first=warmest))
    after = tomllib.loads(path.read_text(encoding="utf-8"))
    assert after == {**before, "contact_order": "warmest" if warmest else "name"}
    assert prefs.load(path).warmest_first is warmest
