"""The Permissions tab: an object's ACL grants edited (canonical user, e-mail, the three
groups; the five permissions), or a canned ACL. With ACLs disabled by the bucket's object
ownership it says so and nothing can be edited."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.s3.acl import (
    CANNED_OBJECT_ACLS,
    AccessControlList,
    Grant,
    Grantee,
    GranteeKind,
    Group,
    Permission,
    grant_problems,
)
from app.core.transfers.object_change import ObjectChange
from app.ui.info.edits import ObjectEdit
from app.ui.info.info_tab import InfoTab
from app.ui.info.table_editor import TableEditor, TableNames
from app.ui.translation import N_, translate

# What the grantee column offers: a kind, or one of the groups (which needs no value).
GRANTEE_CHOICES = (
    (N_("Canonical user ID"), GranteeKind.CANONICAL_USER, None),
    (N_("E-mail address"), GranteeKind.EMAIL, None),
    (N_("All users (anyone)"), GranteeKind.GROUP, Group.ALL_USERS),
    (N_("Authenticated users (any AWS account)"), GranteeKind.GROUP, Group.AUTHENTICATED_USERS),
    (N_("Log delivery"), GranteeKind.GROUP, Group.LOG_DELIVERY),
)
ACLS_DISABLED = N_(
    'ACLs are disabled on this bucket (object ownership is "bucket owner enforced"): the '
    "owner has full control and permissions are granted with the bucket policy instead."
)


class PermissionsTab(InfoTab):
    def __init__(self, many: bool, parent: QWidget | None = None) -> None:
        super().__init__("infoPermissionsTab", self.tr("Permissions"), parent)
        layout = QVBoxLayout(self.editor)
        self.note = QLabel(
            self.tr("The grants below replace the ACL of every object in the selection.")
            if many
            else "",
            self.editor,
        )
        self.note.setObjectName("infoPermissionsNote")
        self.note.setAccessibleName(self.tr("About these permissions"))
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.owner = QLabel(self.editor)
        self.owner.setObjectName("infoAclOwner")
        self.owner.setAccessibleName(self.tr("Owner"))
        layout.addWidget(self.owner)
        controls = TableEditor(
            self.editor,
            layout,
            [self.tr("Grantee"), self.tr("ID or e-mail"), self.tr("Permission")],
            TableNames(
                "infoGrantsTable",
                self.tr("Grants"),
                "infoGrantProblems",
                self.tr("Problems with the grants"),
                "infoAddGrantButton",
                "infoRemoveGrantButton",
                "infoSaveGrantsButton",
                self.tr("Grant"),
                self.tr("Grants"),
            ),
        )
        self.table, self.problems = controls.table, controls.problems
        self.add_button, self.remove_button = controls.add_button, controls.remove_button
        self.save_button = controls.save_button
        canned_row = QHBoxLayout()
        canned_row.addWidget(QLabel(self.tr("Canned ACL:"), self.editor))
        self.canned = QComboBox(self.editor)
        self.canned.setObjectName("infoCannedAcl")
        self.canned.setAccessibleName(self.tr("Canned ACL"))
        self.canned.addItems(CANNED_OBJECT_ACLS)
        canned_row.addWidget(self.canned, 1)
        self.canned_button = QPushButton(self.tr("Apply &Canned ACL"), self.editor)
        self.canned_button.setObjectName("infoApplyCannedAclButton")
        self.canned_button.setAccessibleName(self.tr("Apply the canned ACL"))
        canned_row.addWidget(self.canned_button)
        layout.addLayout(canned_row)
        self._editing: list[QWidget] = [
            self.table,
            self.add_button,
            self.remove_button,
            self.save_button,
            self.canned,
            self.canned_button,
        ]
        self.add_button.clicked.connect(
            lambda: self.add_grant(Grantee.canonical_user(""), Permission.READ)
        )
        self.remove_button.clicked.connect(self._remove_selected)
        self.save_button.clicked.connect(self._save)
        self.canned_button.clicked.connect(self._apply_canned)
        if many:
            self.show_editor()

    def show_acl(self, acl: AccessControlList, acls_disabled: bool) -> None:
        self.table.setRowCount(0)
        if acl.owner is not None:
            self.owner.setText(
                self.tr("Owner: {0} ({1})").format(
                    acl.owner.display_name or acl.owner.id, acl.owner.id
                )
            )
        for grant in acl.grants:
            self.add_grant(grant.grantee, grant.permission)
        self.set_acls_disabled(acls_disabled)
        self.show_editor()

    def set_acls_disabled(self, disabled: bool) -> None:
        if disabled:
            self.note.setText(translate("", ACLS_DISABLED))
        for widget in self._editing:
            widget.setEnabled(not disabled)

    def add_grant(self, grantee: Grantee, permission: Permission) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        kind = QComboBox(self.table)
        kind.setObjectName(f"infoGranteeKind{row}")
        kind.setAccessibleName(self.tr("Grantee kind"))
        for label, _kind, _group in GRANTEE_CHOICES:
            kind.addItem(translate("", label))
        chosen = 0
        for index, (_label, choice_kind, group) in enumerate(GRANTEE_CHOICES):
            if choice_kind is grantee.kind and (group is None or group.value == grantee.value):
                chosen = index
        kind.setCurrentIndex(chosen)
        value = QTableWidgetItem("" if grantee.kind is GranteeKind.GROUP else grantee.value)
        if grantee.display_name:
            value.setToolTip(grantee.display_name)
        self.table.setCellWidget(row, 0, kind)
        self.table.setItem(row, 1, value)
        permissions = QComboBox(self.table)
        permissions.setObjectName(f"infoGrantPermission{row}")
        permissions.setAccessibleName(self.tr("Permission"))
        permissions.addItems([p.value for p in Permission])
        permissions.setCurrentText(permission.value)
        self.table.setCellWidget(row, 2, permissions)
        kind.currentIndexChanged.connect(self._check)
        self._check()

    def _remove_selected(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
        self._check()

    def grants(self) -> list[Grant]:
        found: list[Grant] = []
        for row in range(self.table.rowCount()):
            kind_box = self.table.cellWidget(row, 0)
            permission_box = self.table.cellWidget(row, 2)
            item = self.table.item(row, 1)
            assert isinstance(kind_box, QComboBox) and isinstance(permission_box, QComboBox)
            _label, kind, group = GRANTEE_CHOICES[kind_box.currentIndex()]
            text = group.value if group is not None else (item.text().strip() if item else "")
            found.append(Grant(Grantee(kind, text), Permission(permission_box.currentText())))
        return found

    def _check(self, *_: object) -> list[str]:
        problems = grant_problems(self.grants())
        self.problems.setText(" ".join(problems))
        return problems

    def _save(self) -> None:
        if self._check():
            return
        self.saveRequested.emit(
            ObjectEdit("permissions", ObjectChange(grants=tuple(self.grants())))
        )

    def _apply_canned(self) -> None:
        canned = self.canned.currentText()
        self.saveRequested.emit(ObjectEdit(f"canned ACL {canned}", ObjectChange(acl=canned)))
