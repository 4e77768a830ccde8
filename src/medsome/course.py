"""The course's modules: their folders, titles and the question each one answers.

A view of the course manifest, course/course.toml (medsome.manifest), which lists each module's
files and assignments too.
"""

from __future__ import annotations

from medsome.manifest import Module, load_course

__all__ = ["MODULES", "Module"]

MODULES: tuple[Module, ...] = load_course().modules
