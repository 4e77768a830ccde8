"""Misconception profiles graded through real nbgrader: each fails the objectives aimed at it.

For each assignment, one autograde run (shared with the round trip: tests/graded_assignments.py)
grades the solution (full marks, every autograded objective met), the untouched student version
(zero, no objective met), a hostile copy whose every answer claims to equal anything (zero, no
objective met), and one submission per misconception profile (tests/misconception_profiles.py): a
profile loses points on every item the blueprint says targets its misconception and keeps full
marks on every other autograded item; it fails every objective those items assess, and so the
assignment's pass decision, and meets every other autograded objective.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook

from graded_assignments import answer_cell, copy_of, graded, keep_only
from medsome.blueprint import load_blueprint, objectives
from medsome.cli import main as run
from medsome.grading.course_folder import Course
from medsome.grading.critical import course_critical
from medsome.grading.feedback_files import write_feedback
from medsome.grading.mastery import MET, NOT_MET, NOT_YET, PASS, objective_results, pass_decision
from medsome.grading.scores import read_gradebook
from medsome.grading.student_versions import build_student_versions
from medsome.judgement import KEY_HEADING
from misconception_profiles import PROFILES

pytestmark = pytest.mark.integration


def _scores(course: Path, assignment: str, student: str) -> dict[str, tuple[float, float]]:
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        submission = gb.find_submission(assignment, student)
        return {g.name: (g.auto_score, g.max_score) for nb in submission.notebooks for g in nb.grades
                if g.cell_type == "code"}


@pytest.mark.parametrize("assignment", sorted(PROFILES))
def test_profiles_lose_exactly_the_items_aimed_at_them(assignment: str, tmp_path: Path) -> None:
    course = copy_of(graded(assignment), tmp_path)  # the objectives and feedback below change it
    keep_only(course, assignment, {"solved", "untouched", "hostile", *PROFILES[assignment]})
    blueprint = load_blueprint()
    autograded = blueprint[(blueprint["assignment"] == assignment) & (blueprint["kind"] != "manual")]
    targets = {row.grade_id: set(row.misconceptions) for row in autograded.itertuples()}
    solution, blank = _scores(course, assignment, "solved"), _scores(course, assignment, "untouched")
    assert all(score == maximum for score, maximum in solution.values()), solution
    assert all(score == 0 for score, _ in blank.values()), blank
    hostile = _scores(course, assignment, "hostile")
    assert all(score == 0 for score, _ in hostile.values()), f"an always-equal answer scored: {hostile}"
    for misconception in PROFILES[assignment]:
        scores = _scores(course, assignment, misconception)
        aimed = {item for item, targeted in targets.items() if misconception in targeted}
        assert aimed, f"no item of {assignment} targets {misconception}"
        lost = {item for item, (score, maximum) in scores.items() if score < maximum}
        assert lost == aimed, (f"{misconception}: lost points on {sorted(lost)}, "
                               f"but the blueprint aims {sorted(aimed)} at it")
    _objectives_follow_the_misconceptions(course, assignment, blueprint)
    _feedback_explains_the_key(course, assignment, next(iter(PROFILES[assignment])))


def _grade_manual_answers_in_full(course: Path, assignment: str, student: str) -> None:
    """What an instructor does in the formgrader: full marks on each written answer of the solution."""
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        for nb in gb.find_submission(assignment, student).notebooks:
            for grade in nb.grades:
                if grade.cell_type == "markdown":
                    grade.manual_score = grade.max_score
        gb.db.commit()


def _objectives_follow_the_misconceptions(course: Path, assignment: str, blueprint) -> None:
    """Solution: every autograded objective met; untouched and hostile: none; a profile fails exactly the
    objectives its misconception's items assess (and the pass decision), and meets every other."""
    _grade_manual_answers_in_full(course, assignment, "solved")
    items, _ = read_gradebook(Course(course))
    results = objective_results(items, course_critical(Course(course), [assignment]), blueprint)
    table = objectives(blueprint)
    table = table[table["assignment"] == assignment]
    manual = set(blueprint.loc[blueprint["kind"] == "manual", "grade_id"])
    automatic = {row.objective_id for row in table.itertuples() if not set(row.grade_ids) & manual}
    status = {(r.student_id, r.objective_id): r.status for r in results.itertuples()}

    def of(student: str) -> dict[str, str]:
        return {objective: status[(student, objective)] for objective in table["objective_id"]}

    assert all(of("solved")[o] == MET for o in automatic), of("solved")
    assert pass_decision(results[results["student_id"] == "solved"]["status"]) == PASS
    for student in ("untouched", "hostile"):
        assert all(state != MET for state in of(student).values()), (student, of(student))
    rows = blueprint[blueprint["assignment"] == assignment]
    for misconception in PROFILES[assignment]:
        aimed = {row.grade_id for row in rows.itertuples() if misconception in row.misconceptions}
        failed = {row.objective_id for row in table.itertuples() if set(row.grade_ids) & aimed}
        mine = of(misconception)
        assert {o for o in failed if mine[o] != NOT_MET} <= {o for o in failed if o not in automatic}, (
            f"{misconception} should fail the objectives {sorted(failed)}: {mine}")
        assert all(mine[o] == MET for o in automatic - failed), f"{misconception} keeps the others: {mine}"
        assert pass_decision(results[results["student_id"] == misconception]["status"]) == NOT_YET


