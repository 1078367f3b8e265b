"""The parts of a briefing around its text: settings, properties, and template leftovers.

Word checks the order of child elements against the ISO/IEC 29500 transitional schema and
offers to "repair" a file that breaks it, so every element this package adds is put where
the schema's sequence wants it (:func:`insert_ordered`). python-docx's default template also
carries parts that would lie about the briefing: a blank thumbnail, core properties dated
2013, extended properties naming another word processor and a page count of 1, and a copy
of the styles for Word 2010 that no longer matches the styles the briefing uses. They are
replaced or dropped in :func:`finish_package`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from lxml.etree import _Element

# w:tblPr's sequence (ISO/IEC 29500-1 §17.4.60 CT_TblPr).
TABLE_PROPERTIES = (
    "tblStyle",
    "tblpPr",
    "tblOverlap",
    "bidiVisual",
    "tblStyleRowBandSize",
    "tblStyleColBandSize",
    "tblW",
    "jc",
    "tblCellSpacing",
    "tblInd",
    "tblBorders",
    "shd",
    "tblLayout",
    "tblCellMar",
    "tblLook",
    "tblCaption",
    "tblDescription",
    "tblPrChange",
)
# w:tcPr's sequence (CT_TcPr).
CELL_PROPERTIES = (
    "cnfStyle",
    "tcW",
    "gridSpan",
    "hMerge",
    "vMerge",
    "tcBorders",
    "shd",
    "noWrap",
    "tcMar",
    "textDirection",
    "tcFitText",
    "vAlign",
    "hideMark",
    "headers",
    "cellIns",
    "cellDel",
    "cellMerge",
    "tcPrChange",
)
# The elements w:updateFields must come before in w:settings (CT_Settings).
_AFTER_UPDATE_FIELDS = (
    "hdrShapeDefaults",
    "footnotePr",
    "endnotePr",
    "compat",
    "docVars",
    "rsids",
    "mathPr",
    "attachedSchema",
    "themeFontLang",
    "clrSchemeMapping",
    "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures",
    "forceUpgrade",
    "captions",
    "readModeInkLockDown",
    "smartTagType",
    "schemaLibrary",
    "shapeDefaults",
    "doNotEmbedSmartTags",
    "decimalSymbol",
    "listSeparator",
)
_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
_W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"


def _local(element: _Element) -> str:
    return str(element.tag).rsplit("}", 1)[-1]


def insert_ordered(parent: _Element, child: _Element, order: Sequence[str]) -> _Element:
    """Put ``child`` into ``parent`` where the schema's ``order`` wants it, replacing an
    element of the same name (a property appears at most once)."""
    name = _local(child)
    for existing in parent:
        if existing.tag == child.tag:
            parent.replace(existing, child)
            return child
    position = order.index(name)
    later = set(order[position + 1 :])
    for existing in parent:
        if _local(existing) in later:
            existing.addprevious(child)
            return child
    parent.append(child)
    return child


def request_update_on_open(document: DocxDocument) -> None:
    """Ask Word to refresh every field (contents page numbers, NUMPAGES) when it opens the
    file; the cached results are already close, so a reader without Word sees them too."""
    settings = document.settings.element
    element = OxmlElement("w:updateFields")
    later = set(_AFTER_UPDATE_FIELDS)
    existing = settings.find(qn("w:updateFields"))
    if existing is not None:
        settings.remove(existing)
    for child in settings:
        if _local(child) in later or str(child.tag).startswith(_W14):
            child.addprevious(element)
            break
    else:
        settings.append(element)


def finish_package(document: DocxDocument, generator: str, now: datetime) -> None:
    """Make the package's own parts true: settings, app and core properties, no stale parts.

    ``generator`` names the application ("PM Desk 0.4"); ``now`` is when the briefing was
    written (naive UTC, as the core properties store it).
    """
    _tidy_settings(document)
    _drop_related(document.part, _STYLES_WITH_EFFECTS)
    _drop_related(document.part.package, RT.THUMBNAIL)
    _replace_app_properties(document, generator)
    properties = document.core_properties
    properties.created = now
    properties.modified = now


def _tidy_settings(document: DocxDocument) -> None:
    settings = document.settings.element
    zoom = settings.find(qn("w:zoom"))
    if zoom is not None:
        # w:percent is required; "bestFit" alone is not valid.
        zoom.set(qn("w:percent"), "100")
    # There is no preview picture any more (see _drop_related); do not ask for one.
    for name in ("w:savePreviewPicture",):
        element = settings.find(qn(name))
        if element is not None:
            settings.remove(element)


def _drop_related(source: object, reltype: str) -> None:
    rels = source.rels  # type: ignore[attr-defined]
    for rid in [rid for rid, rel in rels.items() if rel.reltype == reltype]:
        del rels[rid]


def _replace_app_properties(document: DocxDocument, generator: str) -> None:
    """Extended properties that name PM Desk and leave page and word counts to whatever opens
    the file (a stored count would be a guess)."""
    package = document.part.package
    for rel in package.rels.values():
        if rel.reltype == RT.EXTENDED_PROPERTIES and not rel.is_external:
            xml = (
                "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
                '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
                'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/'
                'officeDocument/2006/docPropsVTypes">'
                f"<Application>{escape(generator)}</Application>"
                "<DocSecurity>0</DocSecurity>"
                "<ScaleCrop>false</ScaleCrop>"
                "<LinksUpToDate>false</LinksUpToDate>"
                "<SharedDoc>false</SharedDoc>"
                "<HyperlinksChanged>false</HyperlinksChanged>"
                "</Properties>"
            )
            rel.target_part._blob = xml.encode("utf-8")
