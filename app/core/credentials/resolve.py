"""Turn a CredentialSpec into botocore credentials (refreshable where they expire)."""

from __future__ import annotations

from botocore.credentials import Credentials

from app.core.credentials.assume_role import assume_role_credentials
from app.core.credentials.aws_profile import profile_credentials
from app.core.credentials.container import container_credentials
from app.core.credentials.environment import environment_credentials
from app.core.credentials.errors import CredentialError
from app.core.credentials.metadata import instance_metadata_credentials
from app.core.credentials.mfa import MfaPrompt
from app.core.credentials.spec import CredentialKind, CredentialSpec
from app.core.credentials.static import static_credentials

__all__ = ["CredentialError", "MfaPrompt", "resolve"]


def resolve(spec: CredentialSpec, mfa_prompt: MfaPrompt | None = None) -> Credentials | None:
    """Credentials for `spec`; None means unsigned (anonymous) requests.

    Blocks (keyring, files, network): never call it on the GUI thread. `mfa_prompt` may also be
    called later, from a worker thread, when a role session needs renewing.
    """
    match spec.kind:
        case CredentialKind.ANONYMOUS:
            return None
        case CredentialKind.STATIC:
            return static_credentials(spec)
        case CredentialKind.AWS_PROFILE:
            return profile_credentials(spec.profile_name, mfa_prompt)
        case CredentialKind.ASSUME_ROLE:
            return assume_role_credentials(spec, mfa_prompt)
        case CredentialKind.ENVIRONMENT:
            return environment_credentials()
        case CredentialKind.INSTANCE_METADATA:
            return instance_metadata_credentials(spec.metadata_endpoint)
        case CredentialKind.CONTAINER:
            return container_credentials(spec.metadata_endpoint)
    raise CredentialError(f"Unknown credential source '{spec.kind}'.")
