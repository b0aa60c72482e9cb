"""What kind of credentials a connection uses, and where to find them. Never the secrets."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class CredentialKind(StrEnum):
    STATIC = "static"  # access key id + secret (and optional session token) from the keyring
    AWS_PROFILE = "aws-profile"  # a named profile of ~/.aws/credentials / ~/.aws/config
    ASSUME_ROLE = "assume-role"  # STS AssumeRole on top of static keys, optional MFA
    ENVIRONMENT = "environment"  # AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN
    INSTANCE_METADATA = "instance-metadata"  # EC2 IMDSv2
    CONTAINER = "container"  # ECS/EKS container credentials endpoint
    ANONYMOUS = "anonymous"  # unsigned requests, for public buckets


@dataclass(frozen=True)
class CredentialSpec:
    kind: CredentialKind = CredentialKind.ANONYMOUS
    access_key_id: str = ""
    # Keyring owner under which the secret key / session token are stored (see app.core.secrets).
    secret_owner: str = ""
    # A user-only file holding the secret key instead (the local sandbox's); see key_file.
    secret_file: str = ""
    profile_name: str = ""
    role_arn: str = ""
    mfa_serial: str = ""
    role_session_name: str = ""
    duration_seconds: int = 3600
    external_id: str = ""
    sts_endpoint: str = ""  # custom STS endpoint (S3-compatible providers, tests)
    sts_region: str = ""  # region STS requests are signed for; us-east-1 when empty
    # IMDS: base URL (default http://169.254.169.254); CONTAINER: the full credentials URL
    # (default from AWS_CONTAINER_CREDENTIALS_FULL_URI / _RELATIVE_URI). For tests and proxies.
    metadata_endpoint: str = ""
