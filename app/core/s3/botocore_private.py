"""Every use Eider makes of botocore's private or undocumented internals, in one place.

botocore promises nothing about these: a release may rename or remove any of them. Each one
is here, with why no public way does the same, so that nothing else in Eider reaches into
botocore (or the urllib3 under it) past its documented surface.

They are guarded three ways:
- `tests/unit/core/s3/test_botocore_private.py` exercises each of them, against a real
  SeaweedFS where a request is involved, and fails when one is gone or behaves otherwise;
- `packaging/test.sh` runs those tests a second time against the newest botocore on PyPI, so
  a release that breaks one is noticed before users install it;
- `pyproject.toml` caps botocore (and boto3, which pins it) below the next minor release;
  raise the cap only after that run passes against the new release.

Where a private name is missing, the functions here degrade to what a public API can do
(slower or less informed, never wrong) and the tests above say so loudly.

Not listed, because they are botocore's public session API: `register_component` with the
"data_loader", "credential_provider" and "response_parser_factory" components, and
`get_component("event_emitter")`; every test that makes a request goes through them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from botocore import handlers
from botocore.credentials import Credentials, RefreshableCredentials
from botocore.exceptions import ConnectionClosedError, ReadTimeoutError
from botocore.parsers import ResponseParserFactory, RestXMLParser
from urllib3.exceptions import ProtocolError as URLLib3ProtocolError
from urllib3.exceptions import ReadTimeoutError as URLLib3ReadTimeoutError

# A parse of one successful answer done without botocore's generic parser, or None to leave
# the answer to it: (response dict, output shape) -> parsed dict without ResponseMetadata.
Shortcut = Callable[[dict[str, Any], Any], "dict[str, Any] | None"]


# -- response parsing (app/core/s3/listing_parser.py) ------------------------------------------
# botocore has no public hook to parse one operation's answer differently: a parser factory
# can be registered (the "response_parser_factory" component), but a parser's work is done in
# `RestXMLParser._do_parse`, and the ResponseMetadata every answer carries is built by
# `_populate_response_metadata`. The factory hands its parsers the defaults it was given
# (the raw-timestamp parser) through its private `_defaults`.


class _ShortcutRestXMLParser(RestXMLParser):  # type: ignore[misc]
    def __init__(self, shortcut: Shortcut, **defaults: Any) -> None:
        super().__init__(**defaults)
        self._shortcut = shortcut

    def _do_parse(self, response: dict[str, Any], shape: Any) -> dict[str, Any]:
        parsed = self._shortcut(response, shape)
        if parsed is None:
            return super()._do_parse(response, shape)  # type: ignore[no-any-return]
        parsed["ResponseMetadata"] = self._populate_response_metadata(response)
        return parsed


class ShortcutParserFactory(ResponseParserFactory):  # type: ignore[misc]
    """botocore's parsers, with rest-xml answers offered to `shortcut` first."""

    def __init__(self, shortcut: Shortcut) -> None:
        super().__init__()
        self._shortcut = shortcut

    def create_parser(self, protocol_name: str) -> Any:
        if protocol_name == "rest-xml":
            return _ShortcutRestXMLParser(self._shortcut, **self._defaults)
        return super().create_parser(protocol_name)


# -- the 200-with-an-error check (app/core/s3/listing_parser.py) -------------------------------
# Before parsing, botocore parses every S3 answer once more to see whether a 200 hides an
# error; the handler doing it is the private `handlers._handle_200_error`. To spare listings
# that second parse it is unregistered and called only for answers that need it, which needs
# the very function object botocore registered.


def handle_200_error() -> Callable[..., None] | None:
    """botocore's own before-parse check for errors inside a 200; None if it has none."""
    check: Callable[..., None] | None = getattr(handlers, "_handle_200_error", None)
    return check


# -- the Expect: 100-continue header (session.py) ---------------------------------------------
# Not underscore-named but undocumented: botocore adds the header to S3 uploads in
# `handlers.add_expect_header`; providers that stall on it (SeaweedFS after an empty upload)
# get it unregistered, which needs that very function object.


def expect_header_handler() -> Callable[..., None] | None:
    """botocore's before-call handler adding `Expect: 100-continue`; None if it has none."""
    handler: Callable[..., None] | None = getattr(handlers, "add_expect_header", None)
    return handler


# -- credentials (session.py, urls.py) ----------------------------------------------------------
# RefreshableCredentials renews its keys whenever a public property (access_key, secret_key,
# token) is read close to their expiry, and exposes neither that expiry nor its refresh
# windows. Reading the private fields gives the keys as they are now, with no round trip to
# STS or IMDS (for the redaction), and their expiry (for pre-signed URLs).


def secrets_as_held(credentials: Credentials) -> tuple[str | None, str | None]:
    """(secret key, session token) as held now, never renewed by reading them."""
    if isinstance(credentials, RefreshableCredentials):
        return credentials._secret_key, credentials._token
    return credentials.secret_key, credentials.token


def expiry_time(credentials: Credentials | None) -> datetime | None:
    """When temporary credentials stop working, as botocore holds it; None when unknown."""
    expiry = getattr(credentials, "_expiry_time", None)
    return expiry if isinstance(expiry, datetime) else None


# -- a client's connection pool (small_object_requests.py) ----------------------------------
# A request signed by Eider itself is sent through a client's HTTP session (with a proxy) so it
# shares the client's pool, proxy settings and TLS context; botocore keeps that session on its
# private `_endpoint`.


