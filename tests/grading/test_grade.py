"""`medsome grade`: a cohort with every kind of bad submission is graded, and each is reported."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook

from medsome.grading import journal
from medsome.grading.course_folder import Course
from medsome.grading.limits import can_cap_memory

from .conftest import ASSIGNMENT, COHORT, Graded

pytestmark = pytest.mark.integration


def scores(course: Path) -> dict[str, dict[str, float]]:
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        return {s.student.id: {g.name: g.score for nb in s.notebooks for g in nb.grades}
                for s in gb.assignment_submissions(ASSIGNMENT)}


def test_good_partial_and_wrong_answers_get_their_scores(graded: Graded) -> None:
    found = scores(graded.course)
    assert found["ada"] == {"q1_test": 2, "q2_test": 1, "q3_answer": 0}
    assert found["ben"]["q1_test"] == 2 and found["ben"]["q2_test"] == 0
    assert found["cy"]["q1_test"] == 0 and found["cy"]["q2_test"] == 0
    assert found["dee"]["q1_test"] == 0, "the hidden test should catch total = 4"
    assert graded.result("ada").graded and not graded.result("ada").problems


def test_every_submission_gets_a_result_and_the_run_finishes(graded: Graded) -> None:
    students = {r.student for r in graded.run.results}
    assert students == {*COHORT, "vandal", "broken", "renamed", "missing", "tamper"}
    assert not graded.run.interrupted
    assert len(graded.run.results) == len(students), "a student was graded twice"


def test_an_endless_loop_is_stopped_by_the_timeout_and_the_rest_is_graded(graded: Graded) -> None:
    result = graded.result("loop")
    assert result.graded and scores(graded.course)["loop"]["q1_test"] == 2
    assert any("timeout" in note for note in result.notes)
    assert "graded again alone" in " ".join(result.notes), "a timeout beside others is graded again alone"


def test_a_loop_that_ignores_interrupts_leaves_answers_unread_and_is_named(graded: Graded) -> None:
    result = graded.result("stubborn")
    assert result.graded and result.score == 0
    assert any("could not read risk" in n and "ignored the interrupt" in n for n in result.notes)
    assert "stubborn: graded 0/" in graded.run.summary()


def test_huge_output_is_cut_and_does_not_change_the_grade(graded: Graded) -> None:
    result = graded.result("flood")
    assert result.graded and scores(graded.course)["flood"] == scores(graded.course)["ada"]
    assert any("too much output" in note for note in result.notes)
    autograded = graded.course / "autograded" / "flood" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    assert autograded.stat().st_size < 200_000


def test_a_damaged_renamed_or_missing_notebook_is_reported_by_student(graded: Graded) -> None:
    assert "not valid JSON" in graded.result("broken").problems[0]
    assert "renamed" in graded.result("renamed").problems[0]
    assert "no notebook submitted" in graded.result("missing").problems[0]
    summary = graded.run.summary()
    for student in ("broken", "renamed", "missing"):
        assert f"{student}: NOT GRADED" in summary


def test_edited_and_deleted_tests_are_replaced_by_the_originals(graded: Graded) -> None:
    result = graded.result("tamper")
    assert scores(graded.course)["tamper"] == {"q1_test": 2, "q2_test": 0, "q3_answer": 0}
    assert any("edited (q2_test)" in n and "deleted (q1_test)" in n for n in result.notes)


@pytest.mark.skipif(not can_cap_memory(), reason="no per-process memory cap on this platform")
def test_exhausting_memory_hits_the_cap_and_costs_only_that_cell(graded: Graded) -> None:
    result = graded.result("hog")
    assert result.graded and scores(graded.course)["hog"]["q1_test"] == 2
    assert any("ran out of memory (cap 1024 MiB)" in note for note in result.notes)


def test_a_crashing_kernel_scores_its_blank_answers_and_is_named(graded: Graded) -> None:
    result = graded.result("crash")
    assert result.graded and result.score == 0
    assert any("could not read total (the kernel died" in n for n in result.notes)


def test_writing_outside_the_student_folder_is_prevented_and_home_is_private(graded: Graded) -> None:
    result = graded.result("vandal")
    assert result.graded and not result.outside
    assert not (graded.course / "source" / ASSIGNMENT / "vandal.txt").exists()
    assert not any(r.outside for r in graded.run.results)
    assert not (Path.home() / "medsome-grading-test.txt").exists(), "HOME was not private"


def test_without_the_sandbox_writing_outside_is_detected_and_the_summary_says_so(course: Path) -> None:
    from medsome.grading.autograde import grade_cohort
    from medsome.grading.worker import GradeOptions

    from .conftest import RISK, student_version, submit, vandal

    submit(course, "vandal", student_version(course, q1=vandal(course), q2=RISK))
    unsandboxed = GradeOptions(timeout=3, memory_limit_mb=1024, sandbox=False)
    run = grade_cohort(Course(course), ASSIGNMENT, options=unsandboxed)
    assert run.results[0].outside == ["added source/tiny/vandal.txt"]
    assert "Graded WITHOUT the sandbox (--no-sandbox)" in run.summary()


def test_the_journal_holds_exactly_the_graded_students(graded: Graded) -> None:
    entries = journal.entries(Course(graded.course), ASSIGNMENT)
    assert set(entries) == {r.student for r in graded.run.results if r.graded}
    assert entries["ada"]["score"] == 3


def test_a_second_run_skips_what_is_graded_and_retries_the_rest(graded_copy: Path) -> None:
    from medsome.grading.autograde import grade_cohort

    from .conftest import OPTIONS

    again = grade_cohort(Course(graded_copy), ASSIGNMENT, workers=2, options=OPTIONS,
                         students=["ada", "broken", "cy"])
    assert set(again.skipped) == {"ada", "cy"}
    assert [r.student for r in again.results] == ["broken"]


def test_changing_the_assignment_source_makes_everyone_due_again(graded_copy: Path) -> None:
    from medsome.grading.autograde import grade_cohort

    from .conftest import OPTIONS

    source = graded_copy / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    nb = nbformat.read(source, as_version=4)
    nb.cells.append(nbformat.v4.new_markdown_cell("A clarification added after grading."))
    nbformat.write(nb, source)
    again = grade_cohort(Course(graded_copy), ASSIGNMENT, workers=1, options=OPTIONS, students=["ada"])
    assert not again.skipped and again.results[0].graded and again.results[0].score == 3


def test_a_stuck_worker_is_stopped_after_the_deadline_and_replaced(course: Path) -> None:
    from medsome.grading.autograde import grade_cohort
    from medsome.grading.worker import GradeOptions

    from .conftest import RISK, TOTAL, student_version, submit

    submit(course, "sleepy", student_version(course, q1=f"import time\ntime.sleep(60)\n{TOTAL}", q2=RISK))
    submit(course, "quick", student_version(course, q1=TOTAL, q2=RISK))
    run = grade_cohort(Course(course), ASSIGNMENT, workers=1, options=GradeOptions(timeout=120), deadline=15)
    by_student = {r.student: r for r in run.results}
    assert "was stopped" in by_student["sleepy"].problems[0]
    assert by_student["quick"].graded and by_student["quick"].score == 3


FORK_STORM = ("import os, time\nfor _ in range(5000):\n    try:\n        if os.fork() == 0:\n"
              "            time.sleep(20)\n            os._exit(0)\n    except OSError:\n        break\n"
              "risk = 'tattoo'")
DISK_FILL = ("try:\n    with open('big', 'wb') as handle:\n        for _ in range(4000):\n"
             "            handle.write(b'0' * 2**20)\nexcept OSError:\n    pass\nrisk = 'tattoo'")


def test_a_fork_storm_and_a_disk_fill_exhaust_only_their_own_share(course: Path) -> None:
    from medsome.grading import cgroups
    from medsome.grading.autograde import grade_cohort

    from .conftest import OPTIONS, RISK, TOTAL, student_version, submit

    submit(course, "ada", student_version(course, q1=TOTAL, q2=RISK))
    submit(course, "forker", student_version(course, q1=TOTAL, q2=FORK_STORM))
    submit(course, "filler", student_version(course, q1=TOTAL, q2=DISK_FILL))
    run = grade_cohort(Course(course), ASSIGNMENT, workers=2, options=OPTIONS)
    by_student = {r.student: r for r in run.results}
    assert by_student["ada"].graded and by_student["ada"].score == 3 and not by_student["ada"].notes
    assert by_student["filler"].graded and by_student["filler"].score == 3, "its scratch folder filled alone"
    assert not list(course.rglob("big")), "a submission wrote its file on the course's disk"
    if cgroups.available() is None:
        assert "forker: graded" in run.summary() and "exhausted the process limit" in run.summary()
