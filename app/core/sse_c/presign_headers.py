"""What a pre-signed URL for an SSE-C object needs: the key goes in signed headers, which
whoever uses the URL must send, never in the URL itself."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any

from app.core.sse_c.fingerprints import fingerprint, key_md5
from app.core.sse_c.key_ring import customer_args

ALGORITHM_HEADER = "x-amz-server-side-encryption-customer-algorithm"
KEY_HEADER = "x-amz-server-side-encryption-customer-key"
MD5_HEADER = "x-amz-server-side-encryption-customer-key-md5"


@dataclass(frozen=True)
class SseCHeaders:
    key: bytes

    @property
    def params(self) -> dict[str, Any]:
        """What to sign: botocore turns these into the three signed headers."""
        return customer_args(self.key)

    def shown(self) -> list[tuple[str, str]]:
        """The headers as shown to the user: the key itself is named, not printed."""
        return [
            (ALGORITHM_HEADER, "AES256"),
            (KEY_HEADER, f"<the key in base64: key {fingerprint(self.key)} of the key ring>"),
            (MD5_HEADER, key_md5(self.key)),
        ]

    def sent(self) -> dict[str, str]:
        """The headers exactly as a client must send them (for tests and a copy button)."""
        return {
            ALGORITHM_HEADER: "AES256",
            KEY_HEADER: base64.b64encode(self.key).decode(),
            MD5_HEADER: key_md5(self.key),
        }
