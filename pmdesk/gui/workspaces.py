"""The main window's workspaces, in navigation order, as the registry lists them."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from pmdesk import registry
from pmdesk.gui.document import DocumentController
from pmdesk.gui.empty_state import EmptyStatePage
from pmdesk.registry import WorkspaceSpec

# Reading the specs imports only the workspaces' ``__init__`` modules: no models, no pages.
WORKSPACES: tuple[WorkspaceSpec, ...] = registry.specs()


def build_page(
    workspace: WorkspaceSpec, controller: DocumentController, parent: QWidget | None = None
) -> QWidget:
    """The workspace's page for the open project (its module loads on first use), made
    inside ``parent`` when given: a page moved into the window after it was built has every
    widget's style worked out again."""
    if workspace.page is None:
        return EmptyStatePage(workspace.title, workspace.purpose, parent)
    page_class = registry.resolve(workspace.page)
    return page_class(controller, parent=parent)
