"""Hub tests: the course on a real JupyterHub with PostgreSQL (`pytest -m hub`)."""
