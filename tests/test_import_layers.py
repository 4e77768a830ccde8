"""The package's layers, and what an import costs.

Every module of medsome has one layer (LAYERS, bottom to top) and imports only from its own layer
and those below; the check reads each module's source (ast), so an import inside a function counts
as much as one at the top. No two modules share a name. And a notebook's imports pay only for what
it uses: loading data, checking an answer or showing a widget never pulls in the rules, the
generators, the draft analyser or a plotting library behind its back; each of those imports runs in
a fresh interpreter, so what an earlier test imported cannot hide a regression.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

import medsome

PACKAGE = Path(medsome.__file__).parent

# The layers, bottom to top: a module imports only from its own layer and those below it.
# An entry is a module of medsome, or a subpackage with everything in it ("widgets/");
# "__init__" is the package itself (the package map and the version).
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ground", ("__init__", "errors", "paths", "atomic", "jsonfiles", "toolchain", "schema", "manifest",
                "course")),
    ("data", ("world", "catalogue", "data", "bibliography", "claims")),
    ("domain rules", ("privacy", "consent", "guidelines", "checklist", "disclosure", "gazetteer", "learnt",
                      "learnt_drafts",
                      "about_patient", "mentions", "lexicon", "wordlists", "comparability", "appraisal",
                      "metadata", "bibliometrics", "adoption", "audience", "learning")),
    ("learner checks", ("feedback", "judgement", "rounding", "selfcheck", "primer", "quizbank",
                        "plainvalues")),
    ("rendering", ("plotting", "figures", "drawing", "photography", "portrait")),
    ("widgets", ("widgets/",)),
    ("grading", ("grading/", "blueprint", "forms", "keyed_items", "item_review", "chance")),
    ("entry points", ("cli", "commandline", "grading_commands", "hub", "workspace", "selfstudy",
                      "datasets/", "site/")),
)
LAYER_NAMES = [name for name, _ in LAYERS]


def module_name(path: Path) -> str:
    """medsome/grading/sandbox.py -> medsome.grading.sandbox; a package's __init__.py -> the package."""
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def all_modules() -> dict[str, Path]:
    """Every module of medsome, by name, with its file."""
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def entry(module: str) -> str:
    """The LAYERS entry that covers `module`: its top-level name, a subpackage's with a slash."""
    if module == "medsome":
        return "__init__"
    top = module.split(".")[1]
    return f"{top}/" if (PACKAGE / top / "__init__.py").is_file() else top


def layer_of(module: str) -> str:
    """The layer of a module of medsome, from LAYERS."""
    found = [name for name, entries in LAYERS if entry(module) in entries]
    if len(found) != 1:
        raise LookupError(f"{module} is in {len(found)} layers of LAYERS; put it in exactly one")
    return found[0]


def imported(source: str, module: str, is_package: bool, known: set[str]) -> list[tuple[int, str]]:
    """(line, module of medsome) for every import in `source`, at any depth, relative ones resolved.

    `from medsome.grading import sandbox` imports medsome.grading.sandbox when that is a module
    (it is in `known`), and `from medsome.data import photo_path` imports medsome.data.
    """
    package = module if is_package else module.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            for alias in node.names:
                name = f"{base}.{alias.name}"
                found.append((node.lineno, name if name in known else base))
    return sorted((line, name) for line, name in found if name == "medsome" or name.startswith("medsome."))


def against_the_order(modules: dict[str, Path]) -> list[str]:
    """Every import of a module from a layer above its own, said as module, import and layers."""
    known = set(modules)
    wrong = []
    for module, path in modules.items():
        mine = layer_of(module)
        for line, target in imported(path.read_text(encoding="utf-8"), module,
                                     path.name == "__init__.py", known):
            theirs = layer_of(target)
            if LAYER_NAMES.index(theirs) > LAYER_NAMES.index(mine):
                wrong.append(f"{module} ({mine}) imports {target} ({theirs}) at line {line}")
    return wrong


def test_every_module_is_in_exactly_one_layer() -> None:
    entries = [e for _, names in LAYERS for e in names]
    assert [e for e, n in Counter(entries).items() if n > 1] == [], "an entry is in two layers"
    present = {entry(module) for module in all_modules()}
    assert sorted(present - set(entries)) == [], "modules with no layer: add them to LAYERS"
    assert sorted(set(entries) - present) == [], "LAYERS names modules that do not exist"


def test_every_import_follows_the_layers() -> None:
    wrong = against_the_order(all_modules())
    assert wrong == [], "imports against the layers (bottom to top: " + ", ".join(LAYER_NAMES) + "):\n" \
        + "\n".join(wrong)


def test_the_check_reads_imports_inside_functions_and_relative_ones() -> None:
    source = ("from medsome import privacy\nfrom . import figures\n"
              "def f():\n    from medsome.data import photo_path\n    import medsome.grading.sandbox\n")
    known = {"medsome.privacy", "medsome.figures", "medsome.data", "medsome.grading.sandbox"}
    assert imported(source, "medsome.plotting", False, known) == [
        (1, "medsome.privacy"), (2, "medsome.figures"), (4, "medsome.data"), (5, "medsome.grading.sandbox")]


def test_the_check_names_the_module_the_import_and_both_layers(tmp_path: Path) -> None:
    """The order check fails on an upward import at any depth, saying where it is."""
    rule = tmp_path / "privacy.py"
    rule.write_text("def count():\n    from medsome.photography import render\n")
    modules = {"medsome.privacy": rule, "medsome.photography": PACKAGE / "photography.py"}
    assert against_the_order(modules) == [
        "medsome.privacy (domain rules) imports medsome.photography (rendering) at line 2"]


def test_no_two_modules_share_a_name() -> None:
    by_name: dict[str, list[str]] = {}
    for module in all_modules():
        if not module.endswith(".__main__"):  # `python -m` needs that name
            by_name.setdefault(module.rpartition(".")[2], []).append(module)
    shared = {name: modules for name, modules in by_name.items() if len(modules) > 1}
    assert shared == {}, "modules that share a name: rename one to say what it holds"


# The generators of the synthetic datasets, and the course's rules a notebook imports by name only.
GENERATORS = "medsome.datasets"
RULES = ("medsome.consent", "medsome.checklist", "medsome.guidelines")
ANALYSER = ("medsome.disclosure", "medsome.lexicon", "medsome.learnt", "medsome.wordlists", "spacy")
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
    "medsome.world": (GENERATORS, *RULES, *ANALYSER, *PLOTTING, *TOOLS, "pandas", "numpy", "PIL"),
    "medsome.gazetteer": (GENERATORS, *PLOTTING, *TOOLS, "spacy", "pandas", "PIL"),
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
