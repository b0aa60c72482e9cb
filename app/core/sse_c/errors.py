"""What can go wrong with an SSE-C key ring, in words; `app.core.errors` describes these."""

from __future__ import annotations

from app.core.explained import ExplainedError


class KeyFileError(ExplainedError):
    """A key ring file (or pasted text) that is not valid; nothing was sent."""

    def __init__(self, source: str, line: int | None, reason: str) -> None:
        self.source = source
        self.line = line
        self.reason = reason
        where = f"{source}, line {line}" if line is not None else source
        super().__init__(f"The SSE-C key ring {where}: {reason}")


class KeyNotInRing(ExplainedError):
    """No key of the ring opens this object."""

    def __init__(self, bucket: str, key: str) -> None:
        self.bucket = bucket
        self.key = key
        super().__init__(
            f"s3://{bucket}/{key} is encrypted with a customer key that is not in this key ring"
        )


class RingLostKey(ExplainedError):
    """A job resumed with a key file that no longer holds the key the job was started with."""

    def __init__(self, path: str, fingerprint: str) -> None:
        self.path = path
        self.fingerprint = fingerprint
        super().__init__(
            f"The SSE-C key file {path} no longer holds the key this job was started with "
            f"(fingerprint {fingerprint})"
        )


class PlainHttpRefused(ExplainedError):
    """An SSE-C key would have gone over plain HTTP to a host that is not this machine."""

    def __init__(self, host: str) -> None:
        self.host = host
        super().__init__(
            f"An SSE-C key is never sent over plain HTTP to {host}: anyone on the way could "
            "read it and decrypt the object"
        )
