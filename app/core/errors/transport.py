"""Errors before or instead of an S3 answer: TLS, DNS, refused, timeouts, drops, local files."""

from __future__ import annotations

import errno
import http.client
import re
import socket
import ssl
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from botocore import exceptions as bce
from urllib3 import exceptions as u3

from app.core.errors.model import ErrorKind, Remedy, UserError

_DNS_WORDS = (
    "name or service not known",
    "nodename nor servname",
    "temporary failure in name resolution",
    "getaddrinfo failed",
    "no address associated",
    "failed to resolve",
)
_DROP_TYPES: tuple[type[BaseException], ...] = (
    ConnectionResetError,
    ConnectionAbortedError,
    BrokenPipeError,
    http.client.RemoteDisconnected,
    http.client.IncompleteRead,
    u3.ProtocolError,
    u3.IncompleteRead,
)
# An answer whose HTTP framing is broken: two different Content-Lengths, a header line too
# long. (Not BadStatusLine: RemoteDisconnected, a dropped connection, is one.)
MALFORMED_HTTP: tuple[type[BaseException], ...] = (u3.InvalidHeader, http.client.LineTooLong)


def chain(exc: BaseException) -> Iterator[BaseException]:
    """`exc` and everything it wraps: botocore's `error=`, urllib3's `reason`, causes, args."""
    seen: set[int] = set()
    todo = [exc]
    while todo:
        current = todo.pop(0)
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        wrapped = [
            getattr(current, "kwargs", {}).get("error")
            if isinstance(getattr(current, "kwargs", None), dict)
            else None,
            getattr(current, "reason", None),
            current.__cause__,
            current.__context__,
            *(a for a in getattr(current, "args", ()) if isinstance(a, BaseException)),
        ]
        todo.extend(w for w in wrapped if isinstance(w, BaseException))


def _endpoint(exc: BaseException) -> tuple[str | None, str]:
    """(host, "host:port") of the failed request, taken from the URL botocore reports."""
    for item in chain(exc):
        kwargs = getattr(item, "kwargs", None)
        url = (
            kwargs.get("endpoint_url") or kwargs.get("proxy_url")
            if isinstance(kwargs, dict)
            else None
        )
        if url:
            parts = urlsplit(str(url))
            if parts.hostname:
                port = f":{parts.port}" if parts.port else ""
                return parts.hostname, f"{parts.hostname}{port}"
        host = getattr(item, "host", None)  # urllib3 pool errors name the host
        pool = getattr(item, "pool", None)
        if host is None and pool is not None:
            host = getattr(pool, "host", None)
        if isinstance(host, str) and host:
            pool_port = getattr(item, "port", None) or getattr(pool, "port", None)
            return host, f"{host}:{pool_port}" if pool_port else host
    return None, "the server"


def _text(exc: BaseException) -> str:
    return " ".join(str(item) for item in chain(exc)).lower()


