"""Strategy: the strategy canvas with value curves and ERRC, and strategy boards."""

from pmdesk.registry import WorkspaceSpec

SPEC = WorkspaceSpec(
    key="strategy",
    title="Strategy",
    purpose="Draw the strategy canvas with value curves and ERRC, and fill strategy boards.",
    dump_key="strategy",
    records={
        "factors": "pmdesk.workspaces.strategy.model:CanvasFactor",
        "curves": "pmdesk.workspaces.strategy.model:CanvasCurve",
        "levels": "pmdesk.workspaces.strategy.model:CanvasLevel",
        "boards": "pmdesk.workspaces.strategy.model:Board",
        "blocks": "pmdesk.workspaces.strategy.model:BoardBlock",
        "notes": "pmdesk.workspaces.strategy.model:BoardNote",
    },
    section="pmdesk.workspaces.strategy.section:SECTION",
    section_title="Strategy",
    page="pmdesk.workspaces.strategy.qt.page:StrategyPage",
)
