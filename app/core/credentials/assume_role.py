"""STS AssumeRole: temporary credentials that renew themselves before they expire.

Used by ASSUME_ROLE connections (source keys from the keyring) and by AWS profiles that set
`role_arn` + `mfa_serial`. Unlike botocore's own MFA refresher, which gives up when the first
role session ends, this one asks for a fresh MFA code, so a transfer running for hours goes on.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import botocore.session
from botocore.config import Config
from botocore.credentials import Credentials, RefreshableCredentials

from app.core.credentials.errors import CredentialError
from app.core.credentials.mfa import MfaPrompt, ask_code
from app.core.credentials.spec import CredentialSpec
from app.core.credentials.static import static_credentials
from app.core.credentials.sts_errors import sts_failure

METHOD = "eider-assume-role"
DEFAULT_STS_REGION = "us-east-1"
MIN_DURATION, MAX_DURATION = 900, 43200

# Called with the source credentials; returns a botocore STS client signed with them.
StsClientFactory = Callable[[Credentials], Any]
# The time a session's expiry is compared with (an aware datetime); tests pass a simulated one.
Clock = Callable[[], datetime]


@dataclass(frozen=True)
class RoleRequest:
    role_arn: str
    session_name: str = ""
    duration_seconds: int = 3600
    external_id: str = ""
    mfa_serial: str = ""
    endpoint: str = ""  # shown in messages only

    def params(self, mfa_code: str | None) -> dict[str, Any]:
        params: dict[str, Any] = {
            "RoleArn": self.role_arn,
            "RoleSessionName": self.session_name or f"eider-{int(time.time())}",
            "DurationSeconds": self.duration_seconds,
        }
        if self.external_id:
            params["ExternalId"] = self.external_id
        if self.mfa_serial:
            params["SerialNumber"] = self.mfa_serial
            params["TokenCode"] = mfa_code
        return params


def refresh_windows(duration_seconds: int) -> tuple[int, int]:
    """(advisory, mandatory) seconds before expiry at which to renew.

    botocore's defaults (15 and 10 minutes) would renew a 15-minute session on every request.
    """
    return min(15 * 60, duration_seconds // 3), min(10 * 60, duration_seconds // 6)


def assume_role(
    request: RoleRequest,
    source: Credentials,
    sts_client: StsClientFactory,
    mfa_prompt: MfaPrompt | None,
    clock: Clock | None = None,
) -> RefreshableCredentials:
    """Assume the role now (so errors show when connecting) and renew it on demand.

    `clock` replaces botocore's local time when deciding whether the session needs renewing.
    """
    if not request.role_arn:
        raise CredentialError("No role ARN is set. Enter the ARN of the role to assume.")
    if not MIN_DURATION <= request.duration_seconds <= MAX_DURATION:
        raise CredentialError(
            f"A role session must last between {MIN_DURATION} and {MAX_DURATION} seconds, not "
            f"{request.duration_seconds}. Correct the session duration."
        )

    def fetch() -> dict[str, Any]:
        code = ask_code(mfa_prompt, request.mfa_serial) if request.mfa_serial else None
        try:
            response = sts_client(source).assume_role(**request.params(code))
        except CredentialError:
            raise
        except Exception as exc:
            raise sts_failure(exc, request.role_arn, request.endpoint) from None
        issued = response["Credentials"]
        return {
            "access_key": issued["AccessKeyId"],
            "secret_key": issued["SecretAccessKey"],
            "token": issued["SessionToken"],
            "expiry_time": issued["Expiration"].isoformat(),
        }

    advisory, mandatory = refresh_windows(request.duration_seconds)
    first = fetch()
    timing: dict[str, Any] = {"time_fetcher": clock} if clock is not None else {}
    return RefreshableCredentials(
        first["access_key"],
        first["secret_key"],
        first["token"],
        datetime.fromisoformat(first["expiry_time"]),
        refresh_using=fetch,
        method=METHOD,
        advisory_timeout=advisory,
        mandatory_timeout=mandatory,
        **timing,
    )


def plain_sts_client_factory(endpoint: str, region: str) -> StsClientFactory:
    """STS clients that read no AWS config files: everything comes from the connection."""

    def create(source: Credentials) -> Any:
        session = botocore.session.Session()
        session.set_config_variable("credentials_file", "/dev/null")
        session.set_config_variable("config_file", "/dev/null")
        frozen = source.get_frozen_credentials()
        return session.create_client(
            "sts",
            region_name=region or DEFAULT_STS_REGION,
            endpoint_url=endpoint or None,
            aws_access_key_id=frozen.access_key,
            aws_secret_access_key=frozen.secret_key,
            aws_session_token=frozen.token,
            config=Config(
                connect_timeout=15, read_timeout=30, retries={"mode": "standard", "max_attempts": 3}
            ),
        )

    return create


def assume_role_credentials(
    spec: CredentialSpec, mfa_prompt: MfaPrompt | None
) -> RefreshableCredentials:
    """ASSUME_ROLE: the source keys are the connection's static keys from the keyring."""
    request = RoleRequest(
        role_arn=spec.role_arn,
        session_name=spec.role_session_name,
        duration_seconds=spec.duration_seconds,
        external_id=spec.external_id,
        mfa_serial=spec.mfa_serial,
        endpoint=spec.sts_endpoint,
    )
    factory = plain_sts_client_factory(spec.sts_endpoint, spec.sts_region)
    return assume_role(request, static_credentials(spec), factory, mfa_prompt)