def describe_transport_error(
    exc: BaseException, operation: str, bucket: str, key: str
) -> UserError | None:
    host, where = _endpoint(exc)
    everything = list(chain(exc))
    text = _text(exc)
    name = type(exc).__name__

    make = _Maker(name, operation, host)

    if isinstance(exc, bce.ProxyConnectionError) or any(
        isinstance(e, u3.ProxyError) for e in everything
    ):
        return make(
            ErrorKind.PROXY,
            f"Eider could not get through the proxy at {where}.",
            "Check the proxy address, port and login in the connection settings, or turn the "
            "proxy off.",
            retryable=True,
        )
    tls = _tls(exc, everything, text, where, make)
    if tls is not None:
        return tls
    if any(isinstance(e, u3.NameResolutionError | socket.gaierror) for e in everything) or any(
        w in text for w in _DNS_WORDS
    ):
        if bucket and host and host.lower().startswith(f"{bucket.lower()}."):
            server = host[len(bucket) + 1 :]
            return make(
                ErrorKind.DNS_VIRTUAL_HOST,
                f"The host name {host} does not exist: Eider put bucket '{bucket}' in front of "
                f"{server} (virtual-host addressing), and this provider does not give each "
                "bucket its own name.",
                "Switch the connection's addressing style to path style.",
                remedy=Remedy.USE_PATH_STYLE,
            )
        return make(
            ErrorKind.DNS,
            f"The host name {host or where} could not be found.",
            "Check the spelling of the host in the connection settings and that this computer "
            "is online (and on the VPN, for a private server).",
            remedy=Remedy.CHECK_ENDPOINT,
        )
    if any(isinstance(e, ConnectionRefusedError) for e in everything) or (
        "connection refused" in text or f"[errno {errno.ECONNREFUSED}]" in text
    ):
        return make(
            ErrorKind.CONNECTION_REFUSED,
            f"Nothing is accepting connections at {where} (connection refused).",
            "Check the host, port and scheme (http/https) in the connection settings, and that "
            "the server is running.",
            remedy=Remedy.CHECK_ENDPOINT,
        )
    # urllib3 2 makes NewConnectionError (refused, DNS) a ConnectTimeoutError subclass.
    if isinstance(exc, bce.ConnectTimeoutError) or any(
        isinstance(e, u3.ConnectTimeoutError) and not isinstance(e, u3.NewConnectionError)
        for e in everything
    ):
        return make(
            ErrorKind.CONNECT_TIMEOUT,
            f"{where} did not accept a connection in time{_timeout_words(text)}.",
            "Check the host and port, and that a firewall or VPN is not blocking the way; raise "
            "the connect timeout for slow networks.",
            retryable=True,
            remedy=Remedy.CHECK_ENDPOINT,
        )
    if isinstance(exc, bce.ReadTimeoutError) or any(
        isinstance(e, u3.ReadTimeoutError | TimeoutError | socket.timeout) for e in everything
    ):
        return make(
            ErrorKind.READ_TIMEOUT,
            f"{where} accepted the connection but did not answer in time{_timeout_words(text)}.",
            "Try again; if the server is slow for large listings or copies, raise the read "
            "timeout in the connection settings.",
            retryable=True,
            remedy=Remedy.RETRY_LATER,
        )
    if isinstance(exc, bce.ConnectionClosedError | bce.ResponseStreamingError) or any(
        isinstance(e, _DROP_TYPES) for e in everything
    ):
        return make(
            ErrorKind.CONNECTION_DROPPED,
            f"The connection to {where} was cut off in the middle of the request.",
            "Try again; if it keeps happening, a proxy or an unstable network is the likely cause.",
            retryable=True,
            remedy=Remedy.RETRY_LATER,
        )
    if isinstance(exc, bce.EndpointConnectionError | bce.ConnectionError):
        return make(
            ErrorKind.CONNECTION_REFUSED,
            f"Eider could not connect to {where}.",
            "Check the host, port and scheme in the connection settings, and that this computer "
            "is online.",
            remedy=Remedy.CHECK_ENDPOINT,
        )
    return None


@dataclass(frozen=True)
class _Maker:
    code: str
    operation: str
    host: str | None

    def __call__(self, kind: ErrorKind, message: str, fix: str, **extra: Any) -> UserError:
        return UserError(
            kind, message, fix, code=self.code, operation=self.operation, host=self.host, **extra
        )


