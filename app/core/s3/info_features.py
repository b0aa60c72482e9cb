"""Which Info features a provider lacks, as its connection profile says.

A profile lists them in the property ``eider.info.unsupported`` (names of `Feature`, separated
by spaces or commas), for servers whose answers do not say so themselves: SeaweedFS, for one,
reads back "no website" and answers a website PUT as if it created the bucket.
"""

from __future__ import annotations

import re

from app.core.profiles.model import Profile
from app.core.s3.info_section import Feature

UNSUPPORTED_PROPERTY = "eider.info.unsupported"
_KNOWN = {f.value: f for f in Feature}


def unsupported_features(profile: Profile) -> frozenset[Feature]:
    """The features the profile rules out; names Eider does not know are skipped."""
    names = re.split(r"[\s,]+", profile.properties.get(UNSUPPORTED_PROPERTY, "").strip().lower())
    return frozenset(_KNOWN[name] for name in names if name in _KNOWN)
