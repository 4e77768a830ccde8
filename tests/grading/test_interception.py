"""Each probe of the interception check, run in this process on a plain IPython shell of its own.

A probe reads one place where code can sit between a cell and its outcome; here each sees what is
installed in its place named, and nothing else. The same probes, sent as source, run in the graded
kernel (test_attacks.py and test_plain_checks.py hold that end).
"""

from __future__ import annotations

import ast
import builtins
import json
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator

import pytest
from IPython.core.interactiveshell import InteractiveShell

import medsome.judgement
from medsome.grading import interception
from medsome.grading.interception import installed, reading, trusted_roots

TRUSTED = trusted_roots()
Patch = pytest.MonkeyPatch


@pytest.fixture(scope="module")
def shell() -> Iterator[InteractiveShell]:
    """A plain IPython shell; the builtins it adds (__IPYTHON__, display) are taken away afterwards."""
    before = set(vars(builtins))
    made = InteractiveShell()
    yield made
    made.cleanup()
    for added in set(vars(builtins)) - before:
        delattr(builtins, added)


def named(probe: Callable, shell: InteractiveShell, install: Callable[[], object],
          undo: Callable[[], object]) -> list[str]:
    """What `probe` names as installed by `install` (undone afterwards)."""
    before = probe(shell, TRUSTED)
    install()
    try:
        return installed(before, probe(shell, TRUSTED))
    finally:
        undo()


class Swallow(ast.NodeTransformer):
    """An AST transformer, as a notebook would add one."""


class AlwaysEqual(str):
    """A class of the notebook's own whose instances equal everything."""

    def __eq__(self, other: object) -> bool:
        return True

    __hash__ = str.__hash__


def test_an_ast_transformer_is_named(shell: InteractiveShell) -> None:
    swallow = Swallow()
    assert named(interception.transformers, shell, lambda: shell.ast_transformers.append(swallow),
                 lambda: shell.ast_transformers.remove(swallow)) == ["ast transformer Swallow"]


def test_a_line_transform_is_named(shell: InteractiveShell) -> None:
    def drop(lines: list[str]) -> list[str]:
        return []

    transforms = shell.input_transformer_manager.line_transforms
    assert named(interception.transformers, shell, lambda: transforms.append(drop),
                 lambda: transforms.remove(drop)) == ["input transformer manager line_transforms"]


def test_a_foreign_exception_handler_is_named_and_the_courses_is_not(shell: InteractiveShell) -> None:
    from medsome.feedback import CheckFailed, one_line

    swallowed = named(interception.exception_handlers, shell,
                      lambda: shell.set_custom_exc((AssertionError,), lambda *args, **kwargs: None),
                      lambda: shell.set_custom_exc((), None))
    assert swallowed == ["custom exception handler"]
    assert interception.course_handler(shell) is False
    shell.set_custom_exc((CheckFailed,), one_line)
    try:
        assert interception.course_handler(shell)
        assert interception.exception_handlers(shell, TRUSTED)["custom exception handler"] == \
            "none, or the course's"
    finally:
        shell.set_custom_exc((), None)


def test_an_excepthook_is_named(shell: InteractiveShell, monkeypatch: Patch) -> None:
    before = interception.exception_handlers(shell, TRUSTED)
    monkeypatch.setattr(sys, "excepthook", lambda *args: None)
    assert installed(before, interception.exception_handlers(shell, TRUSTED)) == ["sys.excepthook"]


def test_profile_and_thread_trace_hooks_are_named(shell: InteractiveShell) -> None:
    def hook(*args: object) -> None:
        return None

    assert named(interception.trace_hooks, shell, lambda: sys.setprofile(hook),
                 lambda: sys.setprofile(None)) == ["profile hook"]
    assert named(interception.trace_hooks, shell, lambda: threading.settrace(hook),
                 lambda: setattr(threading, "_trace_hook", None)) == ["thread trace hook"]


def test_a_replaced_builtin_is_named(shell: InteractiveShell, monkeypatch: Patch) -> None:
    before = interception.replaced_builtins(shell, TRUSTED)
    monkeypatch.setattr(builtins, "ascii", lambda value: "x")
    assert installed(before, interception.replaced_builtins(shell, TRUSTED)) == ["builtin ascii"]


def test_a_method_replaced_on_the_shell_is_named(shell: InteractiveShell, monkeypatch: Patch) -> None:
    before = interception.shell_methods(shell, TRUSTED)
    monkeypatch.setattr(shell, "run_cell", lambda *args, **kwargs: None)
    assert installed(before, interception.shell_methods(shell, TRUSTED)) == ["shell method run_cell"]


