"""The application's one archive restore tracker (`app.core.s3.restore_tracker`), and the
sessions it polls with.

Every window shares the one tracker (one JSON file under the state folder; two trackers would
overwrite each other's requests). Windows register the session of their connection, so a
restore asked for in a window is polled with the session already logged in; a restore left by
an earlier run is polled with a session made from its bookmark.
"""

from __future__ import annotations

import threading

from app.core.bookmarks import BookmarkError, BookmarkStore, connection_for_bookmark
from app.core.s3.restore_tracker import RestoreTracker
from app.core.s3.session import S3Session

_lock = threading.Lock()
_sessions: dict[str | None, S3Session] = {}
_tracker: RestoreTracker | None = None


def register_session(bookmark_id: str | None, session: S3Session) -> None:
    """Poll the restores of `bookmark_id` (None: an unsaved connection) with `session`."""
    with _lock:
        _sessions[bookmark_id] = session


def session_for(bookmark_id: str | None) -> S3Session:
    with _lock:
        session = _sessions.get(bookmark_id)
    if session is not None:
        return session
    if bookmark_id is None:
        raise LookupError("The connection this restore was asked on is not open any more.")
    try:
        bookmark = BookmarkStore().get(bookmark_id)
    except BookmarkError as exc:
        raise LookupError("The bookmark this restore was asked on was removed.") from exc
    session = S3Session(connection_for_bookmark(bookmark))
    register_session(bookmark_id, session)
    return session


def shared_tracker() -> RestoreTracker:
    """The tracker, made (and its poller started) on first use. Blocking: it reads its file."""
    global _tracker
    with _lock:
        if _tracker is None:
            _tracker = RestoreTracker(session_for)
            _tracker.start()
        return _tracker


def close_tracker() -> None:
    """Stop polling (at quit); requests stay in the file for the next start."""
    global _tracker
    with _lock:
        tracker, _tracker = _tracker, None
    if tracker is not None:
        tracker.close()
