"""Write what a blind reviewer reads: each assignment's student version, run, as Markdown.

Usage: python scripts/review_pack.py OUT_DIR ASSIGNMENT [ASSIGNMENT ...]

A reviewer keys items from the student version alone (docs/assessment.md, "How the keys were set
and reviewed"): no solutions, no hidden tests, no explanations; the cells are run so that the
posts and tables a student sees after running them are there. Unanswered cells fail, as they do
for a student; their errors are left out of the Markdown.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbconvert import MarkdownExporter

from medsome.grading.build import build_student_versions


def _without_errors(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The notebook with error outputs removed (an unanswered cell's failure is not content)."""
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs = [o for o in cell.outputs if o.get("output_type") != "error"]
    return notebook


def write_pack(out: Path, assignments: list[str]) -> list[Path]:
    """Run each assignment's student version and write it to out/<assignment>.md."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory(prefix="medsome-review-") as tmp:
        for assignment, folder in build_student_versions(Path(tmp), assignments).items():
            for path in sorted(folder.glob("*.ipynb")):
                notebook = nbformat.read(path, as_version=4)
                NotebookClient(notebook, timeout=120, allow_errors=True,
                               resources={"metadata": {"path": str(folder)}}).execute()
                body, _ = MarkdownExporter().from_notebook_node(_without_errors(notebook))
                target = out / f"{assignment}.md"
                target.write_text(body, encoding="utf-8")
                written.append(target)
    return written


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    for path in write_pack(Path(argv[0]), argv[1:]):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
