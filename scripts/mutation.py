"""Mutation testing of one module at a time, and the scores it records.

    python scripts/mutation.py core/dates.py            # one module
    python scripts/mutation.py core/dates.py core/trash.py
    python scripts/mutation.py core/storage.py --sample 250 --seed 16   # a random sample
    python scripts/mutation.py --refresh                # redo the table after writing notes
    python scripts/mutation.py --list                   # the modules and their tests

Each module is mutated by mutmut 3 (``pip install -e '.[dev]'``) against the test files that
cover it, never the whole suite, with a single worker: the machine is shared and the scores do
not depend on speed. The work happens in a scratch copy of the package and its tests outside the
checkout (``--workdir``), so mutmut's ``mutants/`` folder never lands in the tree, and the
scratch ``pyproject.toml`` carries the ``[tool.mutmut]`` section for that module only. The copy
is of the files as they are in the checkout, edits not yet committed included, unless
``--commit HEAD`` takes them as committed: record scores from a clean checkout or with it.

mutmut runs each mutant in a process forked from one that ran the tests already, so code that
runs once per process (at import, or cached at its first use) would never run with the mutant
switched on: for the modules in ``MADE_ONCE`` the scratch copy's tests make those caches again
before each test. Code that runs only at import stays out of reach, and its survivors say so.

The scores go to ``mutation-scores.md``. A section is rewritten only for the modules that were
run; the explanation written after each surviving mutant is kept while that mutant survives,
and a new survivor is marked ``UNEXPLAINED`` until someone kills it with a test or says why it
cannot be killed.

How an outcome counts: mutmut's exit codes 1 and 3 (a test failed, pytest's own error), a
timeout and a crash of the worker are kills; 0, and a mutant that no test reaches, are
survivors; anything else (a collection error, an interruption) is neither and is reported by
name under "not run", so a broken run cannot pass for a good score. A clean run that fails, or
a collection error before any mutant is tried, stops the script with a message naming mutmut's
exit status.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCORES = ROOT / "mutation-scores.md"
BAR = 90.0

# Each module with the test files that cover it, and pytest arguments that leave tests out.
# The storage kill tests SIGKILL child processes for minutes: they prove durability, not the
# logic mutated here, and would dominate the run.
# The workflow and insight packages are tested through the names their __init__ re-exports, by
# one set of test files for each package.
_WORKFLOW_TESTS = ["tests/core/test_workflow.py", "tests/core/test_update_everyone.py",
                   "tests/core/test_method.py", "tests/core/test_undo.py",
                   "tests/core/test_workflow_pinned.py", "tests/core/test_fields_all_at_once.py"]
_INSIGHT_TESTS = ["tests/core/test_insight.py", "tests/core/test_insight_pinned.py"]

MODULES: dict[str, tuple[list[str], list[str]]] = {
    "core/dates.py": (["tests/core/test_dates.py", "tests/core/test_dates_grammar.py",
                       "tests/core/test_dates_pinned.py", "tests/core/test_dates_hints.py",
                       "tests/core/test_dates_midnight.py", "tests/core/test_dates_overnight.py",
                       "tests/core/test_dates_per_field.py"], []),
    "core/day_words.py": (["tests/core/test_dates.py", "tests/core/test_dates_pinned.py"], []),
    "core/lean_msgspec.py": (["tests/core/test_lean_msgspec.py", "tests/cli/test_due_speed.py"], []),
    "core/notes_doc.py": (["tests/core/test_notes_doc.py", "tests/core/test_notes_doc_props.py",
                           "tests/core/test_notes_doc_pinned.py"], []),
    "core/keep_in_touch.py": (["tests/core/test_keep_in_touch.py",
                               "tests/core/test_keep_in_touch_pinned.py", "tests/core/test_cadence_words.py",
                               "tests/core/test_repeat_words.py", "tests/cli/test_cadence_option.py"], []),
    "core/recurrence.py": (["tests/core/test_recurrence.py", "tests/core/test_recurrence_pinned.py",
                            "tests/core/test_repeat_words.py", "tests/core/test_rules_in_words.py"], []),
    "core/repeat_words.py": (["tests/core/test_repeat_words.py", "tests/core/test_cadence_words.py"], []),
    "core/storage.py": (["tests/core/test_storage.py", "tests/core/test_storage_conflict.py",
                         "tests/core/test_storage_encode.py", "tests/core/test_storage_hostile.py",
                         "tests/core/test_storage_read.py", "tests/core/test_opening_never_writes.py",
                         "tests/core/test_table_text_pinned.py", "tests/core/test_storage_pinned.py",
                         # saves handed to the writer thread: the snapshot, the mirror, the chunks
                         "tests/core/test_background_saves.py", "tests/core/test_writer.py",
                         "tests/core/test_save_memory.py", "tests/cli/test_while_the_app_is_open.py",
                         "tests/tui/test_read_only.py",
                         # tables read after opening, the whole file read in one pass
                         "tests/core/test_read_later.py", "tests/core/test_typed_read.py"],
                        ["-m", "not slow"]),
    "core/store.py": (["tests/core/test_store.py", "tests/core/test_store_door.py",
                       "tests/core/test_store_performance_paths.py", "tests/core/test_record_ids.py",
                       "tests/core/test_migrations.py", "tests/core/test_opening_never_writes.py",
                       # the store is the one door to the data: every core module's tests go
                       # through it (the trash, undo, the timeline's events, settings, questions)
                       "tests/core/test_undo.py", "tests/core/test_history_pinned.py",
                       "tests/core/test_trash.py", "tests/core/test_trash_pinned.py",
                       "tests/core/test_timeline.py", "tests/core/test_workflow.py",
                       "tests/core/test_method.py", "tests/core/test_conversations.py",
                       "tests/core/test_queue.py", "tests/core/test_insight.py",
                       "tests/core/test_background_saves.py", "tests/core/test_store_pinned.py",
                       "tests/core/test_read_later.py", "tests/core/test_typed_read.py"], []),
    "core/validate.py": (["tests/core/test_validation.py", "tests/core/test_opening_ranges.py",
                          "tests/core/test_validate_pinned.py", "tests/core/test_validate_leftover.py",
                          "tests/core/test_opening_refuses_what_forms_refuse.py"], []),
    "core/typed_read.py": (["tests/core/test_typed_read.py", "tests/core/test_store.py",
                            "tests/core/test_validation.py", "tests/core/test_table_text_pinned.py",
                            "tests/core/test_typed_read_pinned.py", "tests/core/test_read_later.py"], []),
    "core/table_text.py": (["tests/core/test_typed_read.py", "tests/core/test_store.py",
                            "tests/core/test_storage_encode.py", "tests/core/test_opening_never_writes.py",
                            "tests/core/test_table_text_pinned.py", "tests/core/test_read_later.py"], []),
    "core/quick_read.py": (["tests/core/test_quick_read_due_speed.py", "tests/cli/test_due_speed.py",
                            "tests/cli/test_startup_imports.py", "tests/core/test_quick_read_pinned.py"], []),
    "core/models.py": (["tests/core/test_store.py", "tests/core/test_validation.py",
                        "tests/core/test_typed_read.py", "tests/core/test_migrations.py",
                        "tests/core/test_record_ids.py", "tests/core/test_models_pinned.py"], []),
    "core/history.py": (["tests/core/test_undo.py", "tests/core/test_history_pinned.py"], []),
    "core/trash.py": (["tests/core/test_trash.py", "tests/core/test_trash_pinned.py"], []),
    "core/conversations.py": (["tests/core/test_conversations.py",
                               "tests/core/test_conversations_pinned.py", "tests/core/test_notes_then_a_time.py",
                               "tests/core/test_midnight_to_come.py", "tests/core/test_fields_all_at_once.py",
                               "tests/core/test_overlapping.py"], []),
    # FieldChecks: every field of a form checked before one refusal is raised for them all.
    "core/errors.py": (["tests/core/test_fields_all_at_once.py", "tests/cli/test_schedule.py",
                        "tests/core/test_storage.py", "tests/core/test_storage_pinned.py",
                        "tests/core/test_store_pinned.py", "tests/cli/test_while_the_app_is_open.py",
                        "tests/cli/test_schedule_notes_first.py"], []),
    "core/timeline.py": (["tests/core/test_timeline.py", "tests/core/test_timeline_pinned.py",
                          "tests/core/test_notes_started_in_history.py"], []),
    "core/text.py": (["tests/core/test_text.py", "tests/core/test_text_c1_sequences.py",
                      "tests/core/test_text_pinned.py"], []),
    "core/local_time.py": (["tests/core/test_local_time.py", "tests/core/test_local_time_pinned.py"], []),
    "core/queue.py": (["tests/core/test_queue.py", "tests/core/test_queue_window.py",
                       "tests/core/test_queue_pinned.py", "tests/core/test_queue_due_by.py",
                       "tests/core/test_midnight_to_come.py", "tests/core/test_insight.py"], []),
    "core/contact_query.py": (["tests/core/test_contact_query.py",
                               "tests/core/test_contact_query_pinned.py"], []),
    "core/templates.py": (["tests/core/test_templates.py", "tests/core/test_templates_pinned.py"], []),
    "core/rescue.py": (["tests/core/test_trash.py", "tests/core/test_trash_pinned.py",
                        "tests/core/test_rescue_pinned.py"], []),
    "core/demo.py": (["tests/core/test_insight.py", "tests/core/test_demo_pinned.py"], []),
    "core/search.py": (["tests/core/test_search.py", "tests/core/test_search_narrowing.py",
                        "tests/core/test_search_pinned.py"], []),
    "core/insight/answers.py": (_INSIGHT_TESTS, []),
    "core/insight/dashboard.py": (_INSIGHT_TESTS, []),
    "core/insight/referrals.py": (_INSIGHT_TESTS, []),
    "core/workflow/fields.py": ([*_WORKFLOW_TESTS, "tests/core/test_notes_then_a_time.py",
                                 "tests/cli/test_cadence_option.py"], []),
    "core/workflow/followups.py": ([*_WORKFLOW_TESTS, "tests/core/test_midnight_to_come.py"], []),
    "core/workflow/notes.py": ([*_WORKFLOW_TESTS, "tests/core/test_capture_which_conversation.py"], []),
    "core/workflow/plans.py": (_WORKFLOW_TESTS, []),
    "core/workflow/stages.py": (_WORKFLOW_TESTS, []),
    "core/workflow/steps.py": ([*_WORKFLOW_TESTS, "tests/core/test_midnight_to_come.py",
                                "tests/core/test_notes_started_in_history.py"], []),
    "core/workflow/update_everyone.py": ([*_WORKFLOW_TESTS, "tests/core/test_midnight_to_come.py"], []),
    # Saving off the interface's thread: its own tests, however many files they take.
    "core/writer.py": (["tests/core/test_writer*.py"], []),
    "formats/vcard.py": (["tests/formats/test_vcard.py", "tests/formats/test_vcard_pinned.py"], []),
    "formats/linkedin.py": (["tests/formats/test_linkedin.py", "tests/formats/test_linkedin_pinned.py"], []),
    "formats/csv_contacts.py": (["tests/formats/test_csv_format.py",
                                 "tests/formats/test_csv_contacts_pinned.py"], []),
    "formats/ical.py": (["tests/formats/test_ical.py", "tests/formats/test_ical_pinned.py"], []),
    "formats/invitation.py": (["tests/formats/test_invitation.py",
                               "tests/formats/test_invitation_pinned.py",
                               "tests/formats/test_invitation_unsaid.py",
                               "tests/formats/test_invitation_which_conversation.py"], []),
    "formats/importing.py": (["tests/formats/test_import_merge.py",
                              "tests/formats/test_importing_pinned.py"], []),
}

# mutmut 3 runs each mutant in a process forked from one that has run the tests already, so
# what the code makes once per process (the typed readers, each record class's reader and
# hints, the date grammar's patterns compiled at their first use) would be made before the
# mutant is switched on, and a mutant of the code that makes
# it never run. For these modules the scratch copy's tests make it again before each test.
MADE_ONCE = {"core/typed_read.py", "core/models.py", "core/store.py", "core/dates.py", "core/quick_read.py"}
_MADE_AFRESH = """

