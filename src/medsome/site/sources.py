"""The website's Sphinx source: copies of the lessons (prepared for a kernel-less page) and the pages.

Nothing committed is edited: the lessons, data cards, references and instructor pages are copied
into a build folder, keeping their relative paths so that their links between each other resolve.
The public edition leaves the facilitator guides out (they discuss the graded scenarios) and keeps
the text of any link to them; the instructor edition (`instructor=True`) adds them, and says on
every page that it must not be shared with learners.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import nbformat

from medsome.manifest import load_course
from medsome.paths import course_root
from medsome.site.downloads import lesson_header
from medsome.site.reflinks import link_references
from medsome.site.repository import repository_url
from medsome.site.sitestyle import CSS

FACILITATOR_LINK = re.compile(r"\[([^\]]+)\]\((?:\.\./)*facilitator/[^)]*\)")
FIGURE_NOTE = re.compile(r"^\*What the figure shows:\*\s*", re.IGNORECASE)
MARKUP = re.compile(r"[*_`]")
_SKIP = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__")


def lesson_notebooks(root: Path | None = None) -> list[Path]:
    """Every lesson notebook the course manifest lists, in module order."""
    return load_course(root).lesson_notebooks()


def _alt_from_description(nb: nbformat.NotebookNode) -> None:
    """A figure's alt text is the lesson's own "What the figure shows" paragraph that follows it."""
    for cell, following in zip(nb.cells, nb.cells[1:], strict=False):
        text = following.source.strip() if following.cell_type == "markdown" else ""
        if cell.cell_type == "code" and FIGURE_NOTE.match(text):
            alt = MARKUP.sub("", FIGURE_NOTE.sub("", text)).replace("\n", " ")
            cell.metadata.setdefault("mystnb", {})["image"] = {"alt": alt}


def prepare_lesson(source: Path, dest: Path, lesson: str, url: str) -> None:
    """Copy a lesson for the site: widget snapshots, tables in full, figure alt text, how to open it."""
    nb = nbformat.read(source, as_version=4)
    setup = nbformat.v4.new_code_cell(
        f"import medsome.site.snapshot\nmedsome.site.snapshot.install({lesson!r})\n"
        'import pandas\npandas.set_option("display.max_colwidth", None)',
        metadata={"tags": ["remove-cell"]})
    _alt_from_description(nb)
    title = next(i for i, cell in enumerate(nb.cells) if cell.cell_type == "markdown")
    heading, _, intro = nb.cells[title].source.partition("\n")
    nb.cells[title:title + 1] = [nbformat.v4.new_markdown_cell(heading),
                                 nbformat.v4.new_markdown_cell(lesson_header(lesson, url)),
                                 *([nbformat.v4.new_markdown_cell(intro.strip())] if intro.strip() else [])]
    nb.cells.insert(0, setup)
    nbformat.write(nb, dest)


def unlink_facilitator(markdown: str) -> str:
    """Markdown with every link to a facilitator page replaced by its text (the public edition)."""
    return FACILITATOR_LINK.sub(r"\1", markdown)


def _instructor_section(handouts: list[str], instructor: bool) -> str:
    """The index's instructor section: the guides and their handouts, or where to find them."""
    if not instructor:
        return """## For instructors

Guides for running the course and the assessment blueprint. Assignments are not published here:
learners get their student versions from `medsome start` or their hub. The facilitator guides and
their handouts, which discuss the graded scenarios, are in the instructor edition of this website
(`medsome site build --instructor`), which is not for learners.

```{toctree}
:caption: For instructors
:maxdepth: 1
:glob:

docs/overview
docs/*
```
"""
    listing = "\n".join(f'<li><a href="handouts/{h}-facilitator.pdf">{h}-facilitator.pdf</a></li>'
                         for h in handouts)
    return f"""## For instructors

Guides for running the course, the assessment blueprint and the facilitator material. Assignments
are not published here: learners get their student versions from `medsome start` or their hub.
**This is the instructor edition: do not share it with learners.**

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
{listing}
</ul>
"""


def _index(lessons: list[str], handouts: list[str], url: str, instructor: bool) -> str:
    listing = "\n".join(f'<li><a href="handouts/{h}.pdf">{h}.pdf</a></li>' for h in handouts)

    return f"""# The ethics of medical social media

A course for surgical residents: should a surgeon post, what a "harmless" case post reveals, when
consent is enough, and how to tell good content from misinformation. Each lesson is shown here with
its outputs as they appear when it runs. The widgets and exercises are interactive in JupyterLab:
each lesson page offers its notebook to download and says how to open it. The course, with every
lesson, the data and how to install it, is in [its repository]({url}).

**Programme directors:** [the course overview](docs/overview.md) says who wrote the course and how
its answer keys were set ([authorship and review](docs/overview.md#authorship-and-review)), what was
tested for [accessibility](docs/overview.md#accessibility), what is stored about a resident and
for how long ([data protection](docs/overview.md#data-protection)), and how to
[run it for 200 residents](docs/overview.md#running-it-for-200-residents).

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
{listing}
</ul>

{_instructor_section(handouts, instructor)}"""


def stage(dest: Path, handouts: list[str], instructor: bool = False) -> Path:
    """Write the Sphinx source folder under `dest` and return it; `handouts` are module ids."""
    root, url = course_root(), repository_url()
    if dest.exists():
        shutil.rmtree(dest)
    lessons = []
    for notebook in lesson_notebooks(root):
        folder = dest / "course" / notebook.parent.name
        shutil.copytree(notebook.parent, folder, ignore=_SKIP)
        rel = notebook.relative_to(root).as_posix()
        prepare_lesson(notebook, folder / notebook.name, rel, url)
        lessons.append(Path(rel).with_suffix("").as_posix())
    pages = [page for pattern in ("course/references.md", "datasets/README.md", "datasets/cards/*.md",
                                  "docs/*.md") for page in sorted(root.glob(pattern))]
    for page in pages + (load_course(root).facilitator_pages() if instructor else []):
        target = dest / page.relative_to(root)
        target.parent.mkdir(parents=True, exist_ok=True)
        text = page.read_text(encoding="utf-8")
        target.write_text(text if instructor else unlink_facilitator(text), encoding="utf-8")
    references = dest / "course" / "references.md"
    references.write_text(link_references(references.read_text(encoding="utf-8")), encoding="utf-8")
    (dest / "_static").mkdir()
    (dest / "_static" / "medsome.css").write_text(CSS, encoding="utf-8")
    (dest / "index.md").write_text(_index(lessons, handouts, url, instructor), encoding="utf-8")
    conf = "from medsome.site.sphinxconf import *  # noqa: F403\n"
    if instructor:
        conf += "html_theme_options = INSTRUCTOR_THEME_OPTIONS  # noqa: F405\n"
    (dest / "conf.py").write_text(conf, encoding="utf-8")
    return dest
