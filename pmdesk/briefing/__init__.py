"""Executive briefings: which sections, for whom, exported as a Word document.

The briefing reads every workspace's section through the registry; it has no section itself.
"""

from pmdesk.registry import WorkspaceSpec

SPEC = WorkspaceSpec(
    key="briefing",
    title="Briefing",
    purpose="Export an executive briefing as a Word document in one click.",
    dump_key="briefings",
    records={
        "briefings": "pmdesk.briefing.model:Briefing",
        "sections": "pmdesk.briefing.model:BriefingSection",
        "snapshots": "pmdesk.briefing.model:BriefingSnapshot",
    },
    page="pmdesk.briefing.qt.page:BriefingPage",
    # Format 1 briefings had no audience profile and named their logo and template by path.
    migrations={1: "pmdesk.briefing.upgrade:upgrade_briefings"},
    dump_upgrades={1: "pmdesk.briefing.upgrade:upgrade_dump"},
)
