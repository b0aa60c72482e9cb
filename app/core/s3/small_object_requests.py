"""PutObject and GetObject of small objects without botocore's per-request machinery.

Through a botocore client each request costs about 1 ms of CPU in events, parameter
validation, endpoint rules, user-agent assembly and response parsing: for a tree of small
files that is most of the client's work, and three times what the request itself needs.
Here the URL prefix and signing region of a bucket are learnt once from botocore (a
pre-signed URL). Without a proxy each request is signed here (`sigv4`, held equal to
botocore's signer by a test) and sent on a keep-alive connection of the worker's own
(`direct_http`: same TLS verification and timeouts as the client). With a proxy it is signed
with botocore's own SigV4 signer and sent on the client's connection pool.

Anything out of the ordinary goes through the client as before: other signature versions,
SSE-C, S3 Express and ARN buckets, parameters not mapped here, non-ASCII metadata, and any
answer that is not a success or a request that fails on the way. So errors are described,
redirects followed and retries made exactly as for every other call.
"""

from __future__ import annotations

import hashlib
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from http.client import HTTPException
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit, urlunsplit

from botocore.auth import S3SigV4Auth
from botocore.awsrequest import AWSPreparedRequest, AWSRequest
from botocore.exceptions import BotoCoreError
from botocore.httpsession import create_urllib3_context, get_cert_path
from botocore.response import StreamingBody
from botocore.utils import get_environ_proxies, percent_encode

from app import __version__
from app.core.connection import ChecksumPolicy, Connection, SignatureVersion
from app.core.errors.redact import remember_secrets
from app.core.s3 import botocore_private, thread_guard
from app.core.s3.direct_http import DirectHttp
from app.core.s3.session import S3Session
from app.core.s3.sigv4 import EMPTY_SHA256, SigV4Signer

_PROBE_KEY = "eider-lean-probe"
EXPECT_SIZE = 1024 * 1024  # botocore's threshold for Expect: 100-continue

# PutObject parameters sent as plain headers (the ones Eider's uploads use).
_PUT_HEADERS = {
    "ContentType": "Content-Type",
    "CacheControl": "Cache-Control",
    "ContentMD5": "Content-MD5",
    "StorageClass": "x-amz-storage-class",
    "ACL": "x-amz-acl",
    "Tagging": "x-amz-tagging",
    "ServerSideEncryption": "x-amz-server-side-encryption",
    "SSEKMSKeyId": "x-amz-server-side-encryption-aws-kms-key-id",
    "ChecksumAlgorithm": "x-amz-sdk-checksum-algorithm",
    "ChecksumCRC32": "x-amz-checksum-crc32",
    "ChecksumCRC32C": "x-amz-checksum-crc32c",
    "ChecksumCRC64NVME": "x-amz-checksum-crc64nvme",
    "ChecksumSHA256": "x-amz-checksum-sha256",
}
_GET_HEADERS = {"Range": "Range", "IfMatch": "If-Match"}

# Response headers, named as botocore names them in its parsed responses.
_RESPONSE_FIELDS = {
    "etag": "ETag",
    "content-range": "ContentRange",
    "content-type": "ContentType",
    "x-amz-version-id": "VersionId",
    "x-amz-server-side-encryption": "ServerSideEncryption",
    "x-amz-server-side-encryption-customer-algorithm": "SSECustomerAlgorithm",
    "x-amz-server-side-encryption-aws-kms-key-id": "SSEKMSKeyId",
    "x-amz-checksum-crc32": "ChecksumCRC32",
    "x-amz-checksum-crc32c": "ChecksumCRC32C",
    "x-amz-checksum-crc64nvme": "ChecksumCRC64NVME",
    "x-amz-checksum-sha256": "ChecksumSHA256",
    "x-amz-checksum-type": "ChecksumType",
}
_META_PREFIX = "x-amz-meta-"


class _Unsupported(Exception):
    """This request needs the full client."""


@dataclass(frozen=True)
class _Target:
    base: str  # the URL up to (without) the object key
    region: str  # the signing region botocore chose
    path: str = ""  # the path part of `base`
    host: str = ""  # the Host header: host, and port unless the scheme's default
    direct: DirectHttp | None = None  # None: through botocore's HTTP session
    signer: SigV4Signer | None = None


