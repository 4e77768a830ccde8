"""The guideline rule matrix: every cell cited, tags consistent, clear errors, a readable grid."""

from __future__ import annotations

import pandas as pd
import pytest

from medsome import guidelines
from medsome.errors import DatasetError
from medsome.guidelines import BODY_CODES, RULES, Cell, Status, UnknownRule

CELLS = guidelines.cells()


def test_one_cited_cell_per_rule_and_body() -> None:
    assert len(CELLS) == len(RULES) * len(BODY_CODES)
    assert {(c.rule_id, c.body) for c in CELLS} == {(r.rule_id, b) for r in RULES for b in BODY_CODES}
    assert all(c.citation.strip() for c in CELLS)
    assert len({r.rule_id for r in RULES}) == len(RULES)


def test_the_checklist_rows_of_the_evidence_file_are_kept() -> None:
    """The six rows of the evidence file's cross-guideline checklist, symbol by symbol."""
    checklist = {  # ✓ stated (V or P), – not seen, U unverified, in BODY_CODES order
        "no_identifiable_data": "✓✓✓✓✓✓✓",
        "content_permanent": "✓✓✓✓–✓✓",
        "boundaries": "✓✓✓✓✓✓U",
        "separate_spheres": "✓–✓✓U✓U",
        "declare_interests": "U✓✓✓✓UU",
        "act_on_colleagues": "✓––✓––U",
    }
    symbol = {Status.STATED: "✓", Status.NOT_SEEN: "–", Status.UNVERIFIED: "U"}
    for rule_id, row in checklist.items():
        got = "".join(symbol[guidelines.cell(rule_id, body).status] for body in BODY_CODES)
        assert got == row, rule_id


def test_partly_checked_cells_say_so() -> None:
    wma_2011 = guidelines.cell("separate_spheres", "WMA")
    assert wma_2011.tag == "P" and "secondary summary" in wma_2011.citation
    assert guidelines.cell("no_identifiable_data", "AMA").symbol == "✓"
    assert guidelines.cell("no_identifiable_data", "FMA").symbol == "✓ [P]"
    assert guidelines.cell("boundaries", "FMA").symbol == "[U]"
    assert guidelines.cell("act_on_colleagues", "GMC").symbol == "–"


def test_cells_reject_inconsistent_tags_and_missing_citations() -> None:
    with pytest.raises(ValueError, match="a stated cell has the tag 'V' or 'P'"):
        Cell("boundaries", "AMA", "stated", "U", "somewhere")
    with pytest.raises(ValueError, match="needs a citation"):
        Cell("boundaries", "AMA", "stated", "V", "")
    with pytest.raises(ValueError):
        Cell("boundaries", "AMA", "maybe", "", "somewhere")


def test_lookups_fail_clearly() -> None:
    with pytest.raises(UnknownRule, match="no rule 'no_selfies'; the rules are no_identifiable_data"):
        guidelines.rule_text("no_selfies")
    with pytest.raises(UnknownRule, match="no body 'NHS'; the bodies are AMA, GMC"):
        guidelines.cell("boundaries", "NHS")


def test_rule_matrix_grid_and_bad_input() -> None:
    table = pd.DataFrame([{"rule_id": c.rule_id, "rule": guidelines.rule_text(c.rule_id), "body": c.body,
                           "status": c.status.value, "tag": c.tag or None, "citation": c.citation}
                          for c in CELLS])
    grid = guidelines.rule_matrix(table)
    assert grid.shape == (len(RULES), len(BODY_CODES))
    assert list(grid.columns) == list(BODY_CODES)
    assert grid.loc[RULES[0].text, "FMA"] == "✓ [P]"
    with pytest.raises(DatasetError, match=r"lacks the column.*'citation'"):
        guidelines.rule_matrix(table.drop(columns="citation"))
    with pytest.raises(DatasetError, match="as a DataFrame, not list"):
        guidelines.rule_matrix([1, 2])


def test_status_feedback_explains_without_raising() -> None:
    assert guidelines.status_feedback(..., "boundaries", "FMA").startswith("Not answered yet")
    assert guidelines.status_feedback("stated", "boundaries", "FMA").startswith("Not yet. Find the row")
    right = guidelines.status_feedback("unverified", "boundaries", "FMA")
    assert right.startswith("Correct: FMA on 'Keep boundaries") and "Source:" in right
    assert "partly checked" in guidelines.status_feedback("stated", "separate_spheres", "WMA")