@pytest.fixture(autouse=True)
def _made_afresh_for_mutation_testing():
    import sys

    store = sys.modules.get("interview_tui.core.store")
    if store is not None:
        for made in ("_typed_readers", "_later_readers", "_document_reader"):
            if hasattr(store, made):
                getattr(store, made).cache_clear()
    quick_read = sys.modules.get("interview_tui.core.quick_read")
    if quick_read is not None:
        getattr(quick_read, "_DECODE", []).clear()
    models = sys.modules.get("interview_tui.core.models")
    if models is not None:
        classes = [models.Record]
        while classes:
            cls = classes.pop()
            classes += cls.__subclasses__()
            for name in [n for n in vars(cls) if n in (
                    "_sorted_field_names", "_stored_default_values", "_doc_reader",
                    "_decoder_plan", "_resolved_hints")]:
                delattr(cls, name)
        getattr(models, "_RANGE_CHECKS", {}).clear()
    dates = sys.modules.get("interview_tui.core.dates")
    if dates is not None:
        for value in list(vars(dates).values()):
            if type(value).__name__ == "_Pattern":
                value.match = value._compile_then_match
    yield
"""

KILLED = {1, 3, 36, 24, -24, 152, 255, -9, -11}
# A mutant that no test reaches is a survivor: nothing would notice it.
SURVIVED = {0, 5, 33}
STATUS = {0: "survived", 1: "killed", 3: "killed", 36: "timeout", 24: "timeout", -24: "timeout",
          152: "timeout", 255: "timeout", -9: "crashed", -11: "crashed", 2: "interrupted",
          4: "usage error", 5: "no tests", 33: "no tests", 34: "skipped", 35: "suspicious",
          None: "not checked"}


@dataclass
class Result:
    module: str
    total: int = 0
    killed: int = 0
    survivors: dict[str, str] = field(default_factory=dict)  # name -> diff
    unreached: set[str] = field(default_factory=set)
    how: str = ""
    other: dict[str, str] = field(default_factory=dict)  # name -> status

    @property
    def score(self) -> float:
        counted = self.killed + len(self.survivors)
        return 100.0 * self.killed / counted if counted else 0.0


def existing_tests(tests: list[str]) -> list[str]:
    """The test files of ``tests`` that are there, a pattern (``test_writer*.py``) as the files it names."""
    found: list[str] = []
    for test in tests:
        if any(c in test for c in "*?["):
            found += sorted(str(path.relative_to(ROOT)) for path in ROOT.glob(test))
        elif (ROOT / test).exists():
            found.append(test)
    return found


def prepare(workdir: Path, module: str, tests: list[str], extra: list[str],
            commit: str | None = None) -> None:
    if workdir.exists():
        shutil.rmtree(workdir)
    workdir.mkdir(parents=True)
    if commit is None:
        ignore = shutil.ignore_patterns("__pycache__", ".hypothesis", "*.pyc")
        shutil.copytree(ROOT / "interview_tui", workdir / "interview_tui", ignore=ignore)
        shutil.copytree(ROOT / "tests", workdir / "tests", ignore=ignore)
        text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    else:
        # The files as committed: edits in progress elsewhere in the tree do not leak in.
        archive = subprocess.run(["git", "archive", "--format=tar", commit, "interview_tui", "tests"],
                                 cwd=ROOT, capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(workdir)], input=archive, check=True)
        text = subprocess.run(["git", "show", f"{commit}:pyproject.toml"], cwd=ROOT,
                              capture_output=True, text=True, check=True).stdout
    tests = [t for t in tests if (workdir / t).exists()]
    if module in MADE_ONCE:
        with (workdir / "tests" / "conftest.py").open("a", encoding="utf-8") as conftest:
            conftest.write(_MADE_AFRESH)
    # The checkout's own [tool.mutmut], if any, is replaced by this module's.
    text = re.sub(r"(?ms)^\[tool\.mutmut\].*?(?=^\[|\Z)", "", text)
    # In one process (-n 0): mutmut runs the tests inside its own, and tells mutants apart there.
    args = [*tests, "-q", "-p", "no:cacheprovider", "-x", "-n", "0", *extra]
    text += (
        "\n[tool.mutmut]\n"
        'source_paths = ["interview_tui"]\n'
        f'only_mutate = ["interview_tui/{module}"]\n'
        f"pytest_add_cli_args_test_selection = {json.dumps(tests)}\n"
        f"pytest_add_cli_args = {json.dumps(args[len(tests):])}\n"
        # A mutant that loops is stopped after a few times the clean run's CPU time (mutmut's
        # default waits fifteen times as long) and counts as a kill.
        "timeout_multiplier = 4.0\n"
        "timeout_constant = 2.0\n"
    )
    (workdir / "pyproject.toml").write_text(text, encoding="utf-8")


def mutmut_command() -> list[str]:
    exe = Path(sys.executable).with_name("mutmut")
    if not exe.exists():
        sys.exit("mutmut is not installed here: pip install -e '.[dev]'")
    return [str(exe)]


def run_module(module: str, workroot: Path, quiet: bool, only: list[str], sample: int | None,
               seed: int, commit: str | None = None) -> Result:
    tests, extra = MODULES[module]
    tests = existing_tests(tests)
    if not tests:
        # mutmut given no test file would run the whole suite against every mutant.
        sys.exit(f"no test file of {module} is there yet: {', '.join(MODULES[module][0])}")
    workdir = workroot / module.replace("/", "_").removesuffix(".py")
    prepare(workdir, module, tests, extra, commit)
    out = None if not quiet else subprocess.DEVNULL
    dotted = "interview_tui." + module.removesuffix(".py").replace("/", ".")
    meta = workdir / "mutants" / "interview_tui" / (module + ".meta")
    names = [f"{dotted}.{pattern}" for pattern in only]
    if sample is not None:
        # mutmut has no sampling of its own: let it make the mutants (asking for one that does
        # not exist stops it there), then run the ones drawn by name.
        subprocess.run([*mutmut_command(), "run", "--max-children", "1", f"{dotted}.no-such-mutant"],
                       cwd=workdir, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        every = sorted(json.loads(meta.read_text())["exit_code_by_key"], key=natural)
        if names:
            every = [n for n in every if any(fnmatch.fnmatch(n, pattern) for pattern in names)]
        names = sorted(random.Random(seed).sample(every, min(sample, len(every))), key=natural)
    proc = subprocess.run([*mutmut_command(), "run", "--max-children", "1", *names], cwd=workdir,
                          stdout=out, stderr=subprocess.STDOUT if quiet else None)
    if proc.returncode != 0:
        sys.exit(f"mutmut failed on {module} (exit {proc.returncode}); run without --quiet")
    codes: dict[str, int | None] = json.loads(meta.read_text())["exit_code_by_key"]
    result = Result(module, total=len(codes))
    if sample is not None or only:
        command = " ".join([f"--only '{p}'" for p in only] + ([f"--sample {sample} --seed {seed}"] if sample else []))
        result.how = f"Run with `{command}`: the mutants not drawn are listed as not run."
    for name, code in sorted(codes.items(), key=lambda kv: natural(kv[0])):
        if code in KILLED:
            result.killed += 1
        elif code in SURVIVED:
            result.survivors[name] = ""
            if code != 0:
                result.unreached.add(name)
        else:
            result.other[name] = STATUS.get(code, f"exit {code}")
    result.survivors.update(diffs(workdir, module, list(result.survivors)))
    return result


def natural(name: str) -> tuple:
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", name))


_DIFFS = """
import json, sys
from mutmut.mutation.diff_apply import get_diff_for_mutant
path, names = sys.argv[1], json.loads(sys.stdin.read())
print(json.dumps({name: get_diff_for_mutant(name, path=path) for name in names}))
"""


def diffs(workdir: Path, module: str, names: list[str]) -> dict[str, str]:
    """Each mutant's change, as -/+ lines (one process for all: mutmut show is one per mutant)."""
    if not names:
        return {}
    proc = subprocess.run([sys.executable, "-c", _DIFFS, f"interview_tui/{module}"], cwd=workdir,
                          input=json.dumps(names), capture_output=True, text=True, check=True)
    shown = {}
    for name, diff in json.loads(proc.stdout).items():
        shown[name] = "\n".join(ln for ln in diff.splitlines()
                                if ln.startswith(("-", "+")) and not ln.startswith(("---", "+++")))
    return shown