class SmallObjectRequests:
    """Small-object PutObject/GetObject for one session; thread-safe."""

    def __init__(self, session: S3Session) -> None:
        self._session = session
        self._lock = threading.Lock()
        # (client, bucket) -> target, or None when that bucket always needs the client. The
        # client is kept in the key's tuple so an id is never reused while cached.
        self._targets: dict[tuple[int, str], tuple[Any, _Target | None]] = {}
        connection = session.connection
        self._enabled = connection.signature_version is SignatureVersion.V4
        self._checksum_mode = connection.effective_checksum_policy is ChecksumPolicy.WHEN_SUPPORTED
        self._expect_continue = connection.effective_expect_continue

    def close(self) -> None:
        """Close the connections the requests kept open."""
        with self._lock:
            targets = [target for _, target in self._targets.values() if target is not None]
        for target in targets:
            if target.direct is not None:
                target.direct.close()

    def put_object(self, client: Any, **args: Any) -> dict[str, Any]:
        """`client.put_object(**args)` for a body held in memory; the same response fields."""
        try:
            headers = _put_headers(args)
            body = args["Body"]
            if not isinstance(body, bytes | bytearray | memoryview):
                raise _Unsupported
            if len(body) > EXPECT_SIZE and self._expect_continue:
                raise _Unsupported  # botocore sends these with Expect: 100-continue
            response = self._send(
                client, "PutObject", "PUT", args["Bucket"], args["Key"], headers, body
            )
        except _Unsupported:
            return client.put_object(**args)  # type: ignore[no-any-return]
        if response is None:
            return client.put_object(**args)  # type: ignore[no-any-return]
        return _parse_headers(response.headers)

    def get_object(self, client: Any, **args: Any) -> dict[str, Any]:
        """`client.get_object(**args)`: the response fields and a streaming `Body`."""
        try:
            headers = {}
            for name, value in args.items():
                if name in ("Bucket", "Key"):
                    continue
                if name == "ChecksumMode" and value == "ENABLED":
                    headers["x-amz-checksum-mode"] = "ENABLED"
                elif name in _GET_HEADERS:
                    headers[_GET_HEADERS[name]] = str(value)
                else:
                    raise _Unsupported
            if self._checksum_mode:
                # What botocore adds under this policy; the caller checks what comes back.
                headers["x-amz-checksum-mode"] = "ENABLED"
            response = self._send(
                client, "GetObject", "GET", args["Bucket"], args["Key"], headers, None
            )
        except _Unsupported:
            return client.get_object(**args)  # type: ignore[no-any-return]
        if response is None:
            return client.get_object(**args)  # type: ignore[no-any-return]
        parsed = _parse_headers(response.headers)
        parsed["Body"] = StreamingBody(response.raw, parsed.get("ContentLength"))
        return parsed

    # -- internals ---------------------------------------------------------------------------

    def _send(
        self,
        client: Any,
        operation: str,
        method: str,
        bucket: str,
        key: str,
        headers: dict[str, str],
        body: bytes | bytearray | memoryview | None,
    ) -> Any:
        """The raw response of a successful request, or None when the client must do it."""
        thread_guard.check_before_call()
        target = self._target(client, bucket)
        started, clock = time.time(), time.monotonic()
        status = ""  # stays empty unless a request went out
        response: Any = None
        try:
            if target.direct is not None:
                response, status = self._send_direct(
                    client, target, operation, method, key, headers, body
                )
            else:
                response, status = self._send_pooled(
                    client, target, operation, method, key, headers, body
                )
            return response
        finally:
            if status:  # "" when a before-send handler answered instead of the network
                received = _content_length(response.headers) if response is not None else 0
                self._session.transcript.add(
                    time=started,
                    operation=operation,
                    method=method,
                    bucket=bucket,
                    key=key,
                    status=status,
                    duration=time.monotonic() - clock,
                    sent=len(body) if body is not None else 0,
                    received=received,
                    retry=0,
                )

    def _send_pooled(
        self,
        client: Any,
        target: _Target,
        operation: str,
        method: str,
        key: str,
        headers: dict[str, str],
        body: bytes | bytearray | memoryview | None,
    ) -> tuple[Any, str]:
        """The response (None unless a success) and its status, sent on the client's pool."""
        http_session = botocore_private.client_http_session(client)
        if http_session is None:
            raise _Unsupported
        headers["User-Agent"] = f"Eider/{__version__}"
        request = AWSRequest(
            method=method,
            url=target.base + percent_encode(key, safe="/~"),
            headers=headers,
            data=body,
        )
        request.context["client_config"] = client.meta.config
        credentials = self._session.credentials
        if credentials is not None:
            frozen = credentials.get_frozen_credentials()
            S3SigV4Auth(frozen, "s3", target.region).add_auth(request)
        prepared = request.prepare()
        prepared.stream_output = method == "GET"
        # The client's before-send handlers see the request as for any other call (the
        # session's secret redaction among them); one that answers instead of the network
        # (a test's stub) leaves the request to the client.
        _, answer = client.meta.events.emit_until_response(
            f"before-send.s3.{operation}", request=prepared
        )
        if answer is not None:
            return None, ""
        try:
            response = http_session.send(prepared)
        except BotoCoreError as exc:
            # the client tries again, with its retries and its error messages
            return None, type(exc).__name__
        if not 200 <= response.status_code < 300:
            _discard(response)
            return None, str(response.status_code)
        return response, str(response.status_code)

    def _send_direct(
        self,
        client: Any,
        target: _Target,
        operation: str,
        method: str,
        key: str,
        headers: dict[str, str],
        body: bytes | bytearray | memoryview | None,
    ) -> tuple[Any, str]:
        assert target.direct is not None and target.signer is not None
        encoded = percent_encode(key, safe="/~")
        path = target.path + encoded
        headers["Host"] = target.host
        headers["User-Agent"] = f"Eider/{__version__}"
        if body is not None:
            headers["Content-Length"] = str(len(body))
        credentials = self._session.credentials
        if credentials is not None:
            frozen = credentials.get_frozen_credentials()
            if frozen.token:
                remember_secrets(frozen.token)  # a renewed token is a new secret to redact
            payload = hashlib.sha256(body).hexdigest() if body else EMPTY_SHA256
            target.signer.sign(
                frozen.access_key, frozen.secret_key, frozen.token, method, path, headers, payload
            )
        prepared = AWSPreparedRequest(method, target.base + encoded, headers, body, method == "GET")
        _, answer = client.meta.events.emit_until_response(
            f"before-send.s3.{operation}", request=prepared
        )
        if answer is not None:
            return None, ""
        try:
            response = target.direct.request(method, path, headers, body)
        except (OSError, HTTPException) as exc:
            # the client tries again, with its retries and its error messages
            return None, type(exc).__name__
        if not 200 <= response.status_code < 300 or method != "GET":
            # Read to the end (a PUT's answer has no body worth keeping): the connection is
            # free for the next request only once its answer has been read.
            response.discard()
        if not 200 <= response.status_code < 300:
            return None, str(response.status_code)
        return response, str(response.status_code)

    def direct_http(self, client: Any, bucket: str) -> DirectHttp | None:
        """The worker connections requests to `bucket` go on; None when they go through
        botocore's HTTP session (behind a proxy)."""
        return self._target(client, bucket).direct

    def _target(self, client: Any, bucket: str) -> _Target:
        if not self._enabled or bucket.startswith("arn:") or bucket.endswith("--x-s3"):
            raise _Unsupported
        cache_key = (id(client), bucket)
        with self._lock:
            cached = self._targets.get(cache_key)
        if cached is None:
            target = _learn_target(client, bucket, signed=self._session.credentials is not None)
            if target is not None:
                target = _with_direct_http(target, self._session.connection)
            with self._lock:
                # Threads that learnt it at the same time all use the first one kept: its
                # connections are the ones close() will find.
                target = self._targets.setdefault(cache_key, (client, target))[1]
        else:
            target = cached[1]
        if target is None:
            raise _Unsupported
        return target


