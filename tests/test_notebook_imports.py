"""Every import in every lesson and assignment resolves, and so do those of notebooks already given out.

Learners keep their workspace copies for a whole term, so a module that moves must leave its old
name importable. TERM_IMPORTS records what this term's notebooks import: it may grow, never shrink.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import nbformat
import pytest

from tests.conftest import LESSONS, SOURCES, notebook_id

TERM_IMPORTS: dict[str, tuple[str, ...]] = {
    "medsome.adoption": ("annualised_feedback", "growth"),
    "medsome.appraisal": ("DISCERN_COLUMNS", "discern_ratings", "discern_score",
                          "discern_section_feedback", "jama_benchmarks"),
    "medsome.bibliometrics": ("expected_followers", "k_feedback", "kardashian_index"),
    "medsome.checklist": ("DraftPost", "audit"),
    "medsome.comparability": ("comparability_feedback", "comparability_problems", "pair_setups"),
    "medsome.consent": ("Case", "answer_feedback", "decide"),
    "medsome.course": ("MODULES",),
    "medsome.data": ("load_academics", "load_case_posts", "load_draft_posts", "load_featured_posts",
                     "load_information_survey", "load_photo_pairs", "load_population", "load_posts",
                     "load_rule_matrix", "load_social_media_users", "load_vignettes", "photo_path"),
    "medsome.feedback": ("expect", "expect_columns"),
    "medsome.guidelines": ("rule_matrix", "status_feedback"),
    "medsome.judgement": ("Choice", "Decisions", "Ranking", "Rating", "Spotting", "Value",
                          "check_choice", "check_decisions", "check_ranking", "check_rating",
                          "check_spotting", "check_value", "load_practice"),
    "medsome.learning": ("MODES", "SCENARIOS", "mode_feedback"),
    "medsome.metadata": ("assert_no_metadata", "describe_metadata", "strip_metadata"),
    "medsome.plotting": ("HATCHES", "PALETTE", "course_style", "plot_candidate_pool",
                         "use_course_style"),
    "medsome.primer": ("check_candidate_match", "check_draft_decisions", "check_error_name",
                       "check_municipality_posts", "check_reply_ranking"),
    "medsome.rounding": ("check_rounding", "rounding_tolerance"),
    "medsome.privacy": ("candidate_count", "candidate_counts", "equivalence_class_sizes",
                        "generalise_age", "k_anonymity", "shrinking_pool"),
    "medsome.selfcheck": ("check_candidate_count",),
    "medsome.selfstudy": ("check_assignment",),
    "medsome.widgets.audience_builder": ("AudienceBuilder",),
    "medsome.widgets.before_after_studio": ("BeforeAfterStudio",),
    "medsome.widgets.candidate_explorer": ("CandidateExplorer",),
    "medsome.widgets.consent_navigator": ("ConsentNavigator",),
    "medsome.widgets.discern_rater": ("DiscernRater",),
    "medsome.widgets.draft_analyser": ("DraftAnalyserWidget",),
    "medsome.widgets.kardashian_explorer": ("KardashianExplorer",),
    "medsome.widgets.photo_inspector": ("PhotoInspector",),
    "medsome.widgets.prepost_checklist": ("PrePostChecklist",),
    "medsome.widgets.quiz": ("QuizWidget",),
}


def python_source(cell_source: str) -> str:
    """A code cell's Python, with IPython's magics and shell lines blanked."""
    return "\n".join("" if line.lstrip().startswith(("%", "!")) else line
                     for line in cell_source.splitlines())


def medsome_imports(notebook: Path) -> dict[str, set[str]]:
    """module -> names the notebook imports from medsome (a bare `import` adds the module alone)."""
    found: dict[str, set[str]] = {}
    for cell in nbformat.read(notebook, as_version=4).cells:
        if cell.cell_type != "code":
            continue
        for node in ast.walk(ast.parse(python_source(cell.source))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("medsome"):
                found.setdefault(node.module, set()).update(alias.name for alias in node.names)
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.startswith("medsome"):
                        found.setdefault(alias.name, set())
    return found


def unresolved(imports: dict[str, set[str]] | dict[str, tuple[str, ...]]) -> list[str]:
    """The imports that fail: 'module' or 'module.name'."""
    missing = []
    for module_name, names in imports.items():
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            missing.append(module_name)
            continue
        missing += [f"{module_name}.{name}" for name in sorted(names) if not hasattr(module, name)]
    return missing


@pytest.mark.parametrize("notebook", LESSONS + SOURCES, ids=notebook_id)
def test_every_medsome_import_in_the_notebook_resolves(notebook: Path) -> None:
    imports = medsome_imports(notebook)
    assert unresolved(imports) == []


def test_notebooks_of_this_term_keep_working() -> None:
    assert unresolved(TERM_IMPORTS) == []


def test_the_term_record_holds_every_import_the_notebooks_make() -> None:
    """A new import joins TERM_IMPORTS, so moving it later is caught even after the notebook changes."""
    recorded = {(module, name) for module, names in TERM_IMPORTS.items() for name in names}
    used = {(module, name) for notebook in LESSONS + SOURCES
            for module, names in medsome_imports(notebook).items() for name in names}
    assert sorted(used - recorded) == []


def test_a_renamed_import_is_caught() -> None:
    assert unresolved({"medsome.selfcheck": ("no_such_check",), "medsome.no_such_module": ()}) == [
        "medsome.selfcheck.no_such_check", "medsome.no_such_module"]
