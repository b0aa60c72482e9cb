"""The one error type every credential source raises."""

from __future__ import annotations

from app.core.explained import ExplainedError


class CredentialError(RuntimeError, ExplainedError):
    """Credentials could not be obtained; the message says why and what to do.

    Messages never contain a secret, and never consist of a library's exception text alone.
    """
