"""What issue trackers put in their exports: which tracker wrote a file, their localised column
names, their dates, and their markup turned into plain text.

Column names are listed per meaning in English, French, Spanish, German, Portuguese and Dutch,
as Jira, Linear, Azure DevOps, GitHub, Chromium's Monorail, Productboard and Aha! write them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime

from pmdesk.interchange.vocabularies import simplify

# meaning -> column names other tools use for it (compared simplified)
TRACKER_COLUMNS: dict[str, tuple[str, ...]] = {
    "title": (
        "summary",
        "title",
        "name",
        "feature name",
        "résumé",
        "resume",
        "titre",
        "resumen",
        "título",
        "titulo",
        "zusammenfassung",
        "titel",
        "resumo",
        "samenvatting",
        "naam",
        "nom",
        "nombre",
        "nome",
    ),
    "reference": (
        "issue key",
        "key",
        "id",
        "issue id",
        "work item id",
        "number",
        "reference",
        "clé de ticket",
        "clé",
        "clave de incidencia",
        "clave",
        "schlüssel",
        "vorgangsschlüssel",
        "chave da item",
        "chave",
        "sleutel",
        "feature reference",
        "reference num",
        "local id",
    ),
    "statement": (
        "description",
        "body",
        "descripción",
        "beschreibung",
        "descrição",
        "descricao",
        "beschrijving",
        "details",
    ),
    "status": ("status", "state", "statut", "état", "estado", "zustand", "situação"),
    "priority": (
        "priority",
        "pri",
        "priorité",
        "prioridad",
        "priorität",
        "prioridade",
        "prioriteit",
    ),
    "owner": (
        "assignee",
        "owner",
        "assigned to",
        "responsable",
        "personne assignée",
        "persona asignada",
        "responsable asignado",
        "bearbeiter",
        "zugewiesene person",
        "responsável",
        "pessoa designada",
        "toegewezen aan",
        "behandelaar",
        "assigned",
    ),
    "tags": (
        "labels",
        "label",
        "tags",
        "tag",
        "étiquettes",
        "étiquette",
        "etiquetas",
        "etiqueta",
        "stichwörter",
        "stichwort",
        "labels",
        "rótulos",
        "rotulos",
        "etiketten",
        "alllabels",
        "components",
        "component",
    ),
    "issue_type": (
        "issue type",
        "type",
        "work item type",
        "type de ticket",
        "tipo de incidencia",
        "vorgangstyp",
        "tipo de item",
        "issuetype",
        "type item",
        "feature type",
    ),
    "parent": (
        "parent",
        "parent id",
        "parent issue",
        "parent summary",
        "epic link",
        "epic",
        "custom field (epic link)",
        "custom field (epic name)",
        "parent link",
        "parent key",
        "parent work item",
        "initiative",
        "master feature",
        "lien d'epic",
        "enlace de épica",
        "épica",
        "épica principal",
        "epic-verknüpfung",
        "link do épico",
        "epic-koppeling",
        "ouder",
        "parente",
        "übergeordnet",
        "tâche parente",
        "principal",
    ),
    "sprint": (
        "sprint",
        "sprints",
        "cycle",
        "cycle name",
        "iteration",
        "iteration path",
        "milestone",
        "itération",
        "iteración",
        "iteration",
        "iteração",
        "iteratie",
    ),
    "fix_version": (
        "fix version/s",
        "fix versions",
        "fix version",
        "release",
        "releases",
        "versions corrigées",
        "version corrigée",
        "versiones de corrección",
        "versión de corrección",
        "lösungsversion/en",
        "lösungsversionen",
        "lösungsversion",
        "versões de correção",
        "versão de correção",
        "oplossingsversie/s",
        "oplossingsversies",
        "milestone name",
    ),
    "due_date": (
        "due date",
        "due",
        "target date",
        "date d'échéance",
        "échéance",
        "fecha de vencimiento",
        "vencimiento",
        "fälligkeitsdatum",
        "fällig",
        "data de vencimento",
        "vervaldatum",
        "deadline",
        "end date",
        "finish date",
    ),
    "estimate": (
        "story points",
        "story point estimate",
        "custom field (story points)",
        "champ personnalisé (story points)",
        "campo personalizado (story points)",
        "benutzerdefiniertes feld (story points)",
        "custom field (story point estimate)",
        "estimate",
        "points",
        "effort points",
        "original estimate",
        "points d'histoire",
        "puntos de historia",
        "story-punkte",
        "pontos da história",
        "storypunten",
    ),
    "created": (
        "created",
        "created at",
        "creation date",
        "date created",
        "opened",
        "créé",
        "creada",
        "creado",
        "erstellt",
        "criado",
        "aangemaakt",
        "submitted",
    ),
}

# Headers that say which tool wrote a file: tool -> names, any one of which is enough.
_SIGNATURES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "jira",
        (
            "issue key",
            "issue id",
            "clé de ticket",
            "clave de incidencia",
            "vorgangsschlüssel",
            "chave da item",
            "sleutel van issue",
            "custom field (story points)",
        ),
    ),
    ("linear", ("cycle name", "cycle number", "triaged", "project milestone", "sla status")),
    ("azure-devops", ("work item type", "iteration path", "area path")),
    ("chromium", ("alllabels", "modifiedtimestamp", "releaseblock", "pri")),
    ("github", ("milestone", "assignees", "number")),
    ("productboard", ("feature name", "feature type", "productboard id")),
    ("aha", ("reference num", "master feature", "aha! reference", "feature reference")),
)


def source_kind(headers: Sequence[str]) -> str:
    """Which tool wrote a file with these column names ("jira", "linear", ...) or "csv"."""
    names = {simplify(header) for header in headers if header}
    for tool, signature in _SIGNATURES:
        hits = sum(simplify(name) in names for name in signature)
        if hits >= (1 if tool in ("jira", "linear", "azure-devops", "productboard", "aha") else 2):
            return tool
    return "csv"


# -- dates -------------------------------------------------------------------------------------

_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        ("jan", "janv", "ene", "januar", "janeiro", "januari", "janvier", "enero"),
        ("feb", "févr", "fevr", "fév", "fev", "februar", "fevereiro", "februari", "février"),
        ("mar", "mars", "märz", "marz", "mrt", "março", "marco", "maart", "marzo"),
        ("apr", "avr", "abr", "april", "abril", "avril"),
        ("may", "mai", "may", "mayo", "maio", "mei"),
        ("jun", "juin", "juni", "junho", "junio"),
        ("jul", "juil", "juli", "julho", "julio", "juillet"),
        ("aug", "août", "aout", "ago", "agosto", "augustus", "august"),
        ("sep", "sept", "set", "september", "setembro", "septiembre", "septembre"),
        ("oct", "okt", "out", "oktober", "outubro", "octubre", "octobre"),
        ("nov", "november", "novembro", "noviembre", "novembre"),
        ("dec", "déc", "dic", "dez", "dezember", "dezembro", "december", "diciembre", "décembre"),
    ),
    start=1,
):
    for _name in _names:
        _MONTHS[simplify(_name)] = _number

# Linear (JavaScript's Date.toString): Tue Aug 23 2022 13:54:01 GMT+0000 (GMT)
_JS_DATE = re.compile(r"^[A-Za-z]{3} ([A-Za-z]{3}) (\d{1,2}) (\d{4}) \d{2}:\d{2}:\d{2} GMT")
# Jira: 23/Aug/22 1:54 PM, 23/août/22 13:54, 23/ago/22 1:54 PM
_JIRA_DATE = re.compile(r"^(\d{1,2})/([^\W\d_]{3,5})\.?/(\d{2}|\d{4})\b")
_ISO_PREFIX = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}.*)?$")


def tracker_date(text: str) -> date | None:
    """A date as trackers export it, in any of the forms above, or None if it is none of them.

    Purely numeric day/month forms ("03/04/2026") are left alone: they are ambiguous.
    """
    cleaned = text.strip()
    match = _ISO_PREFIX.match(cleaned)
    if match:
        return _date(int(match[1]), int(match[2]), int(match[3]))
    match = _JS_DATE.match(cleaned)
    if match:
        month = _MONTHS.get(simplify(match[1]))
        return _date(int(match[3]), month, int(match[2])) if month else None
    match = _JIRA_DATE.match(cleaned)
    if match:
        month = _MONTHS.get(simplify(match[2]))
        year = int(match[3]) + (2000 if len(match[3]) == 2 else 0)
        return _date(year, month, int(match[1])) if month else None
    for pattern in ("%d %b %Y", "%d %B %Y", "%b %d, %Y", "%B %d, %Y", "%Y/%m/%d"):
        try:
            return datetime.strptime(cleaned, pattern).date()
        except ValueError:
            continue
    return None


def _date(year: int, month: int | None, day: int) -> date | None:
    try:
        return date(year, month or 0, day)
    except ValueError:
        return None


# -- markup ------------------------------------------------------------------------------------

# (a character the markup needs, pattern, replacement): a rule whose character is absent is
# skipped, so plain text (most of a large export) costs a few membership tests, not 22 regexes.
_RULES: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("{", re.compile(r"\{\{([^}]+)\}\}"), r"\1"),  # Jira monospace
    ("{", re.compile(r"\{(?:code|noformat|quote|panel|color)(?::[^}]*)?\}"), ""),  # Jira blocks
    (".", re.compile(r"^h[1-6]\.\s*", re.M), ""),  # Jira headings
    ("#", re.compile(r"^#{1,6}\s+", re.M), ""),  # Markdown headings
    (".", re.compile(r"^\s*bq\.\s*", re.M), ""),
    ("", re.compile(r"^\s*[*#-]+\s+", re.M), "• "),  # bullets and numbered items, both syntaxes
    ("|", re.compile(r"\[([^|\]]+)\|([^\]]+)\]"), r"\1 (\2)"),  # Jira [text|url]
    ("]", re.compile(r"\[([^\]]+)\]\(([^)]+)\)"), r"\1 (\2)"),  # Markdown [text](url)
    ("!", re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # Markdown images
    ("!", re.compile(r"![^!\s][^!]*!"), ""),  # Jira images
    ("~", re.compile(r"\[~([^\]]+)\]"), r"@\1"),  # Jira mentions
    ("*", re.compile(r"\*\*([^*\n]+)\*\*"), r"\1"),
    ("_", re.compile(r"__([^_\n]+)__"), r"\1"),
    ("*", re.compile(r"(?<![\w*])\*([^*\n]+)\*(?![\w*])"), r"\1"),  # Jira bold
    ("_", re.compile(r"(?<![\w_])_([^_\n]+)_(?![\w_])"), r"\1"),  # italic
    ("`", re.compile(r"`([^`\n]+)`"), r"\1"),
    ("-", re.compile(r"(?<!\w)-([^-\n]+)-(?!\w)"), r"\1"),  # Jira strike-through
    ("+", re.compile(r"(?<!\w)\+([^+\n]+)\+(?!\w)"), r"\1"),  # Jira underline
    ("|", re.compile(r"^\|\|?|\|\|?$", re.M), ""),  # table borders
    ("|", re.compile(r"\|\|?"), " | "),
    ("\n", re.compile(r"[ \t]+\n"), "\n"),
    ("\n", re.compile(r"\n{3,}"), "\n\n"),
)


def plain_text(text: str) -> str:
    """Jira wiki markup or Markdown as the plain text a PM would have typed."""
    if not text:
        return text
    result = text.replace("\r\n", "\n")
    for needed, pattern, replacement in _RULES:
        if needed in result:  # "" is in every text: the bullet rule looks at every line
            result = pattern.sub(replacement, result)
    return result.strip()
