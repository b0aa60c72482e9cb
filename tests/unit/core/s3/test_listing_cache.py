"""The listing cache keeps complete listings, the newest first, each for a while."""

from __future__ import annotations

from app.core.s3.listing_cache import ListingCache
from app.core.s3.session import ListingPage


def page(bucket: str, prefix: str, last: bool = True) -> ListingPage:
    return ListingPage(bucket, prefix, (), (), last)


def test_a_listing_is_kept_for_its_time_then_listed_again() -> None:
    now = [0.0]
    cache = ListingCache(10, 30.0, clock=lambda: now[0])
    pages = [page("b", "a/", last=False), page("b", "a/")]
    cache.store("b", "a/", pages)
    now[0] = 29.9
    assert cache.get("b", "a/") == pages
    now[0] = 30.0
    assert cache.get("b", "a/") is None


def test_only_the_newest_entries_are_kept_and_configure_applies_at_once() -> None:
    cache = ListingCache(2, 60.0)
    for prefix in ("1/", "2/", "3/"):
        cache.store("b", prefix, [page("b", prefix)])
    assert cache.get("b", "1/") is None and len(cache) == 2
    assert cache.get("b", "2/") is not None  # used: now the newest
    cache.store("b", "4/", [page("b", "4/")])
    assert cache.get("b", "3/") is None and cache.get("b", "2/") is not None
    cache.configure(0, 60.0)
    assert len(cache) == 0
    cache.store("b", "5/", [page("b", "5/")])
    assert cache.get("b", "5/") is None  # size 0: nothing is kept


def test_forget_drops_a_folder_or_a_whole_bucket() -> None:
    cache = ListingCache(10, 60.0)
    for bucket, prefix in (("b", "x/"), ("b", "y/"), ("c", "x/")):
        cache.store(bucket, prefix, [page(bucket, prefix)])
    cache.forget("b", "x/")
    assert cache.get("b", "x/") is None and cache.get("b", "y/") is not None
    cache.forget("b")
    assert cache.get("b", "y/") is None and cache.get("c", "x/") is not None
