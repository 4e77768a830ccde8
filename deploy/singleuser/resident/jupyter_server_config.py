"""The learner's server also loads the course's own small lab extension, kept beside this file."""

from pathlib import Path

c = get_config()  # noqa: F821  (provided by traitlets when Jupyter loads this file)

c.LabApp.extra_labextensions_path = [str(Path(__file__).resolve().parent / "labextensions")]
