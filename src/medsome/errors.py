"""Errors the course raises on purpose, each saying what went wrong and what to do."""


class MedsomeError(Exception):
    """Base class for every error the course raises deliberately."""


class DatasetError(MedsomeError, ValueError):
    """A dataset file is missing, unreadable or does not match its schema."""


class CourseLayoutError(MedsomeError, FileNotFoundError):
    """The course folders (course/, assignments/, datasets/) cannot be found."""


class UnknownName(MedsomeError, KeyError):
    """A name (a record id, a rule, a detail, a field) the course does not hold.

    It is a KeyError, so `except KeyError` still catches it, but it prints its message as written
    (a bare KeyError prints the repr of its argument, quotes and escapes included).
    """

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class MissingFields(UnknownName):
    """A record (a case, a draft post) lacks fields the course needs; the message names them."""


class ManifestError(MedsomeError, ValueError):
    """The course manifest (course/course.toml) is missing or malformed; the message names entry and key."""
