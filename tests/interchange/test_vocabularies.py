"""The words of other tools and what they mean, in six languages, and the value maps built on
them."""

from __future__ import annotations

import pytest

from pmdesk.interchange.value_map import ValueMap, count_mapping
from pmdesk.interchange.vocabularies import Vocabulary, concept_of, says_small_scale, simplify

STATUS = Vocabulary(
    {"todo": "To do", "doing": "Doing", "done": "Done", "dropped": "Dropped"},
    "todo",
    "status",
    {
        "not_started": "todo",
        "ready": "todo",
        "in_progress": "doing",
        "done": "done",
        "cancelled": "dropped",
    },
)


def test_case_accents_spaces_and_apostrophes_do_not_matter():
    assert simplify("Won’t  Do") == simplify("wont_do") == simplify("WONT-DO")
    assert simplify("Terminé") == "termine"


@pytest.mark.parametrize(
    ("word", "concept"),
    [
        # Jira in English, French, Spanish, German, Portuguese, Dutch
        ("To Do", "not_started"),
        ("À faire", "not_started"),
        ("Tareas por hacer", "not_started"),
        ("Zu erledigen", "not_started"),
        ("Itens pendentes", "not_started"),
        ("Te doen", "not_started"),
        ("In Progress", "in_progress"),
        ("En cours", "in_progress"),
        ("En curso", "in_progress"),
        ("In Arbeit", "in_progress"),
        ("Em andamento", "in_progress"),
        ("In uitvoering", "in_progress"),
        ("Done", "done"),
        ("Terminé", "done"),
        ("Listo", "done"),
        ("Fertig", "done"),
        ("Itens concluídos", "done"),
        ("Gereed", "done"),
        # Linear, Monorail, GitHub, Azure DevOps, Productboard, Aha!
        ("Triage", "not_started"),
        ("Untriaged", "not_started"),
        ("Available", "not_started"),
        ("Started", "in_progress"),
        ("Fixed", "done"),
        ("Verified", "done"),
        ("WontFix", "cancelled"),
        ("Duplicate", "cancelled"),
        ("Not planned", "cancelled"),
        ("Active", "in_progress"),
        ("Closed", "done"),
        ("Removed", "cancelled"),
        ("Under consideration", "not_started"),
        ("Shipped", "done"),
        ("Will not implement", None),
        ("Bananas", None),
    ],
)
def test_status_words(word, concept):
    assert concept_of("status", word) == concept


@pytest.mark.parametrize(
    ("word", "concept"),
    [
        ("Highest", "critical"),
        ("Urgent", "critical"),
        ("P0", "critical"),
        ("0", "critical"),
        ("La plus haute", "critical"),
        ("Más alta", "critical"),
        ("Höchste", "critical"),
        ("Medium", "medium"),
        ("Moyenne", "medium"),
        ("Media", "medium"),
        ("Mittel", "medium"),
        ("Média", "medium"),
        ("Gemiddeld", "medium"),
        ("No priority", "none"),
        ("Lowest", "lowest"),
        ("Trivial", "lowest"),
    ],
)
def test_priority_words(word, concept):
    assert concept_of("priority", word) == concept


@pytest.mark.parametrize(
    ("word", "answer"),
    [
        ("Y", "yes"),
        ("✓", "yes"),
        ("✔", "yes"),
        ("oui", "yes"),
        ("N", "no"),
        ("✗", "no"),
        ("nein", "no"),
        ("partial", "partial"),
        ("Partly", "partial"),
        ("maybe", None),
    ],
)
def test_yes_no_words(word, answer):
    assert concept_of("yes_no", word) == answer


def test_a_value_map_counts_distinct_values_and_suggests_each():
    texts = ["Terminé", "terminé", "En cours", "", "Zorp", "À faire"]
    value_map = ValueMap.of("status", "Status", STATUS, texts)
    found = {entry.text: (entry.count, entry.target) for entry in value_map.found.values()}
    assert found == {
        "Terminé": (2, "done"),
        "En cours": (1, "doing"),
        "Zorp": (1, None),
        "À faire": (1, "todo"),
    }
    assert value_map.target("Zorp") == "todo"  # nobody maps it: the default
    assert count_mapping([value_map]).sentence() == (
        "4 values mapped, 1 unmapped value set to the default"
    )
    value_map.choose("zorp", "dropped")
    assert value_map.target("Zorp") == "dropped"
    assert value_map.overrides() == {"Zorp": "dropped"}


def test_remembered_choices_that_are_no_longer_valid_are_ignored():
    value_map = ValueMap.of("status", "Status", STATUS, ["Zorp", "Done"])
    value_map.apply_overrides({"Zorp": "gone", "Done": "dropped"})
    assert (value_map.target("Zorp"), value_map.target("Done")) == ("todo", "dropped")


def test_a_one_to_five_scale_is_read_only_when_the_column_says_so():
    levels = Vocabulary(
        {str(n): str(n) for n in range(1, 11)},
        "5",
        "level",
        {"high": "8"},
        scale={1: "1", 2: "3", 3: "5", 4: "8", 5: "10"},
        numbers=range(1, 11),
    )
    assert ValueMap.of("i", "I", levels, ["4"]).target("4") == "4"
    assert ValueMap.of("i", "I", levels, ["4"], small_scale=True).target("4") == "8"
    assert says_small_scale("Power (1-5)") and says_small_scale("Intérêt (1 à 5)")
    assert not says_small_scale("Influence") and not says_small_scale("Power (1-10)")
