"""The application's one `TransferService`, made on first use, and who answers its questions.

`run_gui` (the composition root) makes one `SharedTransfers` and hands it to every window
through `WindowSet`. The service opens the journal and reads the jobs earlier runs left, so it
is made by `get()` on a worker thread (the first window that transfers, or the Transfers
window), never on the GUI thread.

Conflict questions of every engine come to `resolve` on engine threads; each goes to the
window that started the job (its `TransfersController` knows its job ids and the batches it
registered before the jobs started), or to the first open window for a job no window
started (resumed from an earlier run).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Protocol

from app.core.bookmarks import BookmarkError, BookmarkStore, connection_for_bookmark
from app.core.bookmarks.connect import preferences_for
from app.core.preferences.effects import transfer_options
from app.core.preferences.sections import Preferences
from app.core.s3.session import S3Session
from app.core.transfers.jobs import Conflict, Decision
from app.core.transfers.limits import TransferLimits
from app.core.transfers.options import TransferOptions
from app.core.transfers.relay import Relays
from app.core.transfers.service import BookmarkGone, TransferService
from app.ui.dnd.open_windows import OpenWindows

log = logging.getLogger(__name__)


class ConflictOwner(Protocol):
    def asks_for(self, conflict: Conflict) -> bool: ...

    def resolve_conflict(self, conflict: Conflict) -> Decision: ...

    def stop_asking(self) -> None:
        """Answer every open question with "stop": its job pauses (GUI thread)."""


class SharedTransfers:
    def __init__(
        self,
        store: BookmarkStore | None,
        make: Callable[[SharedTransfers], TransferService] | None = None,
        limits: Callable[[], TransferLimits] = TransferLimits,
        preferences: Callable[[], Preferences] = Preferences,
    ) -> None:
        """`make` builds the service (tests give their own); by default it opens the journal
        under the state folder, makes sessions from `store`'s bookmarks and starts with
        `limits()` (the ones saved in the settings). New uploads and downloads start from
        `preferences()` (the settings' too)."""
        self._store = store
        self.limits = limits
        self.preferences = preferences
        self._make = make or _default_service
        self._service: TransferService | None = None
        self._lock = threading.Lock()
        self._owners: list[ConflictOwner] = []
        self._closed = False
        self._relays: Relays | None = None
        self.open_windows = OpenWindows()  # for drops and pastes between windows

    @property
    def service(self) -> TransferService | None:
        """The service if it was made already (no blocking)."""
        return self._service

    def get(self) -> TransferService:
        """The service, made now if needed. Blocking: call it off the GUI thread."""
        with self._lock:
            if self._closed:
                raise RuntimeError("Eider is quitting: no new transfers start")
            made = self._service is None
            if made:
                self._service = self._make(self)
            service = self._service
        if made and Relays.left_by_earlier_run():
            self._start_relays(service)  # their jobs' ends must be heard from the start
        return service

    def relays(self) -> Relays:
        """Copies and moves between connections (`app/core/transfers/relay.py`), made with
        the service; chains an earlier run left continue then. Blocking: off the GUI thread."""
        return self._start_relays(self.get())

    def _start_relays(self, service: TransferService) -> Relays:
        with self._lock:
            if self._relays is not None:
                return self._relays
            relays = self._relays = Relays(service)
        try:
            relays.resume()
        except Exception:
            log.exception("Copies between connections left by an earlier run did not continue")
        return relays

    def session_for(self, bookmark_id: str) -> S3Session:
        if self._store is None:
            raise BookmarkGone(bookmark_id)
        try:
            bookmark = self._store.get(bookmark_id)
        except BookmarkError as exc:
            raise BookmarkGone(bookmark_id) from exc
        return S3Session(connection_for_bookmark(bookmark))

    def transfer_options(self, bookmark_id: str | None) -> TransferOptions:
        """Options for a new upload or download on `bookmark_id`'s connection (None: an
        unsaved one): the Preferences with that bookmark's overrides."""
        preferences = self.preferences()
        bookmark = None
        if self._store is not None and bookmark_id:
            bookmark = next((b for b in self._store.list() if b.id == bookmark_id), None)
        if bookmark is not None:
            preferences = preferences_for(bookmark, preferences)
        return transfer_options(preferences, self.limits().connections_per_job)

    def bookmark_exists(self, bookmark_id: str) -> bool:
        return self._store is not None and any(b.id == bookmark_id for b in self._store.list())

    # -- conflict questions ------------------------------------------------------------------

    def add_owner(self, owner: ConflictOwner) -> None:
        with self._lock:
            self._owners.append(owner)

    def remove_owner(self, owner: ConflictOwner) -> None:
        with self._lock:
            if owner in self._owners:
                self._owners.remove(owner)

    def resolve(self, conflict: Conflict) -> Decision:  # engine thread
        with self._lock:
            owners = list(self._owners)
        for owner in owners:
            if owner.asks_for(conflict):
                return owner.resolve_conflict(conflict)
        if owners:
            return owners[0].resolve_conflict(conflict)
        raise ValueError(f"{conflict.key} exists and no window is open to ask what to do")

    def close(self) -> None:
        """Stop every job (each stays resumable for the next start). Blocks until they stop.

        Open conflict questions are closed first (their jobs pause): a job waiting for an
        answer would never stop."""
        with self._lock:
            self._closed = True
            service, self._service = self._service, None
            owners = list(self._owners)
            relays, self._relays = self._relays, None
        for owner in owners:
            owner.stop_asking()
        if relays is not None:
            relays.close()
        if service is not None:
            service.close()

    def reopen(self) -> None:
        """Allow a new service after `close` (a window set whose last window closed)."""
        with self._lock:
            self._closed = False


def _default_service(shared: SharedTransfers) -> TransferService:
    return TransferService(
        shared.session_for,
        bookmark_exists=shared.bookmark_exists,
        conflict_resolver=shared.resolve,
        limits=shared.limits(),
    )
