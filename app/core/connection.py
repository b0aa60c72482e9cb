"""The connection model: everything needed to reach one S3 endpoint, minus secrets."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from enum import StrEnum

from app.core.credentials.spec import CredentialSpec
from app.core.integrity_policy import IntegrityPolicy

AWS_HOST_RE = re.compile(
    r"^([a-z0-9.-]+\.)?s3([.-](dualstack|fips|accelerate))?([.-][a-z0-9-]+)?(\.vpce)?"
    r"\.amazonaws\.com(\.cn)?$"
)
DEFAULT_AWS_HOST = "s3.amazonaws.com"


class Scheme(StrEnum):
    HTTPS = "https"
    HTTP = "http"


class AddressingStyle(StrEnum):
    AUTO = "auto"  # virtual-host where the bucket name allows it (botocore's rule)
    VIRTUAL = "virtual"
    PATH = "path"


class SignatureVersion(StrEnum):
    V4 = "s3v4"
    V2 = "s3"  # legacy HMAC-SHA1, for old providers only


class ChecksumPolicy(StrEnum):
    """When botocore adds request checksums (CRC32 etc.) to uploads.

    `WHEN_REQUIRED` only sends them where the API demands one; many S3-compatible providers
    reject the headers newer botocore sends by default.
    """

    WHEN_SUPPORTED = "when_supported"
    WHEN_REQUIRED = "when_required"


@dataclass(frozen=True)
class Connection:
    host: str = DEFAULT_AWS_HOST
    scheme: Scheme = Scheme.HTTPS
    port: int | None = None
    region: str = "us-east-1"
    addressing_style: AddressingStyle = AddressingStyle.AUTO
    signature_version: SignatureVersion = SignatureVersion.V4
    verify_tls: bool = True
    ca_bundle: str | None = None
    # SHA-256 of the one certificate trusted for this connection (a bookmark's pin), 64 hex
    # digits; then that certificate is accepted, and no other, whatever CAs say.
    pinned_certificate: str | None = None
    connect_timeout: float = 30.0
    read_timeout: float = 60.0
    max_attempts: int = 5
    proxy: str | None = None
    max_keys: int = 1000
    checksum_policy: ChecksumPolicy | None = None  # None: the provider's safe default
    bucket: str | None = None  # scope: only this bucket is shown, ListBuckets never called
    prefix: str = ""  # scope inside `bucket`
    max_pool_connections: int = 32
    # Send `Expect: 100-continue` before upload bodies. None: the provider's safe default.
    expect_continue: bool | None = None
    # Regions the provider offers for new buckets (a profile's `Regions` list); () if none.
    regions: tuple[str, ...] = ()
    credentials: CredentialSpec = field(default_factory=CredentialSpec)
    # What uploads carry and downloads check (a profile's `eider.checksum`). None: the
    # provider's default, see `effective_integrity`.
    integrity: IntegrityPolicy | None = None

    def __post_init__(self) -> None:
        if not self.host or any(c in self.host for c in "/ \t?#@"):
            raise ValueError(f"'{self.host}' is not a valid host name")
        if self.port is not None and not 0 < self.port < 65536:
            raise ValueError(f"Port {self.port} is outside 1-65535")
        if not 1 <= self.max_keys <= 1000:
            raise ValueError("Keys per listing page must be between 1 and 1000")
        if self.prefix and not self.bucket:
            raise ValueError("A prefix scope needs a bucket")

    @property
    def is_aws(self) -> bool:
        return bool(AWS_HOST_RE.match(self.host.lower()))

    @property
    def endpoint_url(self) -> str | None:
        """The URL handed to botocore; None lets botocore pick AWS's regional endpoint."""
        if self.host == DEFAULT_AWS_HOST and self.port is None and self.scheme is Scheme.HTTPS:
            return None
        port = f":{self.port}" if self.port else ""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{self.scheme.value}://{host}{port}"

    @property
    def effective_checksum_policy(self) -> ChecksumPolicy:
        if self.checksum_policy is not None:
            return self.checksum_policy
        return ChecksumPolicy.WHEN_SUPPORTED if self.is_aws else ChecksumPolicy.WHEN_REQUIRED

    @property
    def effective_integrity(self) -> IntegrityPolicy:
        """AWS (or a provider whose profile says it takes the newer checksum headers) keeps a
        CRC64NVME; a provider that rejects them, or one not known, gets Content-MD5 and
        Eider's own CRC in the object's metadata."""
        if self.integrity is not None:
            return self.integrity
        if self.checksum_policy is ChecksumPolicy.WHEN_REQUIRED:
            return IntegrityPolicy.MD5
        if self.is_aws or self.checksum_policy is ChecksumPolicy.WHEN_SUPPORTED:
            return IntegrityPolicy.CRC64NVME
        return IntegrityPolicy.MD5

    @property
    def effective_expect_continue(self) -> bool:
        """AWS honours 100-continue; other servers may not.

        SeaweedFS, for one, never answers it on a pooled connection after a zero-byte upload,
        so the next upload waits for the whole read timeout.
        """
        if self.expect_continue is not None:
            return self.expect_continue
        return self.is_aws

    @property
    def tls_unverified(self) -> bool:
        """True when the user switched TLS verification off: the UI must flag it."""
        return self.scheme is Scheme.HTTPS and not self.verify_tls

    def with_region(self, region: str) -> Connection:
        return replace(self, region=region)

    def with_changes(self, **changes: object) -> Connection:
        return replace(self, **changes)  # type: ignore[arg-type]
