"""The PM's own preferences: who they are, and what a new project or briefing starts with.

They belong to the person, not to a project, so they live in the app's settings (the Qt layer
reads and writes them, see ``pmdesk.gui.preferences``); this module holds the defaults, the
checks and what a new project takes from them, without Qt. A project never keeps a path to the
preferred template: a new briefing stores the template's bytes, as a chosen template always is.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pmdesk.errors import ValidationError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

NAME_MAX = 200  # the briefing's author field holds this much
DEFAULT_STALE_DAYS = 180  # as the competition workspace's own default
STALE_DAYS_MAX = 3650


@dataclass(frozen=True)
class Preferences:
    """What the PM chose once; every field has a default that works without choosing."""

    user_name: str = ""  # empty: the account's login name
    fiscal_year_start: int = 1  # the month (1-12) a new project's fiscal year starts in
    stale_after_days: int = DEFAULT_STALE_DAYS  # a new project's evidence stale age
    briefing_template: str = ""  # path of the .docx new briefings take; empty: none

    def checked(self) -> Preferences:
        """These preferences tidied (names trimmed), or a ValidationError saying what is wrong.

        The template itself is checked when it is chosen (``check_template``), since that
        reads the file.
        """
        name = " ".join(self.user_name.split())
        if len(name) > NAME_MAX:
            raise ValidationError(f"Your name can be at most {NAME_MAX} characters long.")
        month = self.fiscal_year_start
        if isinstance(month, bool) or not isinstance(month, int) or not 1 <= month <= 12:
            raise ValidationError(
                f"The fiscal year must start in a month from 1 to 12, not {month}."
            )
        days = self.stale_after_days
        if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= STALE_DAYS_MAX:
            raise ValidationError(
                f"The stale age must be from 1 to {STALE_DAYS_MAX} days, not {days}."
            )
        return dataclasses.replace(
            self, user_name=name, briefing_template=self.briefing_template.strip()
        )

    def author(self, login: str) -> str:
        """The name to write where PM Desk says who did something: the chosen one or ``login``."""
        return self.user_name or login


def check_template(path: Path) -> None:
    """Refuse, with a sentence, a template a briefing could not be written into.

    The same checks as choosing a briefing's template: a regular .docx within the size limit
    that python-docx opens.
    """
    from pmdesk.briefing.assets import read_template

    read_template(path)


def template_for_briefing(preferences: Preferences) -> tuple[dict[str, str], str | None]:
    """The stored-template fields a new briefing takes, and a sentence when the preferred
    template can no longer be used (moved, changed): the briefing is then made without one."""
    if not preferences.briefing_template:
        return {}, None
    from pmdesk.briefing.assets import read_template

    try:
        data, name = read_template(Path(preferences.briefing_template))
    except ValidationError as error:
        return {}, f"{error} The new briefing has no template; choose one in Preferences."
    return {"template_docx": data, "template_name": name}, None


def start_new_project(session: Session, preferences: Preferences) -> None:
    """Give a new, empty project the preferred fiscal year start and evidence stale age.

    Written straight to the new working copy: they are where the project starts, not an edit
    to undo, so the project stays unmodified.
    """
    from pmdesk.workspaces.competition import cards
    from pmdesk.workspaces.roadmap.edit import set_fiscal_year_start

    if preferences.fiscal_year_start != 1:
        set_fiscal_year_start(session, preferences.fiscal_year_start)
    if preferences.stale_after_days != DEFAULT_STALE_DAYS:
        cards.set_settings(session, stale_after_days=preferences.stale_after_days)
