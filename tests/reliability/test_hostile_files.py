"""Property-based tests (hypothesis) of everything Eider reads from a file or a server listing.

For any input: the reader returns a value or raises the project's own error, whose words
`errors.describe` passes on (never "unexpected", never a traceback); it answers within the
deadline. Examples per test: 40 in the normal run, EIDER_HYPOTHESIS_EXAMPLES=2000 (say) for a
thorough one; EIDER_HYPOTHESIS_SEED replays a run.
"""

from __future__ import annotations

import json
import os
import plistlib
import tempfile
from pathlib import Path, PurePosixPath
from xml.etree.ElementTree import ParseError

from hypothesis import HealthCheck, example, given, seed, settings
from hypothesis import strategies as st

from app.cli.s3_paths import BadS3Path, parse_s3
from app.core.bookmarks.duck import import_duck
from app.core.bookmarks.model import BookmarkError
from app.core.bookmarks.store import BookmarkStore, BookmarkStoreError
from app.core.cse.errors import CseKeyFileError
from app.core.cse.key_files import read_key
from app.core.errors import ErrorKind, describe
from app.core.profiles import ProfileError
from app.core.profiles.parse import profile_from_bytes
from app.core.s3.bucket_names import bucket_name_problems
from app.core.s3.implausible_answers import ImplausibleAnswer
from app.core.s3.listing_parser import parse_list_objects_v2
from app.core.sse_c.errors import KeyFileError
from app.core.sse_c.key_file import parse_keys
from app.core.transfers.local_names import TargetOS, download_target, key_for_local_path
from tests.fixtures.hostile_s3 import Listed, listing_xml
from tests.fixtures.profile_files import MINIMAL_BODY, plist_text

EXAMPLES = int(os.environ.get("EIDER_HYPOTHESIS_EXAMPLES", "40"))
SEED = int(os.environ.get("EIDER_HYPOTHESIS_SEED", "0")) or None

checked = settings(
    max_examples=EXAMPLES,
    deadline=2000,  # ms per example: a reader that hangs on some input fails here
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=SEED is None,  # the normal run is the same every time (CI); a seed varies it
)


def _seeded(test):  # type: ignore[no-untyped-def]
    return seed(SEED)(test) if SEED is not None else test


def _in_words(exc: BaseException) -> None:
    """The error the user would see: Eider's own words, not an 'unexpected' fallback."""
    error = describe(exc)
    assert error.kind is not ErrorKind.OTHER or error.code == type(exc).__name__
    assert "failed with an unexpected" not in error.message, error.message
    assert "Traceback" not in error.message
    assert error.message.strip()


# -- inputs ---------------------------------------------------------------------------------

plist_scalars = st.one_of(
    st.text(max_size=40),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.booleans(),
    st.floats(allow_nan=False),
    st.binary(max_size=20),
)
plist_values = st.recursive(
    plist_scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=20,
)
_PROFILE_KEYS = [
    "Protocol", "Vendor", "Description", "Default Hostname", "Default Port", "Scheme",
    "Region", "Regions", "Properties", "Hostname Configurable", "Port Configurable",
    "Username Placeholder", "Context", "Authorization", "Storage Classes",
    "Nickname", "Hostname", "Port", "Username", "Path", "UUID", "Labels", "Access Timestamp",
]  # fmt: skip
plist_documents = st.dictionaries(
    st.one_of(st.sampled_from(_PROFILE_KEYS), st.text(max_size=10)),
    st.one_of(st.sampled_from(["s3", "S3", "ftp", "", "https", "http"]), plist_values),
    max_size=10,
)


def _plist_bytes(document: dict[str, object]) -> bytes:
    try:
        return plistlib.dumps(document)
    except (TypeError, ValueError, OverflowError):
        return b""  # a value plistlib itself cannot write: the empty-file case


