"""The words other tools use for status, priority, levels and yes/no, and what they mean.

Trackers and spreadsheets each have their own words, in the PM's language: Jira's "Terminé",
"Tareas por hacer" or "Erledigt", Linear's "Triage" and "No priority", Monorail's "WontFix",
a register's "High/Medium/Low", a matrix's "✓". Each word here belongs to one *concept* (for
status: not started, ready, in progress, done, cancelled). A workspace says which of its own
values each concept becomes (:class:`Vocabulary`), so the words are kept once, here, and the
workspace's values stay in the workspace.

Words are compared after :func:`simplify`: case, accents, spaces, dashes, underscores and
apostrophes do not matter, so "Won't Do", "wont_do" and "WONTDO" are one word.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field


def simplify(text: str) -> str:
    """Lower case, no accents, no spaces or punctuation: the form words are compared in."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[\s_\-/'’.()]+", "", plain)


def _words(*groups: Iterable[str]) -> tuple[str, ...]:
    return tuple(word for group in groups for word in group)


# -- status: where a piece of work is --------------------------------------------------------
# Jira (and its translations), Linear, Azure DevOps, GitHub, Chromium/Monorail, Productboard, Aha!

STATUS_TERMS: dict[str, tuple[str, ...]] = {
    "not_started": _words(
        ("to do", "todo", "open", "new", "backlog", "idea", "ideas", "triage", "untriaged"),
        ("unconfirmed", "available", "proposed", "candidate", "under consideration"),
        ("not started", "reopened", "submitted", "unassigned", "assigned", "icebox", "draft"),
        ("needs review", "needs triage", "parking lot", "shaping", "future consideration"),
        # French, Spanish, German, Portuguese, Dutch (Jira's own translations first)
        ("à faire", "a faire", "ouvert", "ouverte", "nouveau", "nouvelle", "en attente"),
        ("tareas por hacer", "por hacer", "abierta", "abierto", "nuevo", "nueva", "pendiente"),
        ("zu erledigen", "offen", "neu", "aufgaben", "eingang", "nicht begonnen"),
        ("itens pendentes", "a fazer", "aberto", "aberta", "novo", "nova", "pendente"),
        ("te doen", "nieuw", "open staand", "openstaand", "achterstand"),
    ),
    "ready": _words(
        ("selected for development", "approved", "ready", "ready for development", "accepted"),
        ("committed", "planned", "scheduled", "confirmed", "will do", "next up", "up next"),
        ("sélectionné pour le développement", "approuvé", "prêt", "planifié"),
        ("seleccionado para desarrollo", "aprobado", "planificado"),
        ("zur entwicklung ausgewählt", "genehmigt", "bereit", "geplant"),
        ("selecionado para desenvolvimento", "aprovado", "pronto", "planejado"),
        ("geselecteerd voor ontwikkeling", "goedgekeurd", "klaar voor ontwikkeling", "gepland"),
    ),
    "in_progress": _words(
        ("in progress", "in development", "in review", "started", "active", "doing", "blocked"),
        ("code review", "in qa", "testing", "in test", "resolved pending", "review", "on hold"),
        ("being built", "building", "in design", "design", "development", "implementing"),
        ("fixed pending", "assigned to dev", "inprogress", "external dependency"),
        ("en cours", "en cours de traitement", "en revue", "bloqué", "en test"),
        ("en curso", "en progreso", "en revisión", "bloqueado", "en pruebas"),
        ("in arbeit", "in bearbeitung", "in prüfung", "blockiert", "im test"),
        ("em andamento", "em progresso", "em revisão", "bloqueado", "em teste"),
        ("in uitvoering", "bezig", "in behandeling", "geblokkeerd", "in review"),
    ),
    "done": _words(
        ("done", "closed", "resolved", "released", "shipped", "completed", "complete", "fixed"),
        ("verified", "delivered", "launched", "live", "finished", "merged", "archived"),
        ("terminé", "terminée", "fermé", "fermée", "résolu", "résolue", "livré"),
        ("listo", "finalizada", "finalizado", "cerrada", "cerrado", "resuelta"),
        ("resuelto", "hecho", "terminado", "terminada", "completado", "completada"),
        ("fertig", "erledigt", "geschlossen", "gelöst", "abgeschlossen", "veröffentlicht"),
        ("itens concluídos", "concluído", "concluida", "concluido", "fechado", "fechada"),
        ("resolvido", "feito"),
        ("gereed", "klaar", "afgerond", "gesloten", "opgelost", "voltooid"),
    ),
    "cancelled": _words(
        ("won't do", "won't fix", "wontfix", "rejected", "cancelled", "canceled", "duplicate"),
        ("invalid", "obsolete", "declined", "not planned", "will not do", "wont do", "archived"),
        ("removed", "abandoned", "not doing", "won't implement", "out of scope", "closed - wont"),
        ("ne sera pas fait", "ne sera pas corrigé", "rejeté", "annulé", "doublon"),
        ("no se hará", "no se realizará", "rechazado", "cancelado", "cancelada", "duplicado"),
        ("wird nicht erledigt", "wird nicht behoben", "abgelehnt", "abgebrochen", "duplikat"),
        ("não será feito", "não fazer", "rejeitado", "cancelado", "cancelada", "duplicado"),
        ("wordt niet gedaan", "afgewezen", "geannuleerd", "dubbel", "duplicaat"),
    ),
}

