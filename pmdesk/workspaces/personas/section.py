"""The briefing's "Who we serve and what we tell them": positioning, personas, messages, proof."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from pmdesk.export.audience import WEAKNESSES, Audience
from pmdesk.export.blocks import Column
from pmdesk.export.section import OptionSpec, SectionContext
from pmdesk.workspaces.personas import query
from pmdesk.workspaces.personas.model import BUYING_ROLES, Persona

if TYPE_CHECKING:  # the Word writer loads only when a briefing is written
    from pmdesk.export.writer import BriefingDocument

EVIDENCE = OptionSpec("evidence", "Show the evidence behind each proof point", "bool", True)
QUOTES_MAX = 3  # customer quotes per persona: enough to hear them, short enough to read
PERSONAS_MAX = 12


@dataclass(frozen=True)
class PersonaContent:
    persona: Persona
    inputs: int
    requirements: int
    quotes: list[str]
    messages: list[query.MessageRow]


@dataclass(frozen=True)
class PersonasContent:
    positioning: str
    personas: list[PersonaContent]
    total: int


class PersonasSection:
    key = "personas"
    options = (EVIDENCE,)
    empty_message = "No personas or positioning statement have been written yet."

    def collect(self, context: SectionContext) -> PersonasContent | None:
        session = context.session
        sentence = query.positioning_sentence(query.positioning(session))
        people = query.personas(session)
        if not people and not sentence:
            return None
        if len(people) > PERSONAS_MAX:
            context.warnings.append(
                f"The briefing shows the first {PERSONAS_MAX} of {len(people)} personas."
            )
        shown = people[:PERSONAS_MAX]
        counts = query.link_counts(session)
        messages = query.messages(session, [persona.id for persona in shown])
        content = []
        for persona in shown:
            inputs, needs = counts.get(persona.id, (0, 0))
            quotes = [row.label for row in query.linked_inputs(session, persona.id)[:QUOTES_MAX]]
            content.append(
                PersonaContent(persona, inputs, needs, quotes, messages.get(persona.id, []))
            )
        missing = sum(
            1
            for persona in content
            for message in persona.messages
            for proof in message.proofs
            if proof.missing
        )
        if missing:
            context.warnings.append(
                f"{missing} proof point{'s have' if missing != 1 else ' has'} lost its evidence."
            )
        return PersonasContent(sentence, content, len(people))

    def highlights(self, content: PersonasContent) -> list[tuple[str, str]]:
        return [(str(content.total), "personas with their messages")]

    def write(
        self, content: PersonasContent, out: BriefingDocument, context: SectionContext
    ) -> None:
        if content.positioning:
            out.lead(content.positioning, "Personas › Positioning statement")
        if content.personas:
            columns = [Column("Persona", 1.6), Column("Role", 2.2), Column("Buying role", 1.0)]
            columns.append(Column("Inputs", 0.7, numeric=True))
            rows = [
                [
                    item.persona.name,
                    item.persona.role,
                    BUYING_ROLES.get(item.persona.buying_role, item.persona.buying_role),
                    f"{item.inputs:,}",
                ]
                for item in content.personas
            ]
            out.table(columns, rows, "Personas › Overview")
        for item in content.personas:
            self._persona(item, out, context.option(EVIDENCE), context.audience)

    def _persona(
        self, item: PersonaContent, out: BriefingDocument, evidence: bool, audience: Audience
    ) -> None:
        persona = item.persona
        role = BUYING_ROLES.get(persona.buying_role, persona.buying_role)
        out.heading(f"{persona.name} ({role.lower()})", 2, field="Personas › Name")
        out.paragraph(persona.role, "Personas › Role")
        out.labelled("Goals", persona.goals, "Personas › Goals")
        out.labelled("Pains", persona.pains, "Personas › Pains")
        out.labelled("Jobs they hire the product for", persona.jobs, "Personas › Jobs")
        if item.quotes:
            quotes = "\n\n".join(f"“{quote}”" for quote in item.quotes)
            out.labelled("In their words", quotes, "Personas › Customer input")
            if item.inputs > len(item.quotes):
                out.note(
                    f"…and {item.inputs - len(item.quotes):,} more customer inputs from this "
                    "persona in the Personas workspace."
                )
        if not item.messages:
            out.note("No key messages for this persona yet.")
            return
        rows = []
        for message in item.messages:
            proofs = [
                f"• {proof.text}"
                + (f" — {_evidence(proof, audience)}" if evidence and proof.kind else "")
                for proof in message.proofs
            ]
            rows.append([message.text, "\n".join(proofs) or "No proof points yet."])
        columns = [Column("What we tell them", 2.2), Column("Proof points and evidence", 3.8)]
        out.table(columns, rows, "Personas › Key messages")


def _evidence(proof: query.ProofRow, audience: Audience) -> str:
    """The evidence as this audience may read it: quarters for days and, where competitors'
    standings are hidden, no rating of theirs."""
    if proof.kind == "rating" and not proof.missing and audience.hides(WEAKNESSES):
        return "our competitive comparison"
    return audience.text(proof.evidence)


SECTION = PersonasSection()
