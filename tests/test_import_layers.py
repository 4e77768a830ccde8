"""A notebook's imports pay only for what it uses: loading data, checking an answer or showing a widget
never pulls in the rules, the generators, the draft analyser or a plotting library behind its back.

Each import runs in a fresh interpreter, so what an earlier test imported cannot hide a regression.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

# The generators of the synthetic datasets, and the course's rules a notebook imports by name only.
GENERATORS = "medsome.datasets"
RULES = ("medsome.consent", "medsome.checklist", "medsome.guidelines")
ANALYSER = ("medsome.disclosure", "medsome.lexicon", "medsome.wordlists", "spacy")
PLOTTING = ("matplotlib", "medsome.plotting")
TOOLS = ("nbgrader", "scipy", "ipywidgets")

# module -> what importing it must not import (a name covers its submodules)
MUST_NOT_LOAD: dict[str, tuple[str, ...]] = {
    "medsome.data": (GENERATORS, *RULES, *ANALYSER, *PLOTTING, *TOOLS),
    "medsome.catalogue": (GENERATORS, *RULES, *ANALYSER, *PLOTTING, *TOOLS),
    "medsome.judgement": ("medsome.data", GENERATORS, *RULES, *ANALYSER, *PLOTTING, *TOOLS, "pandas"),
    "medsome.feedback": ("medsome.data", GENERATORS, *RULES, *ANALYSER, *PLOTTING, *TOOLS, "pandas"),
    "medsome.privacy": ("medsome.data", GENERATORS, *RULES, *ANALYSER, *PLOTTING, *TOOLS),
    "medsome.selfstudy": ("medsome.data", GENERATORS, *RULES, *ANALYSER, *PLOTTING, *TOOLS, "pandas"),
    "medsome.checklist": (GENERATORS, *ANALYSER, *PLOTTING, *TOOLS),
    "medsome.widgets.quiz": (GENERATORS, *RULES, *ANALYSER, *PLOTTING, "nbgrader"),
    "medsome.widgets.photo_inspector": (GENERATORS, *RULES, *ANALYSER, *PLOTTING, "nbgrader"),
    "medsome.widgets.before_after_studio": (GENERATORS, *RULES, *ANALYSER, *PLOTTING, "nbgrader"),
    "medsome.widgets.discern_rater": (GENERATORS, *RULES, *ANALYSER, *PLOTTING, "nbgrader"),
    "medsome.widgets.prepost_checklist": (GENERATORS, *ANALYSER, *PLOTTING, "nbgrader"),
    "medsome.widgets.audience_builder": (GENERATORS, *RULES, *ANALYSER, *PLOTTING, "nbgrader"),
    "medsome.widgets.kardashian_explorer": (GENERATORS, *RULES, *ANALYSER, *PLOTTING, "nbgrader"),
    "medsome.widgets.draft_analyser": (GENERATORS, *RULES, *ANALYSER, *PLOTTING, "nbgrader"),
}


def loaded_by(module: str) -> set[str]:
    """Every module a fresh interpreter holds after importing `module`."""
    code = (f"import importlib, json, sys; importlib.import_module({module!r}); "
            "print(json.dumps([*sys.modules]))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(json.loads(done.stdout))


def within(name: str, package: str) -> bool:
    """Whether module `name` is `package` or one of its submodules."""
    return name == package or name.startswith(f"{package}.")


@pytest.mark.parametrize("module", sorted(MUST_NOT_LOAD))
def test_an_import_loads_only_what_it_needs(module: str) -> None:
    loaded = loaded_by(module)
    assert module in loaded
    unwanted = [banned for banned in MUST_NOT_LOAD[module] if any(within(name, banned) for name in loaded)]
    assert unwanted == [], f"importing {module} also imports {', '.join(unwanted)}"


def test_within_names_a_package_and_its_submodules_only() -> None:
    assert within("medsome.datasets.photos", GENERATORS) and within("medsome.datasets", GENERATORS)
    assert not within("medsome.data", GENERATORS) and not within("matplotlib_inline", "matplotlib")


def test_the_generators_still_load_the_rules_they_apply() -> None:
    """The checks above would pass vacuously if the banned names were misspelt."""
    loaded = loaded_by("medsome.datasets.professionalism")
    assert {"medsome.consent", "medsome.checklist", "medsome.guidelines"} <= loaded
