"""Figures and images carry a text description: alt text from a label, or from titles and axes."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from medsome.figures import describe_figure, figure_html, image_html
from medsome.plotting import describe_candidate_pool, plot_candidate_pool

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
