"""The S3 session layer: one object per open connection, owning its botocore clients.

Every method blocks (boto3 does); the GUI calls them through executors. botocore clients are
thread-safe once created, so one session serves many worker threads; client creation itself is
serialised because botocore sessions are not.
"""

from __future__ import annotations

import logging
import threading
import warnings
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import botocore.session
from botocore import UNSIGNED
from botocore.config import Config
from botocore.credentials import CredentialProvider, CredentialResolver, Credentials
from botocore.exceptions import ClientError
from botocore.loaders import create_loader
from urllib3.exceptions import InsecureRequestWarning

from app import __version__
from app.core.connection import AddressingStyle, Connection
from app.core.credentials.resolve import MfaPrompt, resolve
from app.core.errors.redact import remember_secrets
from app.core.s3 import botocore_private, thread_guard
from app.core.s3.implausible_answers import MAX_WHOLE_ANSWER, RepeatGuard, answer_too_large
from app.core.s3.listing_parser import ListingAwareParserFactory, check_listings_cheaply
from app.core.s3.transcript import Transcript, TranscriptRecorder, process_transcript
from app.core.sse_c.plain_http import refuse_plain_http
from app.core.tls_pinning import normalised

_log = logging.getLogger(__name__)
_REGION_ALIASES = {None: "us-east-1", "": "us-east-1", "EU": "eu-west-1", "US": "us-east-1"}


class BucketInfo(NamedTuple):
    name: str
    created: Any  # datetime, or None for a scoped bucket that could not be listed
    region: str | None = None


class ObjectEntry(NamedTuple):
    """One listed object. A tuple, not a dict: listings hold hundreds of thousands of these."""

    key: str
    size: int
    last_modified: str  # raw ISO 8601 text from the listing; parse only what is shown
    etag: str
    storage_class: str


@dataclass(frozen=True)
class ListingPage:
    bucket: str
    prefix: str
    folders: tuple[str, ...]  # common prefixes, each ending with the delimiter
    objects: Sequence[ObjectEntry]
    is_last: bool
    next_token: str | None = None  # where the next page starts (None on the last page)


class _FixedCredentialProvider(CredentialProvider):  # type: ignore[misc]
    METHOD = "eider"
    CANONICAL_NAME = "Eider"

    def __init__(self, credentials: Credentials) -> None:
        super().__init__()
        self._credentials = credentials

    def load(self) -> Credentials:
        return self._credentials


def _normalise_region(location: str | None) -> str:
    return _REGION_ALIASES.get(location, location or "us-east-1")


