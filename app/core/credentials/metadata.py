"""INSTANCE_METADATA: an EC2 instance role's credentials from IMDSv2 (token PUT, then GET).

IMDSv1 (no token) is not used. Credentials renew themselves before they expire.
"""

from __future__ import annotations

import os
from typing import Any

from botocore.credentials import RefreshableCredentials

from app.core.credentials.errors import CredentialError
from app.core.credentials.metadata_http import Unreachable, fetch, parse_credentials

DEFAULT_ENDPOINT = "http://169.254.169.254"
ENDPOINT_ENV = "AWS_EC2_METADATA_SERVICE_ENDPOINT"
METHOD = "eider-instance-metadata"
_TOKEN_PATH = "/latest/api/token"  # noqa: S105 (a URL path)
_ROLES_PATH = "/latest/meta-data/iam/security-credentials/"
_TOKEN_TTL_SECONDS = "21600"  # noqa: S105 (six hours)


def imds_endpoint(override: str = "") -> str:
    return (override or os.environ.get(ENDPOINT_ENV) or DEFAULT_ENDPOINT).rstrip("/")


def instance_metadata_credentials(endpoint_override: str = "") -> RefreshableCredentials:
    base = imds_endpoint(endpoint_override)

    def load() -> dict[str, Any]:
        return _fetch_role_credentials(base)

    first = load()
    return RefreshableCredentials.create_from_metadata(first, refresh_using=load, method=METHOD)


def _fetch_role_credentials(base: str) -> dict[str, Any]:
    try:
        token_reply = fetch(
            "PUT", base + _TOKEN_PATH, {"X-aws-ec2-metadata-token-ttl-seconds": _TOKEN_TTL_SECONDS}
        )
        if token_reply.status != 200 or not token_reply.body:
            raise CredentialError(
                f"The instance metadata service at {base} did not issue an IMDSv2 session token "
                f"(HTTP {token_reply.status}). If a container or proxy sits in between, raise "
                "the instance's metadata hop limit to 2; Eider does not fall back to IMDSv1."
            )
        auth = {"X-aws-ec2-metadata-token": token_reply.body}
        roles = fetch("GET", base + _ROLES_PATH, auth)
        if roles.status == 404 or (roles.status == 200 and not roles.body.strip()):
            raise CredentialError(
                f"This instance has no IAM role (the metadata service at {base} lists none). "
                "Attach an instance profile with S3 permissions, or choose another credential "
                "source."
            )
        if roles.status != 200:
            raise CredentialError(
                f"The instance metadata service at {base} refused to list the instance's IAM "
                f"role (HTTP {roles.status}). Try again; if it persists, check the instance."
            )
        role = roles.body.split()[0]
        reply = fetch("GET", base + _ROLES_PATH + role, auth)
    except Unreachable as exc:
        raise CredentialError(
            f"Eider cannot reach the instance metadata service at {base} ({exc.args[0]}). "
            "Instance credentials exist only on an EC2 instance with a role attached; elsewhere "
            "choose another credential source."
        ) from None
    if reply.status != 200:
        raise CredentialError(
            f"The instance metadata service at {base} gave no credentials for role '{role}' "
            f"(HTTP {reply.status}). Try again; if it persists, check the role."
        )
    return parse_credentials(reply.body, f"The instance metadata service at {base}")
