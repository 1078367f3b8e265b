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
    },
    page="pmdesk.briefing.qt.page:BriefingPage",
)
