"""STATIC: an access key ID from the connection, its secret (and session token) from the keyring."""

from __future__ import annotations

from botocore.credentials import Credentials

from app.core import secrets
from app.core.credentials.errors import CredentialError
from app.core.credentials.spec import CredentialSpec

# Keyring entry kinds (see app.core.secrets), not secrets.
SECRET_KEY = "secret-key"  # noqa: S105
SESSION_TOKEN = "session-token"  # noqa: S105


def static_credentials(spec: CredentialSpec) -> Credentials:
    if not spec.access_key_id:
        raise CredentialError(
            "No access key ID is set for this connection. Edit the connection and enter it."
        )
    try:
        secret = secrets.get_secret(spec.secret_owner, SECRET_KEY) if spec.secret_owner else None
        token = secrets.get_secret(spec.secret_owner, SESSION_TOKEN) if secret else None
    except secrets.SecretStoreError as exc:
        raise CredentialError(str(exc)) from None
    if not secret:
        raise CredentialError(
            f"No secret access key for access key ID {spec.access_key_id} is stored in the "
            "system keyring. Edit the connection and enter the secret key again."
        )
    return Credentials(spec.access_key_id, secret, token or None, method="eider-keyring")
