"""The website's Sphinx source: copies of the lessons (prepared for a kernel-less page) and the pages.

Nothing committed is edited: the lessons, data cards, references and instructor pages are copied
into a build folder, keeping their relative paths so that their links between each other resolve.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import nbformat

from medsome.paths import course_root

FIGURE_NOTE = re.compile(r"^\*What the figure shows:\*\s*", re.IGNORECASE)
MARKUP = re.compile(r"[*_`]")
_SKIP = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__")
CSS = """
.medsome-widget-snapshot { border: 2px dashed #595959; padding: 0.75em; margin: 1em 0; overflow-x: auto; }
.medsome-widget-note { border-top: 1px solid #595959; padding-top: 0.5em; margin-bottom: 0; }
.medsome-row { display: flex; flex-wrap: wrap; gap: 0.25em 1.5em; align-items: baseline; }
.medsome-control { margin: 0.25em 0; }
.cell_output table.dataframe { display: block; overflow-x: auto; }
"""


def lesson_notebooks(root: Path | None = None) -> list[Path]:
    """Every lesson notebook, course/*/*.ipynb, in module order."""
    return sorted((root or course_root()).glob("course/*/*.ipynb"))


def _alt_from_description(nb: nbformat.NotebookNode) -> None:
    """A figure's alt text is the lesson's own "What the figure shows" paragraph that follows it."""
    for cell, following in zip(nb.cells, nb.cells[1:], strict=False):
        text = following.source.strip() if following.cell_type == "markdown" else ""
        if cell.cell_type == "code" and FIGURE_NOTE.match(text):
            alt = MARKUP.sub("", FIGURE_NOTE.sub("", text)).replace("\n", " ")
            cell.metadata.setdefault("mystnb", {})["image"] = {"alt": alt}


def prepare_lesson(source: Path, dest: Path, lesson: str) -> None:
    """Copy a lesson notebook for the site: widgets publish snapshots, figures carry alt text."""
    nb = nbformat.read(source, as_version=4)
    setup = nbformat.v4.new_code_cell(
        f"import medsome.site.snapshot\nmedsome.site.snapshot.install({lesson!r})",
        metadata={"tags": ["remove-cell"]})
    _alt_from_description(nb)
    nb.cells.insert(0, setup)
    nbformat.write(nb, dest)


def _index(lessons: list[str], handouts: list[str]) -> str:
    def listing(facilitator: bool) -> str:
        suffix = "-facilitator" if facilitator else ""
        return "\n".join(f'<li><a href="handouts/{h}{suffix}.pdf">{h}{suffix}.pdf</a></li>' for h in handouts)

    return f"""# The ethics of medical social media

A course for surgical residents: should a surgeon post, what a "harmless" case post reveals, when
consent is enough, and how to tell good content from misinformation. Each lesson is shown here with
its outputs as they appear when it runs. The widgets and exercises are interactive in JupyterLab:
install the course and open it with `medsome start` (see the project's README).

```{{toctree}}
:caption: Lessons
:maxdepth: 1

{chr(10).join(lessons)}
course/references
datasets/README
```

```{{toctree}}
:hidden:
:glob:

datasets/cards/*
```

## Handouts for discussion sessions

One printable page set per module: its cases, *Think!* prompts and key points.

<ul>
{listing(False)}
</ul>

## For instructors

Guides for running the course, the assessment blueprint and the facilitator material. Assignments
are not published here: learners get their student versions from `medsome start` or their hub.

```{{toctree}}
:caption: For instructors
:maxdepth: 1
:glob:

docs/overview
docs/*
facilitator/README
facilitator/*
```

Facilitator handouts, with the debrief notes for each *Think!* prompt:

<ul>
{listing(True)}
</ul>
"""


def stage(dest: Path, handouts: list[str]) -> Path:
    """Write the Sphinx source folder under `dest` and return it; `handouts` are module ids."""
    root = course_root()
    if dest.exists():
        shutil.rmtree(dest)
    lessons = []
    for notebook in lesson_notebooks(root):
        folder = dest / "course" / notebook.parent.name
        shutil.copytree(notebook.parent, folder, ignore=_SKIP)
        rel = notebook.relative_to(root).as_posix()
        prepare_lesson(notebook, folder / notebook.name, rel)
        lessons.append(Path(rel).with_suffix("").as_posix())
    pages = ["course/references.md", "datasets/README.md", "datasets/cards/*.md", "docs/*.md",
             "facilitator/*.md"]
    for pattern in pages:
        for page in sorted(root.glob(pattern)):
            target = dest / page.relative_to(root)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(page, target)
    (dest / "_static").mkdir()
    (dest / "_static" / "medsome.css").write_text(CSS, encoding="utf-8")
    (dest / "index.md").write_text(_index(lessons, handouts), encoding="utf-8")
    (dest / "conf.py").write_text("from medsome.site.sphinxconf import *  # noqa: F403\n", encoding="utf-8")
    return dest
