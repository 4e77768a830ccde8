"""Reading interception.hooks' answer from a kernel's execute reply.

Phase one (readout.py) reads the hooks before the submission's first cell and after its last.
What was installed in between no longer changes a score (answers are graded as values in a kernel
that never ran student code): it is a signal, named in the report as what the notebook tried.
"""

from __future__ import annotations

import ast
import json


def read_hooks(client, reply: dict) -> dict[str, str]:
    """interception.hooks' reading from an execute reply (a marker entry when there is none)."""
    value = reply.get("content", {}).get("user_expressions", {}).get("hooks", {})
    text = value.get("data", {}).get("text/plain", "") if value.get("status") == "ok" else ""
    try:
        found = json.loads(ast.literal_eval(text))
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return {"the interception check itself (it did not run)": str(id(client))}
    return {str(k): str(v) for k, v in found.items()} if isinstance(found, dict) else {}
