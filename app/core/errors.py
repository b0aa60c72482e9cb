"""The one place that turns botocore/urllib3/OS errors into messages a person can act on.

Every message says what happened and what to do; the raw exception text is never shown alone
and never contains a secret.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from botocore.exceptions import ClientError


class ErrorKind(StrEnum):
    OTHER = "other"


@dataclass(frozen=True)
class UserError:
    kind: ErrorKind
    message: str  # what happened, in words
    fix: str  # what to do about it

    def __str__(self) -> str:
        return f"{self.message} {self.fix}".strip()


def describe(exc: BaseException, operation: str = "", bucket: str = "", key: str = "") -> UserError:
    if isinstance(exc, ClientError):
        error = exc.response.get("Error", {})
        code = error.get("Code", "Unknown")
        return UserError(
            ErrorKind.OTHER,
            f"The server refused {operation or 'the request'} ({code}).",
            "Check the connection settings and try again.",
        )
    return UserError(
        ErrorKind.OTHER,
        f"{operation or 'The request'} failed: {type(exc).__name__}.",
        "Check the connection settings and try again.",
    )
