"""The one error type profile and bookmark-file reading raises."""

from __future__ import annotations


class ProfileError(ValueError):
    """A profile (or .duck) file cannot be used; the message names the file and the fault."""
