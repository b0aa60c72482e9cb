"""Before connecting without a system keyring: unlock the vault, or ask for the secret.

`ready(bookmark)` looks (off the GUI thread) whether the bookmark's secret can be had. If the
vault may hold it, the master password is asked once per session; if no place holds it, the
secret is asked with the choice "this session only" (default) or "keep in Eider's vault"
(creating the vault asks its password twice). Dialogs are opened with `open()` and awaited
through their `finished` signal, never `exec()`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QWidget

from app.core import secrets
from app.core.bookmarks import Bookmark
from app.core.bookmarks.model import SECRET_KEY
from app.core.bookmarks.secret_location import SecretNeed, secret_need
from app.core.errors import describe
from app.core.secrets import Place
from app.ui.dialogs.secret_prompt import SecretPromptDialog
from app.ui.dialogs.vault_password import ChangeVaultPasswordDialog, VaultPasswordDialog

D = TypeVar("D", bound=QDialog)
T = TypeVar("T")

# Vaults whose unlock the user cancelled this session: not asked again until Eider restarts.
_declined: set[Path] = set()


class SecretRequester(QObject):
    dialogOpened = Signal(object)  # SecretPromptDialog, VaultPasswordDialog, ChangeVault…

    def __init__(self, parent_widget: QWidget | None = None) -> None:
        super().__init__(parent_widget)
        self._parent_widget = parent_widget

    async def ready(self, bookmark: Bookmark) -> bool:
        """True: go on and log in. False: the user cancelled."""
        loop = asyncio.get_running_loop()
        need = await loop.run_in_executor(None, secret_need, bookmark)
        vault = secrets.the_vault()
        if need is SecretNeed.UNLOCK_VAULT and vault.path not in _declined:
            if await self.open_vault(create=False):
                need = await loop.run_in_executor(None, secret_need, bookmark)
            else:
                _declined.add(vault.path)
        if need is SecretNeed.NOTHING:
            return True
        answer = await self._ask_secret(bookmark)
        if answer is None:
            return False
        secret, keep = answer
        place = Place.SESSION
        if keep:
            exists = await loop.run_in_executor(None, vault.exists)
            if await self.open_vault(create=not exists):
                place = Place.VAULT
        await loop.run_in_executor(
            None, secrets.set_secret, bookmark.secret_owner, SECRET_KEY, secret, place
        )
        return True

    async def open_vault(self, create: bool) -> bool:
        """Unlock (or create) the vault; a wrong password asks again with the error shown."""
        loop = asyncio.get_running_loop()
        vault = secrets.the_vault()
        error = ""
        while not vault.unlocked:
            dialog = VaultPasswordDialog(create, self._parent_widget, error)
            result, password = await self._run(dialog, lambda d: d.password)
            if result != QDialog.DialogCode.Accepted:
                return False
            action = vault.create if create else vault.unlock
            try:
                await loop.run_in_executor(None, action, password)
            except secrets.SecretStoreError as exc:
                error = str(describe(exc))
        return True

    async def change_vault_password(self) -> bool:
        """File > Change Vault Password…: True once the vault is re-encrypted."""
        loop = asyncio.get_running_loop()
        vault = secrets.the_vault()
        exists = await loop.run_in_executor(None, vault.exists)
        error = "" if exists else str(describe(secrets.VaultMissing()))
        while True:
            dialog = ChangeVaultPasswordDialog(self._parent_widget, error, usable=exists)
            result, (old, new) = await self._run(dialog, lambda d: d.passwords)
            if result != QDialog.DialogCode.Accepted:
                return False
            try:
                await loop.run_in_executor(None, vault.change_password, old, new)
            except secrets.SecretStoreError as exc:
                error = str(describe(exc))
                continue
            return True

    async def _ask_secret(self, bookmark: Bookmark) -> tuple[str, bool] | None:
        dialog = SecretPromptDialog(bookmark.nickname, bookmark.access_key_id, self._parent_widget)
        result, answer = await self._run(dialog, lambda d: (d.secret, d.keep))
        if result != QDialog.DialogCode.Accepted or not answer[0]:
            return None
        return answer

    async def _run(self, dialog: D, read: Callable[[D], T]) -> tuple[int, T]:
        """Open `dialog`, wait for `finished`, read its answer before it is deleted."""
        future: asyncio.Future[tuple[int, T]] = asyncio.get_running_loop().create_future()

        def finished(result: int) -> None:
            if not future.done():
                future.set_result((result, read(dialog)))
            dialog.deleteLater()

        dialog.finished.connect(finished)
        dialog.open()
        self.dialogOpened.emit(dialog)
        try:
            return await future
        except asyncio.CancelledError:
            if shiboken6.isValid(dialog):
                dialog.reject()
            raise