# -- priority ----------------------------------------------------------------------------------

PRIORITY_TERMS: dict[str, tuple[str, ...]] = {
    "critical": _words(
        # Bare numbers follow the P0–P4 convention (Monorail's Pri, Google's P-levels).
        ("highest", "blocker", "critical", "urgent", "showstopper", "p0", "pri0", "pri-0", "0"),
        ("1 - critical", "1-critical", "must", "must have", "must-have", "s1", "sev1"),
        ("la plus haute", "la plus élevée", "bloquant", "critique", "urgente", "urgent"),
        ("más alta", "muy alta", "bloqueante", "crítica", "crítico", "urgente"),
        ("höchste", "sehr hoch", "blocker", "kritisch", "dringend"),
        ("mais alta", "muito alta", "bloqueador", "crítica", "crítico", "urgente"),
        ("hoogste", "blokkerend", "kritiek", "kritisch", "dringend"),
    ),
    "high": _words(
        ("high", "major", "important", "p1", "pri1", "1", "2 - high", "2-high", "should"),
        ("should have", "should-have", "s2", "sev2"),
        ("haute", "élevée", "majeur", "majeure", "haut", "élevé"),
        ("alta", "alto", "mayor", "importante"),
        ("hoch", "wichtig", "schwer"),
        ("alta", "alto", "maior", "importante"),
        ("hoog", "belangrijk", "groot"),
    ),
    "medium": _words(
        ("medium", "normal", "moderate", "p2", "pri2", "2", "3 - medium", "3-medium", "default"),
        ("moyenne", "moyen", "normale"),
        ("media", "medio", "normal"),
        ("mittel", "mittlere", "normal"),
        ("média", "médio", "normal"),
        ("gemiddeld", "normaal", "middel"),
    ),
    "low": _words(
        ("low", "minor", "p3", "pri3", "3", "4 - low", "4-low", "could", "could have"),
        ("nice to have",),
        ("basse", "bas", "mineur", "mineure", "faible"),
        ("baja", "bajo", "menor"),
        ("niedrig", "gering", "geringfügig"),
        ("baixa", "baixo", "menor"),
        ("laag", "klein", "gering"),
    ),
    "lowest": _words(
        ("lowest", "trivial", "p4", "pri4", "4", "won't have", "wont have", "won't", "someday"),
        ("la plus basse", "triviale", "très basse"),
        ("más baja", "muy baja", "trivial"),
        ("niedrigste", "sehr niedrig", "unwesentlich"),
        ("mais baixa", "muito baixa", "trivial"),
        ("laagste", "zeer laag", "triviaal"),
    ),
    "none": _words(
        ("no priority", "none", "unprioritized", "unprioritised", "not set", "-", "n/a"),
        ("aucune", "sans priorité", "sin prioridad", "ninguna", "keine", "keine priorität"),
        ("sem prioridade", "nenhuma", "geen", "geen prioriteit"),
    ),
}

