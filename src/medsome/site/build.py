"""One command for the website and the handouts: stage the source, run Sphinx, print the handouts."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from medsome.errors import MedsomeError
from medsome.manifest import load_course
from medsome.site.casematerial import post_texts
from medsome.site.downloads import publish_notebooks
from medsome.site.handouts import add_material, read_debriefs, read_lesson, render
from medsome.site.printing import print_pdfs
from medsome.site.sources import lesson_notebooks, stage

DEFAULT_OUT = Path("site-build")
SPHINX_FLAGS = ["-b", "html", "-W", "--keep-going", "-n", "-q"]  # any warning fails the build


@dataclass
class SiteBuild:
    """Where the build put the website and the handouts, and how long it took."""

    html: Path
    handouts: list[Path]
    seconds: float


def handout_pages(dest: Path, instructor: bool = False) -> dict[Path, str]:
    """Each module's learner handout (and, for the instructor edition, its facilitator version),
    as HTML by their PDF path."""
    course, pages, posts = load_course(), {}, post_texts()
    for module, notebook in zip(course.modules, course.lesson_notebooks(), strict=True):
        handout = add_material(read_lesson(notebook), posts)
        if not handout.prompts:
            continue
        handout.debriefs = read_debriefs(course.root / "facilitator" / module.facilitator)
        pages[dest / f"{handout.module}.pdf"] = render(handout, facilitator=False)
        if instructor:
            pages[dest / f"{handout.module}-facilitator.pdf"] = render(handout, facilitator=True)
    return pages


def run_sphinx(source: Path, out: Path) -> bool:
    """Build `source` into out/html with every warning an error; True if it built."""
    command = [sys.executable, "-m", "sphinx", *SPHINX_FLAGS, "-d", str(out / "doctrees"), str(source),
               str(out / "html")]
    return subprocess.run(command, check=False).returncode == 0


def build_site(out: Path = DEFAULT_OUT, instructor: bool = False) -> SiteBuild:
    """Build the website (lessons executed now) into out/html and its handouts into out/html/handouts;
    the instructor edition adds the facilitator guides and handouts."""
    if importlib.util.find_spec("myst_nb") is None:
        raise MedsomeError('the website needs Sphinx and MyST-NB: pip install -e ".[site]"')
    started = time.monotonic()
    out = out.resolve()
    html = out / "html"
    pages = handout_pages(html / "handouts", instructor)
    modules = sorted({path.stem.removesuffix("-facilitator") for path in pages})
    source = stage(out / "source", modules, instructor)
    if not run_sphinx(source, out):
        raise MedsomeError("the website did not build: see Sphinx's warnings above (each is an error)")
    publish_notebooks(lesson_notebooks(), html)
    print_pdfs(pages)
    return SiteBuild(html, sorted(pages), time.monotonic() - started)
