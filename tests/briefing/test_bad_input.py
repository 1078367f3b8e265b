"""Bad input to an export: forbidden characters, templates, logos, targets, cancelling.

Whatever goes wrong, the project stays as it was and an existing target file is untouched.
"""

from __future__ import annotations

import io
import os
import zipfile

import docx
import pytest
from docx.shared import RGBColor
from PIL import Image
from sqlalchemy import select

from pmdesk.briefing import assets
from pmdesk.briefing.exporter import BriefingSettings, export_briefing
from pmdesk.domain.project import Project
from pmdesk.errors import SaveError, ValidationError
from pmdesk.export.errors import ExportCancelledError, ExportError
from pmdesk.store.document import Document
from pmdesk.workspaces.decisions.query import briefing_asks
from tests.briefing.word import paragraphs, pdf_text, to_pdf
from tests.support import read_only_folder, snapshot

FORBIDDEN = "\x00\x0b\x0c\x1b\uffff"


@pytest.fixture
def empty_session():
    document = Document.new()
    yield document.session
    document.close()


def _text_of(path):
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        texts.extend(cell.text for row in table.rows for cell in row.cells)
    return "\n".join(texts)


def test_forbidden_characters_are_dropped_from_the_document_only(tmp_path, sample_document):
    session = sample_document.session
    project = session.scalars(select(Project)).one()
    project.vision = f"Every{FORBIDDEN} contractor, one phone."
    session.commit()
    settings = BriefingSettings(
        title=f"Q1{FORBIDDEN} review", executive_summary=f"On{FORBIDDEN} track."
    )
    result = export_briefing(session, tmp_path / "clean.docx", settings)
    text = _text_of(result.path)
    assert "Every contractor, one phone." in text
    assert "Q1 review" in text and "On track." in text
    warning = result.warnings[0]
    for field in ("Overview › Vision", "Briefing › Title", "Briefing › Executive summary"):
        assert field in warning
    session.expire_all()
    assert (
        session.scalars(select(Project)).one().vision == f"Every{FORBIDDEN} contractor, one phone."
    )


def test_emoji_and_right_to_left_text_come_through(tmp_path, empty_session, office_profile):
    project = empty_session.scalars(select(Project)).first() or Project()
    project.name = "FieldLoop 🚀"
    project.vision = "שלום לכל הקבלנים — مرحبا بالمقاولين"
    empty_session.add(project)
    empty_session.commit()
    result = export_briefing(empty_session, tmp_path / "world.docx", BriefingSettings())
    assert result.warnings == [w for w in result.warnings if "cannot hold" not in w]
    text = _text_of(result.path)
    assert "FieldLoop 🚀" in text
    assert "שלום לכל הקבלנים" in text and "مرحبا بالمقاولين" in text
    pdf = pdf_text(to_pdf(result.path, office_profile))
    assert "FieldLoop" in pdf and "Product overview" in pdf


def test_an_empty_project_says_which_sections_have_nothing_yet(
    tmp_path, empty_session, office_profile
):
    result = export_briefing(empty_session, tmp_path / "empty.docx", BriefingSettings())
    assert "Product overview" in result.empty_sections
    text = pdf_text(to_pdf(result.path, office_profile))
    assert "Not covered yet" in text
    assert "not written yet" in text
    for title in result.sections:
        assert title in text
    assert "No executive summary has been written" in text


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.docx", None, "does not exist"),
        ("broken.docx", b"this is not a zip", "may be damaged"),
        ("cut.docx", "cut", "may be damaged"),
        ("corporate.dotx", b"PK", "save it as a Word document (.docx)"),
        ("old.doc", b"\xd0\xcf\x11\xe0", "old Word format"),
    ],
)
def test_bad_templates_refuse_the_export_and_leave_the_target(
    tmp_path, sample_document, name, content, message
):
    template = tmp_path / name
    if content == "cut":
        docx.Document().save(str(template))
        template.write_bytes(template.read_bytes()[:3000])
    elif content is not None:
        template.write_bytes(content)
    target = tmp_path / "briefing.docx"
    target.write_bytes(b"last month's briefing")
    before = snapshot(target)
    with pytest.raises(ExportError, match=message.replace("(", r"\(").replace(")", r"\)")):
        export_briefing(sample_document.session, target, BriefingSettings(), template=template)
    assert snapshot(target) == before
    assert list(tmp_path.glob("*.saving")) == []


def test_a_docx_that_is_really_a_template_is_recognised(tmp_path, sample_document):
    source = tmp_path / "plain.docx"
    docx.Document().save(str(source))
    disguised = tmp_path / "disguised.docx"
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(disguised, "w") as copy:
        for item in original.infolist():
            data = original.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"document.main+xml", b"template.main+xml")
            copy.writestr(item, data)
    with pytest.raises(ExportError, match=r"\.dotx"):
        export_briefing(
            sample_document.session, tmp_path / "b.docx", BriefingSettings(), template=disguised
        )
    assert not (tmp_path / "b.docx").exists()


