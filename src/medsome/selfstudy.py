"""Self-study from inside JupyterLab: an assignment's last cell checks it as `medsome check NN` does.

`check_assignment()` finds the assignment from the notebook's own folder in the learner's workspace
(`assignments/NN_topic/`) and runs the `medsome check` command on it, so what the report shows (and
when the expert key is revealed) is decided in one place, the command. It grades the saved file,
hidden tests included, in private temporary folders; it never returns a score to the notebook.
Anywhere else (nbgrader's Validate or autograde, a hub, a copy outside the workspace) it only says
why it did nothing, so the cell never fails and never grades work twice.
"""

from __future__ import annotations

import os
from pathlib import Path

# Jupyter sets this in the kernel of a notebook the learner opened; nbgrader's kernels lack it.
SESSION_ENV = "JPY_SESSION_NAME"
HUB_ENV = "JUPYTERHUB_USER"
NOT_INTERACTIVE = "Self-check skipped: it runs only when you run this cell yourself in JupyterLab."
ON_HUB = ("On the course's hub your instructor grades the work you submit: use Validate to check that "
          "your answers are well-formed, then submit from the Assignments tab.")
NOT_IN_WORKSPACE = ("Self-check skipped: this notebook is not in your workspace's assignments/ folder. "
                    "Open the copy `medsome start` prepared (assignments/NN_topic/NN_topic.ipynb).")


def assignment_here(folder: Path) -> tuple[Path, str] | None:
    """The workspace and the assignment whose folder `folder` is, or None outside a workspace."""
    from medsome.workspace import MANIFEST  # not at the top: the workspace module imports nbgrader

    folder = folder.resolve()
    workspace = folder.parent.parent
    if folder.parent.name != "assignments" or not (workspace / MANIFEST).is_file():
        return None
    return workspace, folder.name


def check_assignment(final: bool = False) -> None:
    """Check the saved copy of this assignment with every test, hidden ones included; print the report.

    `final=True` confirms the final attempt, as `medsome check --final` does: the score is recorded
    and the expert key explained."""
    if os.environ.get(HUB_ENV):
        print(ON_HUB)
        return
    if not os.environ.get(SESSION_ENV):
        print(NOT_INTERACTIVE)
        return
    found = assignment_here(Path.cwd())
    if found is None:
        print(NOT_IN_WORKSPACE)
        return
    from medsome.cli import main  # the command's own code: its grading and what it reveals

    workspace, assignment = found
    print(f"Checking the saved copy of {assignment} (save first: Ctrl+S). This takes a few seconds…",
          flush=True)
    session = os.environ.pop(SESSION_ENV)  # the grading kernels are not the learner's
    try:
        main(["check", assignment, "--workspace", str(workspace), *(["--final"] if final else [])])
    finally:
        os.environ[SESSION_ENV] = session
