"""What the listing helper process and Eider say to each other over its pipes.

Every message is a frame: one kind byte, an 8-byte length, the payload. A listing page is
packed flat so that unpacking it costs a few C-level calls rather than a Python object per
field: the keys, modification times, ETags and storage classes each as one NUL-joined UTF-8
text (a key cannot hold NUL: the XML a listing comes in cannot carry it), sizes as one packed
array. The request (connection settings and signing keys) and a failure (the exception
itself, so it is described to the user exactly as if it had happened here) are pickled:
both ends are Eider, and the pipes are private to the two processes.

Temporary keys (STS, SSO, instance and container roles) come with their expiry: shortly
before it, the helper sends RENEW and waits for KEYS, the ones Eider's own session holds then
(renewed by it as for any request made here), so a listing never outlives its keys.
"""

from __future__ import annotations

import itertools
import pickle
import struct
from array import array
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import IO, overload

from botocore.credentials import Credentials, RefreshableCredentials
from botocore.utils import parse_timestamp

from app.core.connection import Connection
from app.core.s3.session import ListingPage, ObjectEntry

REQUEST = b"Q"  # parent -> helper: a HelperRequest
START = b"S"  # parent -> helper: the continuation token to list from
READY = b"R"  # helper -> parent: client built, waiting for START
PAGE = b"P"  # helper -> parent: one ListingPage
FAILED = b"F"  # helper -> parent: the exception that ended the listing
RENEW = b"N"  # helper -> parent: my keys are about to expire, send KEYS
KEYS = b"K"  # parent -> helper: fresh keys (RefreshableCredentials metadata, pickled)

_FRAME = struct.Struct("<cQ")
_PAGE = struct.Struct("<IIB6Q")  # objects, folders, is_last, then six text lengths
_SEP = "\0"
_ENCODING = "utf-8"
_ERRORS = "surrogatepass"


@dataclass(frozen=True)
class HelperRequest:
    connection: Connection
    access_key: str | None  # None: unsigned requests
    secret_key: str | None
    session_token: str | None
    bucket: str
    prefix: str
    delimiter: str | None
    bucket_region: str
    expiry: str | None = None  # ISO 8601: the keys are temporary, renewed through RENEW
    refresh_windows: tuple[int | None, int | None] = (None, None)  # (advisory, mandatory) s

    def credentials(self, renew: Callable[[], dict[str, str]]) -> Credentials | None:
        """The keys to sign with; temporary ones are renewed by calling `renew`."""
        if self.access_key is None or self.secret_key is None:
            return None
        if self.expiry is None:
            return Credentials(self.access_key, self.secret_key, self.session_token, "eider")
        advisory, mandatory = self.refresh_windows
        return RefreshableCredentials(
            self.access_key,
            self.secret_key,
            self.session_token,
            parse_timestamp(self.expiry),
            refresh_using=renew,
            method="eider",
            advisory_timeout=advisory,
            mandatory_timeout=mandatory,
        )

    def __repr__(self) -> str:  # never the keys, should a request ever be logged
        return f"HelperRequest(bucket={self.bucket!r}, prefix={self.prefix!r})"


class HelperFailure(RuntimeError):
    """The helper ended in a way that cannot be sent as its exception."""


def write_frame(out: IO[bytes], kind: bytes, payload: bytes = b"") -> None:
    out.write(_FRAME.pack(kind, len(payload)))
    out.write(payload)
    out.flush()


def read_frame(source: IO[bytes]) -> tuple[bytes, bytes] | None:
    """The next (kind, payload), or None at the end of the stream (also mid-frame)."""
    head = source.read(_FRAME.size)
    if len(head) < _FRAME.size:
        return None
    kind, length = _FRAME.unpack(head)
    payload = source.read(length)
    if len(payload) < length:
        return None
    return kind, payload


