"""The bookmark editor and connect dialog, built from the chosen profile.

Only the fields the profile makes configurable are shown, with its placeholders. The secret
key and session token are stored (through the store: the keyring, or without one the unlocked
vault or session memory) when "Save secret" is ticked and the bookmark is saved; otherwise they
are used for one connection and forgotten.
They never reach the bookmarks file.

Edit mode (`connect_with=None`): Save stores the bookmark. Connect mode: Connect (optionally
saving first) hands the bookmark to the `ConnectController` and closes once it connects.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIcon, QIntValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core import secrets
from app.core.bookmarks import Bookmark, BookmarkError, BookmarkStoreError, upload_encryption
from app.core.bookmarks.connect import effective_profile, overrides_of
from app.core.bookmarks.login import OneShotSecrets, OpenedBookmark
from app.core.bookmarks.model import new_id, secret_owner
from app.core.credentials.spec import CredentialKind
from app.core.cse import bookmark_key as cse_bookmark_key
from app.core.preferences.sections import Preferences
from app.core.profiles import Profile
from app.core.profiles import settings as profile_settings
from app.core.profiles.catalogue import CatalogueEntry, all_profiles
from app.core.profiles.errors import ProfileError
from app.core.transfers.integrity import policy_summary
from app.ui.async_bridge import AsyncBridge
from app.ui.bookmarks.connect_controller import ConnectController
from app.ui.bookmarks.icons import profile_icon
from app.ui.bookmarks.list_model import BookmarkListModel
from app.ui.bookmarks.tasks import TaskSet
from app.ui.dialogs.bookmark_advanced import BookmarkAdvanced
from app.ui.dialogs.key_ring_dialog import KeyRingDialog
from app.ui.widgets.upload_encryption_box import UploadEncryptionBox

_SAVE_ERRORS = (BookmarkError, BookmarkStoreError, secrets.SecretStoreError, OSError)


def _line(parent: QWidget, name: str, accessible: str, secret: bool = False) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setObjectName(name)
    edit.setAccessibleName(accessible)
    if secret:
        edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class BookmarkDialog(QDialog):
    saved = Signal(str)  # bookmark id, after it was written to the store
    connected = Signal(object)  # S3Session (connect mode)
    cse_key_changed = Signal()  # the local client-side key was generated, imported or read

    def __init__(
        self,
        model: BookmarkListModel,
        bookmark: Bookmark | None = None,
        connect_with: ConnectController | None = None,
        profiles: Sequence[CatalogueEntry] | None = None,
        parent: QWidget | None = None,
        preferences: Preferences | None = None,
    ) -> None:
        """`preferences` are what the Advanced part shows where the bookmark sets nothing."""
        super().__init__(parent)
        self._model = model
        self._original = bookmark
        self._controller = connect_with
        self._profiles = list(profiles) if profiles is not None else all_profiles()
        editing = bookmark is not None
        self.setObjectName("bookmarkDialog")
        self.setAccessibleName(self.tr("Connection settings"))
        title = (
            self.tr("Open Connection")
            if connect_with
            else self.tr("Edit Bookmark")
            if editing
            else self.tr("New Bookmark")
        )
        self.setWindowTitle(title)

        self.profile_combo = QComboBox(self)
        self.profile_combo.setObjectName("bookmarkProfile")
        self.profile_combo.setAccessibleName(self.tr("Profile"))
        for entry in self._profiles:
            label = entry.profile.description or entry.profile.vendor
            if not entry.shipped:
                label += " (imported)"
            icon = profile_icon(entry.profile)
            self.profile_combo.addItem(icon if icon is not None else QIcon(), label)
        self.nickname_edit = _line(self, "bookmarkNickname", self.tr("Nickname"))
        self.host_edit = _line(self, "bookmarkHost", self.tr("Server"))
        self.port_edit = _line(self, "bookmarkPort", self.tr("Port"))
        self.port_edit.setValidator(QIntValidator(1, 65535, self))
        self.path_edit = _line(self, "bookmarkPath", self.tr("Path"))
        self.username_edit = _line(self, "bookmarkUsername", self.tr("Access key ID"))
        self.password_edit = _line(
            self, "bookmarkPassword", self.tr("Secret access key"), secret=True
        )
        self.token_edit = _line(self, "bookmarkToken", self.tr("Session token"), secret=True)
        self.role_edit = _line(self, "bookmarkRoleArn", self.tr("Role ARN"))
        self.mfa_edit = _line(self, "bookmarkMfaSerial", self.tr("MFA device serial"))
        self.anonymous_check = QCheckBox(self.tr("Anonymous login"), self)
        self.anonymous_check.setObjectName("bookmarkAnonymous")
        self.anonymous_check.setAccessibleName(self.tr("Anonymous login"))
        self.anonymous_check.toggled.connect(self._anonymous_toggled)
        self.region_combo = QComboBox(self)
        self.region_combo.setObjectName("bookmarkRegion")
        self.region_combo.setAccessibleName(self.tr("Region"))
        self.region_combo.setEditable(True)
        self.save_secret_check = QCheckBox(self.tr("Save secret"), self)
        self.save_secret_check.setObjectName("bookmarkSaveSecret")
        self.save_secret_check.setAccessibleName(self.tr("Save secret"))
        self.save_secret_check.setToolTip(
            self.tr(
                "In the system keyring; without one, in Eider's vault once it is unlocked, "
                "else for this session only. Never in a plain file."
            )
        )
        self.save_secret_check.setChecked(True)
        self.keep_bookmark_check = QCheckBox(self.tr("Add to bookmarks"), self)
        self.keep_bookmark_check.setObjectName("bookmarkKeep")
        self.keep_bookmark_check.setAccessibleName(self.tr("Add to bookmarks"))
        self.keep_bookmark_check.setChecked(True)
        self.keep_bookmark_check.setVisible(connect_with is not None and not editing)
        self.help_label = QLabel(self)
        self.help_label.setObjectName("bookmarkHelp")
        self.help_label.setAccessibleName(self.tr("Profile help link"))
        self.help_label.setOpenExternalLinks(True)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("bookmarkStatus")
        self.status_label.setAccessibleName(self.tr("Connection status"))
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.form = QFormLayout()
        self.form.addRow(self.tr("Profile:"), self.profile_combo)
        self.form.addRow(self.tr("Nickname:"), self.nickname_edit)
        self.form.addRow(self.tr("Server:"), self.host_edit)
        self.form.addRow(self.tr("Port:"), self.port_edit)
        self.form.addRow(self.tr("Path:"), self.path_edit)
        self.form.addRow(self.tr("Region:"), self.region_combo)
        self.form.addRow("", self.anonymous_check)
        self.form.addRow(self.tr("Access key ID:"), self.username_edit)
        self.form.addRow(self.tr("Secret access key:"), self.password_edit)
        self.form.addRow(self.tr("Session token:"), self.token_edit)
        self.form.addRow(self.tr("Role ARN:"), self.role_edit)
        self.form.addRow(self.tr("MFA device:"), self.mfa_edit)
        self.form.addRow("", self.save_secret_check)
        self.form.addRow("", self.keep_bookmark_check)
        self.encryption_box = UploadEncryptionBox(self)
        self.form.addRow(self.tr("Upload encryption:"), self.encryption_box)
        # A new bookmark's id is chosen now: its key ring is stored under it before saving.
        self._id = bookmark.id if bookmark is not None else new_id()
        self._key_ring_bridge: AsyncBridge | None = None
        self.encryption_box.key_ring_requested.connect(self.edit_key_ring)
        self.encryption_box.cse_generate_requested.connect(self.generate_cse_key)
        self.encryption_box.cse_import_requested.connect(lambda path: self.import_cse_key(path))
        self.encryption_box.cse_key_shown.connect(self.show_cse_key)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.setObjectName("bookmarkButtons")
        self.buttons.setAccessibleName(self.tr("Dialog buttons"))
        self.buttons.rejected.connect(self.reject)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("bookmarkCancel")
        cancel.setAccessibleName(self.tr("Cancel"))
        if connect_with is None:
            self.ok_button: QPushButton = self.buttons.addButton(
                self.tr("Save"), QDialogButtonBox.ButtonRole.AcceptRole
            )
            self.ok_button.setObjectName("bookmarkSave")
            self.ok_button.setAccessibleName(self.tr("Save bookmark"))
            self.ok_button.clicked.connect(self.save)
        else:
            self.ok_button = self.buttons.addButton(
                self.tr("Connect"), QDialogButtonBox.ButtonRole.AcceptRole
            )
            self.ok_button.setObjectName("bookmarkConnect")
            self.ok_button.setAccessibleName(self.tr("Connect"))
            self.ok_button.clicked.connect(self.connect_now)
        self.ok_button.setDefault(True)

        self.advanced = BookmarkAdvanced(self)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.advanced)
        layout.addWidget(self.help_label)
        layout.addWidget(self.status_label)
        layout.addWidget(self.buttons)

        self._tasks = TaskSet(self._task_failed)
        self.profile_combo.currentIndexChanged.connect(self._profile_changed)
        self.profile_combo.setCurrentIndex(self._initial_profile_row())
        self._profile_changed(self.profile_combo.currentIndex())
        preferences = preferences or Preferences()
        self.advanced.show_overrides(overrides_of(bookmark) if bookmark else {}, preferences)
        if bookmark is not None:
            self._fill(bookmark)

    # -- profile -------------------------------------------------------------------------------

    def _initial_profile_row(self) -> int:
        wanted = self._original.profile if self._original else "s3-compatible"
        host = self._original.host if self._original else None
        rows = [i for i, e in enumerate(self._profiles) if e.profile.vendor == wanted]
        for row in rows:
            if host and self._profiles[row].profile.default_hostname == host:
                return row
        if rows:
            return rows[0]
        return 0

    def select_profile(self, vendor: str, default_hostname: str | None = None) -> None:
        for row, entry in enumerate(self._profiles):
            if entry.profile.vendor == vendor and (
                default_hostname is None or entry.profile.default_hostname == default_hostname
            ):
                self.profile_combo.setCurrentIndex(row)
                return
        raise LookupError(f"no profile {vendor}")

    @property
    def profile(self) -> Profile | None:
        row = self.profile_combo.currentIndex()
        return self._profiles[row].profile if 0 <= row < len(self._profiles) else None

    def _profile_changed(self, _row: int) -> None:
        profile = self.profile
        if profile is None:
            return
        fields = profile_settings.login_fields(profile)
        self._show(self.host_edit, fields.hostname.shown)
        self.host_edit.setPlaceholderText(fields.hostname.placeholder or fields.hostname.default)
        self._show(self.port_edit, fields.port.shown)
        self.port_edit.setPlaceholderText(fields.port.default)
        self._show(self.path_edit, fields.path.shown)
        self.path_edit.setPlaceholderText(fields.path.placeholder or fields.path.default)
        self._show(self.anonymous_check, fields.anonymous.shown)
        if not fields.anonymous.shown:
            self.anonymous_check.setChecked(False)
        self._show(self.username_edit, fields.username.shown)
        self.username_edit.setPlaceholderText(fields.username.placeholder)
        kind = profile_settings.credential_kind(profile)
        username_label = (
            self.tr("AWS profile:")
            if kind is CredentialKind.AWS_PROFILE
            else self.tr("Access key ID:")
        )
        self.form.labelForField(self.username_edit).setText(username_label)  # type: ignore[union-attr]
        self.username_edit.setAccessibleName(username_label.rstrip(":"))
        self._show(self.password_edit, fields.password.shown)
        placeholder = fields.password.placeholder
        if self._original is not None:
            placeholder = self.tr("{0} (leave empty to keep the saved one)").format(placeholder)
        self.password_edit.setPlaceholderText(placeholder)
        self._show(self.token_edit, fields.token.shown)
        self.token_edit.setPlaceholderText(fields.token.placeholder)
        self._show(self.role_edit, fields.role_arn.shown)
        self.role_edit.setPlaceholderText(fields.role_arn.placeholder)
        self._show(self.mfa_edit, fields.mfa_serial.shown)
        self.mfa_edit.setPlaceholderText(fields.mfa_serial.placeholder)
        self._show(self.save_secret_check, fields.password.shown or fields.token.shown)
        regions = profile_settings.regions(profile)
        current = self.region_combo.currentText()
        self.region_combo.clear()
        self.region_combo.addItems(list(regions))
        self.region_combo.setCurrentText(current if current in regions else "")
        self.region_combo.lineEdit().setPlaceholderText(profile_settings.region(profile))
        self._show(self.region_combo, bool(regions) or bool(profile.region))
        self.help_label.setText(
            self.tr('<a href="{0}">Help for {1}</a>').format(profile.help_url, profile.description)
            if profile.help_url.startswith(("https://", "http://"))
            else ""
        )
        self._anonymous_toggled(self.anonymous_check.isChecked())
        self.advanced.show_integrity(self._integrity_summary(profile))

    def _integrity_summary(self, profile: Profile) -> str:
        """The profile's integrity policy (under the bookmark's own properties) in words."""
        if self._original is not None and self._original.custom:
            profile = effective_profile(self._original, profile)
        try:
            policy = profile_settings.effective_integrity(profile)
        except ProfileError as exc:
            return str(exc)
        if policy is None:
            return (
                "set by the host: on AWS uploads carry CRC64NVME; elsewhere Content-MD5, and"
                " Eider keeps a CRC64NVME in the object's metadata"
            )
        return policy_summary(policy)

    def _show(self, widget: QWidget, shown: bool) -> None:
        self.form.setRowVisible(widget, shown)

    def _anonymous_toggled(self, anonymous: bool) -> None:
        for widget in (self.username_edit, self.password_edit, self.token_edit):
            widget.setEnabled(not anonymous)

    def _fill(self, bookmark: Bookmark) -> None:
        self.nickname_edit.setText(bookmark.nickname)
        self.host_edit.setText(bookmark.host or "")
        self.port_edit.setText(str(bookmark.port) if bookmark.port else "")
        self.path_edit.setText(bookmark.path)
        self.username_edit.setText(bookmark.access_key_id)
        self.role_edit.setText(bookmark.role_arn)
        self.mfa_edit.setText(bookmark.mfa_serial)
        self.anonymous_check.setChecked(bookmark.credential_kind is CredentialKind.ANONYMOUS)
        self.region_combo.setCurrentText(bookmark.region or "")
        older = upload_encryption.from_s3_defaults(bookmark.overrides.get("s3") or {})
        self.encryption_box.set_value(bookmark.encryption or older)  # moved here on saving

    # -- reading the form ----------------------------------------------------------------------

    def _visible(self, widget: QWidget) -> bool:
        return self.form.isRowVisible(widget)

    def _text(self, edit: QLineEdit, kept: str = "") -> str:
        """A field's text; for a field this profile hides, what the bookmark had (`kept`)."""
        return edit.text().strip() if self._visible(edit) else kept

    def bookmark_from_fields(self) -> Bookmark:
        """The bookmark the form describes (raises BookmarkError for a bad entry).

        Fields the profile hides keep the bookmark's values (e.g. a path from an imported
        .duck file) unless the profile itself was changed.
        """
        profile = self.profile
        if profile is None:
            raise BookmarkError(self.tr("Choose a profile"))
        original = self._original
        same = original if original is not None and original.profile == profile.vendor else None
        host = self._text(self.host_edit, (same.host or "") if same else "") or None
        port_text = self._text(self.port_edit, str(same.port or "") if same else "")
        if self._visible(self.anonymous_check):
            anonymous = self.anonymous_check.isChecked()
        else:
            anonymous = same is not None and same.credential_kind is CredentialKind.ANONYMOUS
        kind = CredentialKind.ANONYMOUS if anonymous else None
        if not anonymous and same is not None and same.credential_kind is not None:
            # Keep a source chosen outside this dialog (CLI, .duck), unless anonymous is undone.
            kind = (
                None if same.credential_kind is CredentialKind.ANONYMOUS else same.credential_kind
            )
        nickname = self.nickname_edit.text().strip() or host or profile.description
        try:
            overrides = self.advanced.overrides()
        except ValueError as exc:
            raise BookmarkError(str(exc)) from None
        values = {
            "nickname": nickname,
            "profile": profile.vendor,
            "host": host,
            "port": int(port_text) if port_text else None,
            "path": self._text(self.path_edit, same.path if same else "").strip("/"),
            "access_key_id": ""
            if anonymous
            else self._text(self.username_edit, same.access_key_id if same else ""),
            "credential_kind": kind,
            "role_arn": self._text(self.role_edit, same.role_arn if same else ""),
            "mfa_serial": self._text(self.mfa_edit, same.mfa_serial if same else ""),
            "region": self.region_combo.currentText().strip() or None,
            "encryption": self.encryption_box.value(),
            "overrides": overrides,
            # Older per-bookmark S3 defaults are in `overrides` now (see `overrides_of`).
            "storage_class": None,
            "acl": None,
        }
        if original is not None:
            return original.with_changes(**values)
        return Bookmark(id=self._id, **values)  # type: ignore[arg-type]

    def _keys_bridge(self) -> AsyncBridge:
        if self._key_ring_bridge is None:
            self._key_ring_bridge = AsyncBridge(lambda error: self.show_error(str(error)), 1)
            self.finished.connect(lambda _result: self._key_ring_bridge.shutdown())  # type: ignore[union-attr]
        return self._key_ring_bridge

    def edit_key_ring(self) -> KeyRingDialog:
        """The bookmark's SSE-C key ring editor (keys go to the secret store at once)."""
        shared = self._original.sse_c_key_ref if self._original is not None else None
        dialog = KeyRingDialog(self, shared or secret_owner(self._id), self._keys_bridge())
        dialog.open()
        return dialog

    # The bookmark's local client-side key goes to the secret store at once, as ring keys do.

    def generate_cse_key(self) -> None:
        self._cse_key_task(cse_bookmark_key.generate, "generating a client-side key")

    def import_cse_key(self, path: str) -> None:
        self._cse_key_task(
            lambda owner: cse_bookmark_key.import_file(owner, Path(path)),
            "importing a client-side key",
        )

    def show_cse_key(self) -> None:
        self._cse_key_task(cse_bookmark_key.current, "reading the client-side key")

    def _cse_key_task(self, work: Callable[[str], str | None], operation: str) -> None:
        bridge = self._keys_bridge()

        async def run() -> None:
            shown = await bridge.run(work, secret_owner(self._id))
            self.encryption_box.show_cse_key(shown)
            self.cse_key_changed.emit()

        bridge.spawn(run(), operation, on_error=lambda error: self.show_error(str(error)))

    def _typed_secrets(self) -> tuple[str, str]:
        """The secret key and session token typed, if the profile shows those fields."""
        if self.anonymous_check.isChecked():
            return "", ""
        secret = self.password_edit.text() if self._visible(self.password_edit) else ""
        token = self.token_edit.text() if self._visible(self.token_edit) else ""
        return secret, token

    # -- saving --------------------------------------------------------------------------------

    async def _store(self, bookmark: Bookmark) -> None:
        """Write the bookmark; secrets go to the keyring only with "Save secret" ticked."""
        secret, token = self._typed_secrets()
        keep = self.save_secret_check.isChecked()
        if self._model.row_of(bookmark.id) >= 0:
            await self._model.update(
                bookmark,
                secret_key=(secret or None) if keep else None,
                session_token=token if keep and self._visible(self.token_edit) else None,
            )
            if not keep:
                await self._model.forget_secrets(bookmark)
        else:
            await self._model.add(
                bookmark,
                secret_key=(secret or None) if keep else None,
                session_token=(token or None) if keep else None,
            )
        self._original = bookmark
        self.saved.emit(bookmark.id)

    def save(self) -> None:
        """Save (on a worker); the dialog closes when it is written, or shows the error."""
        try:
            bookmark = self.bookmark_from_fields()
        except BookmarkError as exc:
            self.show_error(str(exc))
            return
        self._begin(self.tr("Saving…"))
        self._tasks.spawn(self._save(bookmark))

    async def _save(self, bookmark: Bookmark) -> None:
        try:
            await self._store(bookmark)
        except _SAVE_ERRORS as exc:
            self._end()
            self.show_error(str(exc))
            return
        self._end()
        self.accept()

    def _begin(self, status: str) -> None:
        self.status_label.setStyleSheet("")
        self.status_label.setText(status)
        self.ok_button.setEnabled(False)

    def _end(self) -> None:
        self.ok_button.setEnabled(True)

    def _task_failed(self, exc: BaseException) -> None:
        self._end()
        self.show_error(
            self.tr("Unexpected failure ({0}); see the log.").format(type(exc).__name__)
        )

    @property
    def pending(self) -> int:
        return self._tasks.pending

    def show_error(self, message: str) -> None:
        self.status_label.setStyleSheet("color: #a00;")
        self.status_label.setText(message)

    # -- connecting ----------------------------------------------------------------------------

    def connect_now(self) -> None:
        try:
            bookmark = self.bookmark_from_fields()
        except BookmarkError as exc:
            self.show_error(str(exc))
            return
        self._begin(self.tr("Connecting…"))
        self._tasks.spawn(self._connect(bookmark))

    async def _connect(self, bookmark: Bookmark) -> None:
        assert self._controller is not None
        saving = self._model.row_of(bookmark.id) >= 0 or self.keep_bookmark_check.isChecked()
        if saving:
            try:
                await self._store(bookmark)
            except _SAVE_ERRORS as exc:
                self._end()
                self.show_error(str(exc))
                return
        secret, token = self._typed_secrets()
        one_shot = None
        if secret and not (saving and self.save_secret_check.isChecked()):
            one_shot = OneShotSecrets(secret, token)
        self._controller.open_bookmark(
            bookmark, one_shot, self.profile, on_opened=self._connected, on_failed=self._failed
        )

    def _connected(self, opened: OpenedBookmark) -> None:
        if not shiboken6.isValid(self):  # closed while connecting
            return
        self._end()
        self.status_label.setText(self.tr("Connected."))
        self.connected.emit(opened.session)
        self.accept()

    def _failed(self, message: str) -> None:
        if not shiboken6.isValid(self):
            return
        self._end()
        self.show_error(message)