# -- levels (influence, interest, impact) and yes/no ---------------------------------------

LEVEL_TERMS: dict[str, tuple[str, ...]] = {
    "very_high": (
        "very high",
        "very strong",
        "critical",
        "key",
        "très élevé",
        "muy alto",
        "sehr hoch",
        "muito alto",
        "zeer hoog",
        "h+",
        "vh",
    ),
    "high": (
        "high",
        "strong",
        "major",
        "h",
        "élevé",
        "élevée",
        "haut",
        "haute",
        "fort",
        "forte",
        "alto",
        "alta",
        "hoch",
        "groß",
        "hoog",
        "groot",
        "sterk",
    ),
    "medium": (
        "medium",
        "moderate",
        "mid",
        "average",
        "m",
        "med",
        "moyen",
        "moyenne",
        "medio",
        "media",
        "mittel",
        "médio",
        "média",
        "gemiddeld",
        "middel",
    ),
    "low": (
        "low",
        "weak",
        "minor",
        "l",
        "faible",
        "bas",
        "basse",
        "bajo",
        "baja",
        "niedrig",
        "gering",
        "baixo",
        "baixa",
        "laag",
        "zwak",
    ),
    "very_low": (
        "very low",
        "minimal",
        "none",
        "très faible",
        "muy bajo",
        "sehr niedrig",
        "muito baixo",
        "zeer laag",
        "vl",
    ),
}

YES_NO_TERMS: dict[str, tuple[str, ...]] = {
    "yes": (
        "yes",
        "y",
        "true",
        "x",
        "1",
        "✓",
        "✔",
        "☑",
        "✅",
        "●",
        "+",
        "supported",
        "included",
        "available",
        "full",
        "oui",
        "sí",
        "si",
        "ja",
        "sim",
        "j",
    ),
    "partial": (
        "partial",
        "partly",
        "partially",
        "some",
        "limited",
        "beta",
        "◐",
        "~",
        "±",
        "½",
        "planned",
        "roadmap",
        "partiel",
        "partielle",
        "parcial",
        "teilweise",
        "gedeeltelijk",
        "add-on",
        "addon",
        "paid add-on",
    ),
    "no": (
        "no",
        "n",
        "false",
        "0",
        "✗",
        "✘",
        "☐",
        "❌",
        "○",
        "-",
        "–",
        "—",
        "none",
        "not supported",
        "unavailable",
        "non",
        "nein",
        "não",
        "nao",
        "nee",
    ),
}

ATTITUDE_TERMS: dict[str, tuple[str, ...]] = {
    "champion": (
        "champion",
        "advocate",
        "sponsor",
        "leading",
        "promoter",
        "enthusiastic",
        "very positive",
        "strong supporter",
        "leader",
        "ambassadeur",
        "promotor",
    ),
    "supporter": (
        "supporter",
        "supportive",
        "positive",
        "support",
        "ally",
        "favourable",
        "favorable",
        "for",
        "pour",
        "favorable",
        "a favor",
        "dafür",
        "positief",
        "positif",
        "positivo",
    ),
    "neutral": (
        "neutral",
        "neutre",
        "neutro",
        "undecided",
        "unknown",
        "unaware",
        "aware",
        "indifferent",
        "neutraal",
    ),
    "skeptic": (
        "skeptic",
        "sceptic",
        "skeptical",
        "sceptical",
        "resistant",
        "negative",
        "concerned",
        "critical",
        "hesitant",
        "sceptique",
        "escéptico",
        "skeptisch",
        "cético",
        "sceptisch",
        "négatif",
        "negativo",
        "negatief",
    ),
    "blocker": (
        "blocker",
        "opposed",
        "opponent",
        "against",
        "hostile",
        "very negative",
        "detractor",
        "bloqueur",
        "opposé",
        "contra",
        "dagegen",
        "tegen",
    ),
}

