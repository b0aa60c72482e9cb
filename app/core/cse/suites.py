"""The content algorithm suites of the S3 Encryption Client that Eider reads and writes."""

from __future__ import annotations

import hmac
from enum import Enum

from cryptography.hazmat.primitives.hashes import SHA512
from cryptography.hazmat.primitives.hmac import HMAC
from cryptography.hazmat.primitives.kdf.hkdf import HKDFExpand

from app.core.cse.errors import CseAuthenticationFailed

DATA_KEY_BYTES = 32
GCM_IV_BYTES = 12
GCM_TAG_BYTES = 16
MESSAGE_ID_BYTES = 28  # v3: random per object, the HKDF salt
COMMITMENT_BYTES = 28
# AES-GCM encrypts at most 2^39 - 256 bits under one key and IV.
MAX_CONTENT_BYTES = (2**39 - 256) // 8


class Suite(Enum):
    """The value names the suite as the v2 (`x-amz-cek-alg`) or v3 (`x-amz-c`) header does."""

    GCM_V2 = "AES/GCM/NoPadding"  # ALG_AES_256_GCM_IV12_TAG16_NO_KDF (0x0072)
    GCM_COMMITTING_V3 = "115"  # ALG_AES_256_GCM_HKDF_SHA512_COMMIT_KEY (0x0073)

    @property
    def wrap_aad(self) -> bytes:
        """What an AES/GCM-wrapped data key is bound to: the suite it was made for."""
        return self.value.encode()

    @property
    def kms_context_value(self) -> str:
        """The `aws:x-amz-cek-alg` entry of the KMS encryption context."""
        return self.value


SUITE_ID_BYTES = b"\x00\x73"
COMMITTING_IV = b"\x01" * GCM_IV_BYTES  # v3 derives a fresh key per object, so a fixed IV


def derive_v3(data_key: bytes, message_id: bytes) -> tuple[bytes, bytes]:
    """HKDF-SHA512 (salt: the message id) to the content key and the key commitment."""
    extract = HMAC(message_id, SHA512())
    extract.update(data_key)
    prk = extract.finalize()
    content_key = HKDFExpand(SHA512(), DATA_KEY_BYTES, SUITE_ID_BYTES + b"DERIVEKEY").derive(prk)
    commitment = HKDFExpand(SHA512(), COMMITMENT_BYTES, SUITE_ID_BYTES + b"COMMITKEY").derive(prk)
    return content_key, commitment


def check_commitment(stored: bytes, derived: bytes) -> None:
    if not hmac.compare_digest(stored, derived):
        raise CseAuthenticationFailed(
            "The object's key commitment does not match its data key: the key is wrong or the "
            "object's encryption metadata was changed"
        )
