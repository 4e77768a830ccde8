"""Time every lesson and assignment source notebook, top to bottom in a fresh kernel.

Usage: python benchmarks/lessons.py [--repeat N]
Prints one line per notebook (median wall time of N runs, kernel start included) and the total.
A benchmark, not a test: it reports numbers and asserts nothing.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from medsome.paths import course_root
from medsome.toolchain import ensure_env_bin_on_path


def run_once(notebook: Path) -> float:
    """Seconds to execute a copy of the notebook's folder."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / notebook.parent.name
        shutil.copytree(notebook.parent, folder)
        nb = nbformat.read(folder / notebook.name, as_version=4)
        start = time.perf_counter()
        NotebookClient(nb, timeout=300, kernel_name="python3",
                       resources={"metadata": {"path": str(folder)}}).execute()
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per notebook (median reported)")
    args = parser.parse_args()
    ensure_env_bin_on_path()
    root = course_root()
    notebooks = sorted((root / "course").glob("*/*.ipynb")) + sorted(
        (root / "assignments" / "source").glob("*/*.ipynb"))
    total = 0.0
    for notebook in notebooks:
        median = statistics.median(run_once(notebook) for _ in range(args.repeat))
        total += median
        print(f"{median:6.2f} s  {notebook.relative_to(root)}")
    print(f"{total:6.2f} s  all {len(notebooks)} notebooks (median of {args.repeat} runs each)")


if __name__ == "__main__":
    main()
