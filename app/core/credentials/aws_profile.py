"""AWS_PROFILE: a named profile of the AWS CLI's files, resolved by botocore's own providers.

Static keys, `role_arn` + `source_profile`/`credential_source`, `credential_process`, IAM
Identity Center (SSO, through the AWS CLI's token cache) and web identity all come from
botocore. The one exception is a top-level role with `mfa_serial`: Eider assumes it itself so
that it can ask for a fresh MFA code when the role session ends (botocore refuses to).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import botocore.session
from botocore.credentials import (
    AssumeRoleProvider,
    CanonicalNameCredentialSourcer,
    ContainerProvider,
    CredentialProvider,
    CredentialResolver,
    Credentials,
    DeferredRefreshableCredentials,
    EnvProvider,
    InstanceMetadataProvider,
    ProfileProviderBuilder,
)
from botocore.exceptions import (
    BotoCoreError,
    ClientError,
    ConfigParseError,
    CredentialRetrievalError,
    EndpointConnectionError,
    InvalidConfigError,
    PartialCredentialsError,
    ProfileNotFound,
    RefreshWithMFAUnsupportedError,
    SSOError,
    TokenRetrievalError,
)
from botocore.utils import InstanceMetadataFetcher, JSONFileCache

from app.core.credentials.assume_role import DEFAULT_STS_REGION, RoleRequest, assume_role
from app.core.credentials.errors import CredentialError
from app.core.credentials.mfa import MfaPrompt, botocore_prompter
from app.core.credentials.sts_errors import sts_failure

DEFAULT_PROFILE = "default"


def sso_token_cache_dir() -> Path:
    """Where `aws sso login` leaves its tokens (botocore fixes this path at import time)."""
    return Path.home() / ".aws" / "sso" / "cache"


def _file_variable(session: botocore.session.Session, name: str) -> str:
    return str(Path(session.get_config_variable(name)).expanduser())


def _where(session: botocore.session.Session) -> str:
    config, credentials = (_file_variable(session, v) for v in ("config_file", "credentials_file"))
    return f"{config} or {credentials}"


def _profiles(session: botocore.session.Session) -> dict[str, dict[str, Any]]:
    try:
        profiles: dict[str, dict[str, Any]] = session.full_config.get("profiles", {})
        return profiles
    except ConfigParseError as exc:
        path = exc.kwargs.get("path", "an AWS config file")
        raise CredentialError(
            f"The AWS config file {path} is not valid INI and could not be read. Fix or remove "
            "the broken lines (the AWS CLI reports the same error)."
        ) from None


def profile_credentials(profile_name: str, mfa_prompt: MfaPrompt | None) -> Credentials:
    name = profile_name or DEFAULT_PROFILE
    session = botocore.session.Session(profile=name)
    profiles = _profiles(session)
    if name not in profiles:
        raise CredentialError(
            f"There is no AWS profile named '{name}' in {_where(session)}. Add it there (for "
            f"example with 'aws configure --profile {name}') or choose another profile."
        )
    try:
        if _is_mfa_role(profiles[name]):
            credentials = _mfa_role(session, name, profiles, mfa_prompt)
        else:
            credentials = _chain(session, name, mfa_prompt).load_credentials()
            if isinstance(credentials, DeferredRefreshableCredentials):
                # Roles and SSO are fetched lazily; fetch now so a failure shows on connect.
                credentials.get_frozen_credentials()
    except CredentialError:
        raise
    except Exception as exc:
        raise _profile_failure(exc, name, session) from None
    if credentials is None:
        raise CredentialError(
            f"The AWS profile '{name}' in {_where(session)} holds no credentials: it sets "
            "none of aws_access_key_id, role_arn, credential_process or sso_session/"
            "sso_start_url. Complete the profile or choose another one."
        )
    return credentials


def _region(session: botocore.session.Session) -> str:
    return session.get_config_variable("region") or DEFAULT_STS_REGION


def _client_creator(session: botocore.session.Session) -> Any:
    region = _region(session)

    def create(service_name: str, **kwargs: Any) -> Any:
        kwargs.setdefault("region_name", region)
        return session.create_client(service_name, **kwargs)

    return create


def _chain(
    session: botocore.session.Session,
    name: str,
    mfa_prompt: MfaPrompt | None,
    with_assume_role: bool = True,
) -> CredentialResolver:
    """The profile part of botocore's default chain: no environment keys, no IMDS fallback."""
    cache: dict[str, Any] = {}
    builder = ProfileProviderBuilder(
        session,
        cache=cache,
        region_name=_region(session),
        sso_token_cache=JSONFileCache(str(sso_token_cache_dir())),
    )
    providers: list[CredentialProvider] = builder.providers(
        profile_name=name, disable_env_vars=True
    )
    if with_assume_role:
        sourcer = CanonicalNameCredentialSourcer(
            [
                EnvProvider(),
                ContainerProvider(),
                InstanceMetadataProvider(InstanceMetadataFetcher(timeout=2, num_attempts=1)),
            ]
        )
        providers.insert(
            0,
            AssumeRoleProvider(
                load_config=lambda: session.full_config,
                client_creator=_client_creator(session),
                cache=cache,
                profile_name=name,
                prompter=botocore_prompter(mfa_prompt),
                credential_sourcer=sourcer,
                profile_provider_builder=builder,
            ),
        )
    return CredentialResolver(providers)


