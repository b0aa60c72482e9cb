"""Import a file the user handed over (drop, File > Import, command line): a profile or a .duck.

`prepare_import` is the blocking part (read, check, copy a profile into the user's folder,
parse a bookmark) for a worker thread; adding a parsed bookmark to the store is left to the
caller so the GUI can do it on its own thread, through its model.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.core.bookmarks.duck import import_duck
from app.core.bookmarks.model import Bookmark, BookmarkError
from app.core.profiles import Profile, ProfileError
from app.core.profiles.catalogue import import_profile_file
from app.core.profiles.errors import ProfileAlreadyImported
from app.core.profiles.parse import PROFILE_SUFFIXES

BOOKMARK_SUFFIXES = (".duck",)


@dataclass(frozen=True)
class ImportOutcome:
    path: Path
    ok: bool
    message: str  # one line for the user: what was imported, or what is wrong with the file
    profile: Profile | None = None
    bookmark: Bookmark | None = None  # parsed from a .duck, not yet in the store
    already_imported: bool = False  # a profile that `prepare_import(path, replace=True)` updates


def is_importable(path: Path) -> bool:
    suffix = Path(path).suffix.lower()
    return suffix in PROFILE_SUFFIXES or suffix in BOOKMARK_SUFFIXES


def prepare_import(path: Path, replace: bool = False) -> ImportOutcome:
    """Never raises for a bad file: the outcome says what is wrong."""
    path = Path(path)
    suffix = path.suffix.lower()
    try:
        if suffix in PROFILE_SUFFIXES:
            profile = import_profile_file(path, replace=replace)
            verb = "Updated" if replace else "Imported"
            return ImportOutcome(
                path, True, f"{verb} the profile '{profile.description}'.", profile=profile
            )
        if suffix in BOOKMARK_SUFFIXES:
            imported = import_duck(path)
            notes = "".join(f" {note}." for note in imported.notes)
            message = f"Imported the bookmark '{imported.bookmark.nickname}'.{notes}"
            return ImportOutcome(path, True, message, bookmark=imported.bookmark)
    except ProfileAlreadyImported as exc:
        return ImportOutcome(path, False, str(exc), already_imported=True)
    except (ProfileError, BookmarkError) as exc:
        return ImportOutcome(path, False, str(exc))
    except OSError as exc:
        return ImportOutcome(path, False, f"{path.name}: cannot read the file ({exc.strerror})")
    return ImportOutcome(
        path,
        False,
        f"{path.name}: not a connection profile (.cyberduckprofile, .profile) or a bookmark "
        "(.duck) file",
    )