# --- the scores file -------------------------------------------------------------------------

HEADER = """# Mutation scores

Measured by `python scripts/mutation.py MODULE` (mutmut 3, each module against the test files
that cover it, one worker; see the script's docstring for how an outcome counts). Regenerate the
section of a module when the module or its tests change, then write why each new survivor lives
and run `python scripts/mutation.py --refresh` to redo this table.

mutmut 3 mutates the code inside functions and methods; tables at module level (aliases, default
cadences) are not mutated, and the table-driven tests pin them instead.

Each surviving mutant is listed with why no test kills it: *equivalent* (the program behaves the
same, so no test can tell), *unreachable* (the code it changes never runs with data the app can
hold), or what is left to do. The bar is {bar:.0f}% of the mutants that can be killed, that is all
of them but those explained as equivalent or unreachable; the share of all mutants is shown too.
A module run on a sample says so in its section.

This round measured again, with `--commit HEAD` (the files as committed, while others were
editing the tree): storage (a sample of 250), the store (a sample of 300, against every core
test file that goes through it), the duplicate check, the typed reading, the tables kept as
text, the records (a sample of 200), recurrence, the queue, the timeline, the date grammar (a
sample of 400), each module of the workflow and insight packages, the sample workspace, the
rescue files, the formats readers (samples of 100), search (a sample of 150), the text
cleaning and the background writer (its first run), where the table below has them. A survivor noted "killed since by ..." was killed by a test written after
its run (checked against that mutant by hand, or by reading, as the note says) and counts
against the score until the next run confirms it; "not killed yet" says what test is missing.
`core/questions.py` and `core/errors.py` hold a table and exception classes: nothing in them
that mutmut mutates, or worth it.

"""


