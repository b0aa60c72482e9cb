"""Asking the user for a one-time MFA code.

The prompt may be called from a worker thread (credentials are refreshed when a request needs
them, possibly hours after the connection opened); the GUI's implementation must block that
thread until the user answers. Returning an empty string or raising means "cancelled".
"""

from __future__ import annotations

from collections.abc import Callable

from app.core.credentials.errors import CredentialError

# Called with the MFA device serial/ARN; returns the one-time code the user typed.
MfaPrompt = Callable[[str], str]

_BOTOCORE_PROMPT_PREFIX = "Enter MFA code for "


def ask_code(mfa_prompt: MfaPrompt | None, serial: str) -> str:
    if mfa_prompt is None:
        raise CredentialError(
            f"These credentials need a one-time code from the MFA device {serial}, but nothing "
            "can ask for it here. Open the connection in the Eider window, which prompts for "
            "the code, or use a credential source without MFA."
        )
    try:
        code = mfa_prompt(serial)
    except Exception as exc:
        raise CredentialError(
            f"No MFA code was given for {serial} ({type(exc).__name__}); the role was not "
            "assumed. Connect again and enter the current code from your MFA device."
        ) from None
    code = (code or "").strip()
    if not code:
        raise CredentialError(
            f"No MFA code was given for {serial}; the role was not assumed. Connect again and "
            "enter the current code from your MFA device."
        )
    return code


def botocore_prompter(mfa_prompt: MfaPrompt | None) -> Callable[[str], str]:
    """Adapt `mfa_prompt` to botocore's prompter, which receives a sentence, not the serial."""

    def prompter(text: str) -> str:
        serial = text.removeprefix(_BOTOCORE_PROMPT_PREFIX).rstrip(": ").strip() or text
        return ask_code(mfa_prompt, serial)

    return prompter
