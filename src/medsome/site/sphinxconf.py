"""Sphinx settings for the course website; the staged source's conf.py imports them."""

from medsome.site.repository import announcement, instructor_announcement, repository_url

project = "The ethics of medical social media"
author = "the medsome course authors"
copyright = "the medsome course authors, MIT licence"
extensions = ["myst_nb", "medsome.site.alttext", "medsome.site.mathml", "medsome.site.access"]
html_math_renderer = "mathml"  # MathML written at build time: no MathJax from a CDN
html_theme = "furo"
html_theme_options = {"announcement": announcement(repository_url())}  # the repository, on every page
# The instructor edition (medsome site build --instructor) says on every page not to share it.
INSTRUCTOR_THEME_OPTIONS = {"announcement": instructor_announcement(repository_url())}
html_title = "The ethics of medical social media: a course for surgical residents"
html_static_path = ["_static"]
html_css_files = ["medsome.css"]
html_show_sourcelink = False
html_copy_source = False
myst_enable_extensions = ["colon_fence", "dollarmath"]
myst_heading_anchors = 3
exclude_patterns = ["_build", "**.ipynb_checkpoints"]
suppress_warnings = ["myst.header"]  # lesson pages jump from the title (#) to sections (###) on purpose
nb_execution_mode = "force"  # every lesson runs at build time, offline, in a fresh kernel
nb_execution_raise_on_error = True
nb_execution_timeout = 300
nb_execution_show_tb = True
nb_output_stderr = "warn"  # a warning printed by a lesson fails the build (-W)
nb_merge_streams = True
nb_ipywidgets_js = {}  # widgets are static snapshots (medsome.site.snapshot): no widget scripts from a CDN
