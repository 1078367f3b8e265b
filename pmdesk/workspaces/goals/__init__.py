"""Goals: objectives with key results tracked by dated check-ins, linked to the work."""

from pmdesk.registry import WorkspaceSpec

SPEC = WorkspaceSpec(
    key="goals",
    title="Goals",
    purpose="Set objectives with measurable key results, check in on them, see what is on track.",
    dump_key="goals",
    records={
        "objectives": "pmdesk.workspaces.goals.model:Objective",
        "key_results": "pmdesk.workspaces.goals.model:KeyResult",
        "check_ins": "pmdesk.workspaces.goals.model:CheckIn",
        "links": "pmdesk.workspaces.goals.model:GoalLink",
    },
    rules={
        "goal_objectives": "pmdesk.workspaces.goals.rules:objective_rule",
        "goal_key_results": "pmdesk.workspaces.goals.rules:key_result_rule",
        "goal_check_ins": "pmdesk.workspaces.goals.rules:check_in_rule",
        "goal_links": "pmdesk.workspaces.goals.rules:link_rule",
    },
    section="pmdesk.workspaces.goals.section:SECTION",
    section_title="Goals",
    page="pmdesk.workspaces.goals.qt.page:GoalsPage",
    overdue="pmdesk.workspaces.goals.overdue:overdue",
)
