"""What medsome adds to nbgrader can be named in nbgrader_config.py; learners never load nbgrader."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from jupyter_client.manager import AsyncKernelManager
from nbconvert.exporters import Exporter
from nbgrader.plugins import FileNameCollectorPlugin
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets.utils.importstring import import_item

# each class medsome adds to nbgrader, by the dotted name nbgrader_config.py would use, and its base
EXTENSIONS = {
    "medsome.grading.feedback_files.HideHiddenTests": NbGraderPreprocessor,
    "medsome.grading.feedback_files.CapOutput": NbGraderPreprocessor,
    "medsome.grading.feedback_files.InertFeedback": NbGraderPreprocessor,
    "medsome.grading.limits.LimitOutputSize": NbGraderPreprocessor,
    "medsome.grading.two_phase.AnswersOnly": NbGraderPreprocessor,
    "medsome.grading.intake.SubmissionMatcher": FileNameCollectorPlugin,
    "medsome.grading.kernel_manager.LimitedKernelManager": AsyncKernelManager,
}
LEARNER_MODULES = ("medsome", "medsome.judgement", "medsome.feedback", "medsome.widgets.quiz", "medsome.cli")


@pytest.mark.parametrize(("name", "base"), EXTENSIONS.items(), ids=list(EXTENSIONS))
def test_each_extension_is_importable_by_its_dotted_name(name: str, base: type) -> None:
    found = import_item(name)
    assert isinstance(found, type) and issubclass(found, base)
    assert f"{found.__module__}.{found.__qualname__}" == name, "defined at module level, under this name"


def test_an_exporter_takes_the_feedback_steps_by_dotted_name() -> None:
    exporter = Exporter()
    names = ["medsome.grading.feedback_files.HideHiddenTests", "medsome.grading.feedback_files.CapOutput"]
    for name in names:
        exporter.register_preprocessor(name, enabled=True)
    assert [type(p) for p in exporter._preprocessors[-2:]] == [import_item(n) for n in names]


def test_learner_modules_do_not_import_nbgrader() -> None:
    code = (f"import sys\nimport {', '.join(LEARNER_MODULES)}\n"
            "print(sorted(m for m in sys.modules if m.partition('.')[0] == 'nbgrader'))")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert done.stdout.strip() == "[]", f"importing {LEARNER_MODULES} loads nbgrader: {done.stdout}"
