"""A profile's list of Info features its provider lacks."""

from __future__ import annotations

from dataclasses import replace

from app.core.profiles import all_profiles
from app.core.profiles.model import Profile
from app.core.s3.info_features import UNSUPPORTED_PROPERTY, unsupported_features
from app.core.s3.info_section import Feature


def _with(value: str) -> Profile:
    seaweed = next(e.profile for e in all_profiles() if e.profile.vendor == "seaweedfs")
    return replace(seaweed, properties={UNSUPPORTED_PROPERTY: value})


def test_names_separated_by_spaces_or_commas_unknown_ones_skipped() -> None:
    assert unsupported_features(_with("Lifecycle, cors  public-access-block,teleport")) == {
        Feature.LIFECYCLE,
        Feature.CORS,
        Feature.PUBLIC_ACCESS_BLOCK,
    }
    assert unsupported_features(_with("")) == frozenset()


def test_the_shipped_seaweedfs_profile_names_what_seaweedfs_reads_back_as_none() -> None:
    seaweed = next(e.profile for e in all_profiles() if e.profile.vendor == "seaweedfs")
    assert unsupported_features(seaweed) == {
        Feature.LOGGING,
        Feature.WEBSITE,
        Feature.ACCELERATION,
        Feature.REQUESTER_PAYS,
    }
