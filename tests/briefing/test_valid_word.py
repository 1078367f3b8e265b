"""Every part of a briefing is valid Office Open XML (ISO/IEC 29500 transitional) and says the
truth about itself: who wrote it, when, with what — so Word never offers to "repair" it."""

from __future__ import annotations

import zipfile
from datetime import UTC, datetime, timedelta

import docx
import openxml_audit
import pytest
from docx.oxml.ns import qn

from pmdesk import APP_NAME, __version__
from pmdesk.briefing.exporter import BriefingSettings, export_briefing
from pmdesk.briefing.model import list_briefings
from pmdesk.interchange.project_json import load_project
from pmdesk.interchange.sample import sample_data
from pmdesk.store.document import Document


def _export(folder, scale: int):
    document = Document.new()
    if scale:
        load_project(document.session, sample_data(scale), "the sample")
        settings = BriefingSettings.of(list_briefings(document.session)[0])
    else:  # a new project: every workspace empty
        settings = BriefingSettings()
    result = export_briefing(document.session, folder / f"briefing-{scale}.docx", settings)
    document.close()
    return result.path


@pytest.fixture(scope="module")
def briefings(tmp_path_factory):
    folder = tmp_path_factory.mktemp("valid-word")
    before = datetime.now(UTC).replace(microsecond=0)
    return before, {scale: _export(folder, scale) for scale in (0, 1, 20)}


@pytest.mark.parametrize("scale", [0, 1, 20])
def test_every_part_validates_against_the_transitional_schema(briefings, scale):
    # Office 2010's schemas are ECMA-376 2nd edition, i.e. ISO/IEC 29500:2008 transitional.
    validator = openxml_audit.OpenXmlValidator(
        file_format=openxml_audit.FileFormat.OFFICE_2010, max_errors=0
    )
    result = validator.validate(str(briefings[1][scale]))
    problems = [f"{error.part_uri}: {error.description}" for error in result.errors]
    assert problems == []


@pytest.mark.parametrize("scale", [1, 20])
def test_properties_name_pm_desk_and_the_time_of_export(briefings, scale):
    before, paths = briefings
    path = paths[scale]
    properties = docx.Document(str(path)).core_properties
    after = datetime.now(UTC) + timedelta(seconds=1)
    assert before <= properties.created <= after
    assert properties.modified == properties.created
    assert properties.author == "Maya Chen, Director of Product Management"
    with zipfile.ZipFile(path) as package:
        names = package.namelist()
        app = package.read("docProps/app.xml").decode()
        core = package.read("docProps/core.xml").decode()
    assert f"<Application>{APP_NAME} {__version__}</Application>" in app
    assert "Microsoft" not in app and "<Pages>" not in app  # the page count is the reader's
    assert "python-docx" not in core and "2013" not in core
    # The template's blank thumbnail and its stale Word 2010 copy of the styles are gone.
    assert not any(name.startswith("docProps/thumbnail") for name in names)
    assert "word/stylesWithEffects.xml" not in names


def test_settings_ask_for_fields_to_be_updated_in_schema_order(briefings):
    settings = docx.Document(str(briefings[1][1])).settings.element
    names = [child.tag.rsplit("}", 1)[-1] for child in settings]
    assert "updateFields" in names
    assert names.index("updateFields") < names.index("compat")
    zoom = settings.find(qn("w:zoom"))
    assert zoom is not None and zoom.get(qn("w:percent")) == "100"
