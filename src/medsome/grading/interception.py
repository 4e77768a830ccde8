"""Find what a notebook installed in its kernel to intercept execution and fake a pass.

`hooks` runs inside the graded kernel, once before the first cell and once after the last: it
names every place code can sit between a cell and its outcome with an identity for each, one small
probe per place (PROBES: audit hooks, the import system, the display, AST and input transformers,
custom exception handlers, trace and profile hooks, replaced builtins, replaced methods of the
shell and the kernel, event callbacks, replaced course checks, classes with hand-written
comparisons, threads left running). What is new or different at the end was installed by the
notebook. The probes are sent as source (`source`) and evaluated as a user expression, which
IPython's transformers do not touch; each can also run in this process on a shell of its own. A
kernel is the student's own process: this finds the known ways, not every way.
"""

from __future__ import annotations

import builtins
import contextlib
import inspect
import json
import os
import sys
import threading

import medsome

COMPARISONS = ("__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__", "__bool__", "__hash__")
SHELL_METHODS = ("run_", "transform", "show", "_show", "do_", "execute", "user_exp")


def where(obj: object) -> str:
    """The file a function (or bound method) was defined in; "" for anything else."""
    code = getattr(getattr(obj, "__func__", obj), "__code__", None)
    return getattr(code, "co_filename", "") if code is not None else ""


def notebooks(obj: object, trusted: list[str]) -> bool:
    """Whether `obj` is a function defined outside the `trusted` folders: the notebook's code."""
    code = getattr(getattr(obj, "__func__", obj), "__code__", None)
    return code is not None and not where(obj).startswith(tuple(trusted))


def name(obj: object) -> str:
    """A function's or class's qualified name, else its type's."""
    return getattr(obj, "__qualname__", None) or type(obj).__qualname__


def generated(cls: type, method: object) -> bool:
    """Whether `method` is a dataclass's own generated method (its __eq__ compares its fields)."""
    return "__dataclass_fields__" in vars(cls) and where(method) == "<string>"


def library(cls: type, trusted: list[str]) -> bool:
    """Whether `cls` is where its module names it, in a module among the `trusted` folders."""
    module = sys.modules.get(getattr(cls, "__module__", ""))
    where_named = module
    for part in cls.__qualname__.split("."):
        where_named = getattr(where_named, part, None)
    return where_named is cls and str(getattr(module, "__file__", "")).startswith(tuple(trusted))


def audit_hooks(shell: object, trusted: list[str]) -> dict[str, str]:
    """How many audit hooks were added since the first reading (one cannot be removed or listed)."""
    audit = sys.__dict__.setdefault("_medsome_audit", [])
    if not audit:
        audit.append("watching")
        sys.addaudithook(lambda event, args: event == "sys.addaudithook" and audit.append(event))
    return {"audit hooks added": str(len(audit))}


def import_system(shell: object, trusted: list[str]) -> dict[str, str]:
    """The finders and path hooks every import goes through."""
    return {"sys.meta_path": str([id(finder) for finder in sys.meta_path]),
            "sys.path_hooks": str([id(hook) for hook in sys.path_hooks])}


def display_hooks(shell: object, trusted: list[str]) -> dict[str, str]:
    """What decides whether a cell's result and printed text are shown."""
    found = {"shell ast_node_interactivity": str(getattr(shell, "ast_node_interactivity", ""))}
    for attr, value in vars(getattr(shell, "displayhook", None) or object()).items():
        if callable(value):
            found[f"displayhook {attr} replaced"] = str(id(value))
    for stream in ("stdout", "stderr"):
        found[f"sys.{stream}"] = type(getattr(sys, stream)).__qualname__
    return found