@st.composite
def mutated(draw: st.DrawFn, base: bytes) -> bytes:
    """`base` with a few bytes replaced, inserted or cut: almost-valid files."""
    data = bytearray(base)
    for _ in range(draw(st.integers(1, 4))):
        where = draw(st.integers(0, max(0, len(data) - 1)))
        action = draw(st.sampled_from(["replace", "insert", "cut"]))
        chunk = draw(st.binary(min_size=1, max_size=8))
        if action == "replace":
            data[where : where + len(chunk)] = chunk
        elif action == "insert":
            data[where:where] = chunk
        else:
            del data[where : where + len(chunk)]
    return bytes(data)


VALID_PROFILE = plist_text(MINIMAL_BODY).encode()
VALID_DUCK = plistlib.dumps(
    {"Protocol": "s3", "Nickname": "n", "Hostname": "s3.example.com", "Port": "443",
     "Username": "AKIA0000", "UUID": "0b5e0f5e-5b1a-4d8c-9a1c-1e1f2a3b4c5d"}
)  # fmt: skip
profile_bytes = st.one_of(
    st.binary(max_size=300),
    st.builds(_plist_bytes, plist_documents),
    mutated(VALID_PROFILE),
)


def _written(data: bytes, suffix: str) -> Path:
    handle, name = tempfile.mkstemp(suffix=suffix)
    with os.fdopen(handle, "wb") as out:
        out.write(data)
    return Path(name)


# -- profile files, .duck files, bookmarks ----------------------------------------------------


@_seeded
@checked
@given(profile_bytes)
def test_profile_files(data: bytes) -> None:
    try:
        profile = profile_from_bytes(data, "fuzzed.cyberduckprofile")
    except ProfileError as exc:
        _in_words(exc)
        assert str(exc).startswith("fuzzed.cyberduckprofile")
    else:
        assert profile.protocol.lower().startswith("s3")


@_seeded
@checked
@given(
    st.one_of(
        st.binary(max_size=300), st.builds(_plist_bytes, plist_documents), mutated(VALID_DUCK)
    )
)
def test_duck_files(data: bytes) -> None:
    path = _written(data, ".duck")
    try:
        imported = import_duck(path)
    except (ProfileError, BookmarkError) as exc:
        _in_words(exc)
    else:
        assert imported.bookmark.profile  # the host may be the profile's own (AWS: none)
    finally:
        path.unlink()


json_values = st.recursive(
    st.one_of(
        st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20)
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(max_size=10), children, max_size=5)
    ),
    max_leaves=25,
)
_BOOKMARK_FIELDS = [
    "id", "nickname", "profile", "host", "port", "scheme", "region", "path",
    "credentials", "access_key_id", "sse_customer_key_ref", "download_folder",
]  # fmt: skip
bookmark_documents = st.fixed_dictionaries(
    {
        "schema": st.one_of(st.integers(-2, 5), json_values),
        "bookmarks": st.one_of(
            st.lists(
                st.dictionaries(
                    st.one_of(st.sampled_from(_BOOKMARK_FIELDS), st.text(max_size=8)),
                    json_values,
                    max_size=8,
                ),
                max_size=3,
            ),
            json_values,
        ),
    }
)


