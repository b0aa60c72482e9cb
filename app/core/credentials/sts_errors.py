"""Turn a failed STS call into a CredentialError that says what to do."""

from __future__ import annotations

from botocore.exceptions import (
    BotoCoreError,
    ClientError,
    EndpointConnectionError,
    NoCredentialsError,
    ParamValidationError,
)

from app.core.credentials.errors import CredentialError

_FIXES = {
    "AccessDenied": "Check that the role's trust policy allows these keys to assume it, and that "
    "the MFA code (if any) was current.",
    "InvalidClientTokenId": "The source access key is not known to STS: check the source keys.",
    "SignatureDoesNotMatch": "The source secret key is wrong: enter it again.",
    "ExpiredToken": "The source credentials have expired: renew them and connect again.",
    "RegionDisabledException": "Activate STS in this region (IAM account settings) or use "
    "another STS region.",
    "MalformedPolicyDocument": "Fix the session policy.",
    "ValidationError": "Check the role ARN, session name, duration and external ID.",
}


def sts_failure(exc: BaseException, role_arn: str, endpoint: str) -> CredentialError:
    where = f"STS ({endpoint})" if endpoint else "STS"
    if isinstance(exc, ClientError):
        error = exc.response.get("Error", {})
        code = error.get("Code", "Unknown")
        detail = error.get("Message", "")
        fix = _FIXES.get(code, "Check the role ARN and the source credentials.")
        said = f": {detail}" if detail else ""
        return CredentialError(
            f"{where} refused to let Eider assume the role {role_arn} ({code}{said}). {fix}"
        )
    if isinstance(exc, EndpointConnectionError):
        return CredentialError(
            f"Eider could not reach {where} to assume the role {role_arn}. Check the network, "
            "the proxy and the STS endpoint."
        )
    if isinstance(exc, ParamValidationError):
        return CredentialError(
            f"The role settings for {role_arn} are not valid for STS: {exc}. Correct them in "
            "the connection."
        )
    if isinstance(exc, NoCredentialsError):
        return CredentialError(
            f"There are no source credentials to call {where} with for role {role_arn}."
        )
    if isinstance(exc, BotoCoreError):
        return CredentialError(
            f"Assuming the role {role_arn} through {where} failed ({type(exc).__name__}). Check "
            "the network and the STS endpoint, then connect again."
        )
    return CredentialError(
        f"Assuming the role {role_arn} failed ({type(exc).__name__}). Connect again."
    )