def transformers(shell: object, trusted: list[str]) -> dict[str, str]:
    """The AST and input transformers a cell's code passes through before it runs."""
    found = {}
    for kind in ("ast_transformers", "input_transformers_cleanup", "input_transformers_post"):
        for item in getattr(shell, kind, []):
            found[f"{kind.replace('_', ' ')[:-1]} {name(item)}"] = str(id(item))
    manager = shell.input_transformer_manager
    for kind in ("cleanup_transforms", "line_transforms", "token_transformers"):
        found[f"input transformer manager {kind}"] = str([id(t) for t in getattr(manager, kind, [])])
    return found


def course_handler(shell: object) -> bool:
    """Whether the custom exception handler is the course's (medsome.feedback: a failed check in one line)."""
    course = sys.modules.get("medsome.feedback")
    custom = getattr(shell.CustomTB, "__func__", shell.CustomTB)
    closure = []
    for cell in getattr(custom, "__closure__", None) or ():
        with contextlib.suppress(ValueError):  # an empty cell
            closure.append(cell.cell_contents)
    return course is not None and shell.custom_exceptions == (course.CheckFailed,) and any(
        value is course.one_line for value in closure)


def exception_handlers(shell: object, trusted: list[str]) -> dict[str, str]:
    """Custom exception handlers, which can swallow a failing test's error (the course's is allowed)."""
    custom = getattr(shell.CustomTB, "__func__", shell.CustomTB)
    mine = course_handler(shell) or not shell.custom_exceptions
    return {"custom exception handler": ("none, or the course's" if mine
                                         else f"{shell.custom_exceptions!r} {id(custom)}"),
            "sys.excepthook": str(id(sys.excepthook))}


def trace_hooks(shell: object, trusted: list[str]) -> dict[str, str]:
    """Trace and profile hooks, of this thread and of threads started later."""
    return {"trace hook": repr(sys.gettrace()), "profile hook": repr(sys.getprofile()),
            "thread trace hook": repr(getattr(threading, "_trace_hook", None)),
            "thread profile hook": repr(getattr(threading, "_profile_hook", None))}


def replaced_builtins(shell: object, trusted: list[str]) -> dict[str, str]:
    """Every public builtin, by identity."""
    return {f"builtin {key}": str(id(value)) for key, value in vars(builtins).items()
            if not key.startswith("_")}


def shell_methods(shell: object, trusted: list[str]) -> dict[str, str]:
    """The shell's and the kernel's methods that run, transform or show a cell, and whether replaced."""
    found = {}
    for owner, label in ((shell, "shell"), (getattr(shell, "kernel", None), "kernel")):
        for attr in dir(type(owner)):
            if attr.startswith(SHELL_METHODS):
                found[f"{label} method {attr}"] = f"{id(getattr(type(owner), attr))}:{attr in vars(owner)}"
    return found


def event_callbacks(shell: object, trusted: list[str]) -> dict[str, str]:
    """The notebook's own callbacks on the shell's events (pre_run_cell, post_execute, ...)."""
    return {f"{event} callback {name(callback)}": str(id(callback))
            for event, callbacks in shell.events.callbacks.items() for callback in callbacks
            if notebooks(callback, trusted)}


def course_attribute(module_name: str, attr: str, value: object, trusted: list[str]) -> dict[str, str]:
    """What the notebook did to one name of a course module: replaced it, or shadowed a builtin."""
    if callable(value) and notebooks(value, trusted):
        return {f"course check {module_name}.{attr} replaced": str(id(value))}
    if attr in vars(builtins) and getattr(value, "__name__", attr) != attr:
        return {f"course module {module_name} shadows builtin {attr}": str(id(value))}
    if isinstance(value, type) and value.__module__ == module_name:
        return course_class(f"{module_name}.{attr}", value, trusted)
    return {}


def course_class(label: str, cls: type, trusted: list[str]) -> dict[str, str]:
    """The methods of a course class that the notebook replaced (a dataclass's own are not)."""
    return {f"course class {label}.{method} replaced": str(id(function))
            for method, function in list(vars(cls).items())
            if notebooks(function, trusted) and not generated(cls, function)}


