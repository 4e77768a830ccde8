"""Errors the course raises on purpose, each saying what went wrong and what to do."""


class MedsomeError(Exception):
    """Base class for every error the course raises deliberately."""


class DatasetError(MedsomeError, ValueError):
    """A dataset file is missing, unreadable or does not match its schema."""


class CourseLayoutError(MedsomeError, FileNotFoundError):
    """The course folders (course/, assignments/, datasets/) cannot be found."""