class S3Session:
    def __init__(
        self,
        connection: Connection,
        mfa_prompt: MfaPrompt | None = None,
        *,
        credentials: Credentials | None = None,
        transcript: Transcript | None = None,
    ) -> None:
        """`credentials`, when given, are used as they are instead of being resolved from
        the connection's credential source (a listing process gets them from its parent).
        Every request is recorded in `transcript` (the process's by default)."""
        self.connection = connection
        self.transcript = transcript if transcript is not None else process_transcript()
        self._lock = threading.Lock()
        self._credentials = credentials or resolve(connection.credentials, mfa_prompt)
        if self._credentials is not None:
            # Read as held: renewing short-lived keys only to register them for redaction
            # would cost a round trip to STS or IMDS.
            remember_secrets(*botocore_private.secrets_as_held(self._credentials))
        # One loader for both botocore sessions: the S3 model is read and parsed once (about
        # a tenth of a second), not once per kind of client.
        self._loader = create_loader()
        # Made with the first client that needs each (a botocore session registers some 250
        # handlers): `eider ls` only ever needs the raw-timestamp one.
        self._botocore_sessions: dict[bool, botocore.session.Session] = {}
        self._clients: dict[tuple[str, bool], Any] = {}
        self._service_clients: dict[tuple[str, str], Any] = {}
        self._bucket_regions: dict[str, str] = {}

    @property
    def credentials(self) -> Credentials | None:
        """The signing credentials (None when anonymous): pre-signed URLs check their expiry."""
        return self._credentials

    # -- clients -----------------------------------------------------------------------------

    def _botocore_session(self, raw_timestamps: bool) -> botocore.session.Session:
        """Call with `_lock` held (botocore sessions are not thread-safe)."""
        session = self._botocore_sessions.get(raw_timestamps)
        if session is None:
            session = self._new_botocore_session(raw_timestamps)
            self._botocore_sessions[raw_timestamps] = session
        return session

    def _new_botocore_session(self, raw_timestamps: bool) -> botocore.session.Session:
        session = botocore.session.Session()
        session.set_config_variable("credentials_file", "/dev/null")
        session.set_config_variable("config_file", "/dev/null")
        session.register_component("data_loader", self._loader)
        if self._credentials is not None:
            resolver = CredentialResolver(providers=[_FixedCredentialProvider(self._credentials)])
            session.register_component("credential_provider", resolver)
        if raw_timestamps:
            # Parsing each key's LastModified is over half of botocore's listing cost.
            factory = ListingAwareParserFactory()
            factory.set_parser_defaults(timestamp_parser=lambda value: value)
            session.register_component("response_parser_factory", factory)
            check_listings_cheaply(session)
        session.register("before-call.s3", thread_guard.check_before_call)
        session.register("before-call.s3", refuse_plain_http)
        session.register("before-send.s3", _remember_secret_headers)
        expect_header = botocore_private.expect_header_handler()
        if not self.connection.effective_expect_continue and expect_header is not None:
            session.unregister("before-call.s3", expect_header)
        session.register("after-call.s3", self._learn_redirected_region)
        TranscriptRecorder(self.transcript).register(session)
        events = session.get_component("event_emitter")
        events.register_first("needs-retry.s3", _stop_blind_redirects)
        return session

    def _learn_redirected_region(self, context: dict[str, Any], **_: Any) -> None:
        """botocore follows a region redirect inside one call; keep the region it found."""
        found = botocore_private.redirected_bucket_region(context)
        if found is not None:
            bucket, region = found
            self._bucket_regions[bucket] = region

    def _config(self, region: str) -> Config:
        conn = self.connection
        s3_config: dict[str, Any] = {}
        if conn.addressing_style is not AddressingStyle.AUTO:
            s3_config["addressing_style"] = conn.addressing_style.value
        policy = conn.effective_checksum_policy.value
        kwargs: dict[str, Any] = {
            "region_name": region,
            "signature_version": UNSIGNED
            if self._credentials is None
            else conn.signature_version.value,
            "s3": s3_config,
            "connect_timeout": conn.connect_timeout,
            "read_timeout": conn.read_timeout,
            # total_max_attempts counts the first try; botocore's "max_attempts" would not.
            "retries": {"total_max_attempts": conn.max_attempts, "mode": "standard"},
            "max_pool_connections": conn.max_pool_connections,
            "request_checksum_calculation": policy,
            "response_checksum_validation": policy,
            "user_agent_appid": f"Eider-{__version__}",
            "tcp_keepalive": True,
        }
        if conn.proxy:
            kwargs["proxies"] = {"http": conn.proxy, "https": conn.proxy}
        return Config(**kwargs)

    def client(self, region: str | None = None, raw_timestamps: bool = False) -> Any:
        """A botocore S3 client for `region` (the connection's own by default)."""
        region = region or self.connection.region
        cache_key = (region, raw_timestamps)
        with self._lock:
            client = self._clients.get(cache_key)
            if client is None:
                source = self._botocore_session(raw_timestamps)
                conn = self.connection
                verify: bool | str = conn.ca_bundle or True if conn.verify_tls else False
                if conn.pinned_certificate:
                    verify = False  # no CA decides: the pinned fingerprint is checked instead
                elif verify is False:
                    # The user switched verification off for this host and the UI flags it;
                    # urllib3 would otherwise warn on every request.
                    _log.warning("TLS certificate verification is off for %s", conn.host)
                    warnings.simplefilter("ignore", InsecureRequestWarning)
                client = source.create_client(
                    "s3",
                    region_name=region,
                    endpoint_url=conn.endpoint_url,
                    verify=verify,
                    config=self._config(region),
                )
                if conn.pinned_certificate:
                    _pin(client, conn.pinned_certificate)
                _cap(client)
                self._clients[cache_key] = client
            return client

    def service_client(self, service: str, region: str | None = None) -> Any:
        """A client of another AWS service (KMS, ...) with the connection's credentials, region
        and endpoint (an S3-compatible server that emulates it serves it there too; on AWS
        botocore picks the service's own endpoint). One per service and region."""
        region = region or self.connection.region
        conn = self.connection
        with self._lock:
            client = self._service_clients.get((service, region))
            if client is None:
                pinned = conn.pinned_certificate
                client = self._botocore_session(raw_timestamps=False).create_client(
                    service,
                    region_name=region,
                    endpoint_url=conn.endpoint_url,
                    verify=conn.ca_bundle or True if conn.verify_tls and not pinned else False,
                    config=self._config(region),
                )
                if pinned:
                    _pin(client, pinned)
                _cap(client)
                self._service_clients[(service, region)] = client
            return client

    def client_for_bucket(self, bucket: str, raw_timestamps: bool = False) -> Any:
        return self.client(self.bucket_region(bucket), raw_timestamps)

    # -- bucket region -------------------------------------------------------------------------

    def bucket_region(self, bucket: str) -> str:
        """The bucket's region, looked up once and cached.

        Only AWS is asked; other providers get the connection's region unless one of their
        answers already named the bucket's region (a redirect followed in `call`).
        """
        cached = self._bucket_regions.get(bucket)
        if cached:
            return cached
        if not self.connection.is_aws:
            return self.connection.region
        region = self._discover_region(bucket)
        self._bucket_regions[bucket] = region
        return region

    def remember_bucket_region(self, bucket: str, region: str) -> None:
        self._bucket_regions[bucket] = region

    def _discover_region(self, bucket: str) -> str:
        try:
            return self.get_bucket_location(bucket)
        except ClientError as exc:
            header = _region_header(exc)
            if header:
                return header
            # GetBucketLocation needs its own permission; HeadBucket names the region anyway.
            try:
                response = self.client().head_bucket(Bucket=bucket)
            except ClientError as head_exc:
                header = _region_header(head_exc)
                if header:
                    return header
                raise exc from None
            region: str = response["ResponseMetadata"]["HTTPHeaders"].get(
                "x-amz-bucket-region", self.connection.region
            )
            return region

    def get_bucket_location(self, bucket: str) -> str:
        response = self.client().get_bucket_location(Bucket=bucket)
        return _normalise_region(response.get("LocationConstraint"))

    # -- operations ------------------------------------------------------------------------------

    def call(self, bucket: str, operation: Callable[..., Any], raw: bool = False) -> Any:
        """Run `operation(client)` against the bucket's region.

        If the server says the bucket lives elsewhere, remember that region and retry there once.
        """
        client = self.client_for_bucket(bucket, raw)
        try:
            return operation(client)
        except ClientError as exc:
            region = _region_header(exc)
            if not region or region == client.meta.region_name or not _is_region_error(exc):
                raise
            self._bucket_regions[bucket] = region
            return operation(self.client(region, raw))

    def list_buckets(self) -> list[BucketInfo]:
        if self.connection.bucket:
            return [BucketInfo(self.connection.bucket, None)]
        response = self.client().list_buckets()
        return [
            BucketInfo(b["Name"], b.get("CreationDate"), b.get("BucketRegion"))
            for b in response.get("Buckets", [])
        ]

    def list_prefix(
        self,
        bucket: str,
        prefix: str = "",
        delimiter: str | None = "/",
        max_keys: int | None = None,
        start_token: str | None = None,
    ) -> Iterator[ListingPage]:
        """Yield pages of a listing lazily: nothing is requested until a page is asked for.

        `start_token` resumes a listing at a page's `next_token`."""
        page_size = max_keys or self.connection.max_keys
        token = start_token
        repeats = RepeatGuard(bucket, prefix)
        while True:
            params: dict[str, Any] = {"Bucket": bucket, "Prefix": prefix, "MaxKeys": page_size}
            if delimiter:
                params["Delimiter"] = delimiter
            if token:
                params["ContinuationToken"] = token
            response = self.call(bucket, lambda c, p=params: c.list_objects_v2(**p), raw=True)
            objects = tuple(
                ObjectEntry(
                    o["Key"],
                    o.get("Size", 0),
                    o.get("LastModified", ""),
                    o.get("ETag", ""),
                    o.get("StorageClass", "STANDARD"),
                )
                for o in response.get("Contents", ())
            )
            folders = tuple(p["Prefix"] for p in response.get("CommonPrefixes", ()))
            token = response.get("NextContinuationToken")
            last = not response.get("IsTruncated") or not token
            if not last:
                repeats.check(token)
            yield ListingPage(bucket, prefix, folders, objects, last, None if last else token)
            if last:
                return

    def head_object(self, bucket: str, key: str, version_id: str | None = None) -> dict[str, Any]:
        params: dict[str, Any] = {"Bucket": bucket, "Key": key}
        if version_id:
            params["VersionId"] = version_id
        head: dict[str, Any] = self.call(bucket, lambda c: c.head_object(**params))
        return head

    def head_bucket(self, bucket: str) -> dict[str, Any]:
        head: dict[str, Any] = self.call(bucket, lambda c: c.head_bucket(Bucket=bucket))
        return head


