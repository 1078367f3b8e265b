"""The briefing's "Business case": the same figures and the same chart layout as the page."""

from __future__ import annotations

import docx

from pmdesk.briefing.exporter import BriefingSettings, export_briefing
from pmdesk.briefing.model import SectionChoice


def test_the_section_states_the_expected_case_and_labels_every_assumption(
    tmp_path, sample_document
):
    settings = BriefingSettings(sections=(SectionChoice("business_case", {}),))
    result = export_briefing(sample_document.session, tmp_path / "b.docx", settings)
    document = docx.Document(str(result.path))
    text = "\n".join(
        [p.text for p in document.paragraphs]
        + [c.text for t in document.tables for r in t.rows for c in r.cells]
    )
    assert result.sections == ["Business case"]
    assert result.pictures == 1
    assert (
        "In the expected case, the $671,000 spent for Offline technician app pays back in "
        "18.9 months (break-even in Q1 FY29), with a return on investment of 224 % over 3 years "
        "from Q3 FY27."
    ) in text
    assert "6 people × 7 months × $14,000 a month" in text
    assert "Win/loss reviews and trial conversion, 2026-11-02" in text  # its source and date
    assert "Engineering estimate with finance (R. Okafor), 2026-11-02" in text
    assert "Every figure here is an assumption" in text