def parse_scores(text: str) -> tuple[dict[str, str], dict[str, str]]:
    """Sections by module, and explanations by mutant name, from the current file."""
    sections: dict[str, str] = {}
    for match in re.finditer(r"(?ms)^## `([^`]+)`\n.*?(?=^## |\Z)", text):
        sections[match.group(1)] = match.group(0)
    notes: dict[str, str] = {}
    for match in re.finditer(r"(?m)^- `([^`]+)`: (.+)$((?:\n  .*)*)", text):
        note = match.group(2).removeprefix("(no test reaches it) ")
        notes[match.group(1)] = note
        if note != "UNEXPLAINED":
            # Also by what the mutant changes, in which function: a change elsewhere in the
            # module renumbers mutants, and the same change in the same function is the same
            # survivor (its explanation carried over; read it again if the function changed).
            notes[_same_change(match.group(1), _diff_of(match.group(3)))] = note
    return sections, notes


def _same_change(name: str, diff: str) -> str:
    return re.sub(r"__mutmut_\d+$", "", name) + "\n" + diff.strip()


def _diff_of(block: str) -> str:
    lines = [line.removeprefix("  ") for line in block.splitlines() if line.strip()]
    return "\n".join(line for line in lines if not line.startswith("```"))


EXPLAINED = ("equivalent", "unreachable")


