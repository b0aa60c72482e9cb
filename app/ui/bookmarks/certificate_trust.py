"""When a bookmark's connection is refused for its TLS certificate (no CA vouches for it, or
it is not the pinned one): read the server's fingerprint off the GUI thread, ask the user
(`CertificatePrompt`), and on trust pin it in the bookmark through the store. Never silent:
nothing is trusted unless the user presses Trust."""

from __future__ import annotations

import asyncio
import functools
import logging
from concurrent.futures import Executor

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QWidget

from app.core.bookmarks import Bookmark, BookmarkError, BookmarkStoreError, login
from app.core.bookmarks.connect import connection_for_bookmark
from app.core.connection import Scheme
from app.core.errors import ErrorKind, describe
from app.core.profiles import Profile
from app.core.tls_pinning import server_fingerprint
from app.ui.bookmarks.list_model import BookmarkListModel
from app.ui.dialogs.certificate_prompt import CertificatePrompt

log = logging.getLogger(__name__)

_PROBE_TIMEOUT = 5.0


def refused_for_certificate(exc: BaseException) -> bool:
    cause = exc.cause if isinstance(exc, login.LoginFailed) else exc
    return describe(cause).kind is ErrorKind.TLS_CERTIFICATE


class CertificateTruster(QObject):
    """`ask` returns the bookmark pinned to the certificate the user trusted, or None."""

    def __init__(self, model: BookmarkListModel, parent_widget: QWidget | None = None) -> None:
        super().__init__(parent_widget)
        self._model = model
        self._parent_widget = parent_widget
        self.prompt: CertificatePrompt | None = None
        self.asked = False  # whether the last `ask` showed the prompt

    async def ask(
        self, bookmark: Bookmark, executor: Executor, profile: Profile | None = None
    ) -> Bookmark | None:
        self.asked = False
        connection = connection_for_bookmark(bookmark, profile)
        if connection.scheme is not Scheme.HTTPS:
            return None
        port = connection.port or 443
        loop = asyncio.get_running_loop()
        probe = functools.partial(server_fingerprint, connection.host, port, _PROBE_TIMEOUT)
        try:
            fingerprint = await loop.run_in_executor(executor, probe)
        except (OSError, ValueError) as exc:
            log.warning("Could not read the certificate of %s: %s", connection.host, exc)
            return None
        if fingerprint == bookmark.trusted_certificate or not shiboken6.isValid(self):
            return None  # the pin matches: the refusal was something else
        if not await self._prompted(bookmark, connection.host, fingerprint):
            return None
        pinned = bookmark.with_changes(trusted_certificate=fingerprint)
        try:
            # The saved copy gets the pin, and only the pin: the connect dialog's attempt may
            # carry edits not saved yet.
            saved = self._model.find(bookmark.id)
            await self._model.update(saved.with_changes(trusted_certificate=fingerprint))
        except BookmarkError:
            log.info("Pinned a certificate for unsaved bookmark %s", bookmark.nickname)
        except BookmarkStoreError as exc:  # this attempt still uses it; the next one asks again
            log.warning("Could not save the pin of %s: %s", bookmark.nickname, exc)
        return pinned

    async def _prompted(self, bookmark: Bookmark, host: str, fingerprint: str) -> bool:
        prompt = CertificatePrompt(
            bookmark.nickname,
            host,
            fingerprint,
            bookmark.trusted_certificate,
            self._parent_widget,
        )
        self.prompt = prompt
        self.asked = True
        answered: asyncio.Future[int] = asyncio.get_running_loop().create_future()

        def finished(result: int) -> None:
            if not answered.done():
                answered.set_result(result)

        prompt.finished.connect(finished)
        prompt.open()
        try:
            result = await answered
        finally:
            self.prompt = None
            if shiboken6.isValid(prompt):
                prompt.deleteLater()
        return result == QDialog.DialogCode.Accepted
