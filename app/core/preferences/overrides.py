"""A bookmark's own transfer, S3-default and connection settings laid over the Preferences."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from app.core.preferences.reading import Problem, section_from_json
from app.core.preferences.sections import OVERRIDABLE, SECTIONS, Preferences


def with_overrides(preferences: Preferences, overrides: dict[str, Any]) -> Preferences:
    """`preferences` with a bookmark's overrides (as `overrides_from_json` checked them)."""
    changes: dict[str, Any] = {}
    ignored: list[Problem] = []  # already reported when the bookmark was read
    for name in OVERRIDABLE:
        values = overrides.get(name)
        if values:
            base = getattr(preferences, name)
            changes[name] = section_from_json(SECTIONS[name], values, name, ignored, base)
    return replace(preferences, **changes) if changes else preferences
