"""Plain HTTP to link-local credential services (IMDS, container endpoint), never via a proxy."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

from app.core.credentials.errors import CredentialError

TIMEOUT_SECONDS = 2.0

_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


@dataclass(frozen=True)
class Reply:
    status: int
    body: str


class Unreachable(Exception):
    """No HTTP answer at all (refused, timed out, bad host). args[0] names the cause."""


def fetch(method: str, url: str, headers: dict[str, str] | None = None) -> Reply:
    request = urllib.request.Request(url, method=method, headers=headers or {})  # noqa: S310
    try:
        with _OPENER.open(request, timeout=TIMEOUT_SECONDS) as response:
            return Reply(response.status, response.read().decode("utf-8", "replace"))
    except urllib.error.HTTPError as exc:
        body = exc.read().decode("utf-8", "replace") if exc.fp else ""
        return Reply(exc.code, body)
    except urllib.error.URLError as exc:
        reason = exc.reason
        cause = reason if isinstance(reason, str) else type(reason).__name__
        raise Unreachable(cause) from None
    except (TimeoutError, OSError, ValueError) as exc:
        raise Unreachable(type(exc).__name__) from None


def parse_credentials(body: str, source: str) -> dict[str, Any]:
    """The JSON document IMDS and the container endpoint share, as botocore's refresh dict.

    `source` starts a sentence: "The instance metadata service at ...".
    """
    try:
        document = json.loads(body)
        if not isinstance(document, dict):
            raise TypeError(type(document).__name__)
        if document.get("Code", "Success") != "Success":
            raise CredentialError(
                f"{source} reported {document.get('Code')} instead of "
                "credentials. Check the role attached to this machine and its trust policy."
            )
        return {
            "access_key": document["AccessKeyId"],
            "secret_key": document["SecretAccessKey"],
            "token": document["Token"],
            "expiry_time": document["Expiration"],
        }
    except (ValueError, TypeError, KeyError):
        raise CredentialError(
            f"{source} answered with something that is not a credentials "
            "document (AccessKeyId, SecretAccessKey, Token, Expiration). Check the endpoint."
        ) from None
