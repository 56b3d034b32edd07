"""Errors a user can act on, each with its own exit status.

Every failure the CLI reports on purpose is a :class:`GlossaryError`; it
carries the file and line so the one-line message can point at the cause.
Anything else reaching the CLI is a bug, and is still reported in one line.
"""

from __future__ import annotations

#: Exit statuses, documented in the README; keep them stable for scripts.
EXIT_OK = 0
EXIT_FINDINGS = 1  # lint/check found something at or above --fail-on
EXIT_INPUT = 2  # usage errors and unreadable or malformed input
EXIT_TERMBASE = 3  # missing, locked, foreign or too-new term base
EXIT_OUTPUT = 4  # an output file could not be written
EXIT_PLUGIN = 5  # a rule, reader, format or store (built-in or plugin) failed to load
EXIT_AMBIGUOUS = 6  # an edit names a term several concepts have: the message lists their ids
EXIT_INTERNAL = 70  # a bug (EX_SOFTWARE)


class GlossaryError(Exception):
    """An error with a user-facing message, a location and an exit status."""

    exit_code = EXIT_INPUT

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        offset: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.offset = offset

    def location(self) -> str:
        if self.file is None:
            return ""
        where = str(self.file)
        if self.line is not None:
            where += f":{self.line}"
        return where

    def __str__(self) -> str:
        where = self.location()
        return f"{where}: {self.message}" if where else self.message


class InputError(GlossaryError):
    """A file or argument that cannot be read or parsed."""

    exit_code = EXIT_INPUT


class LanguageTagError(InputError):
    """A language code that is not a known language."""


class TermBaseError(GlossaryError):
    """The term base is missing, locked, not a term base, or too new."""

    exit_code = EXIT_TERMBASE


class OutputError(GlossaryError):
    """An output file could not be written."""

    exit_code = EXIT_OUTPUT


class PluginError(GlossaryError):
    """A registered extension (built-in or entry point) that cannot be loaded."""

    exit_code = EXIT_PLUGIN


class GlossaryNote(UserWarning):
    """Not an error: something a user may act on (a large term base that would open faster reindexed).

    The library issues it with :func:`warnings.warn`; the CLI shows it as one line on stderr.
    """


class AmbiguousError(InputError):
    """A term given to an edit that several concepts have: which one is meant is the user's to say."""

    exit_code = EXIT_AMBIGUOUS
