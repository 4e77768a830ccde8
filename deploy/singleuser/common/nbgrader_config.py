"""nbgrader settings of every single-user server on the hub (JUPYTER_CONFIG_PATH points here).

The hub's pre-spawn hook (deploy/jupyterhub_config.py) sets the variables read below.
"""

import os

c = get_config()  # noqa: F821  (provided by traitlets when nbgrader loads this file)

c.CourseDirectory.course_id = os.environ.get("MEDSOME_COURSE_ID", "medsome")
c.Exchange.root = os.environ.get("MEDSOME_EXCHANGE_ROOT", "/srv/nbgrader/exchange")
c.Exchange.path_includes_course = True  # fetched work lands in <course_id>/<assignment>/

if os.environ.get("MEDSOME_HUB_ROLE") == "resident" and os.environ.get("JUPYTERHUB_USER"):
    # The resident's nbgrader identity is their hub name, whatever Unix user the server runs as
    # (nbgrader would otherwise use the Unix user's name, or JUPYTERHUB_USER only for `jovyan`).
    c.CourseDirectory.student_id = os.environ["JUPYTERHUB_USER"]

if os.environ.get("MEDSOME_HUB_ROLE") == "instructor" and os.environ.get("MEDSOME_COURSE_ROOT"):
    # The formgrader works on the hub's course folder with that folder's own settings.
    course_config = os.path.join(os.environ["MEDSOME_COURSE_ROOT"], "nbgrader_config.py")
    if os.path.isfile(course_config):
        load_subconfig(course_config)  # noqa: F821  (provided by traitlets)
    c.CourseDirectory.root = os.environ["MEDSOME_COURSE_ROOT"]