def summary_row(module: str, section: str) -> str | None:
    """The table's row for a module, from its section as it stands (hand-written notes included)."""
    match = re.search(r"(?m)^\*\*(\d+) mutants, (\d+) killed, (\d+) survived"
                      r"(?:, (\d+) not run)?: ([\d.]+)%\*\*", section)
    if not match:
        return None
    total, killed, survived, other, score = match.groups()
    notes = [n.removeprefix("(no test reaches it) ") for n in re.findall(r"(?m)^- `[^`]+`: (.+)$", section)]
    explained = sum(n.startswith(EXPLAINED) for n in notes)
    unexplained = sum(n.startswith("UNEXPLAINED") for n in notes)
    killable = int(killed) + int(survived) - explained
    of_killable = 100.0 * int(killed) / killable if killable else 100.0
    if unexplained:
        mark = f"{unexplained} unexplained"
    else:
        mark = "meets the bar" if of_killable >= BAR else "BELOW THE BAR"
    return (f"| `{module}` | {total} | {killed} | {survived} | {explained} | {other or 0} | {score}% "
            f"| {of_killable:.1f}% | {mark} |")


def render_section(result: Result, notes: dict[str, str]) -> str:
    lines = [f"## `{result.module}`", ""]
    counted = (f"**{result.total} mutants, {result.killed} killed, {len(result.survivors)} "
               f"survived")
    if result.other:
        counted += f", {len(result.other)} not run"
    lines += [counted + f": {result.score:.1f}%**", ""]
    if result.how:
        lines += [result.how, ""]
    tests, extra = MODULES[result.module]
    lines += ["Tests: " + ", ".join(f"`{t}`" for t in existing_tests(tests))
              + (f" (pytest {' '.join(extra)})" if extra else ""), ""]
    if result.survivors:
        lines += ["Survivors:", ""]
        for name, diff in result.survivors.items():
            note = notes.get(name) or notes.get(_same_change(name, diff or ""), "UNEXPLAINED")
            if name in result.unreached and not note.startswith("(no test reaches it)"):
                note = "(no test reaches it) " + note
            lines.append(f"- `{name}`: {note}")
            if diff:
                lines += ["  ```diff", *("  " + d for d in diff.splitlines()), "  ```"]
        lines.append("")
    if result.other:
        lines += ["Not run (counted neither way):", ""]
        by_status: dict[str, list[str]] = {}
        for name, status in result.other.items():
            by_status.setdefault(status, []).append(name)
        for status, names in by_status.items():
            functions = sorted({re.sub(r"__mutmut_\d+$", "", n.rsplit(".", 1)[-1]) for n in names})
            lines.append(f"- {len(names)} {status}, in " + ", ".join(f"`{f}`" for f in functions))
        lines.append("")
    return "\n".join(lines) + "\n"


