"""Object addresses: plain URLs (path-style and virtual-host), s3:// URIs, pre-signed URLs."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import IntEnum, StrEnum
from typing import Any
from urllib.parse import quote

from botocore.credentials import Credentials

from app.core.connection import DEFAULT_AWS_HOST, Connection, SignatureVersion
from app.core.explained import ExplainedError
from app.core.s3 import botocore_private
from app.core.s3.bucket_names import is_valid_bucket_name
from app.core.s3.session import S3Session
from app.core.sse_c.plain_http import is_loopback
from app.core.sse_c.presign_headers import SseCHeaders

SIGV4_MAX_EXPIRY = 604_800  # seconds: 7 days, a limit of Signature Version 4


class UrlStyle(StrEnum):
    PATH = "path"
    VIRTUAL = "virtual"


class Expiry(IntEnum):
    """The expiry choices offered; any other number of seconds is a custom expiry."""

    HOUR = 3_600
    DAY = 86_400
    WEEK = SIGV4_MAX_EXPIRY


class Method(StrEnum):
    GET = "GET"  # download
    PUT = "PUT"  # upload


class PresignRefused(ValueError, ExplainedError):
    """Eider will not issue this URL; the message says why."""


@dataclass(frozen=True)
class PresignedUrl:
    url: str  # a bearer secret: whoever holds it can use it until it expires
    method: Method
    bucket: str
    key: str
    created: datetime
    expires: datetime
    access_key_id: str | None
    endpoint: str
    warnings: tuple[str, ...] = field(default=())
    # Headers whoever uses the URL must send (SSE-C), as shown: the key is named, not printed.
    headers: tuple[tuple[str, str], ...] = field(default=())


def s3_uri(bucket: str, key: str = "") -> str:
    return f"s3://{bucket}/{key}"


def _quote_key(key: str) -> str:
    return quote(key, safe="/~")


def _aws_host(connection: Connection, region: str) -> str:
    if connection.host != DEFAULT_AWS_HOST:
        return connection.host
    return DEFAULT_AWS_HOST if region == "us-east-1" else f"s3.{region}.amazonaws.com"


def virtual_host_problem(connection: Connection, bucket: str) -> str | None:
    """Why the bucket cannot be addressed as `bucket.host`, or None when it can."""
    if not is_valid_bucket_name(bucket):
        return f"'{bucket}' is not a DNS-compatible bucket name."
    if "." in bucket and connection.scheme.value == "https":
        return (
            f"'{bucket}' contains dots, which the server's TLS certificate cannot cover as a "
            "host name."
        )
    try:
        ipaddress.ip_address(connection.host)
    except ValueError:
        return None
    return f"The endpoint {connection.host} is an IP address; it has no sub-domains for buckets."


def object_url(
    connection: Connection,
    bucket: str,
    key: str = "",
    style: UrlStyle = UrlStyle.PATH,
    region: str | None = None,
) -> str:
    """The plain (unsigned) URL of an object; it works only for public objects.

    `region` is the bucket's region where the connection is AWS's global endpoint (the session's
    `bucket_region`); other endpoints ignore it. Raises ValueError for a virtual-host URL the
    bucket or endpoint cannot have.
    """
    region = region or connection.region
    host = _aws_host(connection, region) if connection.is_aws else connection.host
    if ":" in host:
        host = f"[{host}]"
    port = f":{connection.port}" if connection.port else ""
    scheme = connection.scheme.value
    if style is UrlStyle.VIRTUAL:
        problem = virtual_host_problem(connection, bucket)
        if problem:
            raise ValueError(problem + " Use the path-style URL instead.")
        return f"{scheme}://{bucket}.{host}{port}/{_quote_key(key)}"
    return f"{scheme}://{host}{port}/{bucket}/{_quote_key(key)}"


def expiry_problem(connection: Connection, expires_in: int) -> str | None:
    if expires_in <= 0:
        return "The expiry must be at least one second."
    if connection.signature_version is SignatureVersion.V4 and expires_in > SIGV4_MAX_EXPIRY:
        return (
            f"Signature Version 4 URLs last at most 7 days (604,800 seconds); "
            f"{expires_in:,} seconds were asked for. Choose 7 days or less."
        )
    return None


def credential_expiry(credentials: Credentials | None) -> datetime | None:
    """When temporary (STS/SSO) credentials stop working; None for long-term or unknown."""
    expiry = botocore_private.expiry_time(credentials)
    if expiry is None:
        return None
    return expiry if expiry.tzinfo else expiry.replace(tzinfo=UTC)


def presign(
    session: S3Session,
    bucket: str,
    key: str,
    method: Method,
    expires_in: int,
    content_type: str | None = None,
    now: datetime | None = None,
    sse_c: SseCHeaders | None = None,
) -> PresignedUrl:
    """A pre-signed download (GET) or upload (PUT) URL valid for `expires_in` seconds.

    Refuses (PresignRefused) an anonymous connection and an expiry the signature version cannot
    honour. Warns when the signing credentials expire before the URL would. A PUT URL signed
    with `content_type` only accepts uploads sending that Content-Type.
    """
    connection = session.connection
    credentials = session.credentials
    if credentials is None:
        raise PresignRefused(
            "This connection is anonymous: there are no keys to sign a URL with. Copy the plain "
            "URL instead (it works only for public objects)."
        )
    problem = expiry_problem(connection, expires_in)
    if problem:
        raise PresignRefused(problem)
    if sse_c is not None and connection.signature_version is not SignatureVersion.V4:
        raise PresignRefused(
            "A pre-signed URL for an SSE-C object needs Signature Version 4: older signatures "
            "would write the customer key into the URL itself."
        )
    now = now or datetime.now(UTC)
    expires = now + timedelta(seconds=expires_in)
    warnings: list[str] = []
    cred_expiry = credential_expiry(credentials)
    if cred_expiry is not None and cred_expiry < expires:
        warnings.append(
            "The temporary credentials that sign this URL expire at "
            f"{cred_expiry:%Y-%m-%d %H:%M} UTC; the URL stops working then, before the "
            f"{expires:%Y-%m-%d %H:%M} UTC you asked for."
        )
    elif cred_expiry is None and credentials.token:
        warnings.append(
            "This URL is signed with temporary credentials (a session token); it stops working "
            "when they expire, which may be before the expiry you chose."
        )
    params: dict[str, Any] = {"Bucket": bucket, "Key": key}
    if method is Method.PUT and content_type:
        params["ContentType"] = content_type
    if sse_c is not None:
        params.update(sse_c.params)
        if connection.scheme.value == "http" and not is_loopback(connection.host):
            warnings.append(
                "This connection is plain HTTP: whoever uses the URL would send the SSE-C key "
                "unencrypted. Use an https:// endpoint."
            )
    operation = "get_object" if method is Method.GET else "put_object"
    client = session.client_for_bucket(bucket)
    url = client.generate_presigned_url(operation, Params=params, ExpiresIn=expires_in)
    return PresignedUrl(
        url=url,
        method=method,
        bucket=bucket,
        key=key,
        created=now,
        expires=expires,
        access_key_id=credentials.access_key,
        endpoint=connection.endpoint_url or f"https://{connection.host}",
        warnings=tuple(warnings),
        headers=tuple(sse_c.shown()) if sse_c is not None else (),
    )
