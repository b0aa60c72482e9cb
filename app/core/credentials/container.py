"""CONTAINER: the task/pod role of ECS or EKS (Pod Identity) from the container endpoint.

The endpoint comes from AWS_CONTAINER_CREDENTIALS_FULL_URI or _RELATIVE_URI (set by ECS/EKS),
the authorization token from AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (re-read on every refresh,
EKS rotates it) or AWS_CONTAINER_AUTHORIZATION_TOKEN.
"""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from botocore.credentials import RefreshableCredentials

from app.core.credentials.errors import CredentialError
from app.core.credentials.metadata_http import Unreachable, fetch, parse_credentials

ECS_HOST = "http://169.254.170.2"
RELATIVE_ENV = "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"
FULL_ENV = "AWS_CONTAINER_CREDENTIALS_FULL_URI"
TOKEN_ENV = "AWS_CONTAINER_AUTHORIZATION_TOKEN"  # noqa: S105 (a variable name)
TOKEN_FILE_ENV = "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"  # noqa: S105
METHOD = "eider-container"
# Plain HTTP is only allowed to these (and loopback): the link-local ECS/EKS agents.
_HTTP_HOSTS = {"169.254.170.2", "169.254.170.23", "fd00:ec2::23", "localhost"}


def container_endpoint(override: str = "") -> str:
    if override:
        return override
    if os.environ.get(RELATIVE_ENV):
        return ECS_HOST + os.environ[RELATIVE_ENV]
    if os.environ.get(FULL_ENV):
        return os.environ[FULL_ENV]
    raise CredentialError(
        f"Neither {RELATIVE_ENV} nor {FULL_ENV} is set, so Eider is not running in an ECS task "
        "or EKS pod with a role. Choose another credential source."
    )


def _check_allowed(url: str) -> None:
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.scheme == "https":
        return
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if parts.scheme != "http" or not (loopback or host in _HTTP_HOSTS):
        raise CredentialError(
            f"The container credentials endpoint {url} is not allowed: plain HTTP is only "
            "accepted to loopback or the ECS/EKS agent addresses. Use an https:// URL."
        )


def _authorization() -> dict[str, str]:
    token = None
    token_file = os.environ.get(TOKEN_FILE_ENV)
    if token_file:
        try:
            token = Path(token_file).read_text().strip()
        except OSError as exc:
            raise CredentialError(
                f"The container authorization token file {token_file} cannot be read "
                f"({type(exc).__name__}). Check {TOKEN_FILE_ENV}."
            ) from None
    elif os.environ.get(TOKEN_ENV):
        token = os.environ[TOKEN_ENV]
    if token is None:
        return {}
    if "\r" in token or "\n" in token:
        raise CredentialError(
            "The container authorization token contains a line break, so it cannot be sent. "
            f"Check {TOKEN_ENV} / {TOKEN_FILE_ENV}."
        )
    return {"Authorization": token}


def container_credentials(endpoint_override: str = "") -> RefreshableCredentials:
    url = container_endpoint(endpoint_override)
    _check_allowed(url)

    def load() -> dict[str, Any]:
        headers = {"Accept": "application/json", **_authorization()}
        try:
            reply = fetch("GET", url, headers)
        except Unreachable as exc:
            raise CredentialError(
                f"Eider cannot reach the container credentials endpoint {url} ({exc.args[0]}). "
                "Check that the task/pod role is configured and the agent is running."
            ) from None
        if reply.status in (401, 403):
            raise CredentialError(
                f"The container credentials endpoint {url} refused the authorization token "
                f"(HTTP {reply.status}). Check {TOKEN_FILE_ENV} / {TOKEN_ENV}."
            )
        if reply.status != 200:
            raise CredentialError(
                f"The container credentials endpoint {url} gave no credentials (HTTP "
                f"{reply.status}). Check the task/pod role."
            )
        return parse_credentials(reply.body, f"The container credentials endpoint {url}")

    return RefreshableCredentials.create_from_metadata(load(), refresh_using=load, method=METHOD)