def _is_mfa_role(profile: dict[str, Any]) -> bool:
    return all(k in profile for k in ("role_arn", "mfa_serial", "source_profile")) and (
        "web_identity_token_file" not in profile
    )


def _mfa_role(
    session: botocore.session.Session,
    name: str,
    profiles: dict[str, dict[str, Any]],
    mfa_prompt: MfaPrompt | None,
) -> Credentials:
    profile = profiles[name]
    source_name = profile["source_profile"]
    if source_name not in profiles:
        raise CredentialError(
            f"The AWS profile '{name}' takes its keys from source_profile '{source_name}', "
            f"which is not in {_where(session)}. Add that profile or fix source_profile."
        )
    # A profile may name itself as source when it holds the static keys too.
    source_session = botocore.session.Session(profile=source_name)
    source = _chain(
        source_session, source_name, mfa_prompt, with_assume_role=source_name != name
    ).load_credentials()
    if source is None:
        raise CredentialError(
            f"The source profile '{source_name}' of AWS profile '{name}' holds no credentials. "
            "Give it aws_access_key_id/aws_secret_access_key (or another source)."
        )
    try:
        duration = int(profile.get("duration_seconds", 3600))
    except ValueError:
        raise CredentialError(
            f"duration_seconds of AWS profile '{name}' is not a whole number of seconds."
        ) from None
    request = RoleRequest(
        role_arn=profile["role_arn"],
        session_name=profile.get("role_session_name", ""),
        duration_seconds=duration,
        external_id=profile.get("external_id", ""),
        mfa_serial=profile["mfa_serial"],
        endpoint=f"profile '{name}'",
    )
    create = _client_creator(session)

    def sts_client(credentials: Credentials) -> Any:
        frozen = credentials.get_frozen_credentials()
        return create(
            "sts",
            aws_access_key_id=frozen.access_key,
            aws_secret_access_key=frozen.secret_key,
            aws_session_token=frozen.token,
        )

    return assume_role(request, source, sts_client, mfa_prompt)


def _profile_failure(
    exc: BaseException, name: str, session: botocore.session.Session
) -> CredentialError:
    where = _where(session)
    if isinstance(exc, ProfileNotFound):
        missing = exc.kwargs.get("profile", name)
        return CredentialError(
            f"There is no AWS profile named '{missing}' (needed by profile '{name}') in "
            f"{where}. Add it there or fix the reference."
        )
    if isinstance(exc, PartialCredentialsError):
        return CredentialError(
            f"The AWS profile '{name}' is incomplete: {exc.kwargs.get('cred_var')} is missing. "
            f"Complete it in {where}."
        )
    if isinstance(exc, InvalidConfigError):
        return CredentialError(
            f"The AWS profile '{name}' is not usable: {exc.kwargs.get('error_msg', exc)} Fix "
            f"it in {where}."
        )
    if isinstance(exc, (SSOError, TokenRetrievalError)) or (
        isinstance(exc, ClientError) and exc.operation_name == "GetRoleCredentials"
    ):
        return CredentialError(
            f"The IAM Identity Center (SSO) sign-in for AWS profile '{name}' is missing, has "
            f"expired or was refused ({type(exc).__name__}). Run 'aws sso login --profile "
            f"{name}' and connect again."
        )
    if isinstance(exc, ClientError) and exc.operation_name.startswith("AssumeRole"):
        role = session.full_config.get("profiles", {}).get(name, {}).get("role_arn", "")
        return sts_failure(exc, role or f"of profile '{name}'", f"profile '{name}'")
    if isinstance(exc, CredentialRetrievalError):
        detail = " ".join(str(exc.kwargs.get("error_msg", "")).split())[:300]
        return CredentialError(
            f"The credential source of AWS profile '{name}' ({exc.kwargs.get('provider')}) "
            f"failed: {detail or 'no reason given'}. Run its credential_process command in a "
            "terminal to see why, fix it, and connect again."
        )
    if isinstance(exc, ValueError):  # credential_process printed something that is not JSON
        return CredentialError(
            f"The credential_process of AWS profile '{name}' did not print valid JSON "
            "credentials (Version 1 format). Fix the command and connect again."
        )
    if isinstance(exc, RefreshWithMFAUnsupportedError):
        return CredentialError(
            f"The role session of AWS profile '{name}' ended and its source role needs a new "
            "MFA code. Reconnect to enter one."
        )
    if isinstance(exc, EndpointConnectionError):
        return CredentialError(
            f"Eider could not reach {exc.kwargs.get('endpoint_url', 'the service')} to get "
            f"credentials for AWS profile '{name}'. Check the network and any endpoint_url in "
            "the profile."
        )
    if isinstance(exc, (BotoCoreError, OSError)):
        return CredentialError(
            f"Getting credentials for AWS profile '{name}' failed ({type(exc).__name__}). "
            f"Check the profile in {where} and try again."
        )
    return CredentialError(
        f"Getting credentials for AWS profile '{name}' failed ({type(exc).__name__}). Check "
        f"the profile in {where}."
    )
