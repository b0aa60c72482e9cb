"""AES-256-GCM over a stream: the ciphertext is the encrypted bytes followed by the 16-byte tag.

GCM is one stream per object, so parts are encrypted strictly in order and nothing decrypted
counts until the tag at the very end is checked (`ContentDecryptor.finish`).
"""

from __future__ import annotations

import os
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from app.core.cse.envelope import Envelope
from app.core.cse.errors import CseAuthenticationFailed, CseError
from app.core.cse.keys import WrappingKey
from app.core.cse.suites import (
    COMMITTING_IV,
    GCM_TAG_BYTES,
    MAX_CONTENT_BYTES,
    MESSAGE_ID_BYTES,
    SUITE_ID_BYTES,
    Suite,
    check_commitment,
    derive_v3,
)

WRITE_SUITE = Suite.GCM_COMMITTING_V3


class ContentEncryptor:
    """A new data key, its envelope (v3) and the cipher that encrypts the content in order."""

    def __init__(self, key: WrappingKey, size: int) -> None:
        if size > MAX_CONTENT_BYTES:
            raise CseError(
                f"A client-side encrypted object holds at most {MAX_CONTENT_BYTES:,} bytes "
                "(the AES-GCM limit)"
            )
        data_key = key.new_data_key(WRITE_SUITE)
        message_id = os.urandom(MESSAGE_ID_BYTES)
        content_key, commitment = derive_v3(data_key.plaintext, message_id)
        self.envelope = Envelope(
            suite=WRITE_SUITE,
            wrap=data_key.wrap,
            wrapped_key=data_key.wrapped,
            context=data_key.context,
            message_id=message_id,
            commitment=commitment,
        )
        self._cipher: Any = Cipher(
            algorithms.AES(content_key), modes.GCM(COMMITTING_IV)
        ).encryptor()
        self._cipher.authenticate_additional_data(SUITE_ID_BYTES)

    def update(self, plaintext: bytes | bytearray | memoryview) -> bytes:
        out: bytes = self._cipher.update(plaintext)
        return out

    def encrypt_part(self, plaintext: bytearray) -> bytearray:
        """The ciphertext of `plaintext` in a buffer of its own, with no intermediate copy:
        a part's plaintext and ciphertext are the only two copies held."""
        out = bytearray(len(plaintext) + 15)  # update_into wants a block's slack
        written: int = self._cipher.update_into(plaintext, out)
        del out[written:]
        return out

    def finish(self) -> bytes:
        """The last ciphertext bytes and the tag."""
        tail: bytes = self._cipher.finalize()
        tag: bytes = self._cipher.tag
        return tail + tag


def ciphertext_size(plaintext_size: int) -> int:
    return plaintext_size + GCM_TAG_BYTES


class ContentDecryptor:
    """Decrypts in order, holding back the last 16 bytes read: they may be the tag."""

    def __init__(self, envelope: Envelope, data_key: bytes) -> None:
        """`data_key`: the envelope's key as `WrappingKey.unwrap` gave it."""
        if envelope.suite is Suite.GCM_COMMITTING_V3:
            content_key, commitment = derive_v3(data_key, envelope.message_id)
            check_commitment(envelope.commitment, commitment)
            cipher = Cipher(algorithms.AES(content_key), modes.GCM(COMMITTING_IV))
            self._cipher: Any = cipher.decryptor()
            self._cipher.authenticate_additional_data(SUITE_ID_BYTES)
        else:
            self._cipher = Cipher(algorithms.AES(data_key), modes.GCM(envelope.iv)).decryptor()
        self._held = b""

    def update(self, ciphertext: bytes) -> bytes:
        """Plaintext not yet authenticated: write it only where the caller can discard it."""
        data = self._held + ciphertext
        if len(data) <= GCM_TAG_BYTES:
            self._held = data
            return b""
        self._held = data[-GCM_TAG_BYTES:]
        out: bytes = self._cipher.update(data[:-GCM_TAG_BYTES])
        return out

    def finish(self) -> bytes:
        """The last plaintext bytes, once the tag proves every byte before it."""
        if len(self._held) < GCM_TAG_BYTES:
            raise CseAuthenticationFailed(
                "The object is shorter than its authentication tag: it was cut or changed"
            )
        try:
            out: bytes = self._cipher.finalize_with_tag(self._held)
        except InvalidTag:
            raise CseAuthenticationFailed(
                "The object failed authentication: its bytes were changed on the server or "
                "on the way, or it was not encrypted with this key"
            ) from None
        return out
