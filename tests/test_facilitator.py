"""The facilitator guides and the course overview for programme directors.

(a) every *Think!* prompt of every lesson has a debrief in its module's guide; (b) every manually
graded question has exemplars at three levels, marked against its rubric point by point; (c) the
guides never reach a learner: not the workspace, the student release, the hub's lessons-only
refresh, nor the installed package; (d) docs/overview.md states learner times that match the
notebooks' own and add up.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest
import setuptools

from conftest import COURSE, LESSONS, ROOT
from medsome import hub
from medsome.forms import base_assignment
from medsome.grading.student_versions import build_student_versions
from medsome.workspace import prepare_workspace

FACILITATOR = ROOT / "facilitator"
OVERVIEW = ROOT / "docs" / "overview.md"
MARKER = "<!-- facilitator-only -->"
MODULES = [module.folder for module in COURSE.modules]
DEBRIEF_PARTS = ("A good discussion reaches", "Expect", "Where opinions legitimately differ", "Sources:")
LEVELS = ("Strong", "Adequate", "Insufficient")


# --- reading notebooks and guides -------------------------------------------------------------


def _cells(notebook: Path) -> list[dict]:
    return json.loads(notebook.read_text(encoding="utf-8"))["cells"]


def _source(cell: dict) -> str:
    source = cell["source"]
    return source if isinstance(source, str) else "".join(source)


def _guide(module: str) -> str:
    path = FACILITATOR / f"{module}.md"
    assert path.is_file(), f"{module} has no facilitator guide: expected {path.relative_to(ROOT)}"
    return path.read_text(encoding="utf-8")


def _normalise(text: str) -> str:
    """Compare prose, not markup: no emphasis or code marks, straight quotes, single spaces."""
    text = text.translate(str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "*": None, "`": None}))
    return " ".join(text.split())


def _first_sentence(text: str) -> str:
    """Up to the first full stop, question or exclamation mark that ends a sentence outside quotes."""
    text = " ".join(text.split())
    for match in re.finditer(r"[.?!][\"”)]?(?=\s+[A-Z*\"“(])", text):
        candidate = text[: match.end()]
        if candidate.count('"') % 2 == 0 and candidate.count("“") == candidate.count("”"):
            return candidate
    return text


def _think_prompts(lesson: Path) -> list[str]:
    """The text of every *Think!* block in a lesson, in order."""
    prompts = []
    for cell in _cells(lesson):
        if cell["cell_type"] != "markdown":
            continue
        lines = _source(cell).splitlines()
        for i, line in enumerate(lines):
            if line.strip().startswith("#") and "Think!" in line:
                body = []
                for following in lines[i + 1:]:
                    if following.startswith("#"):
                        break
                    body.append(following)
                paragraphs = [p for p in "\n".join(body).split("\n\n") if p.strip()]
                prompts.append(paragraphs[0] if paragraphs else "")
    return prompts


def _sections(text: str, level: int) -> list[tuple[str, str]]:
    """(heading, body) for every heading of exactly `level` hashes; a body runs to the next heading
    of the same or a higher level."""
    marker = "#" * level + " "
    sections: list[tuple[str, str]] = []
    heading, body = None, []
    for line in text.splitlines():
        depth = len(line) - len(line.lstrip("#"))
        if line.startswith("#") and depth <= level and line[depth:depth + 1] == " ":
            if heading is not None:
                sections.append((heading, "\n".join(body)))
            heading, body = (line[len(marker):].strip(), []) if depth == level else (None, [])
        elif heading is not None:
            body.append(line)
    if heading is not None:
        sections.append((heading, "\n".join(body)))
    return sections


@dataclass
class Manual:
    """A manually graded question: its title, its points, and the points of each rubric line."""

    assignment: str
    title: str
    points: int
    rubric: list[int]


def _manual_questions(source: Path) -> list[Manual]:
    cells = _cells(source)
    found = []
    for i, cell in enumerate(cells):
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if not (cell["cell_type"] == "markdown" and meta.get("grade") and meta.get("solution")):
            continue
        question = []
        for earlier in reversed(cells[:i]):
            if earlier["cell_type"] == "markdown":
                question.insert(0, _source(earlier))
                if re.search(r"^## Question", _source(earlier), re.MULTILINE):
                    break
        text = "\n".join(question)
        title = re.search(r"^## Question \d+ · (.+?)\s*\*\(", text, re.MULTILINE)
        assert title, f"{source.name}: cannot find the heading of the question before {meta.get('grade_id')}"
        assert "**Rubric" in text, f"{source.name}: no rubric before {meta.get('grade_id')}"
        rubric_text = text.split("**Rubric", 1)[1]
        rubric = [int(n) for n in re.findall(r"^- (\d+) points?:", rubric_text, re.MULTILINE)]
        found.append(Manual(source.parent.name, title.group(1).strip(), int(meta["points"]), rubric))
    return found


SOURCES = COURSE.assignment_notebooks()
MANUALS = [manual for source in SOURCES for manual in _manual_questions(source)]


# --- (a) a debrief for every Think! prompt ----------------------------------------------------


def test_first_sentence_keeps_quotes_and_abbreviations_whole() -> None:
    assert _first_sentence('She says: "Stop. Now." Then she goes.') == 'She says: "Stop. Now."'
    assert _first_sentence("At 2 a.m. a stranger writes. Answer?") == "At 2 a.m. a stranger writes."
    assert _first_sentence("Post **P01** names no one. Who?") == "Post **P01** names no one."


@pytest.mark.parametrize("lesson", LESSONS, ids=MODULES)
def test_every_think_prompt_has_a_debrief(lesson: Path) -> None:
    module = lesson.parent.name
    prompts = _think_prompts(lesson)
    assert prompts, f"{module}: found no Think! prompt; has the heading changed?"
    debriefs = [body for heading, body in _sections(_guide(module), 3) if heading.startswith("Think!")]
    assert len(debriefs) == len(prompts), (
        f"facilitator/{module}.md has {len(debriefs)} Think! debriefs; the lesson has {len(prompts)} prompts"
    )
    for number, prompt in enumerate(prompts, 1):
        sentence = _first_sentence(prompt)
        matching = [body for body in debriefs if _normalise(sentence) in _normalise(body)]
        assert matching, (
            f"facilitator/{module}.md: no debrief quotes Think! prompt {number}, whose first sentence is "
            f"{sentence!r}"
        )
        missing = [part for part in DEBRIEF_PARTS if part not in matching[0]]
        assert not missing, f"facilitator/{module}.md, debrief of Think! prompt {number}: no {missing}"


# --- (b) exemplars at three levels for every manual question ----------------------------------


def test_every_assignment_has_a_manual_question() -> None:
    assert {manual.assignment for manual in MANUALS} == {source.parent.name for source in SOURCES}


@pytest.mark.parametrize("manual", MANUALS, ids=[f"{m.assignment}:{m.title}" for m in MANUALS])
def test_every_manual_question_has_three_marked_exemplars(manual: Manual) -> None:
    module = base_assignment(manual.assignment)  # a Form B's exemplars live in its module's guide
    guide = _guide(module)
    where = f"facilitator/{module}.md"
    sections = {heading: body for heading, body in _sections(guide, 2)}
    heading = f"Exemplar answers: {manual.title}"
    assert heading in sections, f"{where}: no section '## {heading}'"
    assert manual.rubric and sum(manual.rubric) == manual.points, (
        f"{manual.assignment}: the rubric of '{manual.title}' lists {manual.rubric}, "
        f"not {manual.points} points"
    )
    marks = {}
    for level_heading, body in _sections(sections[heading], 3):
        level = re.fullmatch(r"(\w+): (\d+) of (\d+) points?", level_heading)
        if not level:
            continue
        name, mark, out_of = level.group(1), int(level.group(2)), int(level.group(3))
        assert name in LEVELS, f"{where}: unknown exemplar level {name!r}"
        assert out_of == manual.points, f"{where}: {name} is marked out of {out_of}, not {manual.points}"
        assert re.search(r"^> \S", body, re.MULTILINE), f"{where}: the {name} exemplar has no answer text"
        rows = [int(m) for m in re.findall(r"^\|\s*\d+\.[^|]*\|\s*(\d+)\s*\|", body, re.MULTILINE)]
        assert len(rows) == len(manual.rubric), (
            f"{where}: the {name} exemplar is marked on {len(rows)} rubric points; the rubric has "
            f"{len(manual.rubric)}"
        )
        assert all(given <= most for given, most in zip(rows, manual.rubric, strict=True)), (
            f"{where}: the {name} exemplar gives a rubric point more than it is worth: {rows}"
        )
        assert sum(rows) == mark, f"{where}: the {name} exemplar's marks {rows} do not add up to {mark}"
        marks[name] = mark
    assert sorted(marks) == sorted(LEVELS), f"{where}: exemplars found for {sorted(marks)}, need {LEVELS}"
    assert marks["Strong"] == manual.points > marks["Adequate"] > marks["Insufficient"], (
        f"{where}: expected strong = full marks > adequate > insufficient, found {marks}"
    )


@pytest.mark.parametrize("module", MODULES)
def test_no_exemplars_for_questions_that_no_longer_exist(module: str) -> None:
    titles = {m.title for m in MANUALS if base_assignment(m.assignment) == module}
    stale = [heading for heading, _ in _sections(_guide(module), 2)
             if heading.startswith("Exemplar answers: ") and heading.split(": ", 1)[1] not in titles]
    assert not stale, f"facilitator/{module}.md has exemplars for questions no assignment asks: {stale}"


# --- (c) the facilitator material never reaches learners ---------------------------------------


def test_every_facilitator_page_is_marked_and_every_module_has_one() -> None:
    pages = sorted(FACILITATOR.rglob("*.md"))
    assert {page.stem for page in pages} >= {*MODULES, "README"}
    for page in pages:
        first = page.read_text(encoding="utf-8").splitlines()[0]
        assert first == MARKER, f"{page.relative_to(ROOT)} must start with {MARKER}"


def _assert_no_facilitator_material(root: Path) -> None:
    facilitator = {hashlib.sha256(p.read_bytes()).hexdigest() for p in FACILITATOR.rglob("*") if p.is_file()}
    files = [p for p in root.rglob("*") if p.is_file()]
    assert files, f"nothing was produced in {root}"
    for path in files:
        rel = path.relative_to(root)
        data = path.read_bytes()
        assert "facilitator" not in (part.lower() for part in rel.parts), f"{rel} comes from facilitator/"
        assert hashlib.sha256(data).hexdigest() not in facilitator, f"{rel} is a copy of a facilitator page"
        assert MARKER.encode() not in data, f"{rel} carries the facilitator-only marker"


@pytest.mark.integration
def test_the_learner_workspace_has_no_facilitator_material(tmp_path: Path) -> None:
    report = prepare_workspace(tmp_path / "ws")
    assert any(rel.startswith("assignments/") for rel in report.added)
    _assert_no_facilitator_material(tmp_path / "ws")


@pytest.mark.integration
def test_the_student_release_has_no_facilitator_material(tmp_path: Path) -> None:
    built = build_student_versions(tmp_path / "release")
    assert built
    _assert_no_facilitator_material(tmp_path / "release")


@pytest.mark.integration
def test_the_hub_refresh_of_a_residents_server_has_no_facilitator_material(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started = []
    monkeypatch.setattr(hub.os, "execvpe", lambda file, args, env: started.append(args))
    hub.start_server(tmp_path / "course", ["jupyterhub-singleuser"])
    assert started == [["jupyterhub-singleuser"]], "the hub did not go on to start the server"
    _assert_no_facilitator_material(tmp_path / "course")


def test_the_installed_package_holds_src_medsome_only() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    settings = pyproject["tool"]["setuptools"]
    assert settings["packages"]["find"]["where"] == ["src"], "the package must be found under src/ only"
    assert "data-files" not in settings and "facilitator" not in json.dumps(settings)
    manifest = ROOT / "MANIFEST.in"
    assert not manifest.exists() or "facilitator" not in manifest.read_text(encoding="utf-8")
    packages = setuptools.find_packages(where=str(ROOT / "src"))
    assert packages and all(p == "medsome" or p.startswith("medsome.") for p in packages), packages
    for path in (ROOT / "src").rglob("*"):
        if path.is_file() and path.suffix in {".py", ".md", ".txt", ".json", ".csv", ".html"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            assert MARKER not in text, f"{path} carries the facilitator-only marker"
    installed = importlib.metadata.distribution("medsome")
    files = [str(f) for f in installed.files or []]
    listed = [f for f in files if "facilitator" in f.lower()]
    assert not listed, f"the installed package lists facilitator files: {listed}"
    for pth in (f for f in installed.files or [] if str(f).endswith(".pth")):
        for line in Path(installed.locate_file(pth)).read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith(("import ", "#")):
                assert Path(line.strip()).resolve() == (ROOT / "src").resolve(), (
                    f"the editable install puts {line.strip()} on sys.path, not src/"
                )


# --- (d) the overview's learner time ----------------------------------------------------------


def _stated_minutes(notebook: Path) -> int:
    first = _source(_cells(notebook)[0])
    found = re.search(r"\b[Aa]bout (\d+) minutes", first)
    assert found, f"{notebook.relative_to(ROOT)}: its first cell states no 'about N minutes'"
    return int(found.group(1))


def _minutes(cell: str) -> int:
    found = re.match(r"\**(\d+) min", cell)
    assert found, f"cannot read minutes from {cell!r}"
    return int(found.group(1))


def test_overview_times_match_the_notebooks_and_add_up() -> None:
    text = OVERVIEW.read_text(encoding="utf-8")
    rows, total = {}, None
    for line in text.splitlines():
        if not line.startswith("|"):
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 5 and re.fullmatch(r"\d+", cells[0]):
            rows[int(cells[0])] = cells
        elif len(cells) == 5 and "Total" in cells[1]:
            total = cells
    assert sorted(rows) == list(range(len(MODULES))), f"docs/overview.md lists modules {sorted(rows)}"
    assert total, "docs/overview.md has no Total row in its time table"
    lessons = assignments = 0
    for number, cells in rows.items():
        module = MODULES[number]
        assert module.startswith(f"{number:02d}_"), module
        lesson = _stated_minutes(ROOT / "course" / module / f"{module}_lesson.ipynb")
        source = ROOT / "assignments" / "source" / module / f"{module}.ipynb"
        assignment = _stated_minutes(source) if source.exists() else 0
        assert _minutes(cells[2]) == lesson, f"overview: {module} lesson {cells[2]}, notebook {lesson} min"
        if source.exists():
            assert _minutes(cells[3]) == assignment, (
                f"overview: {module} assignment {cells[3]}, notebook {assignment} min"
            )
        else:
            assert cells[3].lower().startswith("none"), f"overview: {module} has no assignment: {cells[3]}"
        assert _minutes(cells[4]) == lesson + assignment, f"overview: {module} total {cells[4]}"
        lessons, assignments = lessons + lesson, assignments + assignment
    overall = lessons + assignments
    assert [_minutes(cell) for cell in total[2:]] == [lessons, assignments, overall], total
    hours = re.search(r"(\d+) h (\d+) min", total[4])
    assert hours and int(hours.group(1)) * 60 + int(hours.group(2)) == overall, total[4]
    stated = re.search(r"Total learner time: (\d+) minutes", text.replace("*", ""))
    assert stated and int(stated.group(1)) == overall, "the overview's stated total differs from its table"