def encode_page(page: ListingPage) -> bytes:
    objects = page.objects
    texts = [
        _SEP.join([o.key for o in objects]),
        _SEP.join([o.last_modified for o in objects]),
        _SEP.join([o.etag for o in objects]),
        _SEP.join([o.storage_class for o in objects]),
        _SEP.join(page.folders),
        page.next_token or "",
    ]
    blobs = [text.encode(_ENCODING, _ERRORS) for text in texts]
    head = _PAGE.pack(len(objects), len(page.folders), page.is_last, *map(len, blobs))
    return b"".join([head, array("q", [o.size for o in objects]).tobytes(), *blobs])


class PackedObjects(Sequence[ObjectEntry]):
    """A page's objects as the columns they arrived in: a consumer that stores columns
    (the listing model) extends its own from these with C-level calls, and no tuple per
    object is made unless one is asked for."""

    __slots__ = ("classes", "etags", "keys", "modified", "sizes")

    def __init__(
        self,
        keys: list[str],
        sizes: array[int],
        modified: list[str],
        etags: list[str],
        classes: list[str],
    ) -> None:
        self.keys = keys
        self.sizes = sizes
        self.modified = modified
        self.etags = etags
        self.classes = classes

    def __len__(self) -> int:
        return len(self.keys)

    @overload
    def __getitem__(self, index: int) -> ObjectEntry: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[ObjectEntry, ...]: ...
    def __getitem__(self, index: int | slice) -> ObjectEntry | tuple[ObjectEntry, ...]:
        if isinstance(index, slice):
            return tuple(self)[index]
        return ObjectEntry(
            self.keys[index],
            self.sizes[index],
            self.modified[index],
            self.etags[index],
            self.classes[index],
        )

    def __iter__(self) -> Iterator[ObjectEntry]:
        return map(ObjectEntry, self.keys, self.sizes, self.modified, self.etags, self.classes)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence):
            return tuple(self) == tuple(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    @classmethod
    def joined(cls, parts: Sequence[PackedObjects]) -> PackedObjects:
        """One run of objects from several (pages shown together)."""
        sizes = array("q")
        for part in parts:
            sizes.extend(part.sizes)
        chain = itertools.chain.from_iterable
        return cls(
            list(chain(part.keys for part in parts)),
            sizes,
            list(chain(part.modified for part in parts)),
            list(chain(part.etags for part in parts)),
            list(chain(part.classes for part in parts)),
        )

    def without_key(self, key: str) -> PackedObjects:
        """These objects less the one named `key` (a folder's own placeholder object)."""
        if key not in self.keys:
            return self
        keep = [i for i, k in enumerate(self.keys) if k != key]
        return PackedObjects(
            [self.keys[i] for i in keep],
            array("q", [self.sizes[i] for i in keep]),
            [self.modified[i] for i in keep],
            [self.etags[i] for i in keep],
            [self.classes[i] for i in keep],
        )


def decode_page(bucket: str, prefix: str, payload: bytes) -> ListingPage:
    count, folder_count, is_last, *lengths = _PAGE.unpack_from(payload)
    view = memoryview(payload)
    at = _PAGE.size
    sizes = array("q")
    sizes.frombytes(view[at : at + 8 * count])
    at += 8 * count
    texts: list[str] = []
    for length in lengths:
        texts.append(str(view[at : at + length], _ENCODING, _ERRORS))
        at += length
    keys, modified, etags, classes, folders, token = texts

    def split(text: str, n: int) -> list[str]:
        return text.split(_SEP) if n else []

    objects = PackedObjects(
        split(keys, count),
        sizes,
        split(modified, count),
        split(etags, count),
        split(classes, count),
    )
    return ListingPage(
        bucket, prefix, tuple(split(folders, folder_count)), objects, bool(is_last), token or None
    )


def encode_failure(exc: BaseException) -> bytes:
    try:
        return pickle.dumps(exc)
    except Exception:  # an exception carrying something unpicklable: its kind at least
        return pickle.dumps(HelperFailure(f"the listing failed ({type(exc).__name__})"))


def decode_failure(payload: bytes) -> BaseException:
    exc = pickle.loads(payload)  # noqa: S301 - written by Eider's own helper process
    if not isinstance(exc, BaseException):
        return HelperFailure("the listing helper sent an unreadable failure")
    return exc
