"""Widgets: controls wired to the library's plain functions, one idea each."""
