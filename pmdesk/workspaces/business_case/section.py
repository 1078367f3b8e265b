"""The briefing's "Business case": cost, price, forecast scenarios, payback, ROI, break-even."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from pmdesk.export.audience import COSTS
from pmdesk.export.blocks import Column
from pmdesk.export.section import SectionContext
from pmdesk.workspaces.business_case import query
from pmdesk.workspaces.business_case.chart.figure import cash_figure
from pmdesk.workspaces.business_case.chart.layout import layout_cash
from pmdesk.workspaces.business_case.money import (
    format_money,
    format_number,
    payback_text,
    roi_text,
)

if TYPE_CHECKING:  # the Word writer loads only when a briefing is written
    from pmdesk.export.writer import BriefingDocument

# Cases written out in full, each on its own page with its cash chart: a briefing summarises,
# and a portfolio of fifty would otherwise fill fifty pages.
CASES_MAX = 3


@dataclass(frozen=True)
class BusinessCaseContent:
    cases: list[query.CaseView]
    total: int


def _months(months: float | None, decimals: int = 0) -> str:
    return "–" if months is None else f"{months:.{decimals}f} mo"


def assumption_text(source: str, as_of: object) -> str:
    """ "Finance plan FY27, 2026-11-02", or a plain warning that the source is unknown."""
    when = as_of.isoformat() if hasattr(as_of, "isoformat") else ""
    parts = [part for part in (source, when) if part]
    return ", ".join(parts) if parts else "source not given"


class BusinessCaseSection:
    key = "business_case"
    options = ()
    # Costs, forecasts and payback stay inside the company: an external briefing has no
    # business case at all (not even its heading or a figure in the summary).
    hidden_by = COSTS
    empty_message = "No business case has been written yet."

    def collect(self, context: SectionContext) -> BusinessCaseContent | None:
        session = context.session
        found = query.cases(session)
        if not found:
            return None
        if len(found) > CASES_MAX:
            context.warnings.append(
                f"The briefing shows the first {CASES_MAX} of {len(found)} business cases."
            )
        views = [query.load_case(session, case_id) for case_id, _title in found[:CASES_MAX]]
        return BusinessCaseContent([view for view in views if view is not None], len(found))

    def highlights(self, content: BusinessCaseContent) -> list[tuple[str, str]]:
        first = content.cases[0]
        expected = next((s for s in first.scenarios if s.kind == "expected"), None)
        if expected is None or expected.outcome.payback_months is None:
            return []
        return [(f"{expected.outcome.payback_months:.0f} mo", f"payback of {first.title}")]

    def write(
        self, content: BusinessCaseContent, out: BriefingDocument, context: SectionContext
    ) -> None:
        out.note(
            "Every figure here is an assumption, labelled with its source and date; the "
            "derived figures follow from them and change when they do."
        )
        if content.total > len(content.cases):
            out.note(
                f"The first {len(content.cases)} of {content.total:,} business cases are shown; "
                "the Business case workspace has every one."
            )
        for index, view in enumerate(content.cases):
            self._case(view, out, new_page=index > 0)

    def _case(self, view: query.CaseView, out: BriefingDocument, new_page: bool) -> None:
        money = view.currency
        out.heading(view.title, 2, field="Business case › Title", new_page=new_page)
        expected = next((s for s in view.scenarios if s.kind == "expected"), None)
        years = view.horizon / 4
        span = f"{years:g} year{'s' if years != 1 else ''}"
        if expected is not None:
            result = expected.outcome
            if result.payback_months is None:
                pays = f"does not pay back within {span}"
            else:
                pays = (
                    f"pays back in {payback_text(result.payback_months)} "
                    f"(break-even in {view.break_even_label(expected)})"
                )
            item = f" for {view.initiative}" if view.initiative else ""
            out.lead(
                f"In the expected case, the {format_money(view.cost, money)} spent{item} {pays}, "
                f"with a return on investment of {roi_text(result.roi)} over {span} from "
                f"{view.quarter_labels[0]}.",
                "Business case › Summary",
            )
            out.key_figures(
                [
                    (format_money(view.cost, money, short=True), "development cost"),
                    (_months(result.payback_months), "payback, expected"),
                    (roi_text(result.roi), f"ROI over {span}"),
                    (view.break_even_label(expected) or "–", "break-even quarter"),
                ]
            )
        outcomes = [(s.kind, s.label, s.outcome) for s in view.scenarios]
        out.figure(
            cash_figure(layout_cash(outcomes, view.quarter_labels, money)),
            caption="Cumulative cash position by quarter: what the initiative earned (revenue "
            "× gross margin) minus what it cost. Where a line crosses zero, it breaks even.",
        )
        out.table(
            [
                Column("Scenario", 1.0),
                Column("New / qtr", 0.7, numeric=True),
                Column("Churn / qtr", 0.75, numeric=True),
                Column("Price", 0.75, numeric=True),
                Column("Revenue", 0.95, numeric=True),
                Column("Payback", 0.9, numeric=True),
                Column("ROI", 0.8, numeric=True),
                Column("Break-even", 0.85),
                Column("Source", 1.6),
            ],
            [
                [
                    s.label,
                    format_number(s.customers_added),
                    f"{s.churn_percent:g} %",
                    f"{s.price_percent:g} %",
                    format_money(s.outcome.revenue, money, short=True),
                    _months(s.outcome.payback_months, 1),
                    roi_text(s.outcome.roi),
                    view.break_even_label(s) or "–",
                    assumption_text(s.source, s.as_of),
                ]
                for s in view.scenarios
            ],
            "Business case › Scenarios",
            caption="New customers and churn are per quarter; price is the share of the list "
            "price achieved; revenue is over the whole horizon.",
        )
        cost_rows = [
            [
                "Team",
                f"{format_number(view.people)} people × {format_number(view.months)} months × "
                f"{format_money(view.monthly_rate, money)} a month",
                format_money(view.team_cost, money),
            ]
        ]
        cost_rows += [
            ["One-off", cost.name, format_money(cost.amount, money)] for cost in view.costs
        ]
        cost_rows.append(["Total", "", format_money(view.cost, money)])
        out.table(
            [Column("Cost", 0.8), Column("What", 3.6), Column("Amount", 1.2, numeric=True)],
            cost_rows,
            "Business case › Costs",
            caption=f"Development cost; source: {assumption_text(view.source, view.as_of)}. "
            f"Gross margin on revenue: {view.margin_percent:g} %.",
        )
        if view.tiers:
            out.table(
                [
                    Column("Price tier", 1.6),
                    Column("A month", 1.0, numeric=True),
                    Column("Mix", 0.7, numeric=True),
                    Column("Source", 2.4),
                ],
                [
                    [
                        tier.name,
                        format_money(tier.monthly_price, money),
                        f"{tier.mix_percent:g} %",
                        assumption_text(tier.source, tier.as_of),
                    ]
                    for tier in view.tiers
                ],
                "Business case › Price tiers",
            )
        for warning in view.warnings():
            out.note(warning)
        out.paragraph(view.notes, "Business case › Notes")


SECTION = BusinessCaseSection()
