"""Browser tests: JupyterLab in Debian's Chromium, driven by Playwright."""
