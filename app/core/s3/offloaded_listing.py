"""A listing whose pages, after the first few, are fetched and parsed by a helper process.

In one process, the thread that parses a large listing holds the GIL most of the time, and
the GUI thread waits for it on every return from Qt: the window stalls for 100 ms and more
while 200,000 keys load, however little the GUI itself does. Here the first page is fetched
in this process (no start-up cost before the first rows), and if more pages follow, a helper
(`listing_helper`) starts at once, while the first rows are shown. The helper lists the rest
and sends each page as columns (`PackedObjects`), which costs this process a few C-level
calls to unpack and the listing model a few more to store. The second page waits for the
helper to be ready (by default: fetching pages here meanwhile would bring back the stalls
while they are parsed).

A folder that fits on one page never starts a helper. When no helper can run (a frozen
application without a Python interpreter, a helper that dies before it is ready) the listing
simply goes on in this process. So it does, once, when the helper dies after taking over or
fails for its keys (expired, refused): from the continuation token of the last page it
delivered, signed by this process's session, whose keys botocore renews as for any request
made here. Pages come in this process's time from then on (slower, and the window may stutter
while they are parsed), but none is lost or repeated. If the same failure happens here, it is
raised like any listing error. Any other failure in the helper is raised here as the same
exception, so it is described to the user in the same words. `stop` ends the helper at once.

The helper signs with the keys this process's session holds when it starts. Temporary keys
come with their expiry, and shortly before it the helper asks for new ones: it gets what the
session holds then, renewed by the session as for any request made here (see `_fresh_keys`),
sent over its stdin like the first ones.

Like the iterator of `S3Session.list_prefix`, every call blocks: call it from a worker thread.
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import select
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import app
from app.core.errors import ErrorKind, describe
from app.core.errors.redact import remember_secrets
from app.core.s3 import botocore_private
from app.core.s3 import listing_frames as frames
from app.core.s3.session import ListingPage, S3Session

_log = logging.getLogger(__name__)
_HELPER_MODULE = "app.core.s3.listing_helper"
_PIPE_BYTES = 1 << 20  # room for several pages while this process inserts the last one
_F_SETPIPE_SZ = 1031  # Linux fcntl
_EXIT_WAIT = 10.0  # seconds
# Failures of the helper's keys that this process's own session may not share (its keys are
# renewed by botocore here; the helper's were handed over, maybe just too late).
_KEY_FAILURES = {
    ErrorKind.EXPIRED_TOKEN,
    ErrorKind.INVALID_TOKEN,
    ErrorKind.WRONG_ACCESS_KEY,
    ErrorKind.WRONG_SECRET,
    ErrorKind.NO_CREDENTIALS,
}


class OffloadedListing(Iterator[ListingPage]):
    def __init__(
        self,
        session: S3Session,
        bucket: str,
        prefix: str = "",
        delimiter: str | None = "/",
        helper_wait: float | None = None,
    ) -> None:
        """`helper_wait`: how long a page request waits for the helper to be ready before
        fetching that page here instead (None: until it is ready or has failed)."""
        self._session = session
        self._bucket = bucket
        self._prefix = prefix
        self._delimiter = delimiter
        self._helper_wait = helper_wait
        self._here = session.list_prefix(bucket, prefix, delimiter)
        self._last_token: str | None = None
        self._helper: subprocess.Popen[bytes] | None = None
        self._from_helper = False
        self.resumed_here = False  # the helper failed after taking over: listed here since
        self._done = False
        self._lock = threading.Lock()  # guards _stopped, _busy and the helper's end
        self._stopped = False
        self._busy = False  # a thread is inside __next__ (and may be reading the pipe)
        self.pages_from_helper = 0

    @property
    def helper(self) -> subprocess.Popen[bytes] | None:
        return self._helper

    def __next__(self) -> ListingPage:
        with self._lock:
            if self._done or self._stopped:
                raise StopIteration
            self._busy = True
        try:
            page = self._next_page()
        finally:
            with self._lock:
                self._busy = False
                stopped = self._stopped
            if stopped:  # also a helper started while stop() was killing none
                self._kill()
                self._release()
        if stopped:
            raise StopIteration
        if page.is_last:
            self._done = True
            self._release()
        return page

    def stop(self) -> None:
        """End the listing: a page in flight is dropped, the helper is killed."""
        with self._lock:
            self._stopped = True
            busy = self._busy
        self._kill()
        if not busy:  # else the thread inside __next__ releases the pipes on its way out
            self._release()

    def __del__(self) -> None:
        self._kill()
        self._release()

    def _next_page(self) -> ListingPage:
        if not self._from_helper and self._helper_ready():
            self._hand_over()
        if self._from_helper:
            return self._next_from_helper()
        if self._stopped:  # stopped while waiting for the helper
            raise StopIteration
        page = next(self._here)
        self._last_token = page.next_token
        if not page.is_last and self._helper is None:
            self._start_helper()
        return page

    # -- the helper --------------------------------------------------------------------------

    def _start_helper(self) -> None:
        if getattr(sys, "frozen", False):
            return  # no interpreter to run the helper with: list everything here
        credentials = self._session.credentials
        keys = self._fresh_keys() if credentials is not None else None
        request = frames.HelperRequest(
            connection=self._session.connection,
            access_key=keys["access_key"] if keys else None,
            secret_key=keys["secret_key"] if keys else None,
            session_token=keys["token"] if keys else None,
            bucket=self._bucket,
            prefix=self._prefix,
            delimiter=self._delimiter,
            bucket_region=self._session.bucket_region(self._bucket),
            expiry=keys["expiry_time"] if keys else None,
            refresh_windows=botocore_private.refresh_windows(credentials),
        )
        try:
            helper = subprocess.Popen(
                [sys.executable, "-m", _HELPER_MODULE],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env=_helper_environment(),
            )
        except OSError as exc:
            _log.warning("listing helper could not start (%s); listing here", exc)
            return
        _widen_pipe(helper.stdout)
        self._helper = helper
        try:
            assert helper.stdin is not None
            frames.write_frame(helper.stdin, frames.REQUEST, pickle.dumps(request))
        except OSError:
            self._kill()

    def _helper_ready(self) -> bool:
        """Has the helper said READY (waiting up to `helper_wait`)? False ends a helper that
        failed or ended before that."""
        helper = self._helper
        if helper is None or helper.stdout is None or helper.stdout.closed:
            return False
        readable, _, _ = select.select([helper.stdout], [], [], self._helper_wait)
        if not readable:
            return False
        frame = self._read_frame(helper)
        if frame is not None and frame[0] == frames.READY:
            return True
        if frame is not None and frame[0] == frames.FAILED:
            failure = frames.decode_failure(frame[1])
            _log.info("listing helper failed before it was ready", exc_info=failure)
        else:
            _log.warning("listing helper ended before it was ready; listing here")
        self._kill()
        self._release()
        return False

    def _hand_over(self) -> None:
        helper = self._helper
        assert helper is not None and helper.stdin is not None and self._last_token
        try:
            # stdin stays open: renewed keys are sent on it
            frames.write_frame(helper.stdin, frames.START, self._last_token.encode())
        except OSError:  # it died after saying READY: go on here
            self._kill()
            self._release()
            return
        self._from_helper = True

    def _next_from_helper(self) -> ListingPage:
        helper = self._helper
        assert helper is not None and helper.stdout is not None
        frame = self._read_frame(helper)
        if frame is not None and frame[0] == frames.PAGE:
            self.pages_from_helper += 1
            page = frames.decode_page(self._bucket, self._prefix, frame[1])
            self._last_token = page.next_token
            return page
        self._release()
        if self._stopped:
            raise StopIteration
        if frame is not None and frame[0] == frames.FAILED:
            failure = frames.decode_failure(frame[1])
        else:
            failure = frames.HelperFailure(
                f"the listing helper process ended unexpectedly (exit status {helper.returncode})"
            )
        if not self._worth_resuming_here(failure):
            raise failure
        _log.warning(
            "listing helper for %r failed after %d pages (%s); going on in this process",
            self,
            self.pages_from_helper,
            type(failure).__name__,
        )
        return self._resume_here()

    def _worth_resuming_here(self, failure: BaseException) -> bool:
        if self.resumed_here or not self._last_token:
            return False
        if isinstance(failure, frames.HelperFailure):  # it died, or sent nothing readable
            return True
        return describe(failure, "listing", self._bucket).kind in _KEY_FAILURES

    def _resume_here(self) -> ListingPage:
        self.resumed_here = True
        self._from_helper = False
        self._here = self._session.list_prefix(
            self._bucket, self._prefix, self._delimiter, start_token=self._last_token
        )
        page = next(self._here)
        self._last_token = page.next_token
        return page

    def _read_frame(self, helper: subprocess.Popen[bytes]) -> tuple[bytes, bytes] | None:
        """The helper's next frame other than RENEW, which is answered on the way."""
        assert helper.stdout is not None and helper.stdin is not None
        while True:
            frame = frames.read_frame(helper.stdout)
            if frame is None or frame[0] != frames.RENEW:
                return frame
            try:
                keys = self._fresh_keys()
            except BaseException:  # renewal failed (refused, MFA cancelled): as it would here
                self._kill()
                self._release()
                raise
            try:
                frames.write_frame(helper.stdin, frames.KEYS, pickle.dumps(keys))
            except OSError:
                return None  # it died meanwhile: read_frame tells how

    def _fresh_keys(self) -> dict[str, str | None]:
        """The session's keys now, renewed first if they expire soon (botocore's
        `get_frozen_credentials` does that), with the expiry they were issued with."""
        credentials = self._session.credentials
        assert credentials is not None
        for _ in range(3):
            frozen = credentials.get_frozen_credentials()
            expiry = botocore_private.expiry_time(credentials)
            # Unless another thread renewed them meanwhile, that expiry is these keys'.
            if botocore_private.keys_as_held(credentials) == (frozen.access_key, frozen.token):
                break
        remember_secrets(frozen.secret_key, frozen.token)  # renewed keys are new secrets
        return {
            "access_key": frozen.access_key,
            "secret_key": frozen.secret_key,
            "token": frozen.token,
            "expiry_time": expiry.isoformat() if isinstance(expiry, datetime) else None,
        }

    def _kill(self) -> None:
        with self._lock:
            helper = self._helper
            if helper is not None and helper.poll() is None:
                helper.kill()

    def _release(self) -> None:
        """Close the pipes and collect the helper: it ends by itself after its last frame
        or once killed."""
        helper = self._helper
        if helper is None:
            return
        for pipe in (helper.stdin, helper.stdout):
            if pipe is not None and not pipe.closed:
                with contextlib.suppress(OSError):
                    pipe.close()
        try:
            helper.wait(timeout=_EXIT_WAIT)
        except subprocess.TimeoutExpired:
            self._kill()
            helper.wait()

    def __repr__(self) -> str:
        return f"OffloadedListing({self._bucket!r}, {self._prefix!r})"


def _helper_environment() -> dict[str, str]:
    """This environment, with Eider's own package importable (also from a source tree)."""
    source_root = str(Path(app.__file__).resolve().parent.parent)
    env = dict(os.environ)
    paths = [source_root, *filter(None, env.get("PYTHONPATH", "").split(os.pathsep))]
    env["PYTHONPATH"] = os.pathsep.join(paths)
    return env


def _widen_pipe(pipe: Any) -> None:
    if pipe is None or not sys.platform.startswith("linux"):
        return
    import fcntl

    with contextlib.suppress(OSError):  # a smaller pipe only means less read-ahead
        fcntl.fcntl(pipe.fileno(), _F_SETPIPE_SZ, _PIPE_BYTES)
