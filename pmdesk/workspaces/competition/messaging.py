"""Our messages against one competitor: which hold, and which their strengths undercut.

A key message (Personas) is backed by proof points, and a proof point whose evidence is a
competitor rating rests on that rating's criterion ("works without signal"). That is the
only link between a message and the matrix, so it is the one judged here:

- on a criterion a message rests on, a competitor rated *below* us is answered by it;
- a competitor rated *at or above* us there undercuts it: the claim does not set us apart;
- where we or they are not rated, nothing is known, and nothing is claimed.

A competitor competes for a persona when one of the persona's messages rests on a criterion
the competitor is rated on (the matrix can say whether our claim holds against them), or when
the persona's segment is the competitor's. Proof points resting on a customer input or a goal's
check-in back a message without comparing it to anyone; they are listed, never judged.

:func:`judge` is pure (points in, verdicts out); :func:`messages_against` reads the project.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from pmdesk.workspaces.competition.model import Competitor, Rating
from pmdesk.workspaces.competition.rules import Comparison, Scoreboard
from pmdesk.workspaces.personas.model import KeyMessage, Persona, ProofPoint


@dataclass(frozen=True)
class Verdict:
    """How one message fares against one competitor, criterion by criterion."""

    answers: tuple[Comparison, ...] = ()  # we are rated above them
    undercut: tuple[Comparison, ...] = ()  # they are rated at or above us

    @property
    def is_undercut(self) -> bool:
        return bool(self.undercut)


def judge(
    points: Mapping[str, Mapping[str, float]],
    names: Mapping[str, str],
    weights: Mapping[str, float],
    us_id: str | None,
    competitor_id: str,
    rests_on: Mapping[str, set[str]],
) -> dict[str, Verdict]:
    """Message id -> its verdict against ``competitor_id``.

    ``points`` is criterion id -> competitor id -> points (unrated: absent); ``rests_on`` is
    message id -> the criteria its proof points rest on. The criteria that count most come
    first in each list.
    """
    verdicts: dict[str, Verdict] = {}
    for message_id, criteria in rests_on.items():
        answers: list[Comparison] = []
        undercut: list[Comparison] = []
        for criterion_id in criteria:
            row = points.get(criterion_id, {})
            if us_id is None or us_id not in row or competitor_id not in row:
                continue
            ours, theirs = row[us_id], row[competitor_id]
            item = Comparison(
                criterion_id,
                names.get(criterion_id, ""),
                ours,
                theirs,
                weights.get(criterion_id, 0),
            )
            (answers if ours > theirs else undercut).append(item)
        answers.sort(key=lambda c: (-c.weighted_difference, c.name))
        undercut.sort(key=lambda c: (c.weighted_difference, c.name))
        verdicts[message_id] = Verdict(tuple(answers), tuple(undercut))
    return verdicts


@dataclass(frozen=True)
class MessageAgainst:
    id: str
    text: str
    proofs: tuple[str, ...]  # the proof points' own words, in order
    verdict: Verdict


@dataclass
class PersonaAgainst:
    id: str
    name: str
    messages: list[MessageAgainst] = field(default_factory=list)


def _rests_on(session: Session) -> dict[str, set[str]]:
    """Message id -> criteria its proof points' ratings are on (one query)."""
    query = (
        select(ProofPoint.message_id, Rating.criterion_id)
        .join(Rating, Rating.id == ProofPoint.rating_id)
        .where(ProofPoint.evidence_kind == "rating")
    )
    found: dict[str, set[str]] = defaultdict(set)
    for message_id, criterion_id in session.execute(query):
        found[message_id].add(criterion_id)
    return found


def messages_against(
    session: Session, board: Scoreboard, competitor_id: str
) -> list[PersonaAgainst]:
    """The personas ``competitor_id`` competes for, each with our messages and how they fare."""
    competitor = session.get(Competitor, competitor_id)
    if competitor is None or competitor.is_us:
        return []
    rests_on = _rests_on(session)
    names = {key: row.name for key, row in board.criteria.items()}
    weights = {key: row.weight for key, row in board.criteria.items()}
    verdicts = judge(board.points, names, weights, board.us_id, competitor_id, rests_on)
    messages = list(session.scalars(select(KeyMessage).order_by(KeyMessage.position)))
    proofs: dict[str, list[str]] = defaultdict(list)
    for message_id, text in session.execute(
        select(ProofPoint.message_id, ProofPoint.text).order_by(ProofPoint.position, ProofPoint.id)
    ):
        proofs[message_id].append(text)
    rated = {key for key, row in board.points.items() if competitor_id in row}
    segment = competitor.segment.strip().casefold()
    result: list[PersonaAgainst] = []
    for persona in session.scalars(select(Persona).order_by(Persona.position, Persona.name)):
        own = [m for m in messages if m.persona_id == persona.id]
        comparable = any(rests_on.get(m.id, set()) & rated for m in own)
        same_segment = bool(segment) and persona.segment.strip().casefold() == segment
        if not own or not (comparable or same_segment):
            continue
        result.append(
            PersonaAgainst(
                persona.id,
                persona.name,
                [
                    MessageAgainst(
                        m.id, m.text, tuple(proofs.get(m.id, ())), verdicts.get(m.id, Verdict())
                    )
                    for m in own
                ],
            )
        )
    return result


def undercut_messages(personas: list[PersonaAgainst]) -> list[tuple[str, MessageAgainst]]:
    """(persona name, message) of every message the competitor undercuts."""
    return [
        (persona.name, message)
        for persona in personas
        for message in persona.messages
        if message.verdict.is_undercut
    ]


def _comparison(item: Comparison) -> str:
    return f"{item.name} (us {item.ours:.1f}, them {item.theirs:.1f})"


def message_lines(personas: list[PersonaAgainst]) -> str:
    """Per persona, each message with its proof points and how it fares against them."""
    if not personas:
        return (
            "None of our messages rests on a criterion they are rated on. Back a message with a "
            "competitor rating in Personas to compare it here."
        )
    lines: list[str] = []
    for persona in personas:
        lines.append(f"For {persona.name}:")
        for message in persona.messages:
            verdict = message.verdict
            if verdict.undercut:
                said = "undercut on " + ", ".join(_comparison(c) for c in verdict.undercut)
            elif verdict.answers:
                said = "answers them on " + ", ".join(_comparison(c) for c in verdict.answers)
            else:
                said = "not compared with their ratings"
            lines.append(f"• “{message.text}” — {said}")
            lines.extend(f"    – {proof}" for proof in message.proofs)
    return "\n".join(lines)


def undercut_lines(personas: list[PersonaAgainst]) -> str:
    found = undercut_messages(personas)
    if not found:
        return "None: where our messages can be compared, we are rated above them."
    return "\n".join(
        f"• “{message.text}” ({name}) — they rate at or above us on "
        + ", ".join(_comparison(c) for c in message.verdict.undercut)
        for name, message in found
    )
