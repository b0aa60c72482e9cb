"""STATIC: an access key ID from the connection, its secret (and session token) from where
Eider keeps secrets (see app.core.secrets), or from the key file the connection names."""

from __future__ import annotations

from pathlib import Path

from botocore.credentials import Credentials

from app.core import secrets
from app.core.credentials.errors import CredentialError
from app.core.credentials.spec import CredentialSpec
from app.core.secrets.key_file import read_key_file

# Secret entry kinds (see app.core.secrets), not secrets.
SECRET_KEY = "secret-key"  # noqa: S105
SESSION_TOKEN = "session-token"  # noqa: S105


def static_credentials(spec: CredentialSpec) -> Credentials:
    if not spec.access_key_id:
        raise CredentialError(
            "No access key ID is set for this connection. Edit the connection and enter it."
        )
    try:
        if spec.secret_file:
            secret, token = read_key_file(Path(spec.secret_file)), None
        else:
            owner = spec.secret_owner
            secret = secrets.get_secret(owner, SECRET_KEY) if owner else None
            token = secrets.get_secret(owner, SESSION_TOKEN) if secret else None
    except secrets.SecretStoreError as exc:
        raise CredentialError(str(exc)) from None
    if not secret:
        raise CredentialError(_missing(spec))
    return Credentials(spec.access_key_id, secret, token or None, method="eider-keyring")


def _missing(spec: CredentialSpec) -> str:
    if spec.secret_file:
        return (
            f"The key file {spec.secret_file} for access key ID {spec.access_key_id} is "
            "missing or empty. Start the local sandbox again to have new keys made."
        )
    if secrets.keyring_usable():
        return (
            f"No secret access key for access key ID {spec.access_key_id} is stored in the "
            "system keyring. Edit the connection and enter the secret key again."
        )
    return (
        f"No secret access key for access key ID {spec.access_key_id} was given in this "
        "session or kept in Eider's vault, and there is no system keyring. Connect again and "
        "type the secret key."
    )
