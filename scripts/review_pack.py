"""Write what a blind reviewer reads: each assignment's student version, run, as Markdown.

Usage: python scripts/review_pack.py OUT_DIR ASSIGNMENT [ASSIGNMENT ...]

A reviewer keys items from the student version alone (docs/assessment.md, "How the keys were set
and reviewed"): no solutions, no hidden tests, no explanations; the cells are run so that the
posts and tables a student sees after running them are there. Unanswered cells fail, as they do
for a student; their errors are left out of the Markdown.
"""

from __future__ import annotations

import html
import re
import sys
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbconvert import MarkdownExporter

from medsome.errors import MedsomeError
from medsome.grading.course_folder import Course
from medsome.grading.student_versions import build_student_versions
from medsome.paths import assignments_dir

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def _widget_text(models: dict, model_id: str) -> list[str]:
    """The text a widget shows as it first renders: its descriptions, values and children's, in order."""
    state = models.get(model_id, {}).get("state", {})
    parts = [state[key] for key in ("description", "value") if isinstance(state.get(key), str) and state[key]]
    if state.get("_options_labels"):  # a dropdown's or a toggle's choices
        parts.append("options: " + ", ".join(state["_options_labels"]))
    for child in state.get("children", []):
        parts += _widget_text(models, str(child).removeprefix("IPY_MODEL_"))
    return parts


def _plain(text: str) -> str:
    """HTML as plain text: tags dropped, entities read, blank runs closed up."""
    text = re.sub(r"<style.*?</style>", "", text, flags=re.S)
    return re.sub(r"\n\s*\n+", "\n", html.unescape(re.sub(r"<[^>]+>", " ", text))).strip()


def _readable(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Errors removed (an unanswered cell's failure is not content); widgets shown as their text."""
    models = notebook.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        outputs = []
        for output in cell.outputs:
            if output.get("output_type") == "error":
                continue
            view = output.get("data", {}).get(WIDGET_VIEW)
            if view:
                shown = "\n".join(_plain(part) for part in _widget_text(models, view["model_id"]))
                note = "[the widget as it first opens, before any choice is made in it]"
                output = nbformat.v4.new_output("stream", name="stdout", text=f"{note}\n{shown}\n")
            outputs.append(output)
        cell.outputs = outputs
    return notebook


def write_pack(out: Path, assignments: list[str]) -> list[Path]:
    """Run each assignment's student version and write it to out/<assignment>.md."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory(prefix="medsome-review-") as tmp:
        ids = [Course(assignments_dir()).resolve(name) for name in assignments]
        for assignment, folder in build_student_versions(Path(tmp), ids).items():
            for path in sorted(folder.glob("*.ipynb")):
                notebook = nbformat.read(path, as_version=4)
                NotebookClient(notebook, timeout=120, allow_errors=True, store_widget_state=True,
                               resources={"metadata": {"path": str(folder)}}).execute()
                body, _ = MarkdownExporter().from_notebook_node(_readable(notebook))
                target = out / f"{assignment}.md"
                target.write_text(body, encoding="utf-8")
                written.append(target)
    return written


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    try:
        written = write_pack(Path(argv[0]), argv[1:])
    except MedsomeError as error:
        print(f"review_pack: {error}", file=sys.stderr)
        return 1
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