def _feedback_explains_the_key(course: Path, assignment: str, student: str) -> None:
    """Feedback shows scores only until the instructor releases the keys; then it explains the key
    item by item. Neither shows hidden test code."""
    page_path = course / "feedback" / student / assignment / f"{assignment}.html"
    run_ = write_feedback(Course(course), assignment)
    assert student in run_.written, run_.summary()
    scores_only = page_path.read_text(encoding="utf-8")
    assert KEY_HEADING not in scores_only and "Expert order" not in scores_only
    assert "explained in the feedback released after the resubmission window" in scores_only
    run_ = write_feedback(Course(course), assignment, keys=True)
    assert student in run_.written, run_.summary()
    page = page_path.read_text(encoding="utf-8")
    assert page.count(KEY_HEADING) >= len(PROFILES[assignment][student]), "every answered item explained"
    assert "Source:" in page
    for text in (scores_only, page):
        for hidden in ("BEGIN HIDDEN", ".grade(", "key=", "why="):
            assert hidden not in text, f"the feedback shows hidden test code ({hidden})"


def test_self_check_keeps_the_key_until_the_final_attempt(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture) -> None:
    """`medsome check` on a partly wrong copy: scores and objectives without the key; `--final` records
    the attempt and explains the key; a later check says it was recorded. Never any test code."""
    assignment, misconception = "03_consent", "said_yes"
    workspace = tmp_path / "workspace"
    build_student_versions(workspace / "assignments")
    path = workspace / "assignments" / assignment / f"{assignment}.ipynb"
    nb = nbformat.read(path, as_version=4)
    for variable, expression in PROFILES[assignment][misconception].items():
        answer_cell(nb, variable).source += f"\n{variable} = {expression}"
    nbformat.write(nb, path)
    assert run(["check", assignment, "--workspace", str(workspace)]) == 0
    first = capsys.readouterr().out
    assert "q4_ranking: partly passed" in first and "Expert order" not in first and KEY_HEADING not in first
    assert "q2_decisions: failed" in first and "a critical error" in first
    assert "q3_count: failed" in first and "Not answered yet" in first
    assert "03.2 not met" in first and "Decision: not yet." in first and "--final" in first
    assert not (workspace / ".medsome" / "final").exists()

    assert run(["check", assignment, "--workspace", str(workspace), "--final"]) == 0
    final = capsys.readouterr().out
    assert "Expert order: B > C > E > A > D" in final and "was recorded on" in final
    assert (workspace / ".medsome" / "final" / f"{assignment}.json").is_file()
    assert run(["check", assignment, "--workspace", str(workspace)]) == 0
    later = capsys.readouterr().out
    assert "was recorded on" in later and "Expert order" in later
    for out in (first, final, later):
        for hidden in ("BEGIN HIDDEN", ".grade(", "key="):
            assert hidden not in out