def _learn_target(client: Any, bucket: str, signed: bool) -> _Target | None:
    """Where botocore would send a request for `bucket`, and the region it would sign for."""
    url = client.generate_presigned_url(
        "get_object", Params={"Bucket": bucket, "Key": _PROBE_KEY}, ExpiresIn=60
    )
    split = urlsplit(url)
    if not split.path.endswith("/" + _PROBE_KEY):
        return None
    base = urlunsplit((split.scheme, split.netloc, split.path[: -len(_PROBE_KEY)], "", ""))
    region = client.meta.region_name or "us-east-1"
    if signed:
        credential = parse_qs(split.query).get("X-Amz-Credential", [""])[0].split("/")
        if len(credential) != 5 or credential[3] != "s3":
            return None  # not SigV4 for S3: leave it to the client
        region = credential[2]
    return _Target(base, region)


def _with_direct_http(target: _Target, connection: Connection) -> _Target:
    """The target with its own connections, unless a proxy is in the way."""
    split = urlsplit(target.base)
    if connection.proxy or get_environ_proxies(target.base).get(split.scheme):
        return target  # as botocore decides whether a request goes through a proxy
    if connection.pinned_certificate:
        return target  # the client's pools check the pinned certificate on every connection
    if split.scheme not in ("http", "https") or not split.hostname:
        return target
    default_port = 443 if split.scheme == "https" else 80
    host = split.hostname if ":" not in split.hostname else f"[{split.hostname}]"
    if split.port is not None and split.port != default_port:
        host = f"{host}:{split.port}"
    try:
        context = _ssl_context(connection) if split.scheme == "https" else None
    except (OSError, ValueError):
        return target  # an unreadable CA bundle: the client says so in its own words
    direct = DirectHttp(
        split.scheme,
        split.hostname,
        split.port,
        connection.connect_timeout,
        connection.read_timeout,
        context,
    )
    return _Target(target.base, target.region, split.path, host, direct, SigV4Signer(target.region))


