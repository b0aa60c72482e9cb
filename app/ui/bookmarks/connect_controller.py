"""Connecting to a bookmark off the GUI thread, with an MFA prompt the worker can call.

`open_bookmark` starts an asyncio task (qasync's loop) that runs the blocking login
(`app.core.bookmarks.login.open_bookmark`: credentials, S3Session, one listing) in an executor
and comes back to the GUI thread to emit `connected` or `failed`.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Callable
from concurrent.futures import Executor, ThreadPoolExecutor
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from app.core.bookmarks import Bookmark, BookmarkError, BookmarkStoreError, login
from app.core.credentials.errors import CredentialError
from app.core.errors import describe
from app.core.profiles import Profile, ProfileError
from app.core.secrets import SecretStoreError
from app.ui.bookmarks.certificate_trust import refused_for_certificate
from app.ui.dialogs.mfa_prompt import GuiMfaPrompt
from app.ui.translation import translate

if TYPE_CHECKING:
    from app.ui.bookmarks.certificate_trust import CertificateTruster

log = logging.getLogger(__name__)

# Failures whose own text is written for the user (and never holds a secret).
_OWN_WORDS = (CredentialError, BookmarkError, BookmarkStoreError, ProfileError)


def failure_message(exc: BaseException) -> str:
    if isinstance(exc, login.LoginFailed):
        return str(describe(exc.cause, exc.operation, exc.bucket))
    if isinstance(exc, _OWN_WORDS):
        return str(exc)
    if isinstance(exc, SecretStoreError):
        return str(describe(exc))
    return str(describe(exc, login.VERIFY_OPERATION))


class ConnectController(QObject):
    opened = Signal(object)  # OpenedBookmark: session, bucket names, scoped (before `connected`)
    connected = Signal(object)  # S3Session, logged in and verified
    failed = Signal(str)  # a message for the user
    busyChanged = Signal(bool)

    def __init__(
        self,
        executor: Executor | None = None,
        mfa_prompt: GuiMfaPrompt | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._own_executor = executor is None
        self._executor = executor or ThreadPoolExecutor(2, thread_name_prefix="eider-connect")
        self.mfa_prompt = mfa_prompt or GuiMfaPrompt()
        self._tasks: set[asyncio.Task[None]] = set()
        # Set by the connector: asks whether to pin a certificate the connection refused.
        self.certificate_truster: CertificateTruster | None = None

    @property
    def busy(self) -> bool:
        return bool(self._tasks)

    def open_bookmark(
        self,
        bookmark: Bookmark,
        one_shot: login.OneShotSecrets | None = None,
        profile: Profile | None = None,
        on_opened: Callable[[login.OpenedBookmark], None] | None = None,
        on_failed: Callable[[str], None] | None = None,
    ) -> asyncio.Task[None]:
        """Log in off the GUI thread. Besides the signals (for the window), the callbacks
        report this one attempt to whoever started it (a dialog, the connector)."""
        task = asyncio.ensure_future(self._open(bookmark, one_shot, profile, on_opened, on_failed))
        self._tasks.add(task)
        if len(self._tasks) == 1:
            self.busyChanged.emit(True)
        task.add_done_callback(self._done)
        return task

    def _done(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        if not self._tasks:
            self.busyChanged.emit(False)

    async def _open(
        self,
        bookmark: Bookmark,
        one_shot: login.OneShotSecrets | None,
        profile: Profile | None,
        on_opened: Callable[[login.OpenedBookmark], None] | None,
        on_failed: Callable[[str], None] | None,
    ) -> None:
        loop = asyncio.get_running_loop()
        work = functools.partial(login.open_bookmark, bookmark, self.mfa_prompt, one_shot, profile)
        try:
            result = await loop.run_in_executor(self._executor, work)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            log.warning("Connecting to %s failed: %s", bookmark.nickname, type(exc).__name__)
            message = failure_message(exc)
            truster = self.certificate_truster
            if truster is not None and refused_for_certificate(exc):
                pinned = await truster.ask(bookmark, self._executor, profile)
                if pinned is not None:
                    await self._open(pinned, one_shot, profile, on_opened, on_failed)
                    return
                if truster.asked:
                    message += " " + translate(
                        "ConnectController",
                        "The certificate was not trusted: the bookmark is unchanged.",
                    )
            if on_failed is not None:
                on_failed(message)
            self.failed.emit(message)
            return
        log.info("Connected to %s", bookmark.nickname)
        if on_opened is not None:
            on_opened(result)
        self.opened.emit(result)
        self.connected.emit(result.session)

    def shutdown(self) -> None:
        """Cancel pending logins, release a worker waiting for an MFA code, stop the pool."""
        self.mfa_prompt.close()
        for task in list(self._tasks):
            task.cancel()
        if self._own_executor:
            self._executor.shutdown(wait=False, cancel_futures=True)