def _tls(
    exc: BaseException, everything: list[BaseException], text: str, where: str, build: _Maker
) -> UserError | None:
    is_tls = isinstance(exc, bce.SSLError) or any(
        isinstance(e, ssl.SSLError | u3.SSLError) for e in everything
    )
    if not is_tls:
        return None
    if any(
        isinstance(e, FileNotFoundError | IsADirectoryError | PermissionError) for e in everything
    ):
        return build(
            ErrorKind.CA_BUNDLE_UNREADABLE,
            "The CA bundle file set for this connection cannot be read (missing or not "
            "accessible).",
            "Choose an existing PEM file with the CA certificate(s) in the connection's TLS "
            "settings, or clear the field to use the system's trusted CAs.",
            remedy=Remedy.SET_CA_BUNDLE,
        )
    changed = _FINGERPRINTS.search(text)
    if changed is not None:
        return build(
            ErrorKind.TLS_CERTIFICATE,
            f"The TLS certificate of {where} is not the one trusted for this connection: its "
            f"SHA-256 fingerprint is {_colons(changed['got'])}, the trusted one "
            f"{_colons(changed['expected'])}. Eider did not connect.",
            "If the server's certificate was replaced on purpose, check the new fingerprint "
            "with whoever runs it, then trust it again; otherwise someone may be intercepting "
            "the connection.",
            remedy=Remedy.SET_CA_BUNDLE,
        )
    verify = next((e for e in everything if isinstance(e, ssl.SSLCertVerificationError)), None)
    if verify is not None or "certificate_verify_failed" in text:
        reason = (getattr(verify, "verify_message", "") or "").lower() or text
        return build(
            ErrorKind.TLS_CERTIFICATE,
            f"The TLS certificate of {where} is not trusted: {_certificate_reason(reason)}.",
            f"If {where} is yours, set its CA certificate (PEM) as the connection's CA bundle. "
            "Only on a network you trust, you may instead turn certificate verification off.",
            remedy=Remedy.SET_CA_BUNDLE,
        )
    if "wrong_version_number" in text or "record layer failure" in text or "http_request" in text:
        return build(
            ErrorKind.TLS_NOT_SPOKEN,
            f"{where} did not answer in TLS: it looks like a plain-HTTP port.",
            "Switch the connection's scheme to http, or use the server's HTTPS port.",
            remedy=Remedy.CHECK_ENDPOINT,
        )
    return build(
        ErrorKind.TLS_CERTIFICATE,
        f"The secure (TLS) connection to {where} failed.",
        "Check that the server speaks HTTPS on this port with a current TLS version, and the "
        "connection's CA bundle.",
        remedy=Remedy.SET_CA_BUNDLE,
    )


# urllib3's words when a pinned fingerprint (assert_fingerprint) does not match
_FINGERPRINTS = re.compile(
    r'fingerprints did not match\. expected "(?P<expected>[0-9a-f:]+)", got "(?P<got>[0-9a-f:]+)"'
)


def _colons(hex_digits: str) -> str:
    digits = hex_digits.replace(":", "").upper()
    return ":".join(digits[i : i + 2] for i in range(0, len(digits), 2))


def _certificate_reason(reason: str) -> str:
    if (
        "self-signed certificate in certificate chain" in reason
        or "self signed certificate in" in reason
    ):
        return "it is signed by a private (self-signed) certificate authority"
    if "self-signed" in reason or "self signed" in reason:
        return "it is self-signed"
    if "expired" in reason:
        return "it has expired (or this computer's clock is wrong)"
    if "not yet valid" in reason:
        return "it is not valid yet (or this computer's clock is wrong)"
    if "mismatch" in reason or "doesn't match" in reason:
        return "it was issued for a different host name"
    if "local issuer" in reason or "issuer certificate" in reason:
        return "it was issued by a certificate authority this computer does not know"
    if "revoked" in reason:
        return "it has been revoked"
    return "verification failed"


def _timeout_words(text: str) -> str:
    marker = "timeout="
    at = text.find(marker)
    if at < 0:
        return ""
    value = text[at + len(marker) :].split(")")[0].strip()
    try:
        seconds = float(value)
    except ValueError:
        return ""
    return f" ({seconds:g} s)"


def describe_local_error(exc: OSError, operation: str) -> UserError | None:
    """Errors of the local disk: a file that is gone, not permitted, or a full disk."""
    path = exc.filename
    if path is None:
        return None
    where = f"'{path}'"
    name = type(exc).__name__
    if isinstance(exc, FileNotFoundError):
        return UserError(
            ErrorKind.LOCAL_NOT_FOUND,
            f"The local file or folder {where} does not exist.",
            "It may have been moved or deleted; choose it again.",
            code=name,
            operation=operation,
        )
    if isinstance(exc, PermissionError):
        return UserError(
            ErrorKind.LOCAL_PERMISSION,
            f"This computer does not let Eider use {where} (permission denied).",
            "Choose a folder you can write to, or change the file's permissions.",
            code=name,
            operation=operation,
        )
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return UserError(
            ErrorKind.DISK_FULL,
            f"The disk holding {where} is full.",
            "Free some space or choose another destination, then try again.",
            code=name,
            operation=operation,
            retryable=True,
        )
    return UserError(
        ErrorKind.LOCAL_IO,
        f"Reading or writing {where} failed ({exc.strerror or name}).",
        "Check the disk and the file, then try again.",
        code=name,
        operation=operation,
    )