def test_the_notebooks_event_callback_is_named(shell: InteractiveShell) -> None:
    def after_each_cell(result: object) -> None:
        return None

    assert named(interception.event_callbacks, shell,
                 lambda: shell.events.register("post_run_cell", after_each_cell),
                 lambda: shell.events.unregister("post_run_cell", after_each_cell)) == [
        "post_run_cell callback test_the_notebooks_event_callback_is_named.<locals>.after_each_cell"]


def test_silencing_the_display_is_named(shell: InteractiveShell, monkeypatch: Patch) -> None:
    before = interception.display_hooks(shell, TRUSTED)
    monkeypatch.setattr(shell, "ast_node_interactivity", "none")
    monkeypatch.setattr(shell.displayhook, "quiet", lambda: True, raising=False)
    assert installed(before, interception.display_hooks(shell, TRUSTED)) == [
        "displayhook quiet replaced", "shell ast_node_interactivity"]


def test_a_finder_on_the_import_path_is_named(shell: InteractiveShell, monkeypatch: Patch) -> None:
    before = interception.import_system(shell, TRUSTED)
    monkeypatch.setattr(sys, "meta_path", [object(), *sys.meta_path])
    assert installed(before, interception.import_system(shell, TRUSTED)) == ["sys.meta_path"]


@pytest.mark.parametrize(("attr", "value", "expected"), [
    ("_score", lambda marks, maximum, points: points, "course check medsome.judgement._score replaced"),
    ("min", max, "course module medsome.judgement shadows builtin min"),
])
def test_a_replaced_or_shadowing_course_name_is_named(shell: InteractiveShell, monkeypatch: Patch, attr: str,
                                                     value: object, expected: str) -> None:
    before = interception.course_checks(shell, TRUSTED)
    monkeypatch.setattr(medsome.judgement, attr, value, raising=False)
    assert installed(before, interception.course_checks(shell, TRUSTED)) == [expected]


def test_a_course_class_method_replaced_is_named(shell: InteractiveShell, monkeypatch: Patch) -> None:
    before = interception.course_checks(shell, TRUSTED)
    monkeypatch.setattr(medsome.judgement.Item, "grade", lambda self, answer: 1.0)
    assert installed(before, interception.course_checks(shell, TRUSTED)) == [
        "course class medsome.judgement.Item.grade replaced"]


def test_a_replaced_course_module_is_named(shell: InteractiveShell, monkeypatch: Patch) -> None:
    import types

    before = interception.course_checks(shell, TRUSTED)
    monkeypatch.setitem(sys.modules, "medsome.judgement", types.ModuleType("medsome.judgement"))
    assert installed(before, interception.course_checks(shell, TRUSTED)) == [
        "course module medsome.judgement replaced"]


def test_a_class_that_equals_everything_is_named_and_a_dataclass_is_not(shell: InteractiveShell) -> None:
    from dataclasses import dataclass

    @dataclass
    class Plain:
        value: int

    found = interception.comparisons(shell, TRUSTED)
    assert found["class AlwaysEqual with its own __eq__"] == str(id(AlwaysEqual.__eq__))
    assert not any("Plain" in key for key in found), "a dataclass's generated __eq__ is not the notebook's"
    assert Plain(1) == Plain(1)


def test_a_thread_running_the_notebooks_code_is_named(shell: InteractiveShell) -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait, name="library-code")
    mine = threading.Thread(target=lambda: stop.wait(), name="notebook-code")
    thread.start()
    mine.start()
    try:
        found = interception.threads(shell, TRUSTED)
        assert list(found) == ["thread notebook-code running "
                               "test_a_thread_running_the_notebooks_code_is_named.<locals>.<lambda>"]
    finally:
        stop.set()
        thread.join()
        mine.join()


def test_an_audit_hook_added_is_counted() -> None:
    """In a fresh interpreter: an audit hook, once added, stays for the life of the process."""
    code = ("import sys\nfrom medsome.grading.interception import audit_hooks\n"
            "first = audit_hooks(None, [])\nsys.addaudithook(lambda event, args: None)\n"
            "print(first, audit_hooks(None, []))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          timeout=60)
    assert done.stdout.strip() == "{'audit hooks added': '1'} {'audit hooks added': '2'}"


def test_the_reading_is_every_probe_together(shell: InteractiveShell) -> None:
    found = reading(shell, TRUSTED)
    for probe in interception.PROBES:
        assert probe(shell, TRUSTED).keys() <= found.keys(), probe.__name__


def test_the_source_sent_to_the_kernel_reads_as_the_probes_do(shell: InteractiveShell) -> None:
    namespace: dict = {"get_ipython": lambda: shell}
    exec(interception.source(), namespace)  # the course's own source, as the kernel runs it
    assert [probe.__name__ for probe in namespace["PROBES"]] == [p.__name__ for p in interception.PROBES]
    assert json.loads(namespace["hooks"](TRUSTED)).keys() == reading(shell, TRUSTED).keys()
    assert "HIDDEN" not in interception.source(), "an audit hook watching for hidden tests would see it"
