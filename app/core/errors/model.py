"""What `describe` hands back: a kind the GUI can branch on, words for the person, a remedy."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ErrorKind(StrEnum):
    # credentials and signing
    WRONG_SECRET = "wrong_secret"  # noqa: S105 (a kind name, not a password)
    WRONG_ACCESS_KEY = "wrong_access_key"
    CLOCK_SKEW = "clock_skew"
    EXPIRED_TOKEN = "expired_token"  # noqa: S105
    INVALID_TOKEN = "invalid_token"  # noqa: S105
    NO_CREDENTIALS = "no_credentials"
    # where secrets are kept (system keyring, Eider's vault, key files)
    KEYRING_UNAVAILABLE = "keyring_unavailable"
    VAULT_LOCKED = "vault_locked"
    VAULT_PASSWORD = "vault_password"  # noqa: S105 (a kind name, not a password)
    VAULT_DAMAGED = "vault_damaged"
    SECRET_STORE = "secret_store"  # noqa: S105
    # permissions
    ACCESS_DENIED = "access_denied"
    ACLS_DISABLED = "acls_disabled"
    KMS_KEY_MISSING = "kms_key_missing"
    KMS_KEY_DISABLED = "kms_key_disabled"
    KMS_DENIED = "kms_denied"
    # things that are not there, or are in the wrong state
    NO_SUCH_BUCKET = "no_such_bucket"
    NO_SUCH_KEY = "no_such_key"
    NO_SUCH_VERSION = "no_such_version"
    NO_SUCH_UPLOAD = "no_such_upload"
    NOT_CONFIGURED = "not_configured"
    WRONG_REGION = "wrong_region"
    ENDPOINT_REDIRECT = "endpoint_redirect"  # e.g. http:// answered with a redirect to https://
    ARCHIVED = "archived"
    BUCKET_EXISTS = "bucket_exists"
    BUCKET_OWNED_BY_YOU = "bucket_owned_by_you"
    BUCKET_NOT_EMPTY = "bucket_not_empty"
    INVALID_BUCKET_NAME = "invalid_bucket_name"
    ENTITY_TOO_LARGE = "entity_too_large"
    ENTITY_TOO_SMALL = "entity_too_small"
    PRECONDITION_FAILED = "precondition_failed"
    SSE_C_KEY_MISSING = "sse_c_key_missing"
    SSE_C_KEY_MISMATCH = "sse_c_key_mismatch"
    SSE_C_NEEDS_TLS = "sse_c_needs_tls"
    SSE_C_KEY_NOT_IN_RING = "sse_c_key_not_in_ring"
    SSE_C_KEY_FILE = "sse_c_key_file"
    # client-side encryption (app.core.cse)
    CSE_AUTHENTICATION = "cse_authentication"
    CSE_FORMAT = "cse_format"
    CSE_KEY_MISMATCH = "cse_key_mismatch"
    CSE_KEY_MISSING = "cse_key_missing"
    # provider capabilities
    CHECKSUM_REJECTED = "checksum_rejected"
    CHECKSUM_MISMATCH = "checksum_mismatch"
    NOT_IMPLEMENTED = "not_implemented"
    # server load and failures
    THROTTLED = "throttled"
    SERVER_ERROR = "server_error"
    IMPLAUSIBLE_ANSWER = "implausible_answer"  # an endless listing, a size that is no size
    # transport
    TLS_CERTIFICATE = "tls_certificate"
    TLS_NOT_SPOKEN = "tls_not_spoken"
    CA_BUNDLE_UNREADABLE = "ca_bundle_unreadable"
    DNS_VIRTUAL_HOST = "dns_virtual_host"
    DNS = "dns"
    CONNECTION_REFUSED = "connection_refused"
    CONNECT_TIMEOUT = "connect_timeout"
    READ_TIMEOUT = "read_timeout"
    CONNECTION_DROPPED = "connection_dropped"
    PROXY = "proxy"
    # local side
    INVALID_REQUEST = "invalid_request"
    LOCAL_NOT_FOUND = "local_not_found"
    LOCAL_PERMISSION = "local_permission"
    DISK_FULL = "disk_full"
    LOCAL_IO = "local_io"
    OTHER = "other"


class Remedy(StrEnum):
    """The one action the GUI can offer next to the message (a button, a settings jump)."""

    NONE = "none"
    EDIT_CREDENTIALS = "edit_credentials"
    REFRESH_CREDENTIALS = "refresh_credentials"
    SYNC_CLOCK = "sync_clock"
    SWITCH_REGION = "switch_region"
    USE_PATH_STYLE = "use_path_style"
    RESTORE_OBJECT = "restore_object"
    CHECKSUM_WHEN_REQUIRED = "checksum_when_required"
    SET_CA_BUNDLE = "set_ca_bundle"
    PROVIDE_SSE_C_KEY = "provide_sse_c_key"
    CHECK_ENDPOINT = "check_endpoint"
    RETRY_LATER = "retry_later"


@dataclass(frozen=True)
class UserError:
    kind: ErrorKind
    message: str  # what happened, in words
    fix: str  # what to do about it
    code: str = ""  # the S3 error code, or the exception's class name
    operation: str = ""  # the S3 API operation, e.g. "ListObjectsV2"
    status: int | None = None  # HTTP status, when there was a response
    retryable: bool = False  # trying the same thing again later may work
    remedy: Remedy = Remedy.NONE
    region: str | None = None  # the bucket's real region, for WRONG_REGION
    host: str | None = None  # the host that failed, for transport errors
    action: str | None = None  # the refused permission, e.g. "s3:ListAllMyBuckets"
    request_id: str | None = None

    def __str__(self) -> str:
        return f"{self.message} {self.fix}".strip()

    @property
    def detail(self) -> str:
        """One technical line for a "details" disclosure or a log; never holds a secret."""
        parts = [f"{k}={v}" for k, v in self._detail_items() if v not in (None, "")]
        return ", ".join(parts)

    def _detail_items(self) -> list[tuple[str, object]]:
        return [
            ("kind", self.kind.value),
            ("code", self.code),
            ("operation", self.operation),
            ("status", self.status),
            ("host", self.host),
            ("region", self.region),
            ("action", self.action),
            ("request_id", self.request_id),
        ]

    @property
    def suggest_path_style(self) -> bool:
        return self.remedy is Remedy.USE_PATH_STYLE

    @property
    def offer_restore(self) -> bool:
        return self.remedy is Remedy.RESTORE_OBJECT

    @property
    def suggest_checksum_when_required(self) -> bool:
        return self.remedy is Remedy.CHECKSUM_WHEN_REQUIRED

    @property
    def suggest_ca_bundle(self) -> bool:
        return self.remedy is Remedy.SET_CA_BUNDLE
