"""ListObjectsV2 answers parsed straight from the XML, not by botocore's generic parser.

botocore walks the XML tree in pure Python, shape by shape, for every element: about 60 ms of
CPU for a page of 1,000 keys, most of what a large listing costs. The answer has a fixed
layout, so here one pass over the tree builds the same dictionary (the fields botocore's
model names for ListObjectsV2 that Eider or a caller of the client can use) in a few
milliseconds. Timestamps stay raw text: only the raw-timestamp client uses this parser.

Only successful answers take this path (botocore's `parse` sends errors elsewhere), so errors
are parsed and described exactly as before; an answer this parser cannot read is handed back
to botocore's own parser.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import unquote
from xml.etree import ElementTree

import botocore.session

from app.core.s3 import botocore_private
from app.core.s3.implausible_answers import checked_count, checked_size

_OPERATION = "ListObjectsV2"
_OUTPUT_SHAPE = "ListObjectsV2Output"
_ROOT = re.compile(rb"\s*(?:<\?xml[^>]*\?>)?\s*<ListBucketResult[\s>]")
_END = b"</ListBucketResult>"
_INTEGERS = frozenset({"MaxKeys", "KeyCount", "Size"})


def parse_list_objects_v2(body: bytes) -> dict[str, Any]:
    # The same expat-backed ElementTree botocore parses these bytes with (expat refuses
    # external entities and, since 2.4, entity-expansion bombs).
    # The declared encoding is ignored (as botocore does): S3 answers in UTF-8, and a declared
    # encoding Python does not know would raise LookupError, not a parse error.
    parser = ElementTree.XMLParser(encoding="utf-8")  # noqa: S314
    parser.feed(body)
    root = parser.close()
    if root.tag.rpartition("}")[2] != "ListBucketResult":
        raise ValueError(f"not a listing: <{root.tag}>")
    skip = root.tag.find("}") + 1  # length of "{namespace}", 0 without one
    parsed: dict[str, Any] = {}
    contents: list[dict[str, Any]] = []
    prefixes: list[dict[str, str]] = []
    for child in root:
        name = child.tag[skip:]
        if name == "Contents":
            contents.append(_object(child, skip))
        elif name == "CommonPrefixes":
            prefixes.append({g.tag[skip:]: g.text or "" for g in child})
        elif name == "IsTruncated":
            parsed[name] = (child.text or "").strip().lower() == "true"
        elif name in _INTEGERS:
            parsed[name] = checked_count(child.text, name)
        elif len(child) == 0:
            parsed[name] = child.text or ""
    if contents:
        parsed["Contents"] = contents
    if prefixes:
        parsed["CommonPrefixes"] = prefixes
    return parsed


def _object(element: ElementTree.Element, skip: int) -> dict[str, Any]:
    entry: dict[str, Any] = {}
    size: str | None = None
    for field in element:
        name = field.tag[skip:]
        if name == "Size":
            size = field.text
        elif name == "ChecksumAlgorithm":  # a flattened list: one element per algorithm
            entry.setdefault(name, []).append(field.text or "")
        elif len(field):  # Owner, RestoreStatus: a structure of text fields
            entry[name] = {g.tag[skip:]: g.text or "" for g in field}
        else:
            entry[name] = field.text or ""
    if size is not None:
        # A bad size is the server's fault, named here: botocore's parser would raise a bare
        # ValueError from int().
        entry["Size"] = checked_size(size, unquote(entry.get("Key", "")))
    return entry


def _listing_shortcut(response: dict[str, Any], shape: Any) -> dict[str, Any] | None:
    if shape is None or shape.name != _OUTPUT_SHAPE or not response.get("body"):
        return None
    try:
        return parse_list_objects_v2(response["body"])
    except (ElementTree.ParseError, ValueError):
        return None  # botocore's own parser reads it (and describes what is wrong)


class ListingAwareParserFactory(botocore_private.ShortcutParserFactory):
    """botocore's parsers, with listings read by `parse_list_objects_v2`."""

    def __init__(self) -> None:
        super().__init__(_listing_shortcut)


def is_whole_listing(body: bytes) -> bool:
    """The answer starts and ends as a listing: neither an error nor cut short."""
    return bool(body) and body.rstrip().endswith(_END) and _ROOT.match(body) is not None


def check_listings_cheaply(session: botocore.session.Session) -> None:
    """Spare a successful listing botocore's second full parse.

    Before parsing, botocore parses every S3 answer to XML once more only to see whether a
    200 hides an error (or was cut short): as much CPU again as parsing the listing. A whole
    listing is recognised from its first and last bytes; anything else, and every other
    operation, still goes through botocore's own check.
    """
    botocore_check = botocore_private.handle_200_error()
    if botocore_check is None:  # a botocore without that check: nothing to spare
        return

    def check(operation_model: Any, response_dict: dict[str, Any] | None, **kwargs: Any) -> None:
        if (
            response_dict
            and operation_model.name == _OPERATION
            and response_dict.get("status_code") == 200
            and is_whole_listing(response_dict.get("body") or b"")
        ):
            return
        botocore_check(operation_model=operation_model, response_dict=response_dict, **kwargs)

    session.unregister("before-parse.s3.*", botocore_check)
    session.get_component("event_emitter").register_first("before-parse.s3.*", check)