def course_checks(shell: object, trusted: list[str]) -> dict[str, str]:
    """Course modules replaced, and their checks, classes' methods and builtins replaced or shadowed."""
    found = {}
    for module_name, module in list(sys.modules.items()):
        if module_name.split(".")[0] != "medsome":
            continue
        if not str(getattr(module, "__file__", "")).startswith(tuple(trusted)):
            found[f"course module {module_name} replaced"] = str(id(module))
        for attr, value in list(vars(module).items()):
            found.update(course_attribute(module_name, attr, value, trusted))
    return found


def live_classes() -> list[type]:
    """Every class alive, by walking subclasses down from object."""
    classes, seen, found = [object], set(), []
    while classes:
        cls = classes.pop()
        if id(cls) not in seen:
            seen.add(id(cls))
            found.append(cls)
            classes.extend(type.__subclasses__(cls))
    return found


def comparisons(shell: object, trusted: list[str]) -> dict[str, str]:
    """Classes of the notebook's own with hand-written comparisons (an answer that equals anything)."""
    found = {}
    for cls in live_classes():
        own = [(dunder, cls.__dict__[dunder]) for dunder in COMPARISONS if dunder in cls.__dict__]
        for dunder, method in own if own and not library(cls, trusted) else []:
            if notebooks(method, trusted) and not generated(cls, method):
                found[f"class {name(cls)} with its own {dunder}"] = str(id(method))
    return found


def threads(shell: object, trusted: list[str]) -> dict[str, str]:
    """Threads left running the notebook's own code."""
    found = {}
    for thread in threading.enumerate():
        target = getattr(thread, "_target", None) or getattr(type(thread), "run", None)
        if notebooks(target, trusted):
            found[f"thread {thread.name} running {name(target)}"] = str(id(thread))
    return found


PROBES = (audit_hooks, import_system, display_hooks, transformers, exception_handlers, trace_hooks,
          replaced_builtins, shell_methods, event_callbacks, course_checks, comparisons, threads)
HELPERS = (where, notebooks, name, generated, library, course_handler, course_attribute, course_class,
           live_classes)


def reading(shell: object, trusted: list[str]) -> dict[str, str]:
    """Every interception point of `shell`'s process, {name: identity}, from every probe."""
    found: dict[str, str] = {}
    for probe in PROBES:
        found.update(probe(shell, trusted))
    return found


def hooks(trusted: list[str]) -> str:
    """`reading` of the kernel this runs in, as JSON; code outside `trusted` is the notebook's."""
    return json.dumps(reading(get_ipython(), trusted))  # noqa: F821  (IPython's builtin in the kernel)


def source() -> str:
    """The probes and what they need, as the source of a module that defines `hooks`."""
    constants = f"COMPARISONS = {COMPARISONS!r}\nSHELL_METHODS = {SHELL_METHODS!r}\n"
    functions = [inspect.getsource(f) for f in (*HELPERS, *PROBES, reading, hooks)]
    return ("from __future__ import annotations\nimport builtins, contextlib, json, sys, threading\n"
            + constants + "\n".join(functions)
            + f"PROBES = ({', '.join(probe.__name__ for probe in PROBES)},)\n")


def trusted_roots() -> list[str]:
    """Where code that is not the notebook's lives: the Python installation, environment and library."""
    folders = [sys.prefix, sys.base_prefix, os.path.dirname(medsome.__file__)]
    roots = {os.path.join(path, "") for f in folders for path in (f, os.path.realpath(f))}
    return [*sorted(roots), "<frozen "]


def expression() -> str:
    """The user expression that evaluates `hooks` in the kernel, bypassing input and AST transformers."""
    return (f"(lambda namespace: (exec({source()!r}, namespace), "
            f"namespace['hooks']({trusted_roots()!r}))[1])"
            "({'get_ipython': get_ipython})")


def installed(before: dict[str, str], after: dict[str, str]) -> list[str]:
    """What was added or replaced between two readings of `hooks`."""
    return sorted(key for key, value in after.items() if before.get(key) != value)
