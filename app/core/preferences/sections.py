"""The Preferences, section by section: typed, with defaults, each value checked when set.

Simultaneous transfers, connections per transfer and bandwidth (with its schedule) are not
here: they are `TransferLimits`, kept in the same settings file, and the Preferences window
edits that one value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from app.core.preferences.prices import PricePreferences
from app.core.transfers.header_values import CANNED_ACLS, metadata_problem
from app.core.transfers.options import (
    MAX_PART_SIZE,
    MAX_SINGLE_PUT,
    MIB,
    MIN_PART_SIZE,
    ChecksumAlgorithm,
    ConflictPolicy,
)

MAX_PRESIGN_SECONDS = 7 * 24 * 3600  # SigV4's limit


class StartWith(StrEnum):
    BOOKMARKS = "bookmarks"  # the bookmarks, no connection opened
    LAST_WINDOWS = "last_windows"  # the windows (and locations) open at the last quit


class DoubleClick(StrEnum):
    """What a double click (or Enter) on a file does; a folder always opens."""

    PREVIEW = "preview"
    DOWNLOAD = "download"  # into the download folder asked for, as Download… does
    NOTHING = "nothing"


class DateFormat(StrEnum):
    ISO = "iso"  # 2026-12-07 21:05
    ISO_SECONDS = "iso_seconds"  # 2026-12-07 21:05:09
    LOCALE = "locale"  # the system's short date and time


class SizeFormat(StrEnum):
    BINARY = "binary"  # 1.5 MiB
    DECIMAL = "decimal"  # 1.6 MB
    BYTES = "bytes"  # 1,572,864


class Encryption(StrEnum):
    """Server-side encryption asked for on new uploads (SSE-C keys live in the keyring and
    are chosen per bookmark, never here)."""

    NONE = "none"
    S3 = "AES256"
    KMS = "aws:kms"


def _positive(value: float, what: str) -> None:
    if value <= 0:
        raise ValueError(f"{what} must be more than 0")


def _between(value: int, low: int, high: int, what: str) -> None:
    if not low <= value <= high:
        raise ValueError(f"{what} must be between {low:,} and {high:,}")


@dataclass(frozen=True)
class GeneralPreferences:
    start_with: StartWith = StartWith.BOOKMARKS
    open_transfers_window: bool = True  # the Transfers window opens when a transfer starts
    resume_queue_at_start: bool = False  # jobs an earlier run left resume by themselves
    notifications: bool = True  # a desktop notification when a long transfer ends


@dataclass(frozen=True)
class BrowserPreferences:
    show_hidden: bool = False  # View > Show Hidden Files
    double_click: DoubleClick = DoubleClick.PREVIEW
    date_format: DateFormat = DateFormat.ISO
    size_format: SizeFormat = SizeFormat.BINARY
    listing_cache_entries: int = 50  # folder listings kept to show again at once
    listing_cache_seconds: int = 300  # how long a kept listing is shown before listing again

    def __post_init__(self) -> None:
        _between(self.listing_cache_entries, 0, 10_000, "The listing cache size")
        _between(self.listing_cache_seconds, 0, 24 * 3600, "The listing cache time (seconds)")


@dataclass(frozen=True)
class TransferPreferencesSection:
    multipart: bool = True
    multipart_threshold: int = 100 * MIB
    part_size: int = 10 * MIB
    multipart_copy_threshold: int = 100 * MIB  # server-side copies from this size go in parts
    checksum: ChecksumAlgorithm = ChecksumAlgorithm.AUTO  # the connection's integrity policy
    verify_download: bool = True
    conflict: ConflictPolicy = ConflictPolicy.ASK  # the command line overwrites instead
    preserve_timestamps: bool = True

    def __post_init__(self) -> None:
        _between(self.part_size, MIN_PART_SIZE, MAX_PART_SIZE, "The part size (bytes)")
        _between(self.multipart_threshold, 1, MAX_SINGLE_PUT, "The multipart threshold (bytes)")
        _between(
            self.multipart_copy_threshold, 1, MAX_SINGLE_PUT, "The multipart-copy threshold (bytes)"
        )


@dataclass(frozen=True)
class S3Defaults:
    acl: str | None = None  # a canned ACL; None sends none (the bucket's default holds)
    storage_class: str | None = None
    encryption: Encryption = Encryption.NONE
    kms_key_id: str | None = None  # for aws:kms; None: the account's default key
    metadata: dict[str, str] = field(default_factory=dict)  # x-amz-meta-* on every upload
    presign_expiry_seconds: int = 3600

    def __post_init__(self) -> None:
        if self.acl is not None and self.acl not in CANNED_ACLS:
            raise ValueError(f"'{self.acl}' is not a canned ACL ({', '.join(CANNED_ACLS)})")
        if self.storage_class is not None and not self.storage_class.replace("_", "").isalnum():
            raise ValueError(f"'{self.storage_class}' is not a storage class name")
        if self.kms_key_id is not None and self.encryption is not Encryption.KMS:
            raise ValueError("A KMS key id needs the aws:kms encryption")
        problem = metadata_problem(self.metadata)
        if problem:
            raise ValueError(problem)
        _between(self.presign_expiry_seconds, 1, MAX_PRESIGN_SECONDS, "The link expiry (seconds)")


@dataclass(frozen=True)
class ConnectionPreferences:
    connect_timeout: float = 30.0
    read_timeout: float = 60.0
    max_attempts: int = 5  # tries per request, the first included
    max_keys: int = 1000  # keys per listing request
    parallel_listings: int = 4  # listing requests in flight (folder tree, search)
    proxy: str | None = None  # http://host:port
    ca_bundle: str | None = None  # a PEM file of CAs to trust
    verify_tls: bool = True  # may be switched off per bookmark only

    def __post_init__(self) -> None:
        _positive(self.connect_timeout, "The connect timeout")
        _positive(self.read_timeout, "The read timeout")
        _between(self.max_attempts, 1, 20, "The tries per request")
        _between(self.max_keys, 1, 1000, "The keys per listing request")
        _between(self.parallel_listings, 1, 32, "The parallel listing requests")
        if self.proxy is not None and not self.proxy.startswith(("http://", "https://")):
            raise ValueError(f"The proxy '{self.proxy}' must be an http:// or https:// URL")


@dataclass(frozen=True)
class Preferences:
    general: GeneralPreferences = field(default_factory=GeneralPreferences)
    browser: BrowserPreferences = field(default_factory=BrowserPreferences)
    transfers: TransferPreferencesSection = field(default_factory=TransferPreferencesSection)
    s3: S3Defaults = field(default_factory=S3Defaults)
    connection: ConnectionPreferences = field(default_factory=ConnectionPreferences)
    prices: PricePreferences = field(default_factory=PricePreferences)  # sync cost estimates


SECTIONS: dict[str, type] = {
    "general": GeneralPreferences,
    "browser": BrowserPreferences,
    "transfers": TransferPreferencesSection,
    "s3": S3Defaults,
    "connection": ConnectionPreferences,
    "prices": PricePreferences,
}
# What a bookmark may set for itself.
OVERRIDABLE = ("transfers", "s3", "connection")
