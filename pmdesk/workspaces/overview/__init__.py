"""The product overview: vision, customers, problem, value, goals and go-to-market.

Its fields live on the project record itself (``pmdesk.domain.project``), which every
workspace shares; the overview keeps no records of its own."""

from pmdesk.registry import WorkspaceSpec

SPEC = WorkspaceSpec(
    key="overview",
    title="Overview",
    purpose="Vision, target customers, problem, value proposition, goals and go-to-market.",
    section="pmdesk.workspaces.overview.section:SECTION",
    section_title="Product overview",
    page="pmdesk.workspaces.overview.qt.page:OverviewPage",
    # Format 2 keeps the project's currency on the project record.
    migrations={1: "pmdesk.workspaces.overview.upgrade:add_currency"},
    dump_upgrades={1: "pmdesk.workspaces.overview.upgrade:upgrade_dump"},
)
