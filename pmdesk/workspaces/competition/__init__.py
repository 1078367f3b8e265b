"""Competition: competitors rated on weighted criteria, the positioning map, battlecards."""

from pmdesk.registry import WorkspaceSpec

SPEC = WorkspaceSpec(
    key="competition",
    title="Competition",
    purpose="Compare competitors on weighted criteria, position them, and write battlecards.",
    dump_key="competition",
    records={
        "competitors": "pmdesk.workspaces.competition.model:Competitor",
        "categories": "pmdesk.workspaces.competition.model:CriterionCategory",
        "criteria": "pmdesk.workspaces.competition.model:Criterion",
        "ratings": "pmdesk.workspaces.competition.model:Rating",
        "battlecards": "pmdesk.workspaces.competition.model:Battlecard",
        "settings": "pmdesk.workspaces.competition.model:CompetitionSettings",
    },
    section="pmdesk.workspaces.competition.section:SECTION",
    section_title="Competitive landscape",
    page="pmdesk.workspaces.competition.qt.page:CompetitionPage",
)
