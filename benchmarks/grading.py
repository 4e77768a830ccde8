"""Grade a synthetic cohort with plain `nbgrader autograde` and with `medsome grade`; compare.

Usage: python benchmarks/grading.py [--students 300] [--workers N] [--assignment ID] [--keep DIR]

For each assignment in assignments/source (or the one given) it builds a cohort of N submissions
from the source notebook: complete solutions, untouched student versions, partial ones (some answer
cells solved, the others left as the stub) and wrong ones (some answers replaced by wrong code).
It grades one copy of the course with a single `nbgrader autograde` process (the CLI) and another
with `medsome grade`, checks that every student's score on every graded cell is identical, and
prints for each its wall time, its CPU seconds (core-seconds, in all and per notebook, of the
whole process tree, sandboxed kernels included: process_tree.py), the ratio of the wall times and
the peak memory of each process tree. On a shared machine only the ratio of one run means much.
A benchmark, not a test: it reports numbers and asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import sys
import tempfile
from pathlib import Path

import nbformat
from process_tree import measure

from medsome.grading.course_folder import CONFIG_FILE, Course, require_success
from medsome.paths import assignments_dir
from medsome.toolchain import ensure_env_bin_on_path

MIX = {"complete": 0.3, "untouched": 0.15, "partial": 0.35, "wrong": 0.2}
_TARGET = re.compile(r"^(\w+)\s*=", re.MULTILINE)


def solved(source: str) -> str:
    """A source cell's solution with the BEGIN/END SOLUTION lines removed."""
    return "\n".join(line for line in source.split("\n") if "SOLUTION" not in line)


def wrong(source: str) -> str:
    """The cell with each solution region replaced by code that runs but answers wrongly."""
    out, region = [], None
    for line in source.split("\n"):
        if "BEGIN SOLUTION" in line:
            region = []
        elif "END SOLUTION" in line:
            indent = re.match(r"\s*", region[0] if region else "").group(0)
            names = _TARGET.findall("\n".join(region))
            out += [f"{indent}return None"] if indent else [f"{n} = None" for n in names] or ["pass"]
            region = None
        elif region is not None:
            region.append(line)
        else:
            out.append(line)
    return "\n".join(out)


def answer_ids(nb: nbformat.NotebookNode) -> list[str]:
    """grade_ids of the cells a learner answers."""
    return [c.metadata["nbgrader"]["grade_id"] for c in nb.cells
            if c.metadata.get("nbgrader", {}).get("solution")]


def submission(source: nbformat.NotebookNode, release: nbformat.NotebookNode, kind: str,
               rng: random.Random) -> nbformat.NotebookNode:
    """One synthetic student's notebook of the given kind, built on the student version."""
    nb = nbformat.from_dict(release)
    originals = {c.metadata["nbgrader"]["grade_id"]: c for c in source.cells
                 if c.metadata.get("nbgrader", {}).get("solution")}
    ids = answer_ids(nb)
    chosen = {"complete": set(ids), "untouched": set(), "partial": set(rng.sample(ids, len(ids) // 2)),
              "wrong": set(rng.sample(ids, max(1, len(ids) // 2)))}[kind]
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in chosen:
            original = originals[grade_id].source
            if cell.cell_type == "markdown":
                cell.source = "An answer written by a synthetic student."
            else:
                cell.source = wrong(original) if kind == "wrong" else solved(original)
    return nb


def make_cohort(course: Path, assignment: str, students: int, seed: int = 2024) -> None:
    """Write N submissions into course/submitted/."""
    rng = random.Random(seed)
    for path in sorted((course / "source" / assignment).glob("*.ipynb")):
        source = nbformat.read(path, as_version=4)
        release = nbformat.read(course / "release" / assignment / path.name, as_version=4)
        for number in range(1, students + 1):
            kind = rng.choices(list(MIX), weights=list(MIX.values()))[0]
            folder = course / "submitted" / f"s{number:03d}" / assignment
            folder.mkdir(parents=True, exist_ok=True)
            nbformat.write(submission(source, release, kind, rng), folder / path.name)


def scores(course: Path, assignment: str) -> dict[str, dict[str, float | None]]:
    """Every student's score on every graded cell."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        return {
            sub.student.id: {f"{nb.name}/{g.name}": g.score for nb in sub.notebooks for g in nb.grades}
            for sub in gb.assignment_submissions(assignment)
        }


def bench(assignment: str, students: int, workers: int | None, work: Path) -> None:
    """Build, grade twice, compare, print."""
    base = work / "base"
    base.mkdir(parents=True)
    shutil.copy2(assignments_dir() / CONFIG_FILE, base / CONFIG_FILE)
    shutil.copytree(assignments_dir() / "source" / assignment, base / "source" / assignment)
    require_success(Course(base).api().generate_assignment(assignment), "generate_assignment")
    make_cohort(base, assignment, students)
    plain, ours = work / "plain", work / "medsome"
    shutil.copytree(base, plain)
    shutil.copytree(base, ours)
    nbgrader = str(Path(sys.executable).parent / "nbgrader")
    plain_run = measure([nbgrader, "autograde", assignment, "--log-level=ERROR"], plain)
    command = [sys.executable, "-m", "medsome.cli", "grade", assignment, "--course", str(ours)]
    ours_run = measure(command + (["--workers", str(workers)] if workers else []), work)
    expected, found = scores(plain, assignment), scores(ours, assignment)
    differ = sorted(s for s in expected.keys() | found.keys() if expected.get(s) != found.get(s))
    totals = [sum(v or 0 for v in expected[s].values()) for s in expected]
    print(f"assignment {assignment}: {students} submissions, {os.cpu_count()} cores, "
          f"mean score {sum(totals) / max(len(totals), 1):.2f}; both runs one after the other")
    for label, run in (("plain nbgrader autograde:", plain_run), ("medsome grade:           ", ours_run)):
        print(f"  {label} {run.wall:7.1f} s wall, {run.cpu:7.1f} core-s "
              f"({run.cpu / students:5.2f} core-s and {run.wall / students:5.2f} s wall per notebook), "
              f"peak {run.peak_mib:5.0f} MiB, exit {run.returncode}")
    print(f"  speed-up: {plain_run.wall / ours_run.wall:.2f}x; identical grades: "
          + ("yes" if not differ and len(expected) == students
             else f"NO ({len(differ)} differ: {differ[:5]})"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=300, help="cohort size (default 300)")
    parser.add_argument("--workers", type=int, default=None, help="medsome workers (default: all cores)")
    parser.add_argument("--assignment", help="one assignment id (default: every assignment)")
    parser.add_argument("--keep", type=Path,
                        help="work in this folder and keep it (default: a temporary one)")
    args = parser.parse_args()
    ensure_env_bin_on_path()
    ids = [args.assignment] if args.assignment else sorted(
        p.name for p in (assignments_dir() / "source").iterdir() if p.is_dir())
    with tempfile.TemporaryDirectory(prefix="medsome-bench-") as tmp:
        root = args.keep or Path(tmp)
        for assignment in ids:
            bench(assignment, args.students, args.workers, root / assignment)


if __name__ == "__main__":
    main()
