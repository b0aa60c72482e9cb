"""The envelope and the content cipher on their own: formats, refusals, key files."""

from __future__ import annotations

import base64
import os

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from s3_encryption.key_derivation import derive_keys
from s3_encryption.materials.materials import AlgorithmSuite

from app.core.cse import envelope
from app.core.cse.content_cipher import ContentDecryptor, ContentEncryptor
from app.core.cse.errors import CseAuthenticationFailed, CseFormatError, CseKeyMismatch
from app.core.cse.key_store import key_from_text
from app.core.cse.keys import LocalKey
from app.core.cse.suites import Suite, derive_v3
from app.core.errors import describe
from app.core.errors.model import ErrorKind


def _encrypt(key: LocalKey, data: bytes) -> tuple[dict[str, str], bytes]:
    encryptor = ContentEncryptor(key, len(data))
    body = encryptor.update(data) + encryptor.finish()
    return encryptor.envelope.to_metadata(), body


def _decrypt(key: LocalKey, metadata: dict[str, str], body: bytes, step: int = 7) -> bytes:
    parsed = envelope.parse(metadata)
    decryptor = ContentDecryptor(parsed, key.unwrap(parsed))
    out = b"".join(decryptor.update(body[i : i + step]) for i in range(0, len(body), step))
    return out + decryptor.finish()


def test_the_v3_key_derivation_agrees_with_the_official_package() -> None:
    data_key, message_id = os.urandom(32), os.urandom(28)
    ours = derive_v3(data_key, message_id)
    theirs = derive_keys(
        data_key, message_id, AlgorithmSuite.ALG_AES_256_GCM_HKDF_SHA512_COMMIT_KEY
    )
    assert ours == theirs


@pytest.mark.parametrize("size", [0, 1, 15, 16, 17, 1000])
def test_a_round_trip_in_small_reads(size: int) -> None:
    key = LocalKey(os.urandom(32))
    data = os.urandom(size)
    metadata, body = _encrypt(key, data)
    assert len(body) == size + 16
    assert set(metadata) == {"x-amz-3", "x-amz-w", "x-amz-c", "x-amz-i", "x-amz-d"}
    assert _decrypt(key, metadata, body) == data


def test_a_kms_object_named_for_a_local_key_says_what_is_needed() -> None:
    key = LocalKey(os.urandom(32))
    metadata, _ = _encrypt(key, b"x")
    metadata["x-amz-w"] = "12"
    with pytest.raises(CseKeyMismatch, match="--cse-kms-key-id"):
        key.unwrap(envelope.parse(metadata))


def test_a_cut_object_fails_authentication() -> None:
    key = LocalKey(os.urandom(32))
    metadata, body = _encrypt(key, b"some secret words")
    with pytest.raises(CseAuthenticationFailed, match="shorter than its authentication tag"):
        _decrypt(key, metadata, body[:10])
    with pytest.raises(CseAuthenticationFailed, match="failed authentication"):
        _decrypt(key, metadata, body[:-1])


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"x-amz-key": "AAAA", "x-amz-iv": "AAAA", "x-amz-matdesc": "{}"}, "mixes format"),
        ({"x-amz-c": "116"}, "suite 116 is not one Eider decrypts"),
        ({"x-amz-w": "22"}, "wrapped with RSA-OAEP-SHA1"),
        ({"x-amz-i": base64.b64encode(b"short").decode()}, "x-amz-i is 5 bytes, not 28"),
        ({"x-amz-3": "not base64!"}, "x-amz-3 is not base64"),
    ],
)
def test_damaged_or_foreign_v3_envelopes_are_refused(change: dict[str, str], words: str) -> None:
    metadata, _ = _encrypt(LocalKey(os.urandom(32)), b"x")
    metadata.update(change)
    with pytest.raises(CseFormatError) as caught:
        envelope.parse(metadata)
    assert words in str(caught.value)


@pytest.mark.parametrize(
    ("v2", "words"),
    [
        ({"x-amz-cek-alg": "AES/CBC/PKCS5Padding"}, "legacy unauthenticated modes are refused"),
        ({"x-amz-wrap-alg": "kms"}, "wrapped with kms"),
        ({"x-amz-tag-len": "96"}, "96 bits"),
    ],
)
def test_legacy_v2_variants_are_refused(v2: dict[str, str], words: str) -> None:
    metadata = {
        "x-amz-key-v2": base64.b64encode(os.urandom(60)).decode(),
        "x-amz-iv": base64.b64encode(os.urandom(12)).decode(),
        "x-amz-cek-alg": "AES/GCM/NoPadding",
        "x-amz-wrap-alg": "AES/GCM",
        "x-amz-matdesc": "{}",
        "x-amz-tag-len": "128",
        **v2,
    }
    with pytest.raises(CseFormatError, match=words):
        envelope.parse(metadata)


def test_v1_objects_are_named_and_refused() -> None:
    metadata = {"x-amz-key": "AAAA", "x-amz-iv": "AAAA", "x-amz-matdesc": "{}"}
    with pytest.raises(CseFormatError, match="v1 format"):
        envelope.parse(metadata)


def test_a_v2_envelope_written_here_reads_back() -> None:
    # Eider writes v3 only; this checks the v2 reader against the names the v2 writer uses.
    key = LocalKey(os.urandom(32))
    data_key = key.new_data_key(Suite.GCM_V2)
    iv = os.urandom(12)
    body = AESGCM(data_key.plaintext).encrypt(iv, b"v2 content", None)
    env = envelope.Envelope(Suite.GCM_V2, "AES/GCM", data_key.wrapped, {}, iv=iv)
    assert _decrypt(key, env.to_metadata(), body) == b"v2 content"


@pytest.mark.parametrize(
    "text",
    [b"\x07" * 32, b"BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=\n", b"07" * 32 + b"\n"],
    ids=["raw", "base64", "hex"],
)
def test_key_files_hold_raw_base64_or_hex(text: bytes) -> None:
    assert key_from_text(text) == b"\x07" * 32


def test_a_short_key_file_is_not_a_key() -> None:
    assert key_from_text(b"too short") is None


def test_errors_describe_authentication_failures_with_what_to_do() -> None:
    described = describe(CseAuthenticationFailed("The object failed authentication"), "GetObject")
    assert described.kind is ErrorKind.CSE_AUTHENTICATION
    assert "Nothing was written under the target name" in str(described)
