"""The site's build fails on a broken link, a missing image, a missing alt text or a cell error."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from medsome.site.build import run_sphinx

pytestmark = pytest.mark.site

PAGES = {
    "sound": "# Sound\n\nSee [the other page](other.md).\n",
    "broken link": "# Broken link\n\nSee [a page that is not there](missing.md).\n",
    "missing image": "# Missing image\n\n![A chart of posts per month by specialty](nowhere.png)\n",
    "missing alt text": '# Missing alt\n\n<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">\n',
}


def _project(root: Path, page: str, notebook: nbformat.NotebookNode | None = None) -> Path:
    source = root / "source"
    (source / "_static").mkdir(parents=True)
    (source / "conf.py").write_text("from medsome.site.sphinxconf import *  # noqa: F403\n", encoding="utf-8")
    (source / "other.md").write_text("# Other\n", encoding="utf-8")
    toc = "\n".join(["```{toctree}", "other", "page", *(["lesson"] if notebook else []), "```"])
    (source / "index.md").write_text(f"# Home\n\n{toc}\n", encoding="utf-8")
    (source / "page.md").write_text(page, encoding="utf-8")
    if notebook is not None:
        nbformat.write(notebook, source / "lesson.ipynb")
    return source


@pytest.mark.parametrize("fault", PAGES)
def test_a_fault_on_a_page_fails_the_build(tmp_path: Path, fault: str) -> None:
    assert run_sphinx(_project(tmp_path, PAGES[fault]), tmp_path / "out") == (fault == "sound")


def test_a_cell_error_fails_the_build(tmp_path: Path) -> None:
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Lesson"),
                                               nbformat.v4.new_code_cell("1 / 0")])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    assert not run_sphinx(_project(tmp_path, PAGES["sound"], notebook), tmp_path / "out")
