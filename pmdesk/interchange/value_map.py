"""Which value each distinct word of an imported column becomes.

For every column that fills a field PM Desk constrains (a status, a priority, a 1–10 level, a
yes/no rating), the preview lists the distinct values found, how often each occurs, and what
each will become, pre-filled from :mod:`vocabularies` and changeable by the PM. A value nobody
maps becomes the field's default and is counted, so no row is ever dropped for a word.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from pmdesk.interchange.vocabularies import Vocabulary, simplify

MAX_DISTINCT = 500  # more distinct values than this is free text, not a vocabulary


@dataclass
class FoundValue:
    """One distinct value of a column: as first written, how often, and what it becomes."""

    text: str
    count: int
    suggested: str | None  # from the vocabularies; None when no word fits
    chosen: str | None = None  # the PM's choice; None keeps the suggestion

    @property
    def target(self) -> str | None:
        """The stored value, or None for "the field's default"."""
        return self.chosen if self.chosen is not None else self.suggested


@dataclass
class ValueMap:
    """The distinct values of one field's column(s) and the stored value each becomes."""

    key: str  # the field
    label: str
    vocabulary: Vocabulary
    found: dict[str, FoundValue] = field(default_factory=dict)  # simplified text -> value
    _by_text: dict[str, FoundValue] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def of(
        cls,
        key: str,
        label: str,
        vocabulary: Vocabulary,
        texts: Iterable[str],
        *,
        small_scale: bool = False,
    ) -> ValueMap:
        """Count the distinct non-empty ``texts`` and suggest a value for each.

        ``small_scale``: the column says it is on the vocabulary's 1–5 scale (its header reads
        "Influence (1-5)"), so its numbers are read on that scale. A column of small numbers
        alone is not enough: 4 out of 10 is a fine score too.
        """
        exact = Counter(texts)  # count first (at C speed), simplify each once
        exact.pop("", None)
        counts: dict[str, list] = {}
        for text, number in exact.items():
            cleaned = text.strip()
            if not cleaned:
                continue
            simple = simplify(cleaned) or cleaned
            entry = counts.get(simple)
            if entry is None:
                if len(counts) >= MAX_DISTINCT:
                    continue
                counts[simple] = [cleaned, number]
            else:
                entry[1] += number
        found = {
            simple: FoundValue(text, count, vocabulary.suggest(text, small_scale=small_scale))
            for simple, (text, count) in counts.items()
        }
        return cls(key, label, vocabulary, found)

    def choose(self, text: str, value: str | None) -> None:
        """The PM's choice for ``text``: a stored value, or None for the field's default."""
        entry = self.found[simplify(text.strip()) or text.strip()]
        entry.chosen = value if value is not None else ""

    def target(self, text: str) -> str:
        """The stored value ``text`` becomes (the default when nothing maps it)."""
        entry = self._by_text.get(text)
        if entry is None:
            entry = self.found.get(simplify(text.strip()) or text.strip())
            if entry is not None:
                self._by_text[text] = entry  # a large import asks for the same words again
        value = entry.target if entry is not None else self.vocabulary.suggest(text)
        return value or self.vocabulary.default

    def is_mapped(self, text: str) -> bool:
        entry = self.found.get(simplify(text.strip()) or text.strip())
        return entry is not None and bool(entry.target)

    @property
    def unmapped(self) -> list[FoundValue]:
        return [entry for entry in self.found.values() if not entry.target]

    @property
    def translated(self) -> list[FoundValue]:
        """Values that become something other than what they say ("Terminé" -> shipped)."""
        return [
            entry
            for entry in self.found.values()
            if entry.target and simplify(entry.text) != simplify(entry.target)
        ]

    def overrides(self) -> dict[str, str]:
        """The PM's own choices, by value as written, to remember for the next import."""
        return {e.text: e.chosen for e in self.found.values() if e.chosen is not None}

    def apply_overrides(self, choices: Mapping[str, str]) -> None:
        """Choices remembered from an earlier import; a value no longer valid is ignored."""
        for text, value in choices.items():
            entry = self.found.get(simplify(text.strip()) or text.strip())
            if entry is not None and (value == "" or value in self.vocabulary.choices):
                entry.chosen = value


@dataclass(frozen=True)
class MappingCounts:
    """What the value mapping did to a whole import, for the summary."""

    translated: int  # cells whose word became another stored value
    defaulted: int  # cells whose word nobody mapped, so they took the field's default

    def sentence(self) -> str:
        parts = []
        if self.translated:
            parts.append(f"{self.translated} value{'s' if self.translated != 1 else ''} mapped")
        if self.defaulted:
            plural = "s" if self.defaulted != 1 else ""
            parts.append(f"{self.defaulted} unmapped value{plural} set to the default")
        return ", ".join(parts)


def count_mapping(maps: Iterable[ValueMap]) -> MappingCounts:
    translated = defaulted = 0
    for value_map in maps:
        translated += sum(entry.count for entry in value_map.translated)
        defaulted += sum(entry.count for entry in value_map.unmapped)
    return MappingCounts(translated, defaulted)
