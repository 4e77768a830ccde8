"""The Kardashian-index explorer, driven from Python: numbers in, Hall's K out."""

from __future__ import annotations

import html

import pytest

from medsome.bibliometrics import describe_k, expected_followers, kardashian_index
from medsome.data import load_academics
from medsome.errors import MedsomeError
from medsome.widgets.kardashian_explorer import SATIRE, KardashianExplorer

ACADEMICS = load_academics()


def test_every_control_is_labelled_and_it_displays_itself() -> None:
    explorer = KardashianExplorer(ACADEMICS)
    assert all(c.description for c in (explorer.citations, explorer.followers, explorer.picker))
    assert "application/vnd.jupyter.widget-view+json" in explorer._repr_mimebundle_()


def test_typing_numbers_updates_expected_followers_and_k() -> None:
    explorer = KardashianExplorer()
    explorer.citations.value = 5000
    explorer.followers.value = 20_000
    assert explorer.expected == pytest.approx(expected_followers(5000))
    assert explorer.k == pytest.approx(kardashian_index(20_000, 5000))
    assert f"<b>{expected_followers(5000):,.0f}</b>" in explorer.result.value
    assert html.escape(describe_k(explorer.k)) in explorer.result.value
    assert "Science Kardashian" in explorer.result.value
    explorer.followers.value = 10
    assert "fewer followers than the citations predict" in explorer.result.value


def test_the_satire_is_explained_with_its_source() -> None:
    explorer = KardashianExplorer()
    text = explorer.widget.children[-1].value
    assert text == SATIRE and "satire" in text and "Genome Biol 2014;15:424" in text
    assert "Hall's own" in text


def test_loading_an_academic_sets_their_numbers() -> None:
    explorer = KardashianExplorer(ACADEMICS)
    row = ACADEMICS.iloc[8]
    k = explorer.load(row["academic_id"])
    assert explorer.citations.value == row["citations"] and explorer.followers.value == row["x_followers"]
    assert k == pytest.approx(kardashian_index(row["x_followers"], row["citations"]))
    explorer.picker.value = "A02"
    assert explorer.citations.value == ACADEMICS.set_index("academic_id").loc["A02", "citations"]


def test_unknown_academic_and_missing_table_fail_clearly() -> None:
    with pytest.raises(MedsomeError, match="no academic 'A999'; the ids run from A01 to A80"):
        KardashianExplorer(ACADEMICS).load("A999")
    with pytest.raises(MedsomeError, match=r"no academics: create it with KardashianExplorer\(load_"):
        KardashianExplorer().load("A01")


def test_the_controls_refuse_impossible_counts() -> None:
    explorer = KardashianExplorer()
    explorer.citations.value = 0  # the box clamps to its minimum: K needs at least one citation
    assert explorer.citations.value == 1
    explorer.followers.value = -5
    assert explorer.followers.value == 0 and explorer.k == 0
