"""Colours and sizes of the roadmap picture, shared by the app and the exported chart."""

from __future__ import annotations

from pmdesk.workspaces.roadmap.model import CONFIDENCES, STATUSES

# Status colours follow the usual traffic-light reading: grey not started, blue under way,
# amber at risk, red blocked, green done.
STATUS_COLORS: dict[str, str] = {
    "planned": "#8a97a8",
    "in_progress": "#2f6db5",
    "at_risk": "#e0a00e",
    "blocked": "#c7362f",
    "done": "#3d9a5e",
}
CONFIDENCE_COLORS: dict[str, str] = {"high": "#2f7d53", "medium": "#d29b17", "low": "#c0504d"}
# Late wins over any colouring: past its end and not done is the first thing to see.
LATE_COLOR = "#8e1b1b"
BROKEN_LINK_COLOR = "#c7362f"
LINK_COLOR = "#59636e"
TODAY_COLOR = "#d2452b"
MARKER_COLORS: dict[str, str] = {"deadline": "#b3261e", "launch": "#6a3fa0", "event": "#3c6e8f"}
GRID_COLOR = "#e3e7ec"
GRID_MAJOR_COLOR = "#b9c1cb"
HEADER_FILL = "#f4f6f8"
LANE_FILL = ("#ffffff", "#f8f9fb")  # alternating bands
TEXT_COLOR = "#1f2933"
MUTED_TEXT = "#5f6b7a"
GHOST_COLOR = "#9aa5b1"

COLOUR_BY: dict[str, str] = {"status": "Status", "lane": "Lane", "confidence": "Confidence"}

# Geometry, in pixels at 100 %: the app draws with them, the export scales them to points.
ROW_HEIGHT = 28
BAR_HEIGHT = 20
GHOST_HEIGHT = 5
GHOST_GAP = 2
LANE_PADDING = 8
COLLAPSED_HEIGHT = 22
MIN_LANE_HEIGHT = 44
LANE_LABEL_WIDTH = 220
HEADER_ROW = 24
HEADER_HEIGHT = HEADER_ROW * 2
MILESTONE_SIZE = 14
FONT_PX = 12  # 9 pt at 96 dpi
CHAR_PX = 6.4  # the average width of a character of that font: enough to pack labels
LABEL_GAP = 6
PACK_GAP = 8  # between the label of one item and the next item in the same row


def item_color(
    status: str, confidence: str, lane_color: str, late: bool, colour_by: str = "status"
) -> str:
    if late:
        return LATE_COLOR
    if colour_by == "lane":
        return lane_color
    if colour_by == "confidence":
        return CONFIDENCE_COLORS.get(confidence, CONFIDENCE_COLORS["medium"])
    return STATUS_COLORS.get(status, STATUS_COLORS["planned"])


def legend_entries(colour_by: str, lanes: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(label, colour) pairs explaining the colours, late always last."""
    if colour_by == "lane":
        entries = list(lanes)
    elif colour_by == "confidence":
        entries = [
            (f"{CONFIDENCES[key]} confidence", CONFIDENCE_COLORS[key]) for key in CONFIDENCES
        ]
    else:
        entries = [(STATUSES[key], STATUS_COLORS[key]) for key in STATUSES]
    return [*entries, ("Late (past its end, not done)", LATE_COLOR)]


def readable_text_on(color: str) -> str:
    """White or near-black, whichever reads better on ``color`` (WCAG relative luminance)."""
    red, green, blue = (int(color[i : i + 2], 16) / 255 for i in (1, 3, 5))

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.03928 else ((channel + 0.055) / 1.055) ** 2.4

    luminance = 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    return "#ffffff" if luminance < 0.4 else TEXT_COLOR


def tint(color: str, amount: float) -> str:
    """``color`` mixed with white: 0 leaves it, 1 is white."""
    channels = [int(color[i : i + 2], 16) for i in (1, 3, 5)]
    mixed = [round(c + (255 - c) * amount) for c in channels]
    return "#" + "".join(f"{c:02x}" for c in mixed)


def text_width(text: str) -> float:
    """An estimate of how wide a label is drawn, good enough to keep labels from colliding."""
    return len(text) * CHAR_PX
