"""The one exception hierarchy of the Qt-free layers.

Every error carries a sentence meant for the product manager: the app shows it in a dialog, the
command line prints it on stderr. Nothing else should reach a user.
"""

from __future__ import annotations


class PmdeskError(Exception):
    """An error whose message is a complete sentence a user can act on."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class NotAProjectError(PmdeskError):
    """The file is missing, empty, damaged, or not a PM Desk project at all."""


class FormatVersionError(PmdeskError):
    """The file was written by a newer PM Desk in a format this one cannot read."""


class SaveError(PmdeskError):
    """The project could not be written; the previous file is unchanged."""


class InterchangeError(PmdeskError):
    """A JSON or CSV file does not describe valid project data."""


class ValidationError(PmdeskError):
    """A value entered by the user breaks a rule of the domain."""
