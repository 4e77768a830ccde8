"""Hostile submissions of a real assignment, graded with an honest and a blank one.

Every attacker scores exactly what its answers earn (here: the untouched student version's), the
honest student keeps full marks, the run finishes, no hidden test reaches an attacker's kernel or
feedback, and the attackers the grader can see are named with what they tried. The attackers are
those the catalogue of defences (medsome.grading.defences) names, each run under every defence
that names it.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import socket
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat
import psutil
import pytest
from nbgrader.api import Gradebook

from medsome.grading import journal, tamper
from medsome.grading.answers import answer_names
from medsome.grading.autograde import CohortRun, grade_cohort
from medsome.grading.course_folder import CONFIG_FILE, Course, require_success
from medsome.grading.defences import DEFENCES, attacks_named
from medsome.grading.sandbox import missing
from medsome.grading.worker import GradeOptions
from medsome.paths import assignments_dir

from . import attacks

pytestmark = [pytest.mark.integration, pytest.mark.skipif(missing() is not None, reason=str(missing()))]
OPTIONS = GradeOptions(timeout=30, memory_limit_mb=2048)
ENV_NAME = "MEDSOME_TEST_GRADEBOOK_PASSWORD"


@dataclass
class Cohort:
    """A real assignment's course, its submissions and the run that graded them."""

    course: Path
    assignment: str
    run: CohortRun
    honest_file: str
    connections: int = 0  # to a port of the grader's, from any kernel

    def result(self, student: str):
        return next(r for r in self.run.results if r.student == student)

    def totals(self) -> dict[str, float]:
        with Gradebook(f"sqlite:///{self.course / 'gradebook.db'}") as gb:
            return {s.student.id: float(s.score) for s in gb.assignment_submissions(self.assignment)}

    def printed(self, student: str) -> str:
        """Everything the student's graded notebooks hold: answers as graded, and what cells printed."""
        folder = self.course / "autograded" / student / self.assignment
        cells = [c for p in folder.glob("*.ipynb") for c in nbformat.read(p, as_version=4).cells]
        answers = [c for c in cells if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get(
            "solution")]
        return "".join(c.source for c in answers) + "".join(
            str(o.get("text", "")) + str(o.get("evalue", "")) for c in cells for o in c.get("outputs", []))


def real_course(root: Path) -> tuple[Path, str, nbformat.NotebookNode, nbformat.NotebookNode]:
    """A built copy of the course's assignment 02: (course, id, released notebook, source notebook)."""
    assignment = Course(assignments_dir()).resolve("02")
    root.mkdir(parents=True)
    shutil.copy2(assignments_dir() / CONFIG_FILE, root / CONFIG_FILE)
    shutil.copytree(assignments_dir() / "source" / assignment, root / "source" / assignment)
    require_success(Course(root).api().generate_assignment(assignment), "generate_assignment")
    name = sorted((root / "source" / assignment).glob("*.ipynb"))[0].name
    return (root, assignment, nbformat.read(root / "release" / assignment / name, as_version=4),
            nbformat.read(root / "source" / assignment / name, as_version=4))


def submit(course: Path, assignment: str, student: str, nb: nbformat.NotebookNode, name: str) -> Path:
    folder = course / "submitted" / student / assignment
    folder.mkdir(parents=True)
    nbformat.write(nb, folder / name)
    return folder / name


