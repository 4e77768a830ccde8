"""Completion records: per resident, each assignment's objectives and decision, escaped, complete or not."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from medsome.grading.completion import record_rows, render_record, write_records
from medsome.grading.mastery import MET, NOT_MET, RESULT_COLUMNS

TOTALS = pd.DataFrame([
    ["ana", "01_why_some", True, 18.0, 21.0],
    ["ana", "02_identification", True, 20.0, 26.0],
    ["<b>x</b>", "01_why_some", False, 0.0, 21.0],
    ["bo", "01_why_some", True, 10.0, 21.0],
    ["bo", "01_why_some_b", True, 19.0, 21.0],
], columns=["student_id", "assignment", "submitted", "score", "max_score"])
RESULTS = pd.DataFrame([
    ["ana", "01_why_some", "Form A", "01.1", "Read the growth", 1.0, 1.0, False, MET],
    ["ana", "02_identification", "Form A", "02.1", "Spot the details", 6.0, 6.0, False, MET],
    ["ana", "02_identification", "Form A", "02.2", "Rank the responses", 0.0, 4.0, True, NOT_MET],
    ["<b>x</b>", "01_why_some", "Form A", "01.1", "Read the growth", 0.0, 1.0, False, NOT_MET],
    ["bo", "01_why_some", "Form A", "01.1", "Read the growth", 0.0, 1.0, False, NOT_MET],
    ["bo", "01_why_some_b", "Form B (resubmission)", "01.1", "Read the growth", 1.0, 1.0, False, MET],
], columns=RESULT_COLUMNS)


def test_a_record_lists_each_assignment_with_its_objectives_and_decision() -> None:
    rows = record_rows("ana", TOTALS, RESULTS)
    assert [(r["assignment"], r["decision"], r["met"], r["count"]) for r in rows] == [
        ("01_why_some", "pass", 1, 1), ("02_identification", "not yet", 1, 2)]
    page = render_record("ana", rows)
    assert "Not yet complete" in page and "Rank the responses" in page and "not met" in page
    assert "version" in page and "60%" in page


def test_a_passed_course_says_so_and_names_are_escaped(tmp_path: Path) -> None:
    passed = RESULTS.assign(status=MET, critical_error=False)
    assert "Course complete" in render_record("ana", record_rows("ana", TOTALS, passed))
    written = write_records(tmp_path, TOTALS, RESULTS)
    assert [p.name for p in written] == ["_b_x__b_.html", "ana.html", "bo.html"]
    hostile = written[0].read_text(encoding="utf-8")
    assert "<b>x</b>" not in hostile and "&lt;b&gt;x&lt;/b&gt;" in hostile and "Not submitted" in hostile


def test_a_passed_resubmission_completes_its_assignment_and_names_the_form() -> None:
    rows = record_rows("bo", TOTALS, RESULTS)
    assert [(r["assignment"], r["form"], r["decision"]) for r in rows] == [
        ("01_why_some", "Form A", "not yet"), ("01_why_some_b", "Form B (resubmission)", "pass")]
    page = render_record("bo", rows)
    assert "Course complete" in page and "01_why_some_b, Form B (resubmission): pass" in page