@_seeded
@checked
@given(
    st.one_of(
        st.binary(max_size=200),
        st.builds(lambda d: json.dumps(d).encode(), bookmark_documents),
        st.builds(lambda d: json.dumps(d).encode(), json_values),
    )
)
def test_bookmark_files(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bookmarks.json"
        path.write_bytes(data)
        try:
            store = BookmarkStore(path)
        except BookmarkStoreError as exc:  # a newer Eider's file: left as it is
            _in_words(exc)
            assert path.read_bytes() == data
            return
        if store.notice:  # unreadable: moved aside, said so, nothing lost
            assert not path.exists()
            aside = list(Path(folder).glob("bookmarks.corrupt-*.json"))
            assert [p.read_bytes() for p in aside] == [data]
        else:
            for bookmark in store.list():
                assert bookmark.id


# -- key files ---------------------------------------------------------------------------------


@_seeded
@checked
@given(
    st.one_of(
        st.binary(max_size=200),
        st.lists(
            st.one_of(
                st.binary(min_size=32, max_size=32),
                st.text("0123456789abcdefABCDEFxyz", min_size=60, max_size=66),
                st.text(max_size=50),
                st.just("# comment"),
            ),
            max_size=5,
        ).map(lambda lines: b"\n".join(x if isinstance(x, bytes) else x.encode() for x in lines)),
    )
)
def test_sse_c_key_files(data: bytes) -> None:
    try:
        keys = parse_keys(data, "fuzzed.keys")
    except KeyFileError as exc:
        _in_words(exc)
    else:
        assert keys and all(len(k) == 32 for k in keys)
        assert len(set(keys)) == len(keys)


@_seeded
@checked
@given(st.binary(max_size=120))
def test_cse_key_files(data: bytes) -> None:
    path = _written(data, ".key")
    try:
        key = read_key(path)
    except CseKeyFileError as exc:
        _in_words(exc)
        assert data.hex() not in str(exc) or len(data) < 4  # the file's bytes are not echoed
    else:
        assert len(key) == 32
    finally:
        path.unlink()


# -- names ------------------------------------------------------------------------------------


@_seeded
@checked
@given(st.text(max_size=80))
def test_bucket_name_validation(name: str) -> None:
    problems = bucket_name_problems(name)
    assert all(p.message for p in problems)
    if not problems:
        assert 3 <= len(name) <= 63
        assert set(name) <= set("abcdefghijklmnopqrstuvwxyz0123456789.-")
        assert name[0].isalnum() and name[-1].isalnum()


key_text = st.one_of(
    st.text(max_size=60),
    st.lists(st.sampled_from(["..", ".", "", "/", "a", "\x00", "\x1b", "é", "e\u0301", "CON"]),
             max_size=8).map("/".join),
)  # fmt: skip


@_seeded
@checked
@given(key_text, st.sampled_from(list(TargetOS)))
def test_object_keys_never_leave_the_download_folder(key: str, target_os: TargetOS) -> None:
    folder = Path(tempfile.gettempdir()) / "eider-fuzz-target"
    target = download_target(key, "", folder, target_os)
    if target.skipped:
        assert target.path is None and target.messages
        return
    assert target.path is not None
    relative = target.path.relative_to(folder)  # raises if outside
    assert ".." not in relative.parts and relative.parts


@_seeded
@checked
@given(key_text)
def test_local_paths_become_keys_or_say_why_not(relative: str) -> None:
    try:
        key = key_for_local_path(PurePosixPath(relative) if relative else relative, "")
    except ValueError as exc:
        assert str(exc)
    else:
        assert not key.startswith("/") and ".." not in key.split("/")
        assert len(key.encode()) <= 1024


@_seeded
@checked
@given(st.one_of(st.text(max_size=40), st.text(max_size=40).map(lambda t: "s3://" + t)))
def test_s3_paths_on_the_command_line(text: str) -> None:
    try:
        path = parse_s3(text)
    except BadS3Path as exc:
        assert str(exc)
    else:
        assert path.bucket


# -- the listing parser ------------------------------------------------------------------------

VALID_LISTING = listing_xml("b", [Listed("a/b.txt"), Listed("c", size="12")], ["d/"]).encode()
listed = st.builds(
    Listed,
    key=st.text(max_size=30),
    size=st.one_of(st.integers(-5, 2**70).map(str), st.text(max_size=6)),
    last_modified=st.text(max_size=30),
    etag=st.text(max_size=40),
)


@_seeded
@checked
@given(
    st.one_of(
        st.binary(max_size=400),
        mutated(VALID_LISTING),
        st.builds(
            lambda objects, token: listing_xml("b", objects, truncated=True, next_token=token),
            st.lists(listed, max_size=5),
            st.text(max_size=10),
        ).map(lambda text: text.encode("utf-8", "surrogatepass")),
    )
)
@example(VALID_LISTING.replace(b'encoding="UTF-8"', b'encoding="TF-8"'))  # was a LookupError
def test_listing_parser(body: bytes) -> None:
    try:
        parsed = parse_list_objects_v2(body)
    except ImplausibleAnswer as exc:
        _in_words(exc)
    except (ParseError, ValueError):
        pass  # not a listing: handed to botocore's parser, which names the fault (hostile tests)
    else:
        for entry in parsed.get("Contents", ()):
            assert 0 <= entry.get("Size", 0) < 2**63
