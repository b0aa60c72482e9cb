"""ENVIRONMENT: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN of Eider's process."""

from __future__ import annotations

import os

from botocore.credentials import Credentials, EnvProvider
from botocore.exceptions import BotoCoreError

from app.core.credentials.errors import CredentialError


def environment_credentials() -> Credentials:
    environ = os.environ
    if not environ.get(EnvProvider.ACCESS_KEY):
        raise CredentialError(
            f"{EnvProvider.ACCESS_KEY} is not set in the environment Eider was started from. "
            f"Set {EnvProvider.ACCESS_KEY} and {EnvProvider.SECRET_KEY} (and AWS_SESSION_TOKEN "
            "for temporary keys) before starting Eider, or choose another credential source."
        )
    if not environ.get(EnvProvider.SECRET_KEY):
        raise CredentialError(
            f"{EnvProvider.ACCESS_KEY} is set but {EnvProvider.SECRET_KEY} is not. Set both "
            "before starting Eider, or choose another credential source."
        )
    try:
        credentials = EnvProvider(environ=environ).load()
    except (BotoCoreError, ValueError) as exc:
        raise CredentialError(
            f"The AWS credentials in the environment could not be used ({type(exc).__name__}). "
            "Check AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN and "
            "AWS_CREDENTIAL_EXPIRATION."
        ) from None
    assert credentials is not None  # the access key is set, so EnvProvider always answers
    return credentials