def _ssl_context(connection: Connection) -> ssl.SSLContext:
    """What botocore's HTTP session would use: its context, the same certificate checks."""
    context: ssl.SSLContext = create_urllib3_context()
    if not connection.verify_tls:
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        return context
    context.verify_mode = ssl.CERT_REQUIRED
    context.check_hostname = True
    where = get_cert_path(connection.ca_bundle or True)
    if Path(where).is_dir():
        context.load_verify_locations(capath=where)
    else:
        context.load_verify_locations(cafile=where)
    return context


def _put_headers(args: dict[str, Any]) -> dict[str, str]:
    headers: dict[str, str] = {}
    for name, value in args.items():
        if name in ("Bucket", "Key", "Body"):
            continue
        if name == "Metadata":
            for meta_name, meta_value in value.items():
                text = f"{meta_name}{meta_value}"
                if not text.isascii() or not text.isprintable():
                    raise _Unsupported  # botocore's encoding rules apply
                headers[_META_PREFIX + meta_name] = meta_value
        elif name in _PUT_HEADERS and isinstance(value, str):
            headers[_PUT_HEADERS[name]] = value
        else:
            raise _Unsupported
    return headers


def _parse_headers(headers: Any) -> dict[str, Any]:
    parsed: dict[str, Any] = {}
    metadata: dict[str, str] = {}
    for name, value in headers.items():
        lower = name.lower()
        if lower.startswith(_META_PREFIX):
            metadata[lower[len(_META_PREFIX) :]] = value
        elif lower in _RESPONSE_FIELDS:
            parsed[_RESPONSE_FIELDS[lower]] = value
        elif lower == "content-length":
            parsed["ContentLength"] = int(value)
        elif lower == "last-modified":
            parsed["LastModified"] = _parse_date(value)
    parsed["Metadata"] = metadata
    return parsed


def _parse_date(value: str) -> Any:
    try:
        return parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return value


def _content_length(headers: Any) -> int:
    try:
        return int(headers.get("content-length") or headers.get("Content-Length") or 0)
    except (TypeError, ValueError):
        return 0


def _discard(response: Any) -> None:
    close: Callable[[], None] | None = getattr(response.raw, "close", None)
    try:
        response.raw.read()
    except Exception:  # an error answer's body is not needed, only the socket back
        if close is not None:
            close()
