"""Business case: what an initiative costs, what it may earn, and when it pays back."""

from pmdesk.registry import WorkspaceSpec

SPEC = WorkspaceSpec(
    key="business_case",
    title="Business case",
    purpose="Weigh an initiative's cost against its revenue forecast: payback, ROI, break-even.",
    dump_key="business_case",
    records={
        "cases": "pmdesk.workspaces.business_case.model:BusinessCase",
        "costs": "pmdesk.workspaces.business_case.model:OneOffCost",
        "tiers": "pmdesk.workspaces.business_case.model:PriceTier",
        "scenarios": "pmdesk.workspaces.business_case.model:Scenario",
    },
    rules={
        "business_cases": "pmdesk.workspaces.business_case.edit:case_rule",
        "business_case_costs": "pmdesk.workspaces.business_case.edit:cost_rule",
        "business_case_tiers": "pmdesk.workspaces.business_case.edit:tier_rule",
        "business_case_scenarios": "pmdesk.workspaces.business_case.edit:scenario_rule",
    },
    section="pmdesk.workspaces.business_case.section:SECTION",
    section_title="Business case",
    page="pmdesk.workspaces.business_case.qt.page:BusinessCasePage",
)
