"""Personas: who we serve, what we tell each of them, and the evidence behind every claim."""

from pmdesk.registry import WorkspaceSpec

SPEC = WorkspaceSpec(
    key="personas",
    title="Personas",
    purpose="Describe who buys and uses the product, and the messages that win each of them.",
    dump_key="personas",
    records={
        "personas": "pmdesk.workspaces.personas.model:Persona",
        "inputs": "pmdesk.workspaces.personas.model:PersonaInput",
        "requirements": "pmdesk.workspaces.personas.model:PersonaRequirement",
        "positioning": "pmdesk.workspaces.personas.model:Positioning",
        "messages": "pmdesk.workspaces.personas.model:KeyMessage",
        "proof_points": "pmdesk.workspaces.personas.model:ProofPoint",
    },
    rules={
        "personas": "pmdesk.workspaces.personas.edit:persona_rule",
        "proof_points": "pmdesk.workspaces.personas.edit:proof_point_rule",
    },
    section="pmdesk.workspaces.personas.section:SECTION",
    section_title="Who we serve and what we tell them",
    page="pmdesk.workspaces.personas.qt.page:PersonasPage",
)
