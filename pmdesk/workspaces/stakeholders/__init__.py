"""Stakeholders: who matters, where they stand on the power/interest grid, how to engage them."""

from pmdesk.registry import WorkspaceSpec

SPEC = WorkspaceSpec(
    key="stakeholders",
    title="Stakeholders",
    purpose="Map who matters, where they stand, and plan how to engage each of them.",
    dump_key="stakeholders",
    records={
        "stakeholders": "pmdesk.workspaces.stakeholders.model:Stakeholder",
        "relationships": "pmdesk.workspaces.stakeholders.model:StakeholderRelationship",
        "interactions": "pmdesk.workspaces.stakeholders.model:StakeholderInteraction",
        "snapshots": "pmdesk.workspaces.stakeholders.model:StakeholderSnapshot",
        "snapshot_positions": "pmdesk.workspaces.stakeholders.model:StakeholderPosition",
    },
    rules={
        "stakeholders": "pmdesk.workspaces.stakeholders.edit:record_rule",
    },
    section="pmdesk.workspaces.stakeholders.section:SECTION",
    section_title="Stakeholders",
    page="pmdesk.workspaces.stakeholders.qt.page:StakeholdersPage",
    overdue="pmdesk.workspaces.stakeholders.overdue:overdue",
)
