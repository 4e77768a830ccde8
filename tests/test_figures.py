"""Figures and images carry a text description: alt text from a label, or from titles and axes."""

from __future__ import annotations

import base64

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import nbformat
import pandas as pd
import pytest
from nbclient import NotebookClient

from medsome.figures import describe_figure, figure_html, image_html
from medsome.plotting import DrawOnce, describe_candidate_pool, plot_candidate_pool

POOL = pd.DataFrame({"detail": ["sex", "age"], "value": ["female", 29], "candidates": [1200, 3]})


def test_image_html_escapes_the_description_and_refuses_none() -> None:
    tag = image_html(b"\x89PNG", "png", 'A "quoted" <b>face</b>')
    assert 'alt="A &quot;quoted&quot; &lt;b&gt;face&lt;/b&gt;"' in tag and "data:image/png;base64," in tag
    with pytest.raises(ValueError, match="needs a description"):
        image_html(b"x", "png", "  ")
    with pytest.raises(ValueError, match="not one of png, jpeg"):
        image_html(b"x", "gif", "a gif")


def test_a_figure_is_described_by_its_titles_axes_and_legend() -> None:
    fig, ax = plt.subplots()
    ax.bar([1, 2], [3, 4], label="reported")
    ax.set(title="Users", xlabel="Year", ylabel="Billions")
    ax.legend(title="Kind")
    assert describe_figure(fig) == ("Chart: Users; horizontal axis: Year; vertical axis: Billions; "
                                    "Kind: reported.")
    assert f'alt="{describe_figure(fig)}"' in figure_html(fig)
    plt.close(fig)


def test_the_candidate_pool_chart_says_its_counts_and_where_k_is_crossed() -> None:
    ax = plot_candidate_pool(POOL, title="Post X")
    expected = ("Post X. Bar chart of the people who match after each revealed detail: + sex = female: "
                "1,200; + age = 29: 3. Below k = 5 from age = 29 on.")
    assert describe_figure(ax.figure) == describe_candidate_pool(POOL, "Post X") == expected
    plt.close(ax.figure)


class CountingPrinter:
    """A stand-in for the inline backend's PNG printer that counts its drawings."""

    def __init__(self) -> None:
        self.drawn: list[object] = []

    def __call__(self, figure: object) -> str | None:
        self.drawn.append(figure)
        return None if not figure.axes else base64.b64encode(f"png {len(self.drawn)}".encode()).decode()


def test_a_shown_figure_is_drawn_once_for_its_html_and_its_png() -> None:
    printer = CountingPrinter()
    drawing = DrawOnce(printer)
    fig, ax = plt.subplots()
    ax.set_title("Users")
    html = drawing.html(fig)
    assert drawing.png(fig) == base64.b64encode(b"png 1").decode() and printer.drawn == [fig]
    assert 'src="data:image/png;base64,cG5nIDE="' in html and 'alt="Chart: Users."' in html
    plt.close(fig)


def test_a_png_asked_for_on_its_own_or_for_another_figure_is_drawn_afresh() -> None:
    printer = CountingPrinter()
    drawing = DrawOnce(printer)
    first, ax = plt.subplots()
    ax.plot([1, 2])
    second, ax = plt.subplots()
    ax.plot([2, 1])
    drawing.html(first)
    assert drawing.png(second) == base64.b64encode(b"png 2").decode()
    assert drawing.png(first) == base64.b64encode(b"png 3").decode()  # the kept image was used up
    assert printer.drawn == [first, second, first]
    plt.close("all")


def test_an_empty_figure_has_an_html_image_and_no_png() -> None:
    printer = CountingPrinter()
    drawing = DrawOnce(printer)
    fig = plt.figure()
    assert 'alt="An empty figure."' in drawing.html(fig) and drawing.png(fig) is None
    plt.close(fig)


@pytest.mark.integration
def test_in_a_kernel_a_chart_shows_one_drawing_as_html_with_alt_text_and_as_png() -> None:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "import matplotlib.pyplot as plt\n"
        "from medsome.plotting import use_course_style\n"
        "use_course_style()\n"
        "fig, ax = plt.subplots()\n"
        "ax.set_title('Users')\n"
        "plt.show()")])
    NotebookClient(nb, timeout=120, kernel_name="python3").execute()
    [shown] = [o for o in nb.cells[0].outputs if o["output_type"] == "display_data"]
    png, page = shown["data"]["image/png"], shown["data"]["text/html"]
    assert f'src="data:image/png;base64,{png}" alt="Chart: Users."' in page
