"""Edit and Edit With… on an object, the list of open edits, and the edits a crash left.

The work is `app.core.edit`'s: `EditSession.open` downloads the object to a private copy, a
watcher uploads each save as a job of the application's transfer service (so it shows in the
Transfers window). Everything blocking runs through the window's `AsyncBridge`; a question
about a server-side change comes from a watcher thread, is shown here as a dialog (opened with
`open()`), and the thread waits for its answer. Closing the window leaves its edits on disk,
offered again (like a crash's) when a window next connects to their bookmark.
"""

from __future__ import annotations

import functools
import subprocess
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QDialog, QMenu, QStatusBar, QTableView, QWidget

from app.core.edit.conflict import ConflictAnswer, ConflictChoice, ServerChanged
from app.core.edit.editor import editor_argv
from app.core.edit.editor_choices import EditorChoices
from app.core.edit.record import OpenEdit
from app.core.edit.session import EditNotice, EditSession
from app.core.edit.store import EditStore
from app.core.errors import ErrorKind, UserError
from app.core.s3.session import S3Session
from app.core.transfers.engine import TransferEngine, endpoint_id
from app.ui.controllers.browser import BrowserController
from app.ui.dialogs.edit_conflict import EditConflictDialog
from app.ui.dialogs.name_prompt import NamePrompt
from app.ui.dialogs.open_edits import OpenEditsDialog
from app.ui.models.listing_model import IS_FOLDER_ROLE, KEY_ROLE
from app.ui.shared_transfers import SharedTransfers

# (private copy, command or None: the default application) -> the editor's process, if known
Launcher = Callable[[Path, str | None], "subprocess.Popen[bytes] | None"]
_ANSWER_POLL_S = 0.25


def _problem(message: str, fix: str = "") -> UserError:
    return UserError(ErrorKind.OTHER, message, fix)


def launch_editor(path: Path, command: str | None) -> subprocess.Popen[bytes] | None:
    """Open the copy in `command` (its process is returned, to be reaped), or in the
    desktop's default application for its type."""
    if command:
        return subprocess.Popen(editor_argv(command, path), start_new_session=True)
    if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
        raise RuntimeError(f"No application opens {path.name}; use Edit With… to choose one.")
    return None


@dataclass
class _Question:
    question: ServerChanged
    answer: ConflictAnswer | None = None

    def __post_init__(self) -> None:
        self.done = threading.Event()


@dataclass(frozen=True)
class EditParts:
    browser: BrowserController
    object_list: QTableView
    status_bar: QStatusBar
    shared: SharedTransfers  # the application's transfer service: uploads are its jobs
    parent: QWidget
    launch: Launcher = launch_editor
    store: Callable[[], EditStore] = EditStore  # made on a worker (it touches the disk)


