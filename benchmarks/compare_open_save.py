"""Opening and saving the 10,000-contact workspace: this checkout against another, in one run.

    python benchmarks/compare_open_save.py OTHER_CHECKOUT [--rounds 21] [--instructions]

OTHER_CHECKOUT is a tree of the code to compare with (for example `git worktree add /tmp/before
<commit>`). Each round opens the workspace in a fresh process for each tree in turn, closes it,
and times one save of one edit after a first save; the headline is the median of the paired
ratios (this tree's time over the other's in the same round), which a busy machine disturbs
least. With --instructions the processes run under valgrind's callgrind, which counts the
instructions executed rather than seconds: the same count whatever else the machine is doing
(opening = the count with opening minus the count of the same process that stops after its
imports).
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
TREE = HERE.parent

SAVES = 3
"""Saves counted under --instructions, after a first one (the figure is per save)."""

PROBE = r"""
SAVES = %d
import shutil, sys, time
from pathlib import Path
tree, source, mode = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
sys.path.insert(0, tree)
from interview_tui.core.models import Contact
from interview_tui.core.store import Store
work = source.with_name(f"probe-{abs(hash(tree))}-{mode}.json")
shutil.copyfile(source, work)
for extra in (work.with_name(work.name + ".bak"), work.with_name(work.name + ".lock")):
    extra.unlink(missing_ok=True)
if mode == "imports":
    sys.exit(0)
started = time.perf_counter()
store = Store.open(work)
opened = time.perf_counter()
if mode == "open":
    store.close()
    sys.exit(0)
contact = store.contacts_unsorted()[0]
# "time": a first save (it encodes every table), then the one timed (only the table changed);
# "save": the first save and SAVES more, all counted (per save, they average out).
for number in range(2 if mode == "time" else SAVES + 1):
    edited = Contact.from_doc(contact.to_doc(), contact.id)
    edited.company = f"Changed {number}"
    before_save = time.perf_counter()
    store.update_contact(edited)
saved = time.perf_counter()
store.close()
print(f"{(opened - started) * 1000:.2f} {(saved - before_save) * 1000:.2f}")
"""


def _workspace() -> Path:
    path = HERE / ".work" / "workspace.json"
    if not path.exists():
        subprocess.run([sys.executable, str(HERE / "generate.py"), "--out", str(path)], check=True)
    return path


def _timed(tree: Path, probe: Path, workspace: Path) -> tuple[float, float]:
    out = subprocess.run([sys.executable, str(probe), str(tree), str(workspace), "time"], capture_output=True, text=True, check=True)
    opening, saving = out.stdout.split()
    return float(opening), float(saving)


def _instructions(tree: Path, probe: Path, workspace: Path, mode: str) -> int:
    result = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, str(probe), str(tree), str(workspace), mode],
        capture_output=True,
        text=True,
        check=True,
    )
    found = re.search(r"Collected : (\d+)", result.stderr)
    assert found, result.stderr[-500:]
    return int(found.group(1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("other", type=Path, help="a checkout of the code to compare with")
    parser.add_argument("--rounds", type=int, default=21)
    parser.add_argument("--instructions", action="store_true", help="count instructions under valgrind instead")
    args = parser.parse_args()
    workspace = _workspace()
    trees = {"this": TREE, "other": args.other.resolve()}
    with tempfile.TemporaryDirectory() as scratch:
        probe = Path(scratch) / "probe.py"
        probe.write_text(PROBE % SAVES)
        copy = Path(scratch) / "workspace.json"
        shutil.copyfile(workspace, copy)
        if args.instructions:
            counts = {name: {mode: _instructions(tree, probe, copy, mode) for mode in ("imports", "open", "save")} for name, tree in trees.items()}
            for name, count in counts.items():
                opening = count["open"] - count["imports"]
                saving = (count["save"] - count["open"]) / (SAVES + 1)
                print(f"{name}: opening {opening / 1e6:,.0f} M instructions, a save {saving / 1e6:,.1f} M")
            for what, (low, high) in {"opening": ("imports", "open"), "a save": ("open", "save")}.items():
                ratio = (counts["this"][high] - counts["this"][low]) / (counts["other"][high] - counts["other"][low])
                print(f"{what}: this / other = {ratio:.3f}")
            return 0
        rounds = {name: [] for name in trees}
        for _ in range(args.rounds):
            for name, tree in trees.items():
                rounds[name].append(_timed(tree, probe, copy))
    for name, figures in rounds.items():
        opening = statistics.median(f[0] for f in figures)
        saving = statistics.median(f[1] for f in figures)
        print(f"{name}: opening median {opening:.1f} ms, one save median {saving:.1f} ms")
    for index, what in enumerate(("opening", "one save")):
        paired = [t[index] / o[index] for t, o in zip(rounds["this"], rounds["other"], strict=True)]
        print(f"{what}: this / other, median of {args.rounds} paired rounds = {statistics.median(paired):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