INTERNAL_EXTERNAL_TERMS: dict[str, tuple[str, ...]] = {
    "external": (
        "external",
        "ext",
        "outside",
        "customer",
        "partner",
        "vendor",
        "externe",
        "externo",
        "externa",
        "extern",
    ),
    "internal": (
        "internal",
        "int",
        "inside",
        "employee",
        "staff",
        "interne",
        "interno",
        "interna",
        "intern",
    ),
}

FAMILIES: dict[str, dict[str, tuple[str, ...]]] = {
    "status": STATUS_TERMS,
    "priority": PRIORITY_TERMS,
    "level": LEVEL_TERMS,
    "yes_no": YES_NO_TERMS,
    "attitude": ATTITUDE_TERMS,
    "internal_external": INTERNAL_EXTERNAL_TERMS,
}


def _index(terms: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    index: dict[str, str] = {}
    for concept, words in terms.items():
        for word in words:
            index.setdefault(simplify(word), concept)  # the first concept naming a word wins
    return index


_INDEXES = {family: _index(terms) for family, terms in FAMILIES.items()}


def concept_of(family: str, text: str) -> str | None:
    """The concept a word of ``family`` means ("Terminé" -> "done"), or None if unknown."""
    return _INDEXES[family].get(simplify(text))


@dataclass(frozen=True)
class Vocabulary:
    """The values one field stores, and which of them each word of other tools becomes.

    Args:
        choices: stored value -> how the PM reads it, in menu order.
        default: the value a word nobody maps becomes.
        family: the family of words (a key of :data:`FAMILIES`), or None for values only.
        concepts: concept of the family -> stored value.
        scale: for numeric fields, a 1..n scale other files use and the value each step becomes
            (a 1–5 register read into 1–10 scores).
        numbers: the whole numbers the field stores itself (1..10), kept as they are.
    """

    choices: Mapping[str, str]
    default: str
    family: str | None = None
    concepts: Mapping[str, str] = field(default_factory=dict)
    scale: Mapping[int, str] = field(default_factory=dict)
    numbers: range | None = None

    def suggest(self, text: str, *, small_scale: bool = False) -> str | None:
        """The stored value ``text`` most likely means, or None when nothing fits.

        ``small_scale``: every number in the column lies on :attr:`scale` (1–5), so read the
        numbers on that scale rather than as the field's own.
        """
        cleaned = text.strip()
        number = whole_number(cleaned)
        if number is not None:
            if small_scale and number in self.scale:
                return self.scale[number]
            if self.numbers is not None and number in self.numbers:
                return str(number)
        wanted = simplify(cleaned)
        for value, shown in self.choices.items():
            if wanted in (simplify(value), simplify(shown)):
                return value
        if self.family is not None:
            concept = concept_of(self.family, cleaned)
            if concept is not None and concept in self.concepts:
                return self.concepts[concept]
        return None


def whole_number(text: str) -> int | None:
    stripped = text.strip()
    if stripped.isdigit():
        return int(stripped)
    try:
        number = float(stripped.replace(",", "."))
    except ValueError:
        return None
    return int(number) if number.is_integer() else None


_SMALL_SCALE = re.compile(r"\b1\s*(?:-|–|to|à|a|bis|tot)\s*5\b|/\s*5\b|out of 5|sur 5", re.I)


def says_small_scale(header: str) -> bool:
    """Whether a column's name says its numbers run from 1 to 5 ("Influence (1-5)")."""
    return bool(_SMALL_SCALE.search(header))