class EditActions(QObject):
    editsChanged = Signal()
    _asked = Signal(object)  # _Question, from a watcher thread
    _noticed = Signal(object)  # EditNotice, from a watcher thread

    def __init__(self, parts: EditParts) -> None:
        super().__init__(parts.parent)
        self._parts = parts
        self._browser = parts.browser
        self._bridge = parts.browser.bridge
        self._parent = parts.parent
        self._store: EditStore | None = None
        self._choices: EditorChoices | None = None
        self._sessions: dict[str, EditSession] = {}
        self._commands: dict[str, str | None] = {}
        self._closed = threading.Event()
        self._offered = False
        self.dialog: QDialog | None = None  # the dialog opened last (tests drive it)
        self.launch = parts.launch  # tests put a recorder here
        self._editors: list[subprocess.Popen[bytes]] = []  # reaped as they exit
        self.edit_action = self._action(
            "editAction",
            self.tr("&Edit"),
            "Ctrl+E",
            self.tr("Edit the file in its default application"),
        )
        self.edit_with_action = self._action(
            "editWithAction",
            self.tr("Edit &With…"),
            "Ctrl+Shift+E",
            self.tr("Edit the file in a program you choose"),
        )
        self.open_edits_action = self._action(
            "openEditsAction",
            self.tr("Open Ed&its…"),
            "Ctrl+Alt+E",
            self.tr("The files being edited; close them"),
        )
        self.edit_action.triggered.connect(lambda: self.edit(with_command=False))
        self.edit_with_action.triggered.connect(lambda: self.edit(with_command=True))
        self.open_edits_action.triggered.connect(self.show_open_edits)
        self._asked.connect(self._show_question)
        self._noticed.connect(self._show_notice)
        self._browser.connected.connect(self._offer_left_behind)

    def _action(self, name: str, text: str, shortcut: str, tip: str) -> QAction:
        action = QAction(text, self._parent)
        action.setObjectName(name)
        action.setShortcut(QKeySequence(shortcut))
        action.setToolTip(f"{tip} ({shortcut})")
        action.setStatusTip(tip)
        self._parent.addAction(action)
        return action

    def actions(self) -> list[QAction]:
        return [self.edit_action, self.edit_with_action, self.open_edits_action]

    def edits(self) -> list[OpenEdit]:
        return [s.edit for s in self._sessions.values()]

    # -- helpers ----------------------------------------------------------------------------------

    def _report(self, error: UserError) -> None:
        self._browser.report(error)

    def _spawn(self, coro: object, operation: str, key: str = "") -> None:
        self._bridge.spawn(coro, operation, self._browser.location.bucket, key, self._report)  # type: ignore[arg-type]

    def _open(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.finished.connect(lambda _result: self._forget(dialog))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _forget(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    def _get_store(self) -> EditStore:  # worker thread
        if self._store is None:
            self._store = self._parts.store()
        return self._store

    def _get_choices(self) -> EditorChoices:  # worker thread
        if self._choices is None:
            self._choices = EditorChoices()
        return self._choices

    def _engine_source(
        self, session: S3Session, bookmark_id: str | None
    ) -> Callable[[], TransferEngine]:
        shared = self._parts.shared
        return lambda: shared.get().engine_for(bookmark_id, session)

    def _target(self) -> tuple[S3Session, str, str] | None:
        session = self._browser.session
        location = self._browser.location
        if session is None or location.is_root:
            self._report(
                _problem(self.tr("Open a bucket first."), self.tr("Then select the file to edit."))
            )
            return None
        view = self._parts.object_list
        rows = view.selectionModel().selectedRows() if view.selectionModel() else []
        if not rows and view.currentIndex().isValid():
            rows = [view.currentIndex()]
        files = [i.data(KEY_ROLE) for i in rows if not i.data(IS_FOLDER_ROLE)]
        if len(files) != 1 or len(rows) != 1 or not files[0]:
            self._report(
                _problem(self.tr("Select one file to edit."), self.tr("Folders cannot be edited."))
            )
            return None
        return session, location.bucket, str(files[0])

    # -- Edit, Edit With… -------------------------------------------------------------------------

    def edit(self, with_command: bool) -> None:
        target = self._target()
        if target is None:
            return
        session, bucket, key = target
        if with_command:
            self._spawn(self._choose_command(session, bucket, key), "choosing an editor", key)
        else:
            self._spawn(self._start(session, bucket, key, None), "GetObject", key)

    async def _choose_command(self, session: S3Session, bucket: str, key: str) -> None:
        choices = await self._bridge.run(self._get_choices)
        dialog = NamePrompt(
            self._parent,
            "editWithDialog",
            self.tr("Edit With"),
            self.tr("Command to edit the file with ({} stands for the file, else it goes last):"),
            lambda text: None if text.strip() else self.tr("Enter the command of a program."),
            choices.command_for(key) or "",
        )

        def chosen(result: int) -> None:
            if result != QDialog.DialogCode.Accepted:
                return
            command = dialog.name_edit.text().strip()
            self._spawn(self._remember_and_start(session, bucket, key, command), "GetObject", key)

        dialog.finished.connect(chosen)
        self._open(dialog)

    async def _remember_and_start(
        self, session: S3Session, bucket: str, key: str, command: str
    ) -> None:
        choices = await self._bridge.run(self._get_choices)
        await self._bridge.run(choices.remember, key, command)
        await self._start(session, bucket, key, command)

    async def _start(self, session: S3Session, bucket: str, key: str, command: str | None) -> None:
        self._parts.status_bar.showMessage(
            self.tr("Downloading s3://{0}/{1} to edit it…").format(bucket, key)
        )
        store = await self._bridge.run(self._get_store)
        bookmark_id = self._browser.bookmark_id
        opened = await self._bridge.run(
            functools.partial(
                EditSession.open,
                session,
                self._engine_source(session, bookmark_id),
                store,
                bucket,
                key,
                self._ask,
                self._noticed.emit,
                bookmark_id=bookmark_id,
            )
        )
        self._adopt(opened, command)

    def _adopt(self, edit: EditSession, command: str | None) -> None:
        if self._closed.is_set():  # the window closed meanwhile: offered again later
            edit.release()
            return
        edit.start_watching()
        self._sessions[edit.edit.id] = edit
        self._commands[edit.edit.id] = command
        self.editsChanged.emit()
        self._parts.status_bar.showMessage(self.tr("Editing {0}").format(edit.edit.url), 5000)
        self._editors = [p for p in self._editors if p.poll() is None]
        try:
            process = self.launch(edit.path, command)
        except (OSError, ValueError, RuntimeError) as exc:
            self._report(
                _problem(
                    self.tr("The editor could not be started: {0}").format(exc),
                    self.tr("The copy is at {0}; use Edit With… to choose a program.").format(
                        edit.path
                    ),
                )
            )
            return
        if process is not None:
            self._editors.append(process)

    # -- questions and notices from the watchers --------------------------------------------------

    def _ask(self, question: ServerChanged) -> ConflictAnswer:  # watcher thread
        keep_both = ConflictAnswer(ConflictChoice.SAVE_AS, question.suggested_key)
        if self._closed.is_set():
            return keep_both
        pending = _Question(question)
        self._asked.emit(pending)
        while not pending.done.wait(_ANSWER_POLL_S):
            if self._closed.is_set():
                return keep_both
        return pending.answer or keep_both

    def _show_question(self, pending: _Question) -> None:
        dialog = EditConflictDialog(pending.question, self._parent)

        def answered(_result: int) -> None:
            pending.answer = dialog.answer
            pending.done.set()

        dialog.finished.connect(answered)
        self._open(dialog)

    def _show_notice(self, notice: EditNotice) -> None:
        if notice.failed:
            self._report(_problem(notice.message))
        else:
            self._parts.status_bar.showMessage(notice.message, 5000)
        self.editsChanged.emit()

    # -- the list of open edits -------------------------------------------------------------------

    def show_open_edits(self) -> None:
        dialog = OpenEditsDialog(self.edits(), left_behind=False, parent=self._parent)
        dialog.closeRequested.connect(lambda edit_id: self._close_from(dialog, edit_id))
        self._open(dialog)

    def _close_from(self, dialog: OpenEditsDialog, edit_id: str) -> None:
        dialog.remove(edit_id)
        self.close_edit(edit_id)

    def close_edit(self, edit_id: str) -> None:
        """Upload a pending save, then delete the private copy (kept if the upload fails)."""
        edit = self._sessions.pop(edit_id, None)
        if edit is None:
            return
        self._commands.pop(edit_id, None)
        self._spawn(self._close(edit), "PutObject", edit.edit.key)

    async def _close(self, edit: EditSession) -> None:
        await self._bridge.run(edit.stop)
        await self._bridge.run(edit.flush)
        if await self._bridge.run(edit.has_unsaved):
            await self._bridge.run(edit.release)
            self._report(
                _problem(
                    self.tr("The last save of {0} was not uploaded.").format(edit.edit.url),
                    self.tr("Its copy is kept at {0} and offered again at the next start.").format(
                        edit.path
                    ),
                )
            )
        else:
            await self._bridge.run(edit.close)
        self.editsChanged.emit()

    # -- edits left by a crash --------------------------------------------------------------------

    def _offer_left_behind(self, _label: str = "") -> None:
        if self._offered:
            return
        self._offered = True
        self._spawn(self._offer(), "finding edits left open")

    async def _offer(self) -> None:
        session = self._browser.session
        if session is None:
            return
        store = await self._bridge.run(self._get_store)
        left = await self._bridge.run(store.left_behind)
        bookmark_id = self._browser.bookmark_id
        here = endpoint_id(session)
        # Its bookmark's window, or any window on the same server and account.
        mine = [
            e
            for e in left
            if (e.bookmark_id and e.bookmark_id == bookmark_id) or e.endpoint == here
        ]
        if not mine:
            return
        dialog = OpenEditsDialog(mine, left_behind=True, parent=self._parent)
        by_id = {e.id: e for e in mine}
        dialog.reopenRequested.connect(lambda i: self._reopen(dialog, by_id[i]))
        dialog.closeRequested.connect(lambda i: self._discard(dialog, by_id[i]))
        self._open(dialog)

    def _reopen(self, dialog: OpenEditsDialog, edit: OpenEdit) -> None:
        session = self._browser.session
        if session is None:
            return
        dialog.remove(edit.id)
        self._spawn(self._resume(session, edit), "PutObject", edit.key)

    async def _resume(self, session: S3Session, edit: OpenEdit) -> None:
        store = await self._bridge.run(self._get_store)
        engine = self._engine_source(session, edit.bookmark_id)
        resumed = await self._bridge.run(
            EditSession, session, engine, store, edit, self._ask, self._noticed.emit
        )
        if await self._bridge.run(resumed.has_unsaved):
            await self._bridge.run(resumed.upload_now)
        else:
            await self._bridge.run(resumed.refresh)  # the object as it is now
        choices = await self._bridge.run(self._get_choices)
        self._adopt(resumed, choices.command_for(resumed.edit.key))

    def _discard(self, dialog: OpenEditsDialog, edit: OpenEdit) -> None:
        dialog.remove(edit.id)
        self._spawn(self._remove(edit), "discarding an edit", edit.key)

    async def _remove(self, edit: OpenEdit) -> None:
        store = await self._bridge.run(self._get_store)
        await self._bridge.run(store.remove, edit.id)

    # -- closing ----------------------------------------------------------------------------------

    def close(self) -> None:
        """The window closes: stop watching; the edits stay on disk, offered again later."""
        self._closed.set()
        for process in self._editors:
            process.poll()  # an editor still open is the user's; it is left running
        sessions = list(self._sessions.values())
        self._sessions.clear()
        store = self._store
        # Off the GUI thread: a watcher may be in the middle of an upload.
        threading.Thread(
            target=_let_go, args=(sessions, store), name="eider-edit-close", daemon=True
        ).start()


def _let_go(sessions: list[EditSession], store: EditStore | None) -> None:
    for edit in sessions:
        edit.release()
    if store is not None:
        store.close()


def install_edit_actions(parts: EditParts, menu: QMenu | None) -> EditActions:
    """Make the edit actions; put them in `menu` (the Actions menu) and the list's context
    menu."""
    edit_actions = EditActions(parts)
    separator = QAction(parts.object_list)
    separator.setSeparator(True)
    parts.object_list.addActions([separator, *edit_actions.actions()])
    if menu is not None:
        menu.addSeparator()
        menu.addActions(edit_actions.actions())
    return edit_actions
