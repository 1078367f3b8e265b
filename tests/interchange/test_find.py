"""Find's core: what is searched is derived from the registry, matching ignores case and
accents, results are bounded and grouped, records without a name are named by their owner."""

from __future__ import annotations

from pmdesk import registry
from pmdesk.domain.base import LABEL_FIELDS, label_field
from pmdesk.interchange import find
from pmdesk.interchange.diff import label
from pmdesk.store.document import Document


def test_every_record_kind_with_words_is_searched_and_machine_text_is_not():
    searched = {entry.model.__tablename__: entry for entry in find._everything()}
    for model in registry.record_models():
        assert model.__tablename__ in searched
    briefing = {column.name for column in searched["briefings"].columns}
    assert "executive_summary" in briefing
    assert briefing.isdisjoint({"logo_png", "template_docx", "profile_rules"})
    stakeholder = [column.name for column in searched["stakeholders"].columns]
    assert stakeholder[0] == "name"  # the label first: a name match sorts first
    assert "attitude" not in stakeholder  # a choice, not words
    assert "colour" not in {column.name for column in searched["canvas_curves"].columns}


def test_the_diff_and_find_name_records_by_the_same_fields():
    from pmdesk.workspaces.decisions.model import Decision

    assert label_field(Decision) == "question"
    assert label({"id": "x", "question": "Ship in May?"}) == "Ship in May?"
    assert LABEL_FIELDS[0] == "name"


def test_case_and_accents_do_not_matter(sample_document: Document):
    found = find.search(sample_document.session, "TOMÁS")
    assert [hit.label for hit in found.hits if hit.kind == "personas"] == [
        "Tomás, the field technician"
    ]
    assert find.search(sample_document.session, "tomas").hits == found.hits
    assert find.fold("Ärger ÉTÉ straße") == "arger ete strasse"


def test_a_match_in_a_text_shows_its_field_and_words(sample_document: Document):
    hit = next(hit for hit in find.search(sample_document.session, "offline").hits if hit.field)
    assert hit.snippet[hit.start : hit.end].lower() == "offline"
    assert len(hit.snippet) <= find.SNIPPET_WIDTH + 2


def test_results_are_bounded_and_say_there_are_more(sample_document: Document):
    found = find.search(sample_document.session, "e", limit=10)
    assert len(found.hits) == 10 and found.more
    workspaces = [hit.workspace for hit in found.hits]
    order = [spec.key for spec in registry.specs()]
    assert workspaces == sorted(workspaces, key=order.index)  # grouped in navigation order


def test_blank_text_finds_nothing(sample_document: Document):
    assert find.search(sample_document.session, "  \n ").hits == ()


def test_a_record_without_a_name_is_named_after_its_owner(sample_document: Document):
    hits = find.search(sample_document.session, "Importers from the leading suites").hits
    check_in = next(hit for hit in hits if hit.kind == "goal_check_ins")
    assert check_in.owners[0][0] == "goal_key_results"
    assert check_in.owners[1][0] == "goal_objectives"
    assert check_in.label.startswith("Check-in of ")


def test_an_index_searches_what_it_was_built_from(sample_document: Document):
    index = find.FindIndex.build(sample_document.session)
    assert index.search("Priya").hits
    assert not index.search("zebra crossing").hits
