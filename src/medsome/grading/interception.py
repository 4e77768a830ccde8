"""Find what a notebook installed in its kernel to intercept execution and fake a pass.

`hooks` runs inside the graded kernel, once before the first cell and once after the last: it
names every place code can sit between a cell and its outcome (AST and input transformers, custom
exception handlers, trace and profile hooks, event callbacks, replaced builtins, replaced methods
of the shell and the kernel, replaced course checks, classes with hand-written comparisons, threads
left running) with an identity for each. What is new or different at the end was installed by the
notebook. It is sent as source and evaluated as a user expression, which IPython's transformers
do not touch. A kernel is the student's own process: this finds the known ways, not every way.
"""

from __future__ import annotations

import inspect
import json
import os
import sys

import medsome


def hooks(trusted: list[str]) -> str:
    """Every interception point here as JSON {name: identity}; code outside `trusted` is the notebook's."""
    import builtins
    import contextlib
    import sys
    import threading

    shell = get_ipython()  # noqa: F821  (IPython's builtin in the kernel)

    def where(obj: object) -> str:
        code = getattr(getattr(obj, "__func__", obj), "__code__", None)
        return getattr(code, "co_filename", "") if code is not None else ""

    def notebooks(obj: object) -> bool:
        code = getattr(getattr(obj, "__func__", obj), "__code__", None)
        return code is not None and not where(obj).startswith(tuple(trusted))

    def name(obj: object) -> str:
        return getattr(obj, "__qualname__", None) or type(obj).__qualname__

    found = {}
    audit = sys.__dict__.setdefault("_medsome_audit", [])  # counts audit hooks added after this
    if not audit:
        audit.append("watching")
        sys.addaudithook(lambda event, args: event == "sys.addaudithook" and audit.append(event))
    found["audit hooks added"] = str(len(audit))
    found["sys.meta_path"] = str([id(finder) for finder in sys.meta_path])
    found["sys.path_hooks"] = str([id(hook) for hook in sys.path_hooks])
    found["shell ast_node_interactivity"] = str(getattr(shell, "ast_node_interactivity", ""))
    for attr, value in vars(getattr(shell, "displayhook", None) or object()).items():
        if callable(value):
            found[f"displayhook {attr} replaced"] = str(id(value))
    for kind in ("ast_transformers", "input_transformers_cleanup", "input_transformers_post"):
        for item in getattr(shell, kind, []):
            found[f"{kind.replace('_', ' ')[:-1]} {name(item)}"] = str(id(item))
    manager = shell.input_transformer_manager
    for kind in ("cleanup_transforms", "line_transforms", "token_transformers"):
        found[f"input transformer manager {kind}"] = str([id(t) for t in getattr(manager, kind, [])])
    # A custom exception handler can swallow a failing test's error output. The one the course
    # installs (medsome.feedback shows a failed check as one line, still as an error) is allowed.
    course = sys.modules.get("medsome.feedback")
    custom = getattr(shell.CustomTB, "__func__", shell.CustomTB)
    closure = []
    for cell in getattr(custom, "__closure__", None) or ():
        with contextlib.suppress(ValueError):  # an empty cell
            closure.append(cell.cell_contents)
    own = course is not None and shell.custom_exceptions == (course.CheckFailed,) and any(
        value is course.one_line for value in closure)
    found["custom exception handler"] = ("none, or the course's" if own or not shell.custom_exceptions
                                         else f"{shell.custom_exceptions!r} {id(custom)}")
    found["trace hook"] = repr(sys.gettrace())
    found["profile hook"] = repr(sys.getprofile())
    found["thread trace hook"] = repr(getattr(threading, "_trace_hook", None))
    found["thread profile hook"] = repr(getattr(threading, "_profile_hook", None))
    found["sys.excepthook"] = str(id(sys.excepthook))
    for stream in ("stdout", "stderr"):
        found[f"sys.{stream}"] = type(getattr(sys, stream)).__qualname__
    for key, value in vars(builtins).items():
        if not key.startswith("_"):
            found[f"builtin {key}"] = str(id(value))
    for owner, label in ((shell, "shell"), (getattr(shell, "kernel", None), "kernel")):
        for attr in dir(type(owner)):
            if attr.startswith(("run_", "transform", "show", "_show", "do_", "execute", "user_exp")):
                found[f"{label} method {attr}"] = f"{id(getattr(type(owner), attr))}:{attr in vars(owner)}"
    for event, callbacks in shell.events.callbacks.items():
        for callback in callbacks:
            if notebooks(callback):
                found[f"{event} callback {name(callback)}"] = str(id(callback))

    def generated(cls: type, method: object) -> bool:  # a dataclass's own __eq__ compares its fields
        return "__dataclass_fields__" in vars(cls) and where(method) == "<string>"

    names = set(vars(builtins))
    for module_name, module in list(sys.modules.items()):
        if module_name.split(".")[0] == "medsome":
            if not str(getattr(module, "__file__", "")).startswith(tuple(trusted)):
                found[f"course module {module_name} replaced"] = str(id(module))
            for attr, value in list(vars(module).items()):
                if callable(value) and notebooks(value):
                    found[f"course check {module_name}.{attr} replaced"] = str(id(value))
                elif attr in names and getattr(value, "__name__", attr) != attr:
                    found[f"course module {module_name} shadows builtin {attr}"] = str(id(value))
                elif isinstance(value, type) and value.__module__ == module_name:
                    for method, function in list(vars(value).items()):
                        if notebooks(function) and not generated(value, function):
                            found[f"course class {module_name}.{attr}.{method} replaced"] = str(id(function))
    def library(cls: type) -> bool:
        module = sys.modules.get(getattr(cls, "__module__", ""))
        where_named = module
        for part in cls.__qualname__.split("."):
            where_named = getattr(where_named, part, None)
        return where_named is cls and str(getattr(module, "__file__", "")).startswith(tuple(trusted))

    comparisons = ("__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__", "__bool__", "__hash__")
    classes, seen = [object], set()
    while classes:  # every class alive, by walking subclasses down from object
        obj = classes.pop()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        classes.extend(type.__subclasses__(obj))
        own = [(dunder, obj.__dict__[dunder]) for dunder in comparisons if dunder in obj.__dict__]
        for dunder, method in own if own and not library(obj) else []:
            if notebooks(method) and not generated(obj, method):
                found[f"class {name(obj)} with its own {dunder}"] = str(id(method))
    for thread in threading.enumerate():
        target = getattr(thread, "_target", None) or getattr(type(thread), "run", None)
        if notebooks(target):
            found[f"thread {thread.name} running {name(target)}"] = str(id(thread))
    return json.dumps(found)


def trusted_roots() -> list[str]:
    """Where code that is not the notebook's lives: the Python installation, environment and library."""
    folders = [sys.prefix, sys.base_prefix, os.path.dirname(medsome.__file__)]
    roots = {os.path.join(path, "") for f in folders for path in (f, os.path.realpath(f))}
    return [*sorted(roots), "<frozen "]


def expression() -> str:
    """The user expression that evaluates `hooks` in the kernel, bypassing input and AST transformers."""
    source = inspect.getsource(hooks)
    return (f"(lambda namespace: (exec({source!r}, namespace), "
            f"namespace['hooks']({trusted_roots()!r}))[1])"
            "({'get_ipython': get_ipython, 'json': __import__('json')})")


def installed(before: dict[str, str], after: dict[str, str]) -> list[str]:
    """What was added or replaced between two readings of `hooks`."""
    return sorted(key for key, value in after.items() if before.get(key) != value)
