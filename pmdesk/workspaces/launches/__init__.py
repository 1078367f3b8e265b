"""Launches: go-to-market launches tied to the roadmap, with readiness across departments."""

from pmdesk.registry import WorkspaceSpec

SPEC = WorkspaceSpec(
    key="launches",
    title="Launches",
    purpose="Plan each launch and check that every department is ready by launch day.",
    dump_key="launches",
    records={
        "launches": "pmdesk.workspaces.launches.model:Launch",
        "tasks": "pmdesk.workspaces.launches.model:LaunchTask",
        "templates": "pmdesk.workspaces.launches.model:LaunchTemplate",
        "template_tasks": "pmdesk.workspaces.launches.model:LaunchTemplateTask",
    },
    rules={
        "launches": "pmdesk.workspaces.launches.edit:launch_rule",
        "launch_tasks": "pmdesk.workspaces.launches.edit:task_rule",
        "launch_templates": "pmdesk.workspaces.launches.edit:template_rule",
        "launch_template_tasks": "pmdesk.workspaces.launches.edit:template_task_rule",
    },
    section="pmdesk.workspaces.launches.section:SECTION",
    section_title="Go-to-market readiness",
    page="pmdesk.workspaces.launches.qt.page:LaunchesPage",
    overdue="pmdesk.workspaces.launches.overdue:overdue",
)
