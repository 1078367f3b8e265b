"""Preferences: stored in the app's settings, edited in one dialog (Edit › Preferences, Ctrl+,).

The values and their checks are Qt-free (``pmdesk.preferences``); this module reads and writes
them with QSettings and shows the dialog. Cancel leaves the stored values as they were; a
template that fails the briefing's checks is refused with the reason and the old one stays.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pmdesk.domain.values import MONTHS
from pmdesk.errors import ValidationError
from pmdesk.gui import theme
from pmdesk.preferences import NAME_MAX, STALE_DAYS_MAX, Preferences, check_template

GROUP = "preferences"


def load(settings: QSettings | None = None) -> Preferences:
    """The stored preferences; anything missing or unreadable takes its default."""
    settings = settings or QSettings()
    default = Preferences()

    def number(key: str, fallback: int) -> int:
        try:
            return int(settings.value(f"{GROUP}/{key}", fallback))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return fallback

    stored = Preferences(
        user_name=str(settings.value(f"{GROUP}/userName", default.user_name) or ""),
        fiscal_year_start=number("fiscalYearStart", default.fiscal_year_start),
        stale_after_days=number("staleAfterDays", default.stale_after_days),
        briefing_template=str(settings.value(f"{GROUP}/briefingTemplate", "") or ""),
    )
    try:
        return stored.checked()
    except ValidationError:  # edited by hand: start again from the defaults
        return default


def save(preferences: Preferences, settings: QSettings | None = None) -> None:
    settings = settings or QSettings()
    settings.setValue(f"{GROUP}/userName", preferences.user_name)
    settings.setValue(f"{GROUP}/fiscalYearStart", preferences.fiscal_year_start)
    settings.setValue(f"{GROUP}/staleAfterDays", preferences.stale_after_days)
    settings.setValue(f"{GROUP}/briefingTemplate", preferences.briefing_template)
    apply(preferences)


def apply(preferences: Preferences) -> None:
    """Make the preferences take effect where they are not read on demand (the lock file)."""
    from pmdesk.store import lock

    lock.set_user_name(preferences.user_name)


class PreferencesDialog(QDialog):
    """The four preferences; OK stores what is shown, Cancel stores nothing."""

    def __init__(self, current: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.setObjectName("preferencesDialog")
        self._template = current.briefing_template

        self.user_name = QLineEdit(current.user_name)
        self.user_name.setMaxLength(NAME_MAX)
        self.user_name.setPlaceholderText("As it should appear on briefings and lock notes")
        self.fiscal_start = QComboBox()
        self.fiscal_start.addItems(MONTHS)
        self.fiscal_start.setCurrentIndex(current.fiscal_year_start - 1)
        self.stale_days = QSpinBox()
        self.stale_days.setRange(1, STALE_DAYS_MAX)
        self.stale_days.setSuffix(" days")
        self.stale_days.setValue(current.stale_after_days)
        self.template_name = QLineEdit()
        self.template_name.setReadOnly(True)
        self.template_name.setPlaceholderText("None: Word's plain styles")
        self.choose_template = QPushButton("Choose…")
        self.choose_template.clicked.connect(self._choose_template)
        self.clear_template = QPushButton("Clear")
        self.clear_template.setToolTip("New briefings use no template")
        self.clear_template.clicked.connect(lambda: self._set_template(""))
        template_row = QHBoxLayout()
        template_row.addWidget(self.template_name, 1)
        template_row.addWidget(self.choose_template)
        template_row.addWidget(self.clear_template)
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        theme.tone(self.problem, "danger")
        self.problem.setWordWrap(True)
        self.problem.hide()

        form = QFormLayout()
        form.addRow("Your &name:", self.user_name)
        form.addRow("&Fiscal year starts in:", self.fiscal_start)
        form.addRow("Evidence is &stale after:", self.stale_days)
        template_label = QLabel("Briefing &template:")
        template_label.setBuddy(self.choose_template)  # Alt+T chooses one
        form.addRow(template_label, template_row)
        note = QLabel(
            "The fiscal year and stale age are where new projects start; each project can "
            "change its own. New briefings store a copy of the template."
        )
        note.setWordWrap(True)
        theme.tone(note, "muted")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self._set_template(current.briefing_template)
        self.setMinimumWidth(520)

    def preferences(self) -> Preferences:
        """What the dialog shows, checked."""
        self.stale_days.interpretText()  # a number typed and not yet confirmed counts
        return Preferences(
            user_name=self.user_name.text(),
            fiscal_year_start=self.fiscal_start.currentIndex() + 1,
            stale_after_days=self.stale_days.value(),
            briefing_template=self._template,
        ).checked()

    def _choose_template(self) -> None:
        folder = str(Path(self._template).parent) if self._template else str(Path.home())
        from pmdesk.briefing.qt.dialogs import choose_briefing_template

        path = choose_briefing_template(self, folder)
        if path is None:
            return
        try:
            check_template(path)
        except ValidationError as error:
            self._show_problem(f"{error} The template stays as it was.")
            return
        self._set_template(str(path.absolute()))

    def _set_template(self, path: str) -> None:
        self._template = path
        self.template_name.setText(Path(path).name if path else "")
        self.template_name.setToolTip(path)
        self.clear_template.setEnabled(bool(path))
        self._show_problem("")

    def _show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def accept(self) -> None:
        try:
            self.preferences()
        except ValidationError as error:
            self._show_problem(str(error))
            return
        super().accept()


def edit_preferences(parent: QWidget) -> Preferences | None:
    """Show the dialog; the stored preferences after OK, None after Cancel."""
    dialog = PreferencesDialog(load(), parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    chosen = dialog.preferences()
    save(chosen)
    return chosen