_REGION_ERROR_CODES = {
    "PermanentRedirect",
    "TemporaryRedirect",
    "AuthorizationHeaderMalformed",
    "IllegalLocationConstraintException",
    "301",
    "307",
    "400",  # a HEAD signed for the wrong region: no body, only the region header
}


def _cap(client: Any) -> None:
    if not botocore_private.cap_whole_answers(client, MAX_WHOLE_ANSWER, answer_too_large):
        _log.warning("This botocore's HTTP session cannot be wrapped: answers are not capped")


def _pin(client: Any, fingerprint: str) -> None:
    if not botocore_private.pin_certificate(client, normalised(fingerprint)):
        # Never fall back to an unverified connection.
        raise RuntimeError("This botocore cannot check a pinned certificate; Eider refuses it")


def _stop_blind_redirects(request_dict: dict[str, Any], response: Any, **_: Any) -> None:
    """Keep botocore from chasing a redirect that names no region.

    botocore answers such a redirect by asking HeadBucket for the region; when that HEAD is
    redirected the same way (an http→https redirect, a misrouted endpoint) it asks again, and
    again, until RecursionError. Marking the request as already redirected lets the error
    through, for `errors.describe` to explain.
    """
    if response is None:
        return
    http_response, parsed = response
    status = getattr(http_response, "status_code", None)
    code = parsed.get("Error", {}).get("Code")
    if status not in (301, 302, 307) and code != "PermanentRedirect":
        return
    headers = parsed.get("ResponseMetadata", {}).get("HTTPHeaders", {})
    if headers.get("x-amz-bucket-region") or parsed.get("Error", {}).get("Region"):
        return
    botocore_private.mark_redirect_followed(request_dict)


def _is_region_error(exc: ClientError) -> bool:
    """Only these mean "wrong region"; other errors may carry the region header too."""
    response = exc.response or {}
    status = response.get("ResponseMetadata", {}).get("HTTPStatusCode")
    return response.get("Error", {}).get("Code") in _REGION_ERROR_CODES or status in (301, 307)


def _region_header(exc: ClientError) -> str | None:
    response = exc.response or {}
    headers = response.get("ResponseMetadata", {}).get("HTTPHeaders", {})
    region: str | None = headers.get("x-amz-bucket-region")
    if region:
        return region
    error = response.get("Error", {})
    named: str | None = error.get("Region") or None
    return named


_SECRET_HEADERS = (
    "X-Amz-Security-Token",
    "x-amz-server-side-encryption-customer-key",
    "x-amz-copy-source-server-side-encryption-customer-key",
)


def _remember_secret_headers(request: Any, **_: Any) -> None:
    """Register what goes over the wire as a secret (renewed tokens, SSE-C keys) for redaction."""
    headers = request.headers
    values = [headers.get(name) for name in _SECRET_HEADERS]
    if any(values):
        remember_secrets(*(v.decode() if isinstance(v, bytes) else v for v in values))
