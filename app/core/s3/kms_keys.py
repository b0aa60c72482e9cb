"""The account's KMS keys and their aliases, for the SSE-KMS pickers (`kms:ListKeys`,
`kms:ListAliases`). A server without KMS answers "not supported"; a refusal, in words."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError, EndpointConnectionError

from app.core.errors import describe
from app.core.s3.info_section import Section
from app.core.s3.session import S3Session

_UNSUPPORTED = frozenset(
    {"NotImplemented", "501", "MethodNotAllowed", "405", "404", "UnknownOperationException"}
)
AWS_MANAGED_PREFIX = "alias/aws/"


@dataclass(frozen=True)
class KmsKey:
    key_id: str
    arn: str
    aliases: tuple[str, ...] = ()  # "alias/name", sorted

    @property
    def aws_managed(self) -> bool:
        """A key AWS made for a service (alias/aws/s3): usable, not the account's own."""
        return any(a.startswith(AWS_MANAGED_PREFIX) for a in self.aliases)

    @property
    def label(self) -> str:
        return f"{', '.join(self.aliases)} ({self.key_id})" if self.aliases else self.key_id


def list_kms_keys(session: S3Session, region: str | None = None) -> Section[list[KmsKey]]:
    """Every key with its aliases, the account's own first, then by label. Blocking."""
    try:
        client = session.service_client("kms", region)
        keys = _all(client, "list_keys", "Keys")
        aliases = _all(client, "list_aliases", "Aliases")
    except ClientError as exc:
        code = str(exc.response.get("Error", {}).get("Code", ""))
        status = str(exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode", ""))
        if code in _UNSUPPORTED or status in _UNSUPPORTED or not _from_kms(exc):
            return Section.unsupported()
        return Section.failed(describe(exc, "ListKeys"))
    except EndpointConnectionError:
        return Section.unsupported()
    except BotoCoreError as exc:
        return Section.failed(describe(exc, "ListKeys"))
    names: dict[str, list[str]] = {}
    for alias in aliases:
        if alias.get("TargetKeyId"):
            names.setdefault(alias["TargetKeyId"], []).append(alias["AliasName"])
    found = [
        KmsKey(k["KeyId"], k.get("KeyArn", ""), tuple(sorted(names.get(k["KeyId"], ()))))
        for k in keys
    ]
    found.sort(key=lambda k: (k.aws_managed, k.label.lower()))
    return Section.of(found)


def _from_kms(exc: ClientError) -> bool:
    """KMS answers in JSON; an S3-compatible server that has no KMS answers the same request
    in XML (SeaweedFS: AccessDenied), which says nothing about the account's keys."""
    headers = exc.response.get("ResponseMetadata", {}).get("HTTPHeaders", {})
    return "json" in str(headers.get("content-type", "")).lower()


def _all(client: Any, operation: str, field: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for page in client.get_paginator(operation).paginate():
        found.extend(page.get(field, []))
    return found
