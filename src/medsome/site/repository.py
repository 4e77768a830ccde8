"""Where the course's repository is (pyproject.toml's project URLs) and how to open a lesson from it."""

from __future__ import annotations

import html
import tomllib

from medsome.errors import MedsomeError
from medsome.paths import course_root

URL_KEY = "Repository"


def repository_url() -> str:
    """The course's repository, from [project.urls] Repository in pyproject.toml."""
    pyproject = course_root() / "pyproject.toml"
    urls = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("project", {}).get("urls", {})
    if URL_KEY not in urls:
        raise MedsomeError(f"{pyproject}: add the course's address as [project.urls] {URL_KEY} = \"https://...\"")
    return str(urls[URL_KEY])


def announcement(url: str) -> str:
    """The line at the top of every page: the repository, where the lessons, data and set-up live."""
    return f'<a href="{html.escape(url)}">The course\'s repository</a>: the lessons, the data, how to install'



INSTRUCTOR_NOTICE = ("Instructor edition, with the facilitator guides and debrief notes: "
                     "do not share it with learners")


def instructor_announcement(url: str) -> str:
    """The instructor edition's line at the top of every page: not for learners, and the repository."""
    return f"<strong>{INSTRUCTOR_NOTICE}.</strong> {announcement(url)}"


def open_instructions(url: str, lesson: str) -> str:
    """Markdown: how to open `lesson` (course/NN_topic/...ipynb) in JupyterLab, on a laptop or a hub."""
    copy = "lessons/" + lesson.removeprefix("course/")
    return f"""**Open in JupyterLab.** On your own computer (Python 3.11 or newer), in a terminal:

```bash
git clone {url}
cd {url.rstrip("/").rsplit("/", 1)[-1]}
python3 -m venv .venv && .venv/bin/pip install -e . && .venv/bin/medsome start
```

`medsome start` opens JupyterLab on your workspace; this lesson is `{copy}` there. On your
programme's JupyterHub, log in and open `{copy}`: the course is already installed. Run the
cells from the top (**Shift + Enter**) and the widgets respond as you change them."""
