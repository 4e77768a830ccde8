"""Each rule and threshold has one home: change it there and every user follows; no copy creeps back.

The using modules read the threshold as `privacy.K_THRESHOLD` (or through `privacy.identifies`) when
they run, so monkeypatching it in privacy.py is enough: nothing is reloaded.
"""

from __future__ import annotations

import ast
from pathlib import Path

import matplotlib.pyplot as plt
import pytest

from medsome import checklist, consent, disclosure, privacy, selfcheck
from medsome.checklist import DraftPost, audit
from medsome.data import load_case_posts, load_population
from medsome.datasets import identification
from medsome.plotting import describe_candidate_pool, plot_candidate_pool
from medsome.privacy import candidate_count, shrinking_pool
from medsome.widgets import prepost_checklist
from medsome.widgets.candidate_explorer import CandidateExplorer

POPULATION = load_population()
POSTS = load_case_posts()
LIBRARY = Path(privacy.__file__).parent
# Each shared name, and the one module of src/medsome that may define it.
OWNERS = {"K_THRESHOLD": "privacy.py", "LINKABLE": "privacy.py", "SOCIAL_USES": "consent.py",
          "CONSENT_FLAGS": "consent.py"}
DRAFT = DraftPost("T1", "an invented draft", True, age=47, sex="male", municipality="Kallio Island",
                  patient_age=47, capacity="has", authority="self", consent="written_social_media",
                  consent_by="patient", use="public_social_media", image_type="external", authorship=True,
                  attribution=True, disclosure=True, currency=True)


@pytest.fixture
def draft_count() -> int:
    """How many people the test draft's details match."""
    return candidate_count(POPULATION, DRAFT.revealed)


def _pool_finding_texts() -> list[str]:
    return [f"{f.explanation} {f.sources}" for f in audit(DRAFT, POPULATION).findings
            if f.code == "small_candidate_pool"]


def test_the_checklist_audit_follows_the_threshold(monkeypatch: pytest.MonkeyPatch, draft_count: int) -> None:
    monkeypatch.setattr(privacy, "K_THRESHOLD", draft_count)
    assert _pool_finding_texts() == []
    monkeypatch.setattr(privacy, "K_THRESHOLD", draft_count + 1)
    [text] = _pool_finding_texts()
    assert text.count(f"fewer than {draft_count + 1}") == 2  # the explanation and its sources


def test_the_selfcheck_follows_the_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    expected = candidate_count(POPULATION, {k: v for k, v in POSTS.set_index("post_id").loc["P02"].items()
                                            if k in privacy.LINKABLE and not privacy.is_missing(v)})
    monkeypatch.setattr(privacy, "K_THRESHOLD", expected + 1)
    feedback = selfcheck.candidate_count_feedback(expected, "P02", POSTS, POPULATION)
    assert feedback.startswith("Correct") and f"identifiable (fewer than {expected + 1})" in feedback
    monkeypatch.setattr(privacy, "K_THRESHOLD", expected)
    assert "not unique" in selfcheck.candidate_count_feedback(expected, "P02", POSTS, POPULATION)


def test_the_candidate_explorer_follows_the_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    explorer = CandidateExplorer(POPULATION, POSTS)
    monkeypatch.setattr(privacy, "K_THRESHOLD", 1)
    explorer.load("P01")  # 1 person matches
    assert explorer.count == 1 and "Warning" not in explorer.result.value
    monkeypatch.setattr(privacy, "K_THRESHOLD", 2)
    explorer.refresh()
    assert "fewer than 2 people" in explorer.result.value


def test_the_plot_marks_the_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(privacy, "K_THRESHOLD", 50)
    pool = shrinking_pool(POPULATION, {"sex": "male", "municipality": "Kallio Island", "age": 47},
                          ["sex", "municipality", "age"])
    ax = plot_candidate_pool(pool, title="Post X")
    [line] = ax.lines
    assert list(line.get_xdata()) == [50, 50] and line.get_label().startswith("k = 50:")
    assert "k = 50" in describe_candidate_pool(pool, "Post X") == ax.figure.get_label()
    plt.close(ax.figure)


@pytest.mark.integration  # the draft analyser runs spaCy
def test_the_draft_analyser_follows_the_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    result = disclosure.analyse_draft("A 34-year-old woman from Lumivaara came in.", population=POPULATION)
    monkeypatch.setattr(privacy, "K_THRESHOLD", result.candidates + 1)
    assert result.below_k and f"below k = {result.candidates + 1}" in result.count_sentence()
    monkeypatch.setattr(privacy, "K_THRESHOLD", result.candidates)
    assert not result.below_k and f"at least k = {result.candidates}" in result.count_sentence()


@pytest.mark.parametrize(("user", "name", "owner"), [
    (checklist, "LINKABLE", privacy), (selfcheck, "LINKABLE", privacy), (disclosure, "LINKABLE", privacy),
    (identification, "LINKABLE", privacy), (checklist, "is_missing", privacy),
    (selfcheck, "is_missing", privacy), (checklist, "SOCIAL_USES", consent),
    (checklist, "CONSENT_FLAGS", consent), (prepost_checklist, "SOCIAL_USES", consent),
    (prepost_checklist, "CONSENT_FLAGS", consent),
])
def test_users_hold_the_owners_object(user: object, name: str, owner: object) -> None:
    assert getattr(user, name) is getattr(owner, name)


def _definitions(path: Path) -> set[str]:
    """The names a module assigns at its top level."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    targets = [t for node in tree.body if isinstance(node, ast.Assign) for t in node.targets]
    targets += [node.target for node in tree.body if isinstance(node, ast.AnnAssign)]
    return {t.id for t in targets if isinstance(t, ast.Name)}


def test_each_shared_name_is_defined_only_in_its_home() -> None:
    homes = {name: [] for name in OWNERS}
    for path in sorted(LIBRARY.rglob("*.py")):
        for name in _definitions(path) & OWNERS.keys():
            homes[name].append(path.relative_to(LIBRARY).as_posix())
    assert homes == {name: [owner] for name, owner in OWNERS.items()}


def test_linkable_is_what_a_post_reveals_of_the_details() -> None:
    assert set(privacy.LINKABLE) == set(privacy.DETAILS) - {"district"}
