"""Turn a CredentialSpec into botocore credentials (refreshable where they expire)."""

from __future__ import annotations

from collections.abc import Callable

from botocore.credentials import Credentials

from app.core import secrets
from app.core.credentials.spec import CredentialKind, CredentialSpec

# Called with the MFA device serial/ARN; returns the one-time code the user typed.
MfaPrompt = Callable[[str], str]


class CredentialError(RuntimeError):
    """Credentials could not be obtained; the message says why and what to do."""


def resolve(spec: CredentialSpec, mfa_prompt: MfaPrompt | None = None) -> Credentials | None:
    """Credentials for `spec`; None means unsigned (anonymous) requests."""
    if spec.kind is CredentialKind.ANONYMOUS:
        return None
    if spec.kind is CredentialKind.STATIC:
        return _static(spec)
    raise CredentialError(f"Credential source '{spec.kind.value}' is not available yet")


def _static(spec: CredentialSpec) -> Credentials:
    if not spec.access_key_id:
        raise CredentialError("No access key ID is set for this connection.")
    secret = secrets.get_secret(spec.secret_owner, "secret-key") if spec.secret_owner else None
    if not secret:
        raise CredentialError(
            f"No secret access key for access key ID {spec.access_key_id} is stored in the "
            "system keyring. Edit the connection and enter the secret key again."
        )
    token = secrets.get_secret(spec.secret_owner, "session-token")
    return Credentials(spec.access_key_id, secret, token or None)
