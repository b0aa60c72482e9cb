"""The form for one lifecycle rule: every element of `LifecycleRule`, optional numbers blank."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.core.s3.lifecycle import (
    Expiration,
    LifecycleFilter,
    LifecycleRule,
    NoncurrentExpiration,
    NoncurrentTransition,
    Transition,
)
from app.core.s3.tags import Tag
from app.ui.info.bucket.row_table import RowTable
from app.ui.info.bucket.section_tab import InputProblem, message_label, named
from app.ui.info.bucket.storage_class_delegate import StorageClassDelegate
from app.ui.translation import translate

LIFECYCLE_CLASSES = (
    "STANDARD_IA",
    "ONEZONE_IA",
    "INTELLIGENT_TIERING",
    "GLACIER_IR",
    "GLACIER",
    "DEEP_ARCHIVE",
)


def date_text(value: datetime | None) -> str:
    if value is None:
        return ""
    if (value.hour, value.minute, value.second, value.microsecond) == (0, 0, 0, 0):
        return value.strftime("%Y-%m-%d")
    return value.isoformat()


def parse_date(text: str, what: str) -> datetime | None:
    text = text.strip()
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise InputProblem(
            translate("LifecycleRuleEditor", "{0}: '{1}' is not a date such as 2027-01-31.").format(
                what, text
            )
        ) from None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def parse_count(text: str, what: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        raise InputProblem(
            translate("LifecycleRuleEditor", "{0}: '{1}' is not a whole number.").format(what, text)
        ) from None


def count_text(value: int | None) -> str:
    return "" if value is None else str(value)


class LifecycleRuleEditor(QWidget):
    changed = Signal()  # the user edited something

    def __init__(
        self, parent: QWidget, storage_classes: tuple[str, ...] = LIFECYCLE_CLASSES
    ) -> None:
        super().__init__(parent)
        named(self, "lifecycleRuleEditor", self.tr("Lifecycle rule"))
        self._loading = False
        self._shown = LifecycleRule(id=None)
        layout = QVBoxLayout(self)

        rule_box = QGroupBox(self.tr("Rule"), self)
        form = QFormLayout(rule_box)
        self.id_edit = self._line(
            rule_box, "lifecycleRuleId", self.tr("Rule ID"), self.tr("e.g. expire-tmp")
        )
        form.addRow(self.tr("&ID:"), self.id_edit)
        self.enabled_box = named(
            QCheckBox(self.tr("&Enabled"), rule_box),
            "lifecycleRuleEnabled",
            self.tr("Rule enabled"),
        )
        self.enabled_box.toggled.connect(self._edited)
        form.addRow("", self.enabled_box)
        layout.addWidget(rule_box)

        filter_box = QGroupBox(self.tr("Applies to objects matching all of"), self)
        form = QFormLayout(filter_box)
        self.prefix_edit = self._line(
            filter_box,
            "lifecycleFilterPrefix",
            self.tr("Key prefix"),
            self.tr("empty: every object"),
        )
        form.addRow(self.tr("Key &prefix:"), self.prefix_edit)
        self.tags = RowTable(
            filter_box,
            "lifecycleFilterTags",
            self.tr("Tags to match"),
            (self.tr("Key"), self.tr("Value")),
            self.tr("Tag"),
        )
        self.tags.setMaximumHeight(130)
        self.tags.table.itemChanged.connect(self._edited)
        self.tags.table.model().rowsRemoved.connect(self._edited)
        form.addRow(self.tr("&Tags:"), self.tags)
        self.size_min_edit = self._line(
            filter_box,
            "lifecycleFilterSizeAbove",
            self.tr("Size greater than (bytes)"),
            self.tr("bytes"),
        )
        form.addRow(self.tr("Size greater than:"), self.size_min_edit)
        self.size_max_edit = self._line(
            filter_box,
            "lifecycleFilterSizeBelow",
            self.tr("Size less than (bytes)"),
            self.tr("bytes"),
        )
        form.addRow(self.tr("Size less than:"), self.size_max_edit)
        and_note = message_label(
            filter_box, "lifecycleFilterNote", self.tr("How filter conditions combine")
        )
        and_note.setText(
            self.tr(
                "Every condition given must hold (S3 joins them with And); for either-or, write "
                "two rules."
            )
        )
        form.addRow(and_note)
        layout.addWidget(filter_box)

        current_box = QGroupBox(self.tr("Current versions"), self)
        form = QFormLayout(current_box)
        self.transitions = RowTable(
            current_box,
            "lifecycleTransitions",
            self.tr("Transitions"),
            (self.tr("Days"), self.tr("Date"), self.tr("Storage class")),
            self.tr("Transition"),
        )
        self.transitions.setMaximumHeight(130)
        self.transitions.table.itemChanged.connect(self._edited)
        self.transitions.table.model().rowsRemoved.connect(self._edited)
        form.addRow(self.tr("&Transitions:"), self.transitions)
        self.expire_days_edit = self._line(
            current_box,
            "lifecycleExpireDays",
            self.tr("Expire after days"),
            self.tr("days after creation"),
        )
        form.addRow(self.tr("Expire after days:"), self.expire_days_edit)
        self.expire_date_edit = self._line(
            current_box, "lifecycleExpireDate", self.tr("Expire on date"), self.tr("YYYY-MM-DD")
        )
        form.addRow(self.tr("Expire on date:"), self.expire_date_edit)
        self.delete_markers_box = named(
            QCheckBox(self.tr("Remove expired object &delete markers"), current_box),
            "lifecycleExpiredDeleteMarkers",
            self.tr("Remove expired object delete markers"),
        )
        self.delete_markers_box.toggled.connect(self._edited)
        form.addRow("", self.delete_markers_box)
        layout.addWidget(current_box)

        noncurrent_box = QGroupBox(self.tr("Noncurrent versions"), self)
        form = QFormLayout(noncurrent_box)
        self.noncurrent_transitions = RowTable(
            noncurrent_box,
            "lifecycleNoncurrentTransitions",
            self.tr("Noncurrent version transitions"),
            (
                self.tr("Days noncurrent"),
                self.tr("Newer versions to keep"),
                self.tr("Storage class"),
            ),
            self.tr("Transition"),
        )
        self.noncurrent_transitions.setMaximumHeight(130)
        self.noncurrent_transitions.table.itemChanged.connect(self._edited)
        self.noncurrent_transitions.table.model().rowsRemoved.connect(self._edited)
        form.addRow(self.tr("T&ransitions:"), self.noncurrent_transitions)
        self.noncurrent_days_edit = self._line(
            noncurrent_box,
            "lifecycleNoncurrentExpireDays",
            self.tr("Delete noncurrent versions after days"),
            self.tr("days after becoming noncurrent"),
        )
        form.addRow(self.tr("Delete after days:"), self.noncurrent_days_edit)
        self.noncurrent_keep_edit = self._line(
            noncurrent_box,
            "lifecycleNoncurrentKeep",
            self.tr("Newer noncurrent versions to keep"),
            self.tr("1-100, optional"),
        )
        form.addRow(self.tr("Newer versions to keep:"), self.noncurrent_keep_edit)
        layout.addWidget(noncurrent_box)

        upload_box = QGroupBox(self.tr("Unfinished multipart uploads"), self)
        form = QFormLayout(upload_box)
        self.abort_days_edit = self._line(
            upload_box,
            "lifecycleAbortDays",
            self.tr("Abort unfinished uploads after days"),
            self.tr("days"),
        )
        form.addRow(self.tr("Abort after days:"), self.abort_days_edit)
        layout.addWidget(upload_box)
        self._class_delegate = StorageClassDelegate(storage_classes, self)
        self.transitions.table.setItemDelegateForColumn(2, self._class_delegate)
        self.noncurrent_transitions.table.setItemDelegateForColumn(2, self._class_delegate)
        layout.addStretch(1)

    def _line(self, parent: QWidget, name: str, accessible: str, placeholder: str) -> QLineEdit:
        edit = named(QLineEdit(parent), name, accessible)
        edit.setPlaceholderText(placeholder)
        edit.textEdited.connect(self._edited)
        return edit

    def _edited(self, *_: object) -> None:
        if not self._loading:
            self.changed.emit()

    def show_rule(self, rule: LifecycleRule) -> None:
        self._shown = rule
        self._loading = True
        try:
            self.id_edit.setText(rule.id or "")
            self.enabled_box.setChecked(rule.enabled)
            f = rule.filter
            self.prefix_edit.setText(f.prefix or "")
            self.tags.set_rows([(t.key, t.value) for t in f.tags])
            self.size_min_edit.setText(count_text(f.size_greater_than))
            self.size_max_edit.setText(count_text(f.size_less_than))
            self.transitions.set_rows(
                [(count_text(t.days), date_text(t.date), t.storage_class) for t in rule.transitions]
            )
            e = rule.expiration
            self.expire_days_edit.setText(count_text(e.days if e else None))
            self.expire_date_edit.setText(date_text(e.date if e else None))
            self.delete_markers_box.setChecked(bool(e and e.expired_object_delete_marker))
            self.noncurrent_transitions.set_rows(
                [
                    (
                        count_text(t.noncurrent_days),
                        count_text(t.newer_noncurrent_versions),
                        t.storage_class,
                    )
                    for t in rule.noncurrent_transitions
                ]
            )
            n = rule.noncurrent_expiration
            self.noncurrent_days_edit.setText(count_text(n.noncurrent_days if n else None))
            self.noncurrent_keep_edit.setText(
                count_text(n.newer_noncurrent_versions if n else None)
            )
            self.abort_days_edit.setText(count_text(rule.abort_multipart_days))
        finally:
            self._loading = False

    def rule(self) -> LifecycleRule:
        """The rule as the form shows it; InputProblem when a number or date is unreadable."""
        name = self.id_edit.text().strip()
        where = f"Rule '{name}'" if name else self.tr("The rule")
        transitions = tuple(
            Transition(
                storage_class=cls.upper(),
                days=parse_count(days, f"{where}, transition days"),
                date=parse_date(date, f"{where}, transition date"),
            )
            for days, date, cls in self.transitions.rows()
        )
        expire_days = parse_count(self.expire_days_edit.text(), f"{where}, expiration days")
        expire_date = parse_date(self.expire_date_edit.text(), f"{where}, expiration date")
        markers: bool | None = self.delete_markers_box.isChecked() or None
        shown = self._shown.expiration
        if markers is None and shown is not None and shown.expired_object_delete_marker is False:
            markers = False  # the server's explicit "false" stays as it was
        expiration = (
            Expiration(expire_days, expire_date, markers)
            if expire_days is not None or expire_date is not None or markers
            else None
        )
        noncurrent_transitions = tuple(
            NoncurrentTransition(
                storage_class=cls.upper(),
                noncurrent_days=parse_count(days, f"{where}, noncurrent transition days"),
                newer_noncurrent_versions=parse_count(keep, f"{where}, newer versions to keep"),
            )
            for days, keep, cls in self.noncurrent_transitions.rows()
        )
        noncurrent_days = parse_count(self.noncurrent_days_edit.text(), f"{where}, noncurrent days")
        keep = parse_count(self.noncurrent_keep_edit.text(), f"{where}, newer versions to keep")
        noncurrent_expiration = (
            NoncurrentExpiration(noncurrent_days, keep)
            if noncurrent_days is not None or keep is not None
            else None
        )
        return LifecycleRule(
            id=name or None,
            enabled=self.enabled_box.isChecked(),
            filter=LifecycleFilter(
                # An empty prefix the server sent ("every object") stays an empty prefix.
                prefix=self.prefix_edit.text() or ("" if self._shown.filter.prefix == "" else None),
                tags=tuple(Tag(k, v) for k, v in self.tags.rows(strip=False)),
                size_greater_than=parse_count(self.size_min_edit.text(), f"{where}, minimum size"),
                size_less_than=parse_count(self.size_max_edit.text(), f"{where}, maximum size"),
            ),
            transitions=transitions,
            expiration=expiration,
            noncurrent_transitions=noncurrent_transitions,
            noncurrent_expiration=noncurrent_expiration,
            abort_multipart_days=parse_count(self.abort_days_edit.text(), f"{where}, abort days"),
        )
