"""What a requirements or customer-input import reads: the fields and the column names that
mean them in six languages, the words each constrained field maps from, the tracker fields kept
as tags, and the edit rules applied to many rows at once."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from pmdesk.errors import ValidationError
from pmdesk.interchange.csv_table import FieldSpec
from pmdesk.interchange.trackers import TRACKER_COLUMNS, tracker_date
from pmdesk.interchange.vocabularies import Vocabulary
from pmdesk.workspaces.requirements.model import MOSCOW, STATUSES, split_tags

MULTI_COLUMN_FIELDS = frozenset({"tags", "sprint", "fix_version"})
MULTI = MULTI_COLUMN_FIELDS
# Tracker fields a requirement has no field for, kept as tags with these prefixes.
TAG_FIELDS = {
    "issue_type": "type",
    "parent": "epic",
    "sprint": "sprint",
    "fix_version": "release",
    "due_date": "due",
    "estimate": "points",
}
MARKUP_FIELDS = ("statement", "rationale", "acceptance_criteria", "quote")


def _spec(key: str, label: str, *aliases: str, meaning: str = "", required: bool = False):
    return FieldSpec(key, label, required, (*aliases, *TRACKER_COLUMNS.get(meaning, ())))


REQUIREMENT_FIELDS: list[FieldSpec] = [
    _spec("title", "Title", "requirement", "issue", meaning="title", required=True),
    _spec("reference", "Key", "ticket", meaning="reference"),
    _spec("statement", "The product does", "statement", "user story", meaning="statement"),
    _spec("rationale", "Rationale", "why", "reason", "justification"),
    _spec("acceptance_criteria", "Acceptance criteria", "acceptance", "definition of done"),
    _spec("status", "Status", "resolution status", meaning="status"),
    _spec("moscow", "MoSCoW", "moscow priority", meaning="priority"),
    _spec("reach", "Reach"),
    _spec("impact", "Impact"),
    _spec("confidence", "Confidence", "confidence %"),
    _spec("effort", "Effort", "effort (person-months)", "person-months"),
    _spec("owner", "Owner", "responsible", meaning="owner"),
    _spec("tags", "Tags", meaning="tags"),
    _spec("issue_type", "Issue type", meaning="issue_type"),
    _spec("parent", "Parent or epic", meaning="parent"),
    _spec("sprint", "Sprint", meaning="sprint"),
    _spec("fix_version", "Fix version", meaning="fix_version"),
    _spec("due_date", "Due date", meaning="due_date"),
    _spec("estimate", "Estimate", meaning="estimate"),
]

INPUT_FIELDS: list[FieldSpec] = [
    _spec(
        "quote",
        "Quote",
        "what the customer said",
        "feedback",
        "verbatim",
        "comment",
        "response",
        "commentaire",
        "comentario",
        "kommentar",
        "opmerking",
        required=True,
    ),
    _spec("stakeholder", "Stakeholder", "said by", "contact"),
    _spec(
        "customer",
        "Customer",
        "company",
        "account",
        "organisation",
        "organization",
        "client",
        "cliente",
        "kunde",
        "klant",
    ),
    _spec("segment", "Segment", "tier", "plan", "customer segment"),
    _spec("source", "Source", "channel", "type"),
    _spec("received_on", "Date", "received", "date received", meaning="created"),
    _spec("tags", "Tags", "topics", meaning="tags"),
]

# What each word of other tools becomes in a requirement (see vocabularies).
STATUS_VOCABULARY = Vocabulary(
    STATUSES,
    "proposed",
    "status",
    {
        "not_started": "proposed",
        "ready": "accepted",
        "in_progress": "in_roadmap",
        "done": "shipped",
        "cancelled": "declined",
    },
)
# Medium is most trackers' default, as "Should have" is ours: it is not demoted to "Could".
MOSCOW_VOCABULARY = Vocabulary(
    MOSCOW,
    "should",
    "priority",
    {
        "critical": "must",
        "high": "should",
        "medium": "should",
        "low": "could",
        "lowest": "wont",
        "none": "should",
    },
)
VOCABULARIES = {"requirements": {"status": STATUS_VOCABULARY, "moscow": MOSCOW_VOCABULARY}}


# Fields whose every cell differs (titles, texts): cleaning them is cheaper than remembering.
UNIQUE_FIELDS = frozenset({"title", "reference", "statement", "rationale", "quote"})
UNIQUE_FIELDS |= {"acceptance_criteria"}


class Cleaning:
    """The edit rules applied to many rows, each distinct value of a repetitive column
    (status, owner, tags, sprint) cleaned once: a 50,000-row export has a few dozen of them."""

    def __init__(self, rules: Mapping[str, tuple[str, Callable[[str, object], object]]]) -> None:
        self.rules = rules
        # per field, cleaned value or problem by raw value: one dict lookup a repetitive cell
        self.memo: dict[str, dict[object, tuple[bool, Any]]] = {}

    def __call__(self, raw: Mapping[str, Any], *, strict: bool = False) -> tuple[dict, list]:
        """Cleaned values and problems; ``strict`` raises the first problem instead."""
        values: dict[str, Any] = {}
        problems: list[str] = []
        rules = self.rules
        memo = self.memo
        for key, text in raw.items():
            if key not in rules:
                continue
            is_text = isinstance(text, str)
            if is_text and not strict and not text.strip():
                continue  # an empty cell keeps the field's default
            if key in UNIQUE_FIELDS or not (is_text or isinstance(text, int | float | None)):
                ok, result = self._clean(key, text)
            else:
                seen = memo.get(key)
                if seen is None:
                    seen = memo[key] = {}
                found = seen.get(text)
                if found is None:
                    found = seen[text] = self._clean(key, text)
                ok, result = found
            if ok:
                values[key] = result
            elif strict:
                raise ValidationError(result)
            else:
                problems.append(result.rstrip("."))
        return values, problems

    def _clean(self, key: str, text: object) -> tuple[bool, Any]:
        label, clean = self.rules[key]
        try:
            return True, clean(label, text)
        except ValidationError as error:
            return False, str(error)


def cleaned(
    rules: Mapping[str, tuple[str, Callable[[str, object], object]]], raw: Mapping[str, str]
) -> tuple[dict[str, Any], list[str]]:
    """One row's values through ``rules``: (values, problems)."""
    return Cleaning(rules)(raw)


def kept_as_tags(raw: Mapping[str, str]) -> list[str]:
    """Tracker fields without a requirement field, as "prefix:value" tags."""
    tags = []
    for key, prefix in TAG_FIELDS.items():
        text = raw.get(key, "").strip()
        if not text:
            continue
        if key == "due_date":
            day = tracker_date(text)
            text = day.isoformat() if day else text
        values = split_tags(text) if key in MULTI_COLUMN_FIELDS else [text.replace(",", " ")]
        tags.extend(f"{prefix}:{value}" for value in values)
    return tags
