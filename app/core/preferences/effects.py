"""Where the Preferences take effect: the Connection a session is made from, and the
TransferOptions a transfer runs with."""

from __future__ import annotations

from dataclasses import replace

from app.core.connection import Connection
from app.core.preferences.sections import Encryption, Preferences
from app.core.transfers.options import (
    MAX_SINGLE_PUT,
    ConflictPolicy,
    ServerSideEncryption,
    TransferOptions,
)

_SSE = {
    Encryption.NONE: ServerSideEncryption.NONE,
    Encryption.S3: ServerSideEncryption.S3,
    Encryption.KMS: ServerSideEncryption.KMS,
}


def connection_with(connection: Connection, preferences: Preferences) -> Connection:
    """`connection` with the Connection preferences: timeouts, retries, listing size, proxy,
    CA bundle, and TLS verification (off only when a bookmark switched it off)."""
    prefs = preferences.connection
    return replace(
        connection,
        connect_timeout=prefs.connect_timeout,
        read_timeout=prefs.read_timeout,
        max_attempts=prefs.max_attempts,
        max_keys=prefs.max_keys,
        proxy=prefs.proxy or connection.proxy,
        ca_bundle=prefs.ca_bundle or connection.ca_bundle,
        verify_tls=connection.verify_tls and prefs.verify_tls,
    )


def transfer_options(
    preferences: Preferences, connections: int | None = None, can_ask: bool = True
) -> TransferOptions:
    """The options a new transfer starts from. `connections` is the limits' per-job count;
    without a way to ask (`can_ask=False`, the command line) "ask" means overwrite."""
    transfers, s3 = preferences.transfers, preferences.s3
    conflict = transfers.conflict
    if conflict is ConflictPolicy.ASK and not can_ask:
        conflict = ConflictPolicy.OVERWRITE
    defaults = TransferOptions()
    threshold = transfers.multipart_threshold if transfers.multipart else MAX_SINGLE_PUT
    return TransferOptions(
        multipart_threshold=threshold,
        part_size=transfers.part_size,
        copy_threshold=transfers.multipart_copy_threshold,
        connections=connections or defaults.connections,
        checksum=transfers.checksum,
        verify_download=transfers.verify_download,
        storage_class=s3.storage_class,
        acl=s3.acl,
        sse=_SSE[s3.encryption],
        sse_kms_key_id=s3.kms_key_id,
        metadata=dict(s3.metadata),
        preserve_mtime=transfers.preserve_timestamps,
        conflict=conflict,
    )
