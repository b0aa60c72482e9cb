"""The keys that wrap data keys: a local AES-256 key (`AES/GCM`) or a KMS key (`kms+context`)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any, Protocol

from botocore.exceptions import ClientError
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from app.core.cse.envelope import AES_GCM, KMS_CONTEXT, Envelope
from app.core.cse.errors import CseAuthenticationFailed, CseFormatError, CseKeyMismatch
from app.core.cse.suites import DATA_KEY_BYTES, GCM_IV_BYTES, GCM_TAG_BYTES, Suite

CEK_ALG_CONTEXT = "aws:x-amz-cek-alg"  # reserved entry of the KMS encryption context
_KMS_WRONG_KEY = {"IncorrectKeyException", "InvalidCiphertextException", "AccessDeniedException"}


@dataclass(frozen=True)
class NewDataKey:
    plaintext: bytes
    wrapped: bytes
    wrap: str
    context: dict[str, str]


class WrappingKey(Protocol):
    def new_data_key(self, suite: Suite) -> NewDataKey: ...

    def unwrap(self, envelope: Envelope) -> bytes: ...


@dataclass(frozen=True)
class LocalKey:
    key: bytes = field(repr=False)

    def __post_init__(self) -> None:
        if len(self.key) != DATA_KEY_BYTES:
            raise ValueError("A client-side encryption key is 32 bytes (AES-256)")

    def new_data_key(self, suite: Suite) -> NewDataKey:
        data_key = os.urandom(DATA_KEY_BYTES)
        nonce = os.urandom(GCM_IV_BYTES)
        wrapped = nonce + AESGCM(self.key).encrypt(nonce, data_key, suite.wrap_aad)
        return NewDataKey(data_key, wrapped, AES_GCM, {})

    def unwrap(self, envelope: Envelope) -> bytes:
        if envelope.wrap != AES_GCM:
            raise CseKeyMismatch(
                f"The object's data key is wrapped by KMS ({envelope.wrap}), not by a local key:"
                " give its KMS key id (--cse-kms-key-id)"
            )
        raw = envelope.wrapped_key
        if len(raw) != GCM_IV_BYTES + DATA_KEY_BYTES + GCM_TAG_BYTES:
            raise CseFormatError("The object's wrapped data key has the wrong length")
        try:
            return AESGCM(self.key).decrypt(
                raw[:GCM_IV_BYTES], raw[GCM_IV_BYTES:], envelope.suite.wrap_aad
            )
        except InvalidTag:
            raise CseAuthenticationFailed(
                "The object was not encrypted with this client-side key (or its wrapped data "
                "key was changed)"
            ) from None


@dataclass(frozen=True)
class KmsKey:
    key_id: str
    kms: Any = field(repr=False, compare=False)  # a botocore KMS client

    def new_data_key(self, suite: Suite) -> NewDataKey:
        context = {CEK_ALG_CONTEXT: suite.kms_context_value}
        answer = self.kms.generate_data_key(
            KeyId=self.key_id, KeySpec="AES_256", EncryptionContext=context
        )
        return NewDataKey(answer["Plaintext"], answer["CiphertextBlob"], KMS_CONTEXT, context)

    def unwrap(self, envelope: Envelope) -> bytes:
        if envelope.wrap != KMS_CONTEXT:
            raise CseKeyMismatch(
                f"The object's data key is wrapped by a local key ({envelope.wrap}), not by KMS:"
                " give that key (--cse-key-file)"
            )
        # The context names the content suite; a mismatch means someone swapped the suite.
        if envelope.context.get(CEK_ALG_CONTEXT) != envelope.suite.kms_context_value:
            raise CseAuthenticationFailed(
                "The object's KMS encryption context does not name its content algorithm: "
                "its encryption metadata was changed"
            )
        try:
            answer = self.kms.decrypt(
                KeyId=self.key_id,
                CiphertextBlob=envelope.wrapped_key,
                EncryptionContext=envelope.context,
            )
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in _KMS_WRONG_KEY:
                raise CseAuthenticationFailed(
                    f"KMS refused to unwrap the object's data key with {self.key_id}: the "
                    "object was encrypted under another KMS key, or its metadata was changed"
                ) from None
            raise
        plaintext: bytes = answer["Plaintext"]
        return plaintext
