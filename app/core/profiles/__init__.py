"""Connection profiles in Cyberduck's format: safe reading, meaning, and the catalogue."""

from app.core.profiles.catalogue import (
    CatalogueEntry,
    all_profiles,
    find_profile,
    import_profile_file,
    remove_user_profile,
    shipped_profiles,
    user_profiles,
    user_profiles_dir,
)
from app.core.profiles.errors import ProfileError
from app.core.profiles.model import Profile
from app.core.profiles.parse import load_profile, profile_from_bytes

__all__ = [
    "CatalogueEntry",
    "Profile",
    "ProfileError",
    "all_profiles",
    "find_profile",
    "import_profile_file",
    "load_profile",
    "profile_from_bytes",
    "remove_user_profile",
    "shipped_profiles",
    "user_profiles",
    "user_profiles_dir",
]
