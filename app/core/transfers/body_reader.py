"""Reading a GET's body into one reused buffer, without a new bytes object per block.

`StreamingBody.read(n)` allocates a fresh bytes object for every block and passes it through
urllib3's buffering; on a large download that is a copy and an allocation per block on top of
the socket read. Under botocore the body is a urllib3 response wrapping an http.client
response, whose `readinto` fills the caller's buffer straight from the socket. Only a plain
`StreamingBody` is read that way: a body botocore wraps to check a response checksum, or of
any other shape, is read through its own methods and read to its end, so its checks still run.
"""

from __future__ import annotations

import http.client
from collections.abc import Callable
from typing import Any

from botocore.exceptions import FlexibleChecksumError
from botocore.response import StreamingBody
from urllib3.exceptions import ProtocolError

from app.core.s3 import botocore_private
from app.core.transfers.retry import IntegrityError


class BodyReader:
    def __init__(self, body: Any) -> None:
        self._body = body
        raw, inner = botocore_private.body_streams(body)
        self._raw = raw
        plain = type(body) is StreamingBody and isinstance(inner, http.client.HTTPResponse)
        self._direct: Callable[[memoryview], int] | None = inner.readinto if plain else None

    @property
    def direct(self) -> bool:
        return self._direct is not None

    def readinto(self, view: memoryview) -> int:
        """Fill the start of `view`; 0 at the end of the body."""
        if self._direct is None:
            block = self._body.read(len(view))
            view[: len(block)] = block
            return len(block)
        try:
            return self._direct(view)
        except (OSError, http.client.HTTPException) as exc:
            # urllib3 would have wrapped these; the retry layer knows its wrapping.
            raise ProtocolError(f"The connection failed while reading: {exc}") from exc

    def close(self, complete: bool) -> None:
        """`complete`: the whole body was read, so the connection can serve the next request.

        Raises IntegrityError when a body botocore checks says its checksum does not match.
        """
        try:
            if complete and self._direct is not None:
                self._raw.release_conn()
            elif complete:
                self._body.read(1)  # the end of the body, where botocore checks what it can
        except FlexibleChecksumError as exc:
            raise IntegrityError(f"The response failed its checksum: {exc}") from exc
        finally:
            self._body.close()
