"""Time every lesson and every assignment as released, top to bottom in a fresh kernel.

Usage: python benchmarks/lessons.py [--repeat N] [--only TEXT] [--no-imports] 2>/dev/null
Lessons run from course/; assignments run as the student version nbgrader generates, answers not yet
given, as a learner first opens them: every cell runs, though each check says "not answered yet"
(an error, as in nbgrader's Validate). Prints, per notebook, the median wall time of N runs from
the kernel's start until the last cell's outputs arrived (ran: what a learner waits for after Run
All) and until the kernel had shut down too (closed), the CPU seconds the kernel had used by its
last output (cpu: the figure to compare on a machine shared with other work, where the wall clock
also counts the time others held the cores), and the time a fresh interpreter takes to import what
the notebook imports; then the import time of each course module a notebook imports
(median of N fresh interpreters).
A benchmark, not a test: it reports numbers and asserts nothing.
"""

from __future__ import annotations

import argparse
import ast
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import nbformat
import psutil
from nbclient import NotebookClient

from medsome.grading.student_versions import build_student_versions
from medsome.manifest import load_course
from medsome.paths import course_root
from medsome.toolchain import ensure_env_bin_on_path


@dataclass(frozen=True)
class Run:
    """One run of a notebook in a fresh kernel, in seconds from the kernel's start."""

    ran: float  # until the last cell's outputs arrived: what a learner waits for after Run All
    closed: float  # until the kernel had shut down as well
    cpu: float  # CPU seconds of the kernel process, its start included, when the last outputs arrived


def run_once(notebook: Path, allow_errors: bool) -> Run:
    """Execute a copy of the notebook's folder in a fresh kernel; time it from the kernel's start."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / notebook.parent.name
        shutil.copytree(notebook.parent, folder)
        nb = nbformat.read(folder / notebook.name, as_version=4)
        finished: list[tuple[float, float]] = []

        def executed(**_: object) -> None:
            cpu = psutil.Process(client.km.provisioner.process.pid).cpu_times()
            finished.append((time.perf_counter(), cpu.user + cpu.system))

        client = NotebookClient(nb, timeout=300, kernel_name="python3", allow_errors=allow_errors,
                                resources={"metadata": {"path": str(folder)}}, on_cell_executed=executed)
        start = time.perf_counter()
        client.execute()
        return Run(finished[-1][0] - start, time.perf_counter() - start, finished[-1][1])


def imported_modules(notebook: Path) -> list[str]:
    """The modules a notebook's code cells import, in order of first import, magics left out."""
    found: dict[str, None] = {}
    for cell in nbformat.read(notebook, as_version=4).cells:
        if cell.cell_type != "code":
            continue
        source = "\n".join("" if line.lstrip().startswith(("%", "!")) else line
                           for line in cell.source.splitlines())
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Import):
                found.update(dict.fromkeys(alias.name for alias in node.names))
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found[node.module] = None
    return list(found)


def import_seconds(modules: list[str]) -> float:
    """Seconds a fresh interpreter takes to import the modules, interpreter start left out."""
    code = ("import importlib, time; t = time.perf_counter()\n"
            f"for m in {modules!r}: importlib.import_module(m)\n"
            "print(time.perf_counter() - t)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(done.stdout)


def median_of(repeat: int, measure: Callable[[], float]) -> float:
    """The median of `repeat` measurements."""
    return statistics.median(measure() for _ in range(repeat))


def notebooks_to_time(student_dir: Path, only: str) -> list[tuple[str, Path, bool]]:
    """(label, path, whether its checks fail) of every lesson and assignment whose label has `only`."""
    root, course = course_root(), load_course()
    lessons = [(str(p.relative_to(root)), p) for p in course.lesson_notebooks()]
    sources = course.assignment_notebooks()
    wanted = [p.parent.name for p in sources if only in str(p.relative_to(root))]
    built = build_student_versions(student_dir, wanted) if wanted else {}
    released = [(f"assignments/release/{name}/{name}.ipynb", folder / f"{name}.ipynb", True)
                for name, folder in built.items()]
    return [(label, path, False) for label, path in lessons if only in label] + released


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per notebook (median reported)")
    parser.add_argument("--only", default="", help="time only notebooks whose path contains TEXT")
    parser.add_argument("--no-imports", action="store_true", help="leave out the import times")
    args = parser.parse_args()
    ensure_env_bin_on_path()
    with tempfile.TemporaryDirectory(prefix="medsome-bench-") as tmp:
        notebooks = notebooks_to_time(Path(tmp), args.only)
        print(f"{'ran':>8} {'closed':>8} {'cpu':>8} {'imports':>8}  notebook (median of {args.repeat})")
        total = 0.0
        modules: dict[str, None] = {}
        for label, notebook, unanswered in notebooks:
            runs = [run_once(notebook, unanswered) for _ in range(args.repeat)]
            ran, closed, cpu = (statistics.median(getattr(r, field) for r in runs)
                                for field in ("ran", "closed", "cpu"))
            total += ran
            imports = imported_modules(notebook)
            modules.update(dict.fromkeys(m for m in imports if m.startswith("medsome")))
            cost = "" if args.no_imports else (
                f"{median_of(args.repeat, lambda i=imports: import_seconds(i)):6.2f} s")
            print(f"{ran:6.2f} s {closed:6.2f} s {cpu:6.2f} s {cost:>8}  {label}", flush=True)
        print(f"{total:6.2f} s {'':>8} {'':>8} {'':>8}  all {len(notebooks)} notebooks (ran)")
    if args.no_imports:
        return
    print(f"\n{'import':>8}  course module (fresh interpreter, median of {args.repeat})")
    for module in sorted(modules):
        print(f"{median_of(args.repeat, lambda m=module: import_seconds([m])):6.2f} s  {module}",
              flush=True)


if __name__ == "__main__":
    main()
