"""Requirements: customer input traced to requirements, and requirements to the roadmap."""

from pmdesk.registry import WorkspaceSpec

SPEC = WorkspaceSpec(
    key="requirements",
    title="Requirements",
    purpose="Turn what customers said into what the product does, traced to the roadmap.",
    dump_key="requirements",
    records={
        "inputs": "pmdesk.workspaces.requirements.model:CustomerInput",
        "requirements": "pmdesk.workspaces.requirements.model:Requirement",
        "evidence": "pmdesk.workspaces.requirements.model:RequirementEvidence",
        "roadmap_links": "pmdesk.workspaces.requirements.links:RequirementRoadmapLink",
    },
    rules={
        "requirements": "pmdesk.workspaces.requirements.edit:record_rule",
    },
    section="pmdesk.workspaces.requirements.section:SECTION",
    section_title="Requirements",
    page="pmdesk.workspaces.requirements.qt.page:RequirementsPage",
)
