"""`eider profile import|list|inspect`: connection profiles from the command line."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from app.core.profiles import (
    ProfileError,
    all_profiles,
    import_profile_file,
    load_profile,
    remove_user_profile,
    user_profiles_dir,
)
from app.core.profiles.describe import describe_profile


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("profile", help="import, list and inspect connection profiles")
    actions = parser.add_subparsers(dest="profile_action", metavar="ACTION", required=True)

    imp = actions.add_parser(
        "import", help="check a .cyberduckprofile/.profile file and install it"
    )
    imp.add_argument("file", type=Path)
    imp.add_argument("--replace", action="store_true", help="replace an installed copy")
    imp.set_defaults(func=_import)

    rem = actions.add_parser("remove", help="delete an imported profile")
    rem.add_argument("profile", help="Vendor or file name of an imported profile")
    rem.set_defaults(func=_remove)

    lst = actions.add_parser("list", help="list shipped and imported profiles")
    lst.add_argument("--json", action="store_true", help="print JSON instead of a table")
    lst.set_defaults(func=_list)

    ins = actions.add_parser(
        "inspect", help="print, as JSON, the connection settings a profile file yields"
    )
    ins.add_argument("file", help="a profile file, or the Vendor of an installed profile")
    ins.set_defaults(func=_inspect)


def _fail(message: str) -> int:
    print(f"eider: error: {message}", file=sys.stderr)
    return 1


def _import(args: argparse.Namespace) -> int:
    try:
        profile = import_profile_file(args.file, replace=args.replace)
    except ProfileError as exc:
        return _fail(str(exc))
    except OSError as exc:
        return _fail(f"{args.file.name}: cannot be copied ({exc.strerror or exc})")
    print(f"Imported '{profile.description}' (vendor {profile.vendor}) into {user_profiles_dir()}")
    return 0


def _remove(args: argparse.Namespace) -> int:
    try:
        path = remove_user_profile(args.profile)
    except ProfileError as exc:
        return _fail(str(exc))
    except OSError as exc:
        return _fail(f"{args.profile}: cannot be removed ({exc.strerror or exc})")
    print(f"Removed {path}")
    return 0


def _list(args: argparse.Namespace) -> int:
    errors: list[ProfileError] = []
    entries = all_profiles(errors)
    for error in errors:
        print(f"eider: warning: skipped {error}", file=sys.stderr)
    if args.json:
        rows = [
            {
                "vendor": e.profile.vendor,
                "description": e.profile.description,
                "host": e.profile.default_hostname or None,
                "source": "shipped" if e.shipped else "imported",
                "file": str(e.path),
            }
            for e in entries
        ]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    width = max((len(e.profile.vendor) for e in entries), default=6)
    for e in entries:
        origin = "" if e.shipped else "  (imported)"
        print(f"{e.profile.vendor:<{width}}  {e.profile.description}{origin}")
    return 0


def _inspect(args: argparse.Namespace) -> int:
    path = Path(args.file)
    try:
        if path.exists() or path.suffix.lower() in (".cyberduckprofile", ".profile"):
            profile = load_profile(path)
        else:
            matches = [e.profile for e in all_profiles() if e.profile.vendor == args.file]
            if not matches:
                return _fail(f"{args.file}: no such file or installed profile")
            profile = matches[0]
        description = describe_profile(profile)
    except ProfileError as exc:
        return _fail(str(exc))
    print(json.dumps(description, indent=2, ensure_ascii=False))
    return 0
