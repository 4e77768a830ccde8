"""A cohort on a real JupyterHub: release, fetch, submit, collect, grade, feedback, PostgreSQL grades.

The instructor works in their own hub server (commands run in a kernel there, as in a terminal);
each resident works through their own server's nbgrader and contents APIs, reached through the
hub's proxy with the resident's own token, as JupyterLab's Assignments panel does.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest

from conftest import ASSIGNMENT_IDS, ROOT

from .conftest import COURSE_ID, INSTRUCTOR, RESIDENTS, Deployment
from .localhub import Kernel, UserServer

pytestmark = pytest.mark.hub

ASSIGNMENT = "02_identification"  # one notebook, with code answers and a written answer
assert ASSIGNMENT in ASSIGNMENT_IDS, f"the hub test's assignment {ASSIGNMENT} is gone: choose another"
SOLVER, BLANK = RESIDENTS
SOLUTION_MARKERS = {"### BEGIN SOLUTION", "### END SOLUTION"}
WRITTEN_ANSWER = "A resident's own written answer, for the instructor to grade by the rubric."


def instructor_runs(shell: Kernel, *command: str) -> str:
    """Run a command from a kernel of the instructor's server, as in its terminal; its output.

    The command must succeed; `medsome` is found on the server's PATH, as an instructor's would be.
    """
    code = (
        "import json, subprocess\n"
        f"done = subprocess.run({list(command)!r}, capture_output=True, text=True)\n"
        "print(json.dumps([done.returncode, done.stdout, done.stderr]))\n"
    )
    returncode, stdout, stderr = json.loads(shell.run(code).strip().splitlines()[-1])
    assert returncode == 0, f"`{' '.join(command)}` exited with {returncode}:\n{stdout}\n{stderr}"
    return stdout


def medsome(shell: Kernel, *args: str) -> str:
    return instructor_runs(shell, "medsome", *args)


def source_cells() -> dict[str, dict]:
    """The assignment's nbgrader cells with solutions, by grade_id."""
    notebook = nbformat.read(ROOT / "assignments" / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", 4)
    return {c.metadata.nbgrader["grade_id"]: c for c in notebook.cells if "nbgrader" in c.metadata}


def solve(notebook: dict) -> dict:
    """The student notebook with every code answer as the instructor's solution and every written
    answer (which has no model answer in the source, only a rubric) given some text."""
    solutions = source_cells()
    for cell in notebook["cells"]:
        meta = cell["metadata"].get("nbgrader", {})
        if meta.get("solution") and cell["cell_type"] == "code":
            lines = solutions[meta["grade_id"]].source.splitlines()
            cell["source"] = "\n".join(line for line in lines if line.strip() not in SOLUTION_MARKERS)
        elif meta.get("solution"):
            cell["source"] = WRITTEN_ANSWER
    return notebook


def expected_grades() -> dict[str, dict[str, tuple]]:
    """(auto_score, needs_manual_grade) per graded cell: the solver earns every autograded point
    and waits for manual grading of written answers; the blank submission earns nothing, and
    nbgrader scores its untouched written answers 0 without asking for a manual grade."""
    graded = {gid: c for gid, c in source_cells().items() if c.metadata.nbgrader.get("grade")}
    solved, blank = {}, {}
    for gid, cell in graded.items():
        points = float(cell.metadata.nbgrader["points"])
        manual = bool(cell.metadata.nbgrader.get("solution"))
        solved[gid] = (None, True) if manual else (points, False)
        blank[gid] = (0.0, False)
    return {SOLVER: solved, BLANK: blank}


def gradebook_grades(url: str) -> dict[str, dict[str, tuple]]:
    """(auto_score, needs_manual_grade) per student and graded cell, read from the gradebook."""
    from nbgrader.api import Gradebook

    with Gradebook(url) as gb:
        return {
            student: {g.name: (None if g.auto_score is None else float(g.auto_score), g.needs_manual_grade)
                      for nb in gb.find_submission(ASSIGNMENT, student).notebooks for g in nb.grades}
            for student in (s.id for s in gb.students)
        }


def status_of(assignments: list[dict]) -> dict[str, dict]:
    return {a["status"]: a for a in assignments if a["assignment_id"] == ASSIGNMENT}


@pytest.fixture
def instructor(deployment: Deployment) -> Iterator[Kernel]:
    """A kernel in the instructor's own server on the hub, to run medsome commands from."""
    with deployment.hub.server(INSTRUCTOR).kernel() as shell:
        yield shell


def test_cohort_on_the_hub(deployment: Deployment, instructor: Kernel) -> None:
    hub, course = deployment.hub, str(deployment.course)
    residents = {name: hub.server(name) for name in RESIDENTS}

    # The instructor builds the student version (gradebook in PostgreSQL) and releases it.
    assert "built" in medsome(instructor, "build", ASSIGNMENT, "--course", course)
    assert "released" in medsome(instructor, "release", ASSIGNMENT, "--course", course)

    # Each resident sees it released, fetches it; one solves it, one submits it untouched.
    notebook_path = f"{COURSE_ID}/{ASSIGNMENT}/{ASSIGNMENT}.ipynb"
    for name, server in residents.items():
        assert "released" in status_of(server.assignments(COURSE_ID)), f"{name} does not see {ASSIGNMENT}"
        assert "fetched" in status_of(server.assignment_action("fetch", COURSE_ID, ASSIGNMENT))
        student_version = server.read_notebook(notebook_path)
        assert not any("BEGIN SOLUTION" in "".join(c["source"]) for c in student_version["cells"])
        if name == SOLVER:
            server.write_notebook(notebook_path, solve(student_version))
        submitted = status_of(server.assignment_action("submit", COURSE_ID, ASSIGNMENT))
        assert "submitted" in submitted, f"{name}'s submission is not listed: {submitted}"
        assert {s["student_id"] for s in submitted["submitted"]["submissions"]} == {name}

    # The instructor collects from the exchange, grades, writes and releases feedback.
    collected = medsome(instructor, "collect", ASSIGNMENT, "--exchange", "--course", course)
    assert all(name in collected for name in RESIDENTS), collected
    medsome(instructor, "grade", ASSIGNMENT, "--course", course, "--workers", "2")
    feedback = medsome(instructor, "feedback", ASSIGNMENT, "--release", "--course", course)
    assert "feedback for 2 student(s)" in feedback and "released" in feedback, feedback

    # The instructor's formgrader reads the same gradebook.
    formgrader = hub.server(INSTRUCTOR).request("GET", f"formgrader/api/submissions/{ASSIGNMENT}").json()
    assert {s["student"] for s in formgrader if s["autograded"]} == set(RESIDENTS), formgrader

    # Each resident fetches their own feedback, which shows their own score.
    expected = expected_grades()
    for name, server in residents.items():
        listed = status_of(server.assignment_action("fetch_feedback", COURSE_ID, ASSIGNMENT))["submitted"]
        submission = listed["submissions"][-1]
        assert submission["has_local_feedback"], f"{name} got no feedback: {submission}"
        html = server.read_text(f"{submission['local_feedback_path']}/{ASSIGNMENT}.html")
        earned = sum(score or 0.0 for score, _ in expected[name].values())
        assert name in html or ASSIGNMENT in html
        assert f"Score: {earned:g}" in html or f"Score: {earned:.1f}" in html, f"{name}'s feedback"

    # The grades are in PostgreSQL, exactly as expected, and no SQLite gradebook was made.
    found = gradebook_grades(deployment.gradebook_url)
    wrong = {f"{student}/{cell}": {"found": found.get(student, {}).get(cell, "missing"), "expected": grade}
             for student, grades in expected.items() for cell, grade in grades.items()
             if found.get(student, {}).get(cell, "missing") != grade}
    assert not wrong and found.keys() == expected.keys(), f"gradebook: {wrong}; students {list(found)}"
    assert not Path(course, "gradebook.db").exists()


def lab_page_config(server: UserServer) -> dict:
    """The page configuration JupyterLab's page embeds (its disabled extensions among others)."""
    page = server.request("GET", "lab").text
    start = page.index('id="jupyter-config-data"')
    body = page[page.index(">", start) + 1:page.index("</script>", start)]
    return json.loads(body)


def test_roles_on_the_hub(deployment: Deployment) -> None:
    hub = deployment.hub
    resident, instructor = hub.server(RESIDENTS[0]), hub.server(INSTRUCTOR)

    # Residents find the lessons in their home, refreshed as their server started.
    lessons = resident.request("GET", "api/contents/course/lessons").json()["content"]
    assert {entry["name"] for entry in lessons} >= {"00_orientation", "02_identification"}

    # Residents have the assignment list but neither the formgrader nor the assignment creator.
    disabled = set(lab_page_config(resident).get("disabledExtensions", []))
    assert {"@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment"} <= disabled
    assert resident.session.get(f"{resident.url}/formgrader", timeout=60).status_code == 404
    assert resident.request("GET", "assignments", params={"course_id": COURSE_ID}).ok

    # Instructors get the formgrader page in its own tab; the hub forbids framing it (nbgrader #1870).
    formgrader = instructor.request("GET", "formgrader")
    assert "formgrader" in formgrader.text.lower()
    assert "frame-ancestors 'none'" in formgrader.headers.get("Content-Security-Policy", "")
    assert "@jupyter/nbgrader:formgrader" not in lab_page_config(instructor).get("disabledExtensions", [])

    # An account in neither group gets no server, and a message saying why.
    hub.api("POST", "users/visitor")
    refused = hub.session.post(f"{hub.url}/hub/api/users/visitor/server", timeout=60)
    assert refused.status_code >= 400 and "neither" in refused.text, refused.text
