"""Each lesson's notebook on the website: a download link and how to open it, and the file itself.

The file published is the committed notebook (no outputs; the lessons hold no solutions), copied
next to the lesson's page so that the link is the page's own folder.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from medsome.paths import course_root
from medsome.site.repository import open_instructions


def lesson_header(lesson: str, url: str) -> str:
    """Markdown under a lesson's title: download the notebook, or open it in JupyterLab."""
    name = lesson.rsplit("/", 1)[-1]
    return f""":::{{admonition}} Work through this lesson in JupyterLab
:class: medsome-open

<a class="medsome-download" href="{name}" download>Download the notebook ({name})</a>: the lesson
as the course ships it, without outputs. The widgets and exercises below work only in JupyterLab.

{open_instructions(url, lesson)}
:::
"""


def publish_notebooks(notebooks: list[Path], html: Path) -> list[Path]:
    """Copy each committed lesson notebook next to its page under `html`; the copies, in order."""
    root, copies = course_root(), []
    for notebook in notebooks:
        target = html / notebook.relative_to(root)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(notebook, target)
        copies.append(target)
    return copies