def test_a_corporate_template_gives_its_styles_and_footer(
    tmp_path, sample_document, office_profile
):
    template = docx.Document()
    template.styles["Heading 1"].font.color.rgb = RGBColor(0xAA, 0x11, 0x22)
    template.sections[0].footer.paragraphs[0].text = "ACME Corp — Confidential"
    template.add_paragraph("Template body text that must not appear")
    path = tmp_path / "acme.docx"
    template.save(str(path))
    result = export_briefing(
        sample_document.session, tmp_path / "acme-briefing.docx", BriefingSettings(), template=path
    )
    written = docx.Document(str(result.path))
    assert written.styles["Heading 1"].font.color.rgb == RGBColor(0xAA, 0x11, 0x22)
    assert "Template body text" not in "\n".join(paragraphs(result.path))
    text = pdf_text(to_pdf(result.path, office_profile))
    assert "ACME Corp — Confidential" in text
    assert "Product overview" in text


def test_a_template_named_by_path_in_an_older_file_is_not_read(tmp_path, sample_document):
    house = docx.Document()
    house.sections[0].footer.paragraphs[0].text = "Someone else's footer"
    house.save(str(tmp_path / "house.docx"))
    settings = BriefingSettings(template_path=str(tmp_path / "house.docx"))
    result = export_briefing(sample_document.session, tmp_path / "out.docx", settings)
    assert any(
        "“house.docx”" in warning and "does not read files a project names" in warning
        for warning in result.warnings
    )
    footers = [
        p.text for s in docx.Document(str(result.path)).sections for p in s.footer.paragraphs
    ]
    assert "Someone else's footer" not in footers


def test_a_stored_template_gives_its_styles_and_travels_with_the_project(tmp_path, sample_document):
    template = docx.Document()
    template.styles["Heading 1"].font.color.rgb = RGBColor(0xAA, 0x11, 0x22)
    template.sections[0].footer.paragraphs[0].text = "ACME Corp — Confidential"
    path = tmp_path / "acme.docx"
    template.save(str(path))
    data, name = assets.read_template(path)
    path.unlink()  # a teammate's copy has no such file: the project carries it
    settings = BriefingSettings(template_docx=data, template_name=name)
    result = export_briefing(sample_document.session, tmp_path / "b.docx", settings)
    written = docx.Document(str(result.path))
    assert written.styles["Heading 1"].font.color.rgb == RGBColor(0xAA, 0x11, 0x22)
    assert name == "acme.docx"


def test_a_stored_logo_appears_on_the_title_page(tmp_path, sample_document):
    logo = tmp_path / "logo.png"
    Image.new("RGB", (4000, 1000), "#1f3a5f").save(logo)
    data, name = assets.read_logo(logo)
    with Image.open(io.BytesIO(assets.stored_bytes(data))) as stored:
        assert max(stored.size) <= assets.LOGO_MAX_SIDE  # no need to keep a poster
    plain = export_briefing(sample_document.session, tmp_path / "p.docx", BriefingSettings())
    settings = BriefingSettings(logo_png=data, logo_name=name)
    result = export_briefing(sample_document.session, tmp_path / "l.docx", settings)
    shapes = len(docx.Document(str(result.path)).inline_shapes)
    assert shapes == len(docx.Document(str(plain.path)).inline_shapes) + 1
    assert not any("logo" in warning for warning in result.warnings)


def _fifo(tmp_path):
    path = tmp_path / "pipe.png"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda tmp: tmp / "missing.png", "cannot be found"),
        (lambda tmp: tmp, "is not a file"),
        (_fifo, "is not a file"),  # would be read for ever
        (
            lambda tmp: _write(tmp / "logo.png", b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
            "not a picture",
        ),
        (lambda tmp: _write(tmp / "cut.png", _png()[:60]), "not a picture"),
        (lambda tmp: _write(tmp / "huge.png", b"\0" * (assets.LOGO_MAX_BYTES + 1)), "at most 5 MB"),
        (lambda tmp: _bomb(tmp / "bomb.png"), "too large a picture"),
    ],
)
def test_a_bad_logo_is_refused_with_a_sentence_and_nothing_stored(tmp_path, make, message):
    with pytest.raises(ValidationError, match=message):
        assets.read_logo(make(tmp_path))


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"this is not a zip", "may be damaged"), (b"\0" * 100, "may be damaged")],
)
def test_a_corrupt_template_is_refused_when_chosen(tmp_path, content, message):
    path = _write(tmp_path / "corrupt.docx", content)
    with pytest.raises(ValidationError, match=message):
        assets.read_template(path)
    with pytest.raises(ValidationError, match="Word template"):
        assets.read_template(_write(tmp_path / "house.dotx", b"PK"))