def write_scores(results: list[Result]) -> None:
    text = SCORES.read_text(encoding="utf-8") if SCORES.exists() else ""
    sections, notes = parse_scores(text)
    for result in results:
        sections[result.module] = render_section(result, notes)
    ordered = [m for m in MODULES if m in sections] + sorted(set(sections) - set(MODULES))
    table = ["| module | mutants | killed | survived | of them equivalent or unreachable | not run "
             "| killed | killed of those that can be | |",
             "|---|---|---|---|---|---|---|---|---|"]
    table += [row for m in ordered if (row := summary_row(m, sections[m]))]
    body = HEADER.format(bar=BAR) + "\n".join(table) + "\n\n" + "".join(
        sections[m].rstrip("\n") + "\n\n" for m in ordered)
    SCORES.write_text(body.rstrip("\n") + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("modules", nargs="*", help="e.g. core/dates.py")
    parser.add_argument("--list", action="store_true", help="the modules and their tests")
    parser.add_argument("--workdir", type=Path,
                        default=Path(tempfile.gettempdir()) / "interview-tui-mutation",
                        help="scratch folder, outside the checkout (default: %(default)s)")
    parser.add_argument("--quiet", action="store_true", help="hide mutmut's progress")
    parser.add_argument("--only", action="append", default=[], metavar="PATTERN",
                        help="run only the mutants of these functions, e.g. 'x_read_document*' "
                             "(repeatable); the others are recorded as not run")
    parser.add_argument("--sample", type=int, metavar="N",
                        help="run a random sample of N mutants (of those --only selects), for a "
                             "module too slow to run whole; the others are recorded as not run")
    parser.add_argument("--seed", type=int, default=0, help="the sample's seed (default 0)")
    parser.add_argument("--commit", metavar="REV",
                        help="mutate and test the files as committed in REV (e.g. HEAD) instead of "
                             "the working tree, whose edits in progress would be measured too")
    parser.add_argument("--no-write", action="store_true", help="print, do not record")
    parser.add_argument("--refresh", action="store_true",
                        help="run nothing: redo the table from the sections (after notes were written)")
    args = parser.parse_args(argv)
    if args.refresh:
        write_scores([])
        return 0
    if args.list or not args.modules:
        for module, (tests, extra) in MODULES.items():
            print(module, " ".join(existing_tests(tests) + extra))
        return 0
    unknown = [m for m in args.modules if m not in MODULES]
    if unknown:
        parser.error(f"unknown module(s): {', '.join(unknown)}; see --list")
    if ROOT in args.workdir.resolve().parents or args.workdir.resolve() == ROOT:
        parser.error("the scratch folder must be outside the checkout")
    results = []
    for module in args.modules:
        result = run_module(module, args.workdir, args.quiet, args.only, args.sample, args.seed,
                            args.commit)
        results.append(result)
        print(f"{module}: {result.total} mutants, {result.killed} killed, "
              f"{len(result.survivors)} survived, {len(result.other)} not run: "
              f"{result.score:.1f}%")
        for name in result.survivors:
            print("  survived:", name)
        for name, status in result.other.items():
            print(f"  {status}:", name)
    if not args.no_write:
        write_scores(results)
    return 0 if all(r.score >= BAR and not r.other for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