def cohort_of(root: Path, attackers: dict[str, tuple[str, bool]], options: GradeOptions) -> Cohort:
    """Grade an honest, a blank and each attacking submission together, with two workers."""
    course, assignment, released, source = real_course(root)
    name = f"{assignment}.ipynb" if (course / "release" / assignment / f"{assignment}.ipynb").exists() \
        else sorted((course / "release" / assignment).glob("*.ipynb"))[0].name
    honest = submit(course, assignment, "honest", attacks.honest(released, source), name)
    submit(course, assignment, "blank", released, name)
    for student, (code, every) in attackers.items():
        submit(course, assignment, student, attacks.attack(released, code, every), name)
    (course / "canary.txt").write_text("untouched", encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(ENV_NAME, attacks.ENV_SECRET)
        run = grade_cohort(Course(course), assignment, workers=2, options=options)
    return Cohort(course, assignment, run, hashlib.sha256(honest.read_bytes()).hexdigest())


def connections(listener: socket.socket) -> int:
    """How many connections reached `listener` (without waiting for one)."""
    listener.setblocking(False)
    count = 0
    while True:
        try:
            listener.accept()[0].close()
        except BlockingIOError:
            return count
        count += 1


@pytest.fixture(scope="module")
def attacked(tmp_path_factory: pytest.TempPathFactory) -> Cohort:
    _, _, released, source = real_course(tmp_path_factory.mktemp("names") / "course")
    first = next(iter(answer_names(source).values()))[0]  # an answer of the first answer cell
    root = tmp_path_factory.mktemp("attacked") / "course"
    with socket.create_server(("127.0.0.1", 0)) as listener:
        target = attacks.Target(root, released, first, listener.getsockname()[1])
        cohort = cohort_of(root, {name: attacks.ATTACKS[name](target) for name in ATTACKERS}, OPTIONS)
        cohort.connections = connections(listener)
    linked = cohort.course / "submitted" / "symlinked" / cohort.assignment
    linked.mkdir(parents=True)
    source = next((cohort.course / "source" / cohort.assignment).glob("*.ipynb"))
    (linked / source.name).symlink_to(source)
    cohort.run.results += grade_cohort(Course(cohort.course), cohort.assignment, options=OPTIONS,
                                       students=["symlinked"]).results
    time.sleep(3)  # a detached process that survived would act now
    return cohort


ATTACKERS = attacks_named()
BY_DEFENCE = [pytest.param(student, id=f"{defence.given.lower().replace(' ', '-')}:{student}")
              for defence in DEFENCES for student in defence.attacks]


def test_the_run_finishes_and_the_honest_student_keeps_full_marks(attacked: Cohort) -> None:
    assert not attacked.run.interrupted
    assert {r.student for r in attacked.run.results} == {"honest", "blank", "symlinked", *ATTACKERS}
    honest = attacked.result("honest")
    assert honest.graded and not honest.problems
    with Gradebook(f"sqlite:///{attacked.course / 'gradebook.db'}") as gb:
        grades = [g for nb in gb.find_submission(attacked.assignment, "honest").notebooks for g in nb.grades
                  if g.cell.cell_type == "code"]
        assert grades and all(g.auto_score == g.max_score for g in grades)


@pytest.mark.parametrize("student", BY_DEFENCE)
def test_an_attacker_scores_exactly_what_its_answers_earn(attacked: Cohort, student: str) -> None:
    totals = attacked.totals()
    assert attacked.result(student).graded, attacked.run.summary()
    assert totals[student] == totals["blank"], attacked.run.summary()


@pytest.mark.parametrize("student,installed", [
    ("transformer", "ast transformer _Swallow"), ("equal", "class AlwaysEqual with its own __eq__"),
    ("item", "course class medsome.judgement.Item.grade replaced"),
    ("score", "course check medsome.judgement._score replaced"),
    ("shadow", "course module medsome.judgement shadows builtin min"), ("finder", "sys.meta_path"),
    ("fake", "course module medsome.judgement replaced"), ("audit", "audit hooks added"),
    ("silent", "displayhook quiet replaced"),
])
def test_what_an_attacker_tried_is_named(attacked: Cohort, student: str, installed: str) -> None:
    notes = " ".join(attacked.result(student).notes)
    assert "TRIED to intercept execution" in notes and installed in notes, notes
    assert f"{student}: graded " in attacked.run.summary()


def test_no_hidden_test_reaches_an_attackers_kernel_or_feedback(attacked: Cohort) -> None:
    from medsome.grading.feedback_files import write_feedback

    assert attacks.LEAK_MARKER not in attacked.printed("audit")
    write_feedback(Course(attacked.course), attacked.assignment)
    for student in ATTACKERS:
        for page in (attacked.course / "feedback" / student).rglob("*.html"):
            text = page.read_text(encoding="utf-8")
            assert attacks.LEAK_MARKER not in text and "BEGIN HIDDEN TESTS" not in text, student
            assert "key=frozenset" not in text, f"{student}'s feedback shows a hidden key"


def test_a_submission_linked_to_the_source_is_not_graded_and_is_named(attacked: Cohort) -> None:
    result = attacked.result("symlinked")
    assert not result.graded and "a link or special file" in result.problems[0]
    assert "symlinked" not in attacked.totals() or attacked.totals()["symlinked"] == 0


def test_a_detached_process_dies_with_its_kernel_and_the_gradebook_holds(attacked: Cohort) -> None:
    survivors = [p for p in psutil.process_iter(["cmdline"])
                 if attacks.MARKER in " ".join(p.info["cmdline"] or [])]
    assert not survivors
    assert tamper.mismatches(Course(attacked.course), attacked.assignment) == {}
    assert attacked.totals()["honest"] > 0


def test_no_other_students_files_were_touched_and_a_rerun_regrades_nobody(attacked: Cohort) -> None:
    honest = next((attacked.course / "submitted" / "honest" / attacked.assignment).glob("*.ipynb"))
    assert hashlib.sha256(honest.read_bytes()).hexdigest() == attacked.honest_file
    assert set(journal.entries(Course(attacked.course), attacked.assignment)) >= {"honest", "blank"}
    again = grade_cohort(Course(attacked.course), attacked.assignment, workers=1, options=OPTIONS,
                         students=["honest", "blank"])
    assert not again.results and sorted(again.skipped) == ["blank", "honest"] and not again.mismatches


def test_the_graders_environment_and_the_course_folder_are_not_visible(attacked: Cohort) -> None:
    text = attacked.printed("snoop")
    assert attacks.ENV_SECRET not in text and ENV_NAME not in text
    assert "gradebook.db" not in text and "'honest'" not in text and "'source'" not in text
    assert "medsome-answers-" in text, "the notebook should list its own working folder"


def test_a_link_left_in_place_of_the_notebook_does_not_redirect_the_graders_write(attacked: Cohort) -> None:
    assert (attacked.course / "canary.txt").read_text(encoding="utf-8") == "untouched"
    folder = attacked.course / "autograded" / "linker" / attacked.assignment
    assert not any(p.is_symlink() for p in folder.rglob("*"))


def test_the_memory_cap_cannot_be_lifted(attacked: Cohort) -> None:
    assert "could not raise the cap: ValueError" in attacked.printed("hog")
    assert any("ran out of memory (cap 2048 MiB)" in note for note in attacked.result("hog").notes)


def test_reading_the_source_pays_only_without_the_sandbox(tmp_path: Path) -> None:
    """The same reader, graded with --no-sandbox, does get the marks: the sandbox is what stops it."""
    # the working folder is a scratch folder outside the course, so the reader is told where it is
    start = f"_pathlib.Path({str(tmp_path / 'course')!r})"
    reader = attacks.READ_SOURCE.replace("_pathlib.Path.cwd()", start)
    cohort = cohort_of(tmp_path / "course", {"reader": (reader, True)},
                       GradeOptions(timeout=30, memory_limit_mb=2048, sandbox=False))
    assert cohort.totals()["reader"] > cohort.totals()["blank"]
    assert os.environ.get(ENV_NAME) is None


def test_the_network_cannot_be_reached(attacked: Cohort) -> None:
    assert "could not reach the grader's port" in attacked.printed("caller")
    assert attacked.connections == 0


def test_the_kernel_has_no_privileges(attacked: Cohort) -> None:
    text = attacked.printed("climber")
    assert "CapEff: 0000000000000000" in text and "CapPrm: 0000000000000000" in text, text
    uid = int(re.search(r"uid (\d+)", text)[1])
    # as root the kernel runs as a user id of its own; as another user it keeps that user's id
    assert uid != 0 if os.geteuid() == 0 else uid == os.geteuid(), text
