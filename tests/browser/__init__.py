"""Browser tests: a real JupyterLab driven by Playwright in Debian's Chromium (`pytest -m browser`)."""