def test_a_damaged_stored_logo_is_left_out_with_a_warning(tmp_path, sample_document):
    settings = BriefingSettings(logo_png="not base64 at all!")
    result = export_briefing(sample_document.session, tmp_path / "l.docx", settings)
    assert any("stored with the briefing is damaged" in warning for warning in result.warnings)
    assert len(docx.Document(str(result.path)).inline_shapes) == result.pictures


def _write(path, data: bytes):
    path.write_bytes(data)
    return path


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), "#336699").save(buffer, format="PNG")
    return buffer.getvalue()


def _bomb(path):
    """A small file that claims a picture of 50,000 x 50,000 pixels."""
    Image.new("1", (50_000, 50_000)).save(path, format="PNG", optimize=True)
    return path


def test_the_target_must_be_a_docx(tmp_path, sample_document):
    with pytest.raises(ExportError, match=r"name the file ….docx"):
        export_briefing(sample_document.session, tmp_path / "briefing.pdf", BriefingSettings())
    assert list(tmp_path.glob("briefing*")) == []


def test_an_unwritable_folder_gets_a_clear_message_and_no_file(tmp_path, sample_document):
    folder = tmp_path / "shared"
    folder.mkdir()
    existing = folder / "briefing.docx"
    existing.write_bytes(b"old")
    with read_only_folder(folder):
        before = snapshot(existing)
        with pytest.raises(SaveError, match=r"Cannot save “briefing\.docx”"):
            export_briefing(sample_document.session, existing, BriefingSettings())
        assert snapshot(existing) == before
    assert sorted(p.name for p in folder.iterdir()) == ["briefing.docx"]


def test_a_missing_folder_is_named(tmp_path, sample_document):
    with pytest.raises(SaveError, match="does not exist"):
        export_briefing(sample_document.session, tmp_path / "no" / "b.docx", BriefingSettings())


def test_cancelling_leaves_no_file_and_the_old_one_intact(tmp_path, sample_document):
    target = tmp_path / "briefing.docx"
    target.write_bytes(b"old")
    before = snapshot(target)
    steps = []

    def cancelled() -> bool:
        return len(steps) >= 2

    with pytest.raises(ExportCancelledError, match="cancelled"):
        export_briefing(
            sample_document.session,
            target,
            BriefingSettings(),
            progress=lambda done, total, what: steps.append(what),
            cancelled=cancelled,
        )
    assert snapshot(target) == before
    assert [p.name for p in tmp_path.glob("*briefing.docx*")] == ["briefing.docx"]


def test_a_template_without_list_and_heading_styles_still_reads_well(tmp_path, sample_document):
    template = docx.Document()
    styles = template.styles
    for name in ("List Number", "List Bullet", "Heading 2"):
        styles.element.remove(styles[name].element)
    path = tmp_path / "bare.docx"
    template.save(str(path))
    settings = BriefingSettings(decisions="Approve: the budget\nAsk: a sponsor")
    result = export_briefing(
        sample_document.session, tmp_path / "bare-briefing.docx", settings, template=path
    )
    texts = paragraphs(result.path)
    asked = len(briefing_asks(sample_document.session))  # the decision log's asks come first
    assert f"{asked + 1}. Approve: the budget" in texts and f"{asked + 2}. Ask: a sponsor" in texts
    assert "Decisions and asks" in texts


def test_a_product_name_of_2000_characters_is_shortened_on_the_page_only(tmp_path, sample_document):
    session = sample_document.session
    long_name = ("Field service scheduling platform " * 70)[:2000]
    session.scalars(select(Project)).one().name = long_name
    session.commit()
    result = export_briefing(session, tmp_path / "long.docx", BriefingSettings())
    document = docx.Document(str(result.path))
    title = next(p.text for p in document.paragraphs if p.text.endswith(": executive briefing"))
    assert len(title) < 120 and "…" in title
    footers = {p.text for s in document.sections for p in s.footer.paragraphs if p.text}
    assert footers and all(len(text) < 140 for text in footers)
    assert len(document.core_properties.subject) <= 255
    session.expire_all()
    assert session.scalars(select(Project)).one().name == long_name  # the project keeps it


def test_a_100_kb_executive_summary_is_written_whole(tmp_path, sample_document):
    block = "The quarter went as planned and the launch holds. " * 20
    summary = "\n\n".join(f"{number}. {block}" for number in range(100))
    assert len(summary) >= 100_000
    settings = BriefingSettings(executive_summary=summary)
    result = export_briefing(sample_document.session, tmp_path / "summary.docx", settings)
    text = _text_of(result.path)
    assert "99. The quarter went as planned" in text  # nothing cut off
    assert text.count("The quarter went as planned and the launch holds.") == 100 * 20
    assert "Roadmap" in text  # and every section after it
