"""A bookmark's upload encryption: the field's spellings, the open list of choices, and the
transfer options each choice makes."""

from __future__ import annotations

import pytest

from app.core.bookmarks import Bookmark
from app.core.bookmarks import upload_encryption as ue
from app.core.transfers.options import ServerSideEncryption, TransferOptions


@pytest.mark.parametrize(
    ("value", "choice", "kms_key"),
    [
        (None, ue.NONE, ""),
        ("AES256", ue.SSE_S3, ""),
        ("aws:kms", ue.SSE_KMS, ""),
        ("aws:kms:arn:aws:kms:eu-west-1:1:key/x", ue.SSE_KMS, "arn:aws:kms:eu-west-1:1:key/x"),
        ("sse-c", ue.SSE_C, ""),
        ("cse", ue.CSE, ""),
        ("cse:alias/backups", ue.CSE, "alias/backups"),
    ],
)
def test_each_spelling_reads_back(
    value: str | None, choice: ue.EncryptionChoice, kms_key: str
) -> None:
    assert ue.parse(value) == (choice, kms_key)
    assert ue.compose(choice, kms_key) == value


def test_an_unknown_value_is_refused_and_the_list_can_grow() -> None:
    with pytest.raises(ValueError, match="not an encryption Eider knows"):
        ue.parse("vault-cse")
    extra = ue.EncryptionChoice("vault-cse", "Client-side (vault)", "Encrypted before upload.")
    ue.register(extra)
    try:
        assert ue.choices()[-1] is extra and ue.parse("vault-cse") == (extra, "")
        with pytest.raises(ValueError, match="exists already"):
            ue.register(extra)
    finally:
        ue._choices.remove(extra)  # the registry is process-wide: leave it as found


def test_transfer_options_of_each_choice() -> None:
    owner = "bookmark:0b6c8a64-3d55-4c39-9a58-2a4f0f0d7c11"
    assert ue.transfer_fields(None, owner) == {}
    assert TransferOptions(**ue.transfer_fields("AES256", owner)).sse is ServerSideEncryption.S3  # type: ignore[arg-type]
    kms = TransferOptions(**ue.transfer_fields("aws:kms:k-1", owner))  # type: ignore[arg-type]
    assert kms.sse is ServerSideEncryption.KMS and kms.sse_kms_key_id == "k-1"
    sse_c = TransferOptions(**ue.transfer_fields("sse-c", owner))  # type: ignore[arg-type]
    assert sse_c.sse is ServerSideEncryption.CUSTOMER and sse_c.sse_customer_key_ref == owner
    local = TransferOptions(**ue.transfer_fields("cse", "team-ring", owner))  # type: ignore[arg-type]
    assert local.cse_key_ref == owner and local.sse is ServerSideEncryption.NONE
    kms_cse = TransferOptions(**ue.transfer_fields("cse:alias/backups", owner))  # type: ignore[arg-type]
    assert kms_cse.cse_kms_key_id == "alias/backups" and kms_cse.cse_key_ref is None


def test_a_shared_ring_wins_over_the_bookmarks_own() -> None:
    own = Bookmark(nickname="n", profile="s3-compatible")
    assert ue.ring_owner(own) == own.secret_owner
    assert ue.ring_owner(own.with_changes(sse_c_key_ref="team-ring")) == "team-ring"


@pytest.mark.parametrize(
    ("s3_override", "field"),
    [
        ({"encryption": "AES256"}, "AES256"),
        ({"encryption": "aws:kms", "kms_key_id": "alias/old"}, "aws:kms:alias/old"),
        ({"encryption": "aws:kms"}, "aws:kms"),
        ({"encryption": "none", "acl": "private"}, None),
        ({"storage_class": "GLACIER"}, None),
    ],
)
def test_an_older_s3_override_s_encryption_reads_as_the_bookmark_s_field(
    s3_override: dict[str, str], field: str | None
) -> None:
    assert ue.from_s3_defaults(s3_override) == field
