# ruff: noqa: RUF002, RUF003  (this module is about look-alike characters; they are meant)
"""Object keys <-> local file names: normalisation, reversible escaping and safe download paths.

Normalisation: keys and local names are compared in NFC. macOS hands out decomposed (NFD) names
for files other tools created; a sync that compared raw strings would upload "é" twice. Local
names Eider writes are NFC; keys built from local paths are NFC.

Reversible escaping (the names a local OS cannot hold). Each character a target OS forbids in a
file name is replaced by a look-alike that it allows, so the name stays readable:

- Windows: `< > : " \\ | ? *` become their fullwidth forms (`＜ ＞ ： ＂ ＼ ｜ ？ ＊`), control
  characters U+0000-U+001F become the Control Pictures U+2400-U+241F (`␀`...), a trailing dot
  becomes `．` (U+FF0E) and a trailing space `␠` (U+2420); a reserved device name (CON, PRN,
  AUX, NUL, COM0-9, LPT0-9, with or without an extension) gets the marker `‛` (U+201B) in front.
- Linux and macOS: only NUL is forbidden (`/` never occurs inside a segment); it becomes `␀`.

A look-alike (or `‛`) that is already in a key is kept literal by putting `‛` in front of it, so
`decode_name(encode_name(x)) == x` for every segment. The price: a local file that was *not*
created by Eider and has a look-alike in its name (a Japanese `？` on Windows) maps to the ASCII
character in its key, and a name holding `‛` loses that marker. Both are rare and documented.

Safe download paths: `DownloadPlanner` turns keys (relative to a prefix) into paths under a
chosen folder. A key never writes outside the folder: `..` segments are skipped, empty and `.`
segments and leading `/` are dropped (sanitized, reported), characters the OS forbids are
escaped (sanitized, reported), names too long for the file system are skipped, and two keys that
would land on the same local name (case-insensitive file systems, NFC/NFD twins, a file `a`
next to a folder `a/`) keep the first one listed and skip the others, each with a message.
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path, PurePath, PurePosixPath, PureWindowsPath


class TargetOS(StrEnum):
    LINUX = "linux"
    MACOS = "macos"
    WINDOWS = "windows"

    @classmethod
    def current(cls) -> TargetOS:
        if sys.platform.startswith("win"):
            return cls.WINDOWS
        if sys.platform == "darwin":
            return cls.MACOS
        return cls.LINUX

    @property
    def usually_case_insensitive(self) -> bool:
        """NTFS and APFS/HFS+ as set up by default; `probe_case_insensitive` asks the disk."""
        return self is not TargetOS.LINUX


class Decision(StrEnum):
    WRITE = "write"  # the key's own name, unchanged
    SANITIZE = "sanitize"  # written under a changed name (see the messages)
    SKIP = "skip"  # not written (see the messages)


MARK = "\u201b"  # ‛ SINGLE HIGH-REVERSED-9 QUOTATION MARK: "the next character is literal"

_WINDOWS_CHARS = {c: chr(0xFF00 + ord(c) - 0x20) for c in '<>:"\\|?*'}
_CONTROL_CHARS = {chr(i): chr(0x2400 + i) for i in range(32)}
_TRAILING = {".": "\uff0e", " ": "\u2420"}
_WINDOWS_MAP = {**_WINDOWS_CHARS, **_CONTROL_CHARS}
_POSIX_MAP = {"\x00": "\u2400"}

_WINDOWS_RESERVED = frozenset(
    ["CON", "PRN", "AUX", "NUL"]
    + [f"{p}{n}" for p in ("COM", "LPT") for n in "0123456789\u00b9\u00b2\u00b3"]
)

MAX_KEY_BYTES = 1024  # S3's limit on a key, in UTF-8

# Longest single name: 255 UTF-8 bytes (ext4, APFS), 255 UTF-16 code units (NTFS).
NAME_MAX = 255


def _forbidden_map(target_os: TargetOS) -> dict[str, str]:
    return _WINDOWS_MAP if target_os is TargetOS.WINDOWS else _POSIX_MAP


def _lookalikes(target_os: TargetOS) -> dict[str, str]:
    """Look-alike -> the character it stands for."""
    table = {v: k for k, v in _forbidden_map(target_os).items()}
    if target_os is TargetOS.WINDOWS:
        table.update({v: k for k, v in _TRAILING.items()})
    return table


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def is_reserved_windows_name(name: str) -> bool:
    stem = name.split(".", 1)[0].rstrip(" ").upper()
    return stem in _WINDOWS_RESERVED


@dataclass(frozen=True)
class EncodedName:
    name: str
    changes: tuple[str, ...] = ()  # what was escaped, for the message

    @property
    def changed(self) -> bool:
        return bool(self.changes)


def encode_name(segment: str, target_os: TargetOS | None = None) -> EncodedName:
    """One key segment (no `/`) as a local file name for `target_os`, NFC, reversibly escaped."""
    target_os = target_os or TargetOS.current()
    segment = nfc(segment)
    forbidden = _forbidden_map(target_os)
    literal = _lookalikes(target_os).keys() | {MARK}
    windows = target_os is TargetOS.WINDOWS
    trailing_from = len(segment.rstrip(". ")) if windows else len(segment)
    out: list[str] = []
    escaped: list[str] = []
    for i, char in enumerate(segment):
        if char in literal:
            out.append(MARK + char)
        elif char in forbidden:
            out.append(forbidden[char])
            escaped.append(char)
        elif i >= trailing_from:
            out.append(_TRAILING[char])
            escaped.append("trailing dot" if char == "." else "trailing space")
        else:
            out.append(char)
    changes = [f"escaped {', '.join(sorted({_show(c) for c in escaped}))}"] if escaped else []
    if windows and is_reserved_windows_name(segment):
        out.insert(0, MARK)
        changes.append(f"{segment.split('.', 1)[0].rstrip(' ')} is a reserved name on Windows")
    if any(c in literal for c in segment):
        changes.append(f"marked look-alike characters with {MARK} to keep them literal")
    return EncodedName("".join(out), tuple(changes))


def _show(char: str) -> str:
    if char in ("trailing dot", "trailing space"):
        return char
    if ord(char) < 32:
        return f"U+{ord(char):04X}"
    return repr(char)


def decode_name(name: str, target_os: TargetOS | None = None) -> str:
    """The key segment a local file name stands for (inverse of `encode_name`), NFC."""
    target_os = target_os or TargetOS.current()
    name = nfc(name)
    table = _lookalikes(target_os)
    out: list[str] = []
    i = 0
    while i < len(name):
        char = name[i]
        if char == MARK and i + 1 < len(name):
            out.append(name[i + 1])
            i += 2
            continue
        out.append(table.get(char, char))
        i += 1
    return "".join(out)


def name_too_long(name: str, target_os: TargetOS) -> bool:
    if target_os is TargetOS.WINDOWS:
        return len(name.encode("utf-16-le")) // 2 > NAME_MAX
    return len(name.encode("utf-8")) > NAME_MAX


# -- key -> local path ---------------------------------------------------------------------------


def relative_key(key: str, prefix: str) -> str | None:
    """The part of `key` below `prefix`, or None when `key` is not under it.

    A prefix that ends in `/` is a folder and is removed whole; otherwise everything up to its
    last `/` is removed (`photos/20` lists `photos/2024/x`, which becomes `2024/x`).
    """
    if not key.startswith(prefix):
        return None
    base = prefix if prefix.endswith("/") else prefix[: prefix.rfind("/") + 1]
    return key[len(base) :]


@dataclass(frozen=True)
class DownloadTarget:
    key: str
    decision: Decision
    path: Path | None  # where to write; None when skipped
    parts: tuple[str, ...]  # local names under the folder; () when skipped
    is_folder: bool  # a key ending in `/`: create the folder, write no file
    messages: tuple[str, ...] = ()

    @property
    def skipped(self) -> bool:
        return self.decision is Decision.SKIP


def _skip(key: str, is_folder: bool, message: str) -> DownloadTarget:
    return DownloadTarget(key, Decision.SKIP, None, (), is_folder, (message,))


def download_target(
    key: str, prefix: str, folder: Path, target_os: TargetOS | None = None
) -> DownloadTarget:
    """Where one key goes under `folder`, judged alone (`DownloadPlanner` adds collisions)."""
    target_os = target_os or TargetOS.current()
    rel = relative_key(key, prefix)
    if rel is None:
        return _skip(key, False, f"{key!r} is not under the prefix {prefix!r}; skipped.")
    is_folder = rel.endswith("/")
    segments = rel.split("/")
    if ".." in segments:
        return _skip(
            key,
            is_folder,
            f"{key!r} has a '..' segment that would write outside the download folder; skipped.",
        )
    kept = [s for s in segments if s not in ("", ".")]
    if not kept:
        if rel in ("", "/"):
            return _skip(key, True, f"{key!r} is the prefix itself; nothing to write.")
        return _skip(key, is_folder, f"{key!r} has no name left once '.' and '/' are removed.")
    messages: list[str] = []
    inner = segments[:-1] if is_folder else list(segments)
    if rel.startswith("/"):
        messages.append(f"{key!r} starts with '/'; written inside the download folder.")
        while inner and inner[0] == "":
            inner.pop(0)
    if any(s in ("", ".") for s in inner):
        messages.append(f"{key!r} has empty or '.' segments; they were dropped.")
    parts: list[str] = []
    for segment in kept:
        encoded = encode_name(segment, target_os)
        if name_too_long(encoded.name, target_os):
            return _skip(
                key,
                is_folder,
                f"{key!r}: the name {segment[:40]!r}... is longer than the {NAME_MAX} characters "
                f"{_os_label(target_os)} allows; skipped.",
            )
        where = "" if segment == key.strip("/") else f" (in {key!r})"
        if encoded.changed:
            messages.append(
                f"{segment!r}{where} was renamed for {_os_label(target_os)}: "
                f"{'; '.join(encoded.changes)}; written as {encoded.name!r}."
            )
        elif encoded.name != segment:
            messages.append(f"{segment!r}{where} was written in Unicode NFC form.")
        parts.append(encoded.name)
    path = folder.joinpath(*parts)
    _assert_lexically_inside(folder, path)
    decision = Decision.SANITIZE if messages else Decision.WRITE
    return DownloadTarget(key, decision, path, tuple(parts), is_folder, tuple(messages))


def _os_label(target_os: TargetOS) -> str:
    return {TargetOS.LINUX: "Linux", TargetOS.MACOS: "macOS", TargetOS.WINDOWS: "Windows"}[
        target_os
    ]


def _assert_lexically_inside(folder: Path, path: Path) -> None:
    # lexical on purpose (no symlinks followed): ensure_inside() does the disk check
    root = os.path.abspath(folder)  # noqa: PTH100
    full = os.path.abspath(path)  # noqa: PTH100
    if os.path.commonpath([root, full]) != root or full == root:
        raise AssertionError(f"internal error: {path} is not inside {folder}")


@dataclass
class DownloadPlanner:
    """Decides, key by key in listing order, where each object goes; the first key wins a name.

    `case_insensitive` says whether `folder`'s file system folds case (default: the usual for
    the OS; `probe_case_insensitive(folder)` asks the disk).
    """

    folder: Path
    prefix: str = ""
    target_os: TargetOS = field(default_factory=TargetOS.current)
    case_insensitive: bool | None = None
    _files: dict[tuple[str, ...], str] = field(default_factory=dict, repr=False)
    _folders: dict[tuple[str, ...], str] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if self.case_insensitive is None:
            self.case_insensitive = self.target_os.usually_case_insensitive

    def _fold(self, parts: tuple[str, ...]) -> tuple[str, ...]:
        # parts are NFC already; lower() (not casefold) keeps "ß" and "ss" apart, as NTFS does
        return tuple(p.lower() for p in parts) if self.case_insensitive else parts

    def add(self, key: str) -> DownloadTarget:
        target = download_target(key, self.prefix, self.folder, self.target_os)
        if target.skipped:
            return target
        folded = self._fold(target.parts)
        clash = self._clash(key, folded, target.is_folder)
        if clash is not None:
            return _skip(key, target.is_folder, clash)
        for depth in range(1, len(folded) if not target.is_folder else len(folded) + 1):
            self._folders.setdefault(folded[:depth], key)
        if not target.is_folder:
            self._files[folded] = key
        return target

    def _clash(self, key: str, folded: tuple[str, ...], is_folder: bool) -> str | None:
        ancestors = [folded[:d] for d in range(1, len(folded) + (1 if is_folder else 0))]
        for ancestor in ancestors:
            if ancestor in self._files:
                return (
                    f"{key!r} needs a folder where {self._files[ancestor]!r} is already a file; "
                    "skipped."
                )
        if is_folder:
            return None
        if folded in self._files:
            return (
                f"{key!r} and {self._files[folded]!r} would be the same local file "
                f"({self._kind_of_twin()}); skipped {key!r}."
            )
        if folded in self._folders:
            return (
                f"{key!r} is a file where {self._folders[folded]!r} needs a folder of the same "
                "name; skipped."
            )
        return None

    def _kind_of_twin(self) -> str:
        return (
            "names equal ignoring case or Unicode form"
            if self.case_insensitive
            else ("names equal in Unicode NFC form or after escaping")
        )


def plan_downloads(
    keys: Iterable[str],
    prefix: str,
    folder: Path,
    target_os: TargetOS | None = None,
    case_insensitive: bool | None = None,
) -> list[DownloadTarget]:
    planner = DownloadPlanner(
        folder, prefix, target_os or TargetOS.current(), case_insensitive=case_insensitive
    )
    return [planner.add(key) for key in keys]


def ensure_inside(folder: Path, path: Path, real_folder: str | None = None) -> None:
    """Raise ValueError if `path`, following symlinks that exist now, leaves `folder`.

    Call it just before creating or opening a download target: a symlink planted inside the
    folder (`folder/a -> /etc`) would otherwise carry the write outside. `real_folder` is
    `os.path.realpath(folder)` when the caller has it already (one job, many files): then only
    the names below the folder are looked at, one lstat each, and the full resolution runs only
    when one of them is a symlink.
    """
    root = real_folder or os.path.realpath(folder)
    if real_folder is not None and _no_symlink_below(folder, path):
        return
    real = os.path.realpath(path)
    if os.path.commonpath([root, real]) != root or real == root:
        raise ValueError(
            f"{path} resolves to {real}, outside the download folder {folder}; "
            "a symbolic link inside the folder points elsewhere. Nothing was written."
        )


def _no_symlink_below(folder: Path, path: Path) -> bool:
    """True when `path` is lexically below `folder` and no name below `folder` is a symlink.

    False means "resolve it in full" (a symlink, a path not under the folder, or not POSIX,
    where junctions and other reparse points are not symlinks to lstat).
    """
    if os.name != "posix":
        return False
    base = os.path.abspath(folder)  # noqa: PTH100
    full = os.path.abspath(path)  # noqa: PTH100
    if not full.startswith(base + os.sep) or full == base:
        return False
    current = base
    # abspath has already folded '.', '..' and doubled separators away
    for name in full[len(base) + 1 :].split(os.sep):  # noqa: PTH206  (strings: no Path objects per file)
        current = f"{current}{os.sep}{name}"
        try:
            mode = os.lstat(current).st_mode
        except FileNotFoundError:
            return True  # nothing below a missing name exists to follow
        except OSError:
            return False
        if stat.S_ISLNK(mode):
            return False
    return True


def probe_case_insensitive(folder: Path) -> bool:
    """Ask the file system that holds `folder` whether it folds case (writes one temp file)."""
    folder.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=".eider-case-", suffix=".tmp", dir=folder)
    os.close(fd)
    probe = Path(name)
    try:
        swapped = probe.with_name(probe.name.swapcase())
        return swapped.exists()
    finally:
        probe.unlink(missing_ok=True)


# -- local path -> key ---------------------------------------------------------------------------


def key_for_local_path(
    relative: PurePath | str, prefix: str = "", target_os: TargetOS | None = None
) -> str:
    """The object key for a path relative to the folder being uploaded: `/`-separated, NFC.

    Escaped names are decoded (`a：b` on Windows uploads as `a:b`). `prefix` is put in front as
    given (end it with `/` for a folder). Raises ValueError, with a message for the person, for
    absolute paths, `..`, names that are not valid UTF-8 and keys over 1024 bytes.
    """
    target_os = target_os or TargetOS.current()
    pure = PureWindowsPath if target_os is TargetOS.WINDOWS else PurePosixPath
    path = pure(relative) if isinstance(relative, str) else pure(*relative.parts)
    if path.is_absolute() or path.drive or path.root:
        raise ValueError(f"{relative} is not a relative path")
    parts = [p for p in path.parts if p not in ("", ".")]
    if ".." in parts:
        raise ValueError(f"{relative} leaves the folder being uploaded ('..')")
    if not parts:
        raise ValueError(f"{relative!r} names no file")
    key = nfc(prefix) + "/".join(decode_name(p, target_os) for p in parts)
    try:
        size = len(key.encode("utf-8"))
    except UnicodeEncodeError:
        # os.listdir hands undecodable bytes over as lone surrogates (surrogateescape)
        raise ValueError(
            f"The file name {relative!r} is not valid UTF-8, so it cannot be an object key. "
            "Rename the file and try again."
        ) from None
    if size > MAX_KEY_BYTES:
        raise ValueError(
            f"The key for {relative!r} would be {size} bytes long; S3 allows {MAX_KEY_BYTES}. "
            "Use a shorter path or prefix."
        )
    return key


def same_key(a: str, b: str) -> bool:
    """Keys compare equal in NFC (a sync must not see `é` and `é` as two objects)."""
    return nfc(a) == nfc(b)
