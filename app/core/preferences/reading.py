"""Preferences to and from plain JSON data, value by value.

A value of the wrong type, or one its section refuses (out of range, unknown name), is left
out with a message that names it and says which default holds instead; the rest still counts.
Nothing here raises for what a file holds.
"""

from __future__ import annotations

import types
from dataclasses import dataclass, fields, replace
from enum import Enum
from typing import Any, Union, get_args, get_origin, get_type_hints

from app.core.preferences.sections import OVERRIDABLE, SECTIONS, Preferences


@dataclass(frozen=True)
class Problem:
    """One value that could not be used."""

    where: str  # "connection.read_timeout", or "bookmark 'Lab': connection.read_timeout"
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


def _coerce(hint: Any, value: Any) -> Any:
    """`value` as the type `hint` names; ValueError saying what was expected."""
    if get_origin(hint) in (Union, types.UnionType):
        options = [a for a in get_args(hint) if a is not type(None)]
        return None if value is None else _coerce(options[0], value)
    if get_origin(hint) is dict:
        if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()
        ):
            raise ValueError("expected an object of text values")
        return dict(value)
    if isinstance(hint, type) and issubclass(hint, Enum):
        choices = [m.value for m in hint]
        if value not in choices:
            raise ValueError(f"{value!r} is not one of {', '.join(map(str, choices))}")
        return hint(value)
    if hint is bool:
        if not isinstance(value, bool):
            raise ValueError(f"{value!r} is not true or false")
        return value
    if hint is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"{value!r} is not a whole number")
        return value
    if hint is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"{value!r} is not a number")
        return float(value)
    if hint is str:
        if not isinstance(value, str):
            raise ValueError(f"{value!r} is not text")
        return value
    raise TypeError(f"no reader for {hint!r}")


def section_from_json(
    cls: type, data: Any, where: str, problems: list[Problem], base: Any = None
) -> Any:
    """`base` (the defaults when None) with each valid value of `data` laid over it."""
    section = base if base is not None else cls()
    if data is None:
        return section
    if not isinstance(data, dict):
        problems.append(Problem(where, "is not an object; the defaults hold"))
        return section
    hints = get_type_hints(cls)
    known = {f.name for f in fields(cls)}
    for name, raw in data.items():
        if name not in known:
            problems.append(Problem(f"{where}.{name}", "is not a setting this Eider knows"))
            continue
        try:
            section = replace(section, **{name: _coerce(hints[name], raw)})
        except ValueError as exc:
            kept = getattr(section, name)
            problems.append(Problem(f"{where}.{name}", f"{exc}; {kept!r} is used instead"))
    return section


def preferences_from_json(data: Any, problems: list[Problem]) -> Preferences:
    if data is None:
        return Preferences()
    if not isinstance(data, dict):
        problems.append(Problem("preferences", "is not an object; the defaults hold"))
        return Preferences()
    values = {
        name: section_from_json(cls, data.get(name), name, problems)
        for name, cls in SECTIONS.items()
    }
    for name in data.keys() - SECTIONS.keys():
        problems.append(Problem(str(name), "is not a section this Eider knows"))
    preferences = Preferences(**values)
    if not preferences.connection.verify_tls:
        problems.append(
            Problem(
                "connection.verify_tls",
                "TLS verification can be switched off for one bookmark only; it stays on",
            )
        )
        preferences = replace(
            preferences, connection=replace(preferences.connection, verify_tls=True)
        )
    return preferences


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return dict(value)
    return value


def section_to_json(section: Any, only_changed_from: Any = None) -> dict[str, Any]:
    """All values, or with `only_changed_from` those that differ from it (overrides)."""
    return {
        f.name: _plain(getattr(section, f.name))
        for f in fields(section)
        if only_changed_from is None
        or getattr(section, f.name) != getattr(only_changed_from, f.name)
    }


def preferences_to_json(preferences: Preferences) -> dict[str, Any]:
    return {name: section_to_json(getattr(preferences, name)) for name in SECTIONS}


def overrides_from_json(data: Any, where: str, problems: list[Problem]) -> dict[str, Any]:
    """A bookmark's overrides, checked: only the overridable sections, only valid values."""
    if not data:
        return {}
    if not isinstance(data, dict):
        problems.append(Problem(where, "overrides are not an object; none apply"))
        return {}
    checked: dict[str, Any] = {}
    for name, values in data.items():
        if name not in OVERRIDABLE:
            problems.append(Problem(f"{where}: {name}", "is not a section a bookmark overrides"))
            continue
        if not isinstance(values, dict):
            problems.append(Problem(f"{where}: {name}", "is not an object; ignored"))
            continue
        cls = SECTIONS[name]
        found: list[Problem] = []
        section = section_from_json(cls, values, f"{where}: {name}", found)
        problems.extend(found)
        bad = {p.where.rsplit(".", 1)[-1] for p in found}
        kept = {k: _plain(getattr(section, k)) for k in values if k not in bad}
        if kept:
            checked[name] = kept
    return checked
