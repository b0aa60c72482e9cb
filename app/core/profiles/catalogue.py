"""Where profiles come from: the catalogue shipped in `profiles/` (found through
app/core/resources.py in a checkout, a wheel and the bundle) and the user's own folder.

User profiles live in ``paths.data_dir()/profiles``; a user profile with the same identity as a
shipped one takes its place in `all_profiles()`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from app.core import paths
from app.core.atomic_file import copy_atomically
from app.core.profiles.errors import ProfileAlreadyImported, ProfileError
from app.core.profiles.model import Profile
from app.core.profiles.parse import PROFILE_SUFFIXES, load_profile
from app.core.resources import shipped_profiles_dir

log = logging.getLogger(__name__)

SHIPPED_DIR = shipped_profiles_dir()


@dataclass(frozen=True)
class CatalogueEntry:
    path: Path
    profile: Profile
    shipped: bool


def user_profiles_dir() -> Path:
    folder = paths.data_dir() / "profiles"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _profile_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(
        p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in PROFILE_SUFFIXES
    )


_cache: dict[Path, tuple[tuple[int, int], Profile]] = {}


def _load(path: Path) -> Profile:
    """load_profile, remembered until the file's size or modification time changes."""
    stat = path.stat()
    stamp = (stat.st_mtime_ns, stat.st_size)
    cached = _cache.get(path)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    profile = load_profile(path)
    _cache[path] = (stamp, profile)
    return profile


def shipped_profiles() -> list[CatalogueEntry]:
    """Every shipped profile; a broken shipped file is a bug and raises."""
    return [CatalogueEntry(p, _load(p), True) for p in _profile_files(SHIPPED_DIR)]


def user_profiles(errors: list[ProfileError] | None = None) -> list[CatalogueEntry]:
    """The user's imported profiles; unreadable ones are skipped and reported in `errors`."""
    entries = []
    for path in _profile_files(user_profiles_dir()):
        try:
            entries.append(CatalogueEntry(path, _load(path), False))
        except (ProfileError, OSError) as exc:
            log.warning("Skipping profile: %s", exc)
            if errors is not None:
                errors.append(exc if isinstance(exc, ProfileError) else ProfileError(str(exc)))
    return entries


def all_profiles(errors: list[ProfileError] | None = None) -> list[CatalogueEntry]:
    user = user_profiles(errors)
    taken = {_sameness(e.profile) for e in user}
    shipped = [e for e in shipped_profiles() if _sameness(e.profile) not in taken]
    return sorted(shipped + user, key=lambda e: e.profile.description.lower())


def find_profile(identity: str, host: str = "") -> Profile | None:
    """The profile a bookmark refers to by Vendor; among several, the one whose host matches."""
    matches = [e.profile for e in all_profiles() if e.profile.vendor == identity]
    for profile in matches:
        if host and profile.default_hostname == host:
            return profile
    return matches[0] if matches else None


def _sameness(profile: Profile) -> tuple[str, ...]:
    """Cyberduck's notion of two profiles being the same one."""
    return (
        profile.protocol,
        profile.scheme.value if profile.scheme else "",
        profile.context,
        profile.authorization,
        profile.vendor,
        profile.default_hostname,
    )


def import_profile_file(path: Path, replace: bool = False) -> Profile:
    """Check a profile file and copy it into the user's profile folder.

    What the GUI calls for a file dropped on the window or passed on the command line.
    Raises ProfileError for an invalid file or a duplicate (unless `replace`).
    """
    path = Path(path)
    profile = load_profile(path)
    folder = user_profiles_dir()
    target = folder / (path.stem + ".cyberduckprofile")
    same = [e for e in user_profiles() if _sameness(e.profile) == _sameness(profile)]
    if not replace:
        if target.exists():
            raise ProfileAlreadyImported(
                f"{path.name}: a profile file named {target.name} is already imported"
            )
        if same:
            raise ProfileAlreadyImported(
                f"{path.name}: the same profile ('{profile.description}', vendor "
                f"{profile.vendor}) is already imported as {same[0].path.name}"
            )
    for entry in same:
        if entry.path != target:
            entry.path.unlink()
    copy_atomically(path, target)
    log.info("Imported profile %s (%s) to %s", profile.description, profile.vendor, target)
    return profile


def remove_user_profile(identity: str) -> Path:
    """Delete an imported profile, named by Vendor or file name; shipped ones stay."""
    matches = [
        e for e in user_profiles() if identity in (e.profile.vendor, e.path.name, e.path.stem)
    ]
    if not matches:
        shipped = any(e.profile.vendor == identity for e in shipped_profiles())
        hint = " (shipped profiles cannot be removed)" if shipped else ""
        raise ProfileError(f"{identity}: no imported profile by that name{hint}")
    if len(matches) > 1:
        names = ", ".join(e.path.name for e in matches)
        raise ProfileError(f"{identity}: several imported profiles match ({names}); name the file")
    matches[0].path.unlink()
    log.info("Removed imported profile %s", matches[0].path.name)
    return matches[0].path
