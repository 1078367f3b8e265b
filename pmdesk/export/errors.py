"""Why an export did not happen, in sentences for the PM."""

from __future__ import annotations

from pmdesk.errors import PmdeskError


class ExportError(PmdeskError):
    """The briefing could not be written; no file was created or changed."""


class ExportCancelledError(PmdeskError):
    """The PM stopped the export; no file was created or changed."""

    def __init__(self) -> None:
        super().__init__("The export was cancelled; no file was written.")
