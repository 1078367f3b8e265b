"""The Qt layer. Importing it loads PySide6 and tells PySide6 that no module of the app opts into
its ``__feature__`` switches, so that the modules imported after it need not be read again."""

from __future__ import annotations

import sys

import PySide6.QtCore  # noqa: F401  (the import installs PySide6's hook on every later import)


def _skip_feature_scan() -> None:
    """Answer PySide6's question "does this module use a __feature__?" without reading sources.

    After PySide6 is imported, it reads the source of every newly imported module and searches
    it for "PySide6": a module that names it switches between feature sets (``snake_case``,
    ``true_property``) as the ones it imported say; any other is left out of switching. At start
    that is some 450 files (SQLAlchemy, the store, the models, every page) read and kept in
    memory, a tenth of a second. PM Desk imports no feature, so every module would see Qt's own
    names anyway: leaving them all out of switching gives the same names, unread. A module that
    does ``from __feature__ import ...`` is still switched, as PySide6 records that import itself.
    """
    feature = sys.modules.get("PySide6.support.feature")
    if feature is not None and callable(getattr(feature, "_mod_uses_pyside", None)):
        feature._mod_uses_pyside = _uses_no_feature


def _uses_no_feature(_module: object) -> bool:
    return False


_skip_feature_scan()