def client_http_session(client: Any) -> Any:
    """The client's `URLLib3Session` (has `send(prepared_request)`), or None if unreachable."""
    return getattr(getattr(client, "_endpoint", None), "http_session", None)


# -- a GET's body (app/core/transfers/body_reader.py) ------------------------------------------
# `StreamingBody.read(n)` allocates and copies per block. Under it is a urllib3 response kept
# in the private `_raw_stream`, and under that the http.client response in urllib3's private
# `_fp`, whose `readinto` fills a caller's buffer straight from the socket.


def body_streams(body: Any) -> tuple[Any, Any]:
    """(urllib3 response, http.client response) under a `StreamingBody`, None where absent."""
    raw = getattr(body, "_raw_stream", None)
    return raw, getattr(raw, "_fp", None)


# -- region redirects (session.py) --------------------------------------------------------------
# Not underscore-named but undocumented: botocore's S3 region redirector keeps its state in a
# request's context under "s3_redirect" (a dict with "redirected" and "bucket") and the region
# it signed for under "signing". Reading it keeps the region botocore found; setting
# "redirected" stops it from chasing a redirect that names no region (it would recurse).


def redirected_bucket_region(context: dict[str, Any]) -> tuple[str, str] | None:
    """(bucket, region) when botocore followed a region redirect within this call."""
    redirect = context.get("s3_redirect") or {}
    region = (context.get("signing") or {}).get("region")
    bucket = redirect.get("bucket") if isinstance(redirect, dict) else None
    if isinstance(redirect, dict) and redirect.get("redirected") and isinstance(bucket, str):
        return (bucket, region) if isinstance(region, str) and region else None
    return None


def mark_redirect_followed(request_dict: dict[str, Any]) -> bool:
    """Tell botocore's redirector this request was redirected already; False if it keeps no
    such state (then it may chase the redirect itself)."""
    redirect = request_dict.get("context", {}).get("s3_redirect")
    if isinstance(redirect, dict):
        redirect["redirected"] = True
        return True
    return False


# -- a pinned certificate (app/core/tls_pinning.py) ----------------------------------------------
# botocore offers `verify` (on, off or a CA bundle) but no way to accept one certificate by its
# fingerprint. urllib3 checks a pool's `assert_fingerprint` on every connection it opens; the
# pool managers live in the client's HTTP session (private `_manager`, and proxy managers made
# later from the private `_get_pool_manager_kwargs`).


def pin_certificate(client: Any, sha256_hex: str) -> bool:
    """Make every connection of `client` check the server certificate's SHA-256 (lower-case
    hex, no colons); False when the session's internals are not where expected."""
    session = client_http_session(client)
    manager = getattr(session, "_manager", None)
    make_kwargs = getattr(session, "_get_pool_manager_kwargs", None)
    pool_kw = getattr(manager, "connection_pool_kw", None)
    if session is None or not isinstance(pool_kw, dict) or make_kwargs is None:
        return False
    pool_kw["assert_fingerprint"] = sha256_hex

    def with_pin(**extra: Any) -> dict[str, Any]:
        kwargs: dict[str, Any] = make_kwargs(**extra)
        kwargs["assert_fingerprint"] = sha256_hex
        return kwargs

    session._get_pool_manager_kwargs = with_pin
    return True


# -- a cap on answers read whole (app/core/s3/session.py) ----------------------------------------
# botocore reads every answer that is not a streamed object body (listings, errors, settings)
# into memory at once, however long the server keeps sending: an endless body would take all
# memory. No event comes between the send and that read; the client's HTTP session's `send`
# (behind the private `_endpoint`) is where the urllib3 response can be wrapped.


class _CappedRaw:
    """A urllib3 response whose `stream()` stops with `too_large()` after `limit` bytes."""

    def __init__(self, raw: Any, limit: int, too_large: Callable[[], BaseException]) -> None:
        self._raw = raw
        self._limit = limit
        self._too_large = too_large

    def stream(self, *args: Any, **kwargs: Any) -> Any:
        read = 0
        for chunk in self._raw.stream(*args, **kwargs):
            read += len(chunk)
            if read > self._limit:
                self._raw.close()  # drop the connection: the rest is never read
                raise self._too_large()
            yield chunk

    def __getattr__(self, name: str) -> Any:
        return getattr(self._raw, name)


def cap_whole_answers(client: Any, limit: int, too_large: Callable[[], BaseException]) -> bool:
    """Answers botocore reads whole (not a streamed object body, or any error) stop with
    `too_large()` past `limit` bytes; False when the HTTP session is not where expected.

    botocore's `send` reads such an answer before returning it; here `send` is asked not to
    (`stream_output`), the body is wrapped, then read at the same point, with the transport
    errors botocore would raise there (so that retries see what they always saw).
    """
    session = client_http_session(client)
    send = getattr(session, "send", None)
    if send is None:
        return False

    def capped_send(request: Any) -> Any:
        whole = not getattr(request, "stream_output", False)
        if whole:
            request.stream_output = True
        try:
            response = send(request)
        finally:
            if whole:
                request.stream_output = False
        if (whole or response.status_code >= 300) and getattr(response, "raw", None) is not None:
            response.raw = _CappedRaw(response.raw, limit, too_large)
        if whole:
            try:
                response.content  # noqa: B018  (read now, as botocore's send does)
            except URLLib3ProtocolError as exc:
                raise ConnectionClosedError(
                    error=exc, request=request, endpoint_url=request.url
                ) from exc
            except URLLib3ReadTimeoutError as exc:
                raise ReadTimeoutError(endpoint_url=request.url, error=exc) from exc
        return response

    session.send = capped_send
    return True
