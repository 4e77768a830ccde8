"""Time `medsome check NN` on a solved copy of every assignment: the median of N runs each.

Usage: python benchmarks/selfcheck.py [--runs 5] [--assignment ID] [--compare OTHER_MEDSOME]

It prepares a throwaway workspace whose copy of each assignment is the solution (the source
notebook), then runs the check command N times per assignment and prints the median wall time and
the median CPU seconds of the command and everything it started, sandboxed kernels included
(process_tree.py). With
`--compare PATH` (another installation's `medsome`, e.g. a checkout of an earlier version) both
commands run alternately, one run each in turn, so that a shared machine's load falls on both alike;
the last column is their ratio. Every run must report full autograded marks, or it stops.
A benchmark, not a test: it reports numbers and asserts nothing else.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
from pathlib import Path

import nbformat
from process_tree import measure

from medsome.grading.course_folder import Course
from medsome.grading.student_versions import build_student_versions
from medsome.paths import assignments_dir
from medsome.workspace import MANIFEST

FULL_MARKS = re.compile(r"Autograded: (\S+) of (\S+) points")


def solved_workspace(root: Path, ids: list[str]) -> Path:
    """A workspace holding the solution of each assignment as the learner's copy."""
    (root / MANIFEST).parent.mkdir(parents=True)
    (root / MANIFEST).write_text(json.dumps({}), encoding="utf-8")
    build_student_versions(root / "assignments", ids)
    for assignment in ids:
        for source in sorted((assignments_dir() / "source" / assignment).glob("*.ipynb")):
            copy = root / "assignments" / assignment / source.name
            nbformat.write(nbformat.read(source, as_version=4), copy)
    return root


def run_check(medsome: str, assignment: str, workspace: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one `medsome check`; fail unless it gave full marks."""
    done = measure([medsome, "check", assignment, "--workspace", str(workspace)], capture=True)
    marks = FULL_MARKS.search(done.stdout)
    if done.returncode != 0 or not marks or marks.group(1) != marks.group(2):
        sys.exit(f"{medsome} check {assignment} did not give full marks:\n{done.stdout}")
    return done.wall, done.cpu


def bench(commands: list[str], assignment: str, workspace: Path, runs: int) -> list[tuple[float, float]]:
    """Median (wall, CPU) seconds per command, the commands taking turns run by run."""
    times: dict[str, list[tuple[float, float]]] = {c: [] for c in commands}
    for _ in range(runs):
        for command in commands:
            times[command].append(run_check(command, assignment, workspace))
    return [(statistics.median(w for w, _ in times[c]), statistics.median(c_ for _, c_ in times[c]))
            for c in commands]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per assignment (default 5)")
    parser.add_argument("--assignment", help="one assignment id (default: every assignment)")
    parser.add_argument("--compare", metavar="MEDSOME", help="another `medsome` to time alongside")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    ids = [args.assignment] if args.assignment else Course(assignments_dir()).assignment_ids()
    this = str(Path(sys.executable).parent / "medsome")
    commands = [this, *([args.compare] if args.compare else [])]
    print(f"median of {args.runs} run(s) of `medsome check` on a solved copy; wall s (CPU s)")
    header = f"{'assignment':<22}{'this':>16}" + (f"{'compared':>16}{'ratio':>8}" if args.compare else "")
    print(header)
    with tempfile.TemporaryDirectory(prefix="medsome-selfcheck-bench-") as tmp:
        workspace = solved_workspace(Path(tmp) / "workspace", ids)
        for assignment in ids:
            results = bench(commands, assignment, workspace, args.runs)
            cells = "".join(f"{wall:>8.2f} ({cpu:>5.2f})" for wall, cpu in results)
            ratio = f"{results[1][0] / results[0][0]:>7.2f}x" if args.compare else ""
            print(f"{assignment:<22}{cells}{ratio}", flush=True)


if __name__ == "__main__":
    main()
