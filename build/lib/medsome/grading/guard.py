"""nbgrader's Execute, checking in the same kernel that the notebook intercepted nothing.

Before the first cell and after the last, GuardedExecute reads interception.hooks in the kernel.
If the notebook installed anything, its names go into the notebook's metadata
(`medsome.intercepted`) and every autograded test cell gets an error output saying so: nbgrader
then scores those tests 0, so intercepting gains nothing over a blank notebook.
"""

from __future__ import annotations

import ast
import json

from nbformat import NotebookNode
from nbgrader.preprocessors import Execute
from nbgrader.utils import is_grade

from medsome.grading import interception

INTERCEPTED = "medsome: the notebook installed code that intercepts execution; the tests do not count"


def read_hooks(client, reply: dict) -> dict[str, str]:
    """interception.hooks' reading from an execute reply ({} when the kernel did not give one)."""
    value = reply.get("content", {}).get("user_expressions", {}).get("hooks", {})
    text = value.get("data", {}).get("text/plain", "") if value.get("status") == "ok" else ""
    try:
        found = json.loads(ast.literal_eval(text))
    except (ValueError, SyntaxError, TypeError):
        return {"the interception check itself (it did not run)": str(client)}
    return found if isinstance(found, dict) else {}


def zero_tests(nb: NotebookNode, found: list[str]) -> None:
    """Record the findings and give every autograded test cell an error output."""
    nb.metadata.setdefault("medsome", {})["intercepted"] = found
    for cell in nb.cells:
        if cell.cell_type == "code" and is_grade(cell):
            cell.outputs.append(NotebookNode(output_type="error", ename="Intercepted",
                                             evalue=", ".join(found), traceback=[INTERCEPTED]))


class GuardedExecute(Execute):
    """Execute, with interception.hooks read before the first cell and after the last."""

    def _hooks(self) -> dict[str, str]:
        msg_id = self.kc.execute("", silent=True, store_history=False,
                                 user_expressions={"hooks": interception.expression()})
        return read_hooks(self.kc, self.wait_for_reply(msg_id))

    def preprocess_cell(self, cell: NotebookNode, resources: dict, index: int):
        if index == 0:
            self._before = self._hooks()
        cell, resources = super().preprocess_cell(cell, resources, index)
        if index == len(self.nb.cells) - 1:
            found = interception.installed(self._before, self._hooks())
            if found:
                zero_tests(self.nb, found)
        return cell, resources
