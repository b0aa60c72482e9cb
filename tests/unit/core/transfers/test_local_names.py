# ruff: noqa: RUF001  (look-alike characters are what these tests are about)
"""Key <-> local name mapping: reversible escaping, NFC, and downloads that cannot escape."""

from __future__ import annotations

import os
import random
import unicodedata
import uuid
from pathlib import Path, PureWindowsPath

import pytest

from app.core.transfers.local_names import (
    MARK,
    Decision,
    DownloadPlanner,
    TargetOS,
    decode_name,
    download_target,
    encode_name,
    ensure_inside,
    is_reserved_windows_name,
    key_for_local_path,
    plan_downloads,
    probe_case_insensitive,
    relative_key,
    same_key,
)

ALL_OS = list(TargetOS)
WINDOWS_FORBIDDEN = set('<>:"\\|?*') | {chr(i) for i in range(32)}
# characters that stress the escaping: forbidden ones, their look-alikes, the marker, dots,
# spaces, combining accents, letters that spell reserved names
ALPHABET = (
    list('<>:"\\|?*. ')
    + [chr(i) for i in range(32)]
    + ["＜", "＞", "：", "＂", "＼", "｜", "？", "＊", "．", "␠", "␀", "␁", MARK]
    + list("CONPRUXLM1239aé")
    + ["e\u0301", "\u00b9", "ß"]
)


def random_segments(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    out = ["CON", "con.txt", "LPT9.tar.gz", "AUX ", "COM\u00b9", ".", "..", "...", " ", MARK]
    for _ in range(count):
        out.append("".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 12))))
    return [s for s in out if s not in (".", "..")]


# One fixed seed per target OS (hash(str) differs per process, so a failure would not repeat).
SEEDS = {os_: 7919 * (n + 1) for n, os_ in enumerate(ALL_OS)}


@pytest.mark.parametrize("target_os", ALL_OS)
def test_escaping_is_reversible_and_yields_legal_names(target_os: TargetOS) -> None:
    for segment in random_segments(3000, seed=SEEDS[target_os]):
        encoded = encode_name(segment, target_os).name
        assert decode_name(encoded, target_os) == unicodedata.normalize("NFC", segment), segment
        assert "\x00" not in encoded and "/" not in encoded
        assert unicodedata.is_normalized("NFC", encoded)
        if target_os is TargetOS.WINDOWS:
            assert not (set(encoded) & WINDOWS_FORBIDDEN), (segment, encoded)
            assert not encoded.endswith((".", " ")), (segment, encoded)
            assert not is_reserved_windows_name(encoded), (segment, encoded)


def test_escaping_examples_and_reports() -> None:
    w = TargetOS.WINDOWS
    assert encode_name("a:b?.txt", w).name == "a：b？.txt"
    assert encode_name("report. ", w).name == "report．␠"
    assert encode_name("con.txt", w).name == MARK + "con.txt"
    assert encode_name("a：b", w).name == "a" + MARK + "：b"  # a real fullwidth colon stays one
    assert encode_name("a:b", TargetOS.LINUX).name == "a:b"  # legal on Linux: untouched
    assert encode_name("a\x00b", TargetOS.MACOS).name == "a␀b"
    assert not encode_name("plain name.txt", w).changed
    assert "reserved" in encode_name("PRN", w).changes[0]
    assert "':'" in encode_name("a:b", w).changes[0]


def test_nfc_everywhere() -> None:
    nfd = "cafe\u0301.txt"
    nfc = "caf\u00e9.txt"
    assert encode_name(nfd, TargetOS.LINUX).name == nfc
    assert key_for_local_path(f"dir/{nfd}", target_os=TargetOS.MACOS) == f"dir/{nfc}"
    assert same_key(nfd, nfc)
    assert not same_key("a", "A")


TRAVERSALS = [
    ("../../x", Decision.SKIP),
    ("a/../../x", Decision.SKIP),
    ("..", Decision.SKIP),
    ("/etc/passwd", Decision.SANITIZE),
    ("//double", Decision.SANITIZE),
    ("a//b", Decision.SANITIZE),
    ("./a/./b", Decision.SANITIZE),
    (".", Decision.SKIP),
    ("/", Decision.SKIP),
    ("nul\x00byte", Decision.SANITIZE),
    ("..\\..\\win", None),  # a plain name on Linux, escaped on Windows: never a separator
    ("C:\\Windows\\x", None),
    ("C:x", None),
    ("\\\\server\\share\\x", None),
    (".. /x", None),
    ("x" * 300, Decision.SKIP),
]


@pytest.mark.parametrize("target_os", ALL_OS)
@pytest.mark.parametrize(("key", "expected"), TRAVERSALS)
def test_no_key_leaves_the_folder(
    tmp_path: Path, target_os: TargetOS, key: str, expected: Decision | None
) -> None:
    folder = tmp_path / "dl"
    target = download_target(key, "", folder, target_os)
    if expected is not None:
        assert target.decision is expected, target
    assert target.messages or target.decision is Decision.WRITE
    if target.skipped:
        assert target.path is None
        return
    assert target.path is not None
    full = os.path.normpath(target.path)
    assert os.path.commonpath([str(folder), full]) == str(folder)
    assert full != str(folder)
    # every local name is a single legal segment for that OS
    for part in target.parts:
        assert part not in ("", ".", "..")
        assert "/" not in part and "\x00" not in part
        if target_os is TargetOS.WINDOWS:
            assert not set(part) & WINDOWS_FORBIDDEN
            assert PureWindowsPath(part).name == part and not PureWindowsPath(part).drive


def test_messages_say_what_happened(tmp_path: Path) -> None:
    t = download_target("../x", "", tmp_path)
    assert "'..'" in t.messages[0] and "skipped" in t.messages[0]
    t = download_target("docs/a:b", "docs/", tmp_path, TargetOS.WINDOWS)
    assert t.parts == ("a：b",)
    assert "written as 'a：b'" in t.messages[0]
    t = download_target("/abs", "", tmp_path)
    assert "starts with '/'" in t.messages[0]
    t = download_target("other/x", "docs/", tmp_path)
    assert t.skipped and "not under the prefix" in t.messages[0]


def test_relative_key() -> None:
    assert relative_key("photos/2024/a.jpg", "photos/") == "2024/a.jpg"
    assert relative_key("photos/2024/a.jpg", "photos/20") == "2024/a.jpg"
    assert relative_key("photos/2024/a.jpg", "") == "photos/2024/a.jpg"
    assert relative_key("other", "photos/") is None


def test_case_collisions_on_a_case_insensitive_disk(tmp_path: Path) -> None:
    targets = plan_downloads(
        ["Readme.md", "README.md", "src/A.py", "SRC/b.py", "Src/a.py"],
        "",
        tmp_path,
        TargetOS.WINDOWS,
    )
    decisions = [t.decision for t in targets]
    assert decisions == [
        Decision.WRITE,
        Decision.SKIP,
        Decision.WRITE,
        Decision.WRITE,  # same folder spelled differently: fine, it is a folder
        Decision.SKIP,
    ]
    assert "'README.md' and 'Readme.md' would be the same local file" in targets[1].messages[0]
    # the same keys on a case-sensitive disk are all distinct
    linux = plan_downloads(["Readme.md", "README.md"], "", tmp_path, TargetOS.LINUX)
    assert [t.decision for t in linux] == [Decision.WRITE, Decision.WRITE]


def test_unicode_form_twins_collide_even_on_a_case_sensitive_disk(tmp_path: Path) -> None:
    targets = plan_downloads(["caf\u00e9", "cafe\u0301"], "", tmp_path, TargetOS.LINUX)
    assert [t.decision for t in targets] == [Decision.WRITE, Decision.SKIP]


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        (["a", "a/b"], [Decision.WRITE, Decision.SKIP]),
        (["a/b", "a"], [Decision.WRITE, Decision.SKIP]),
        (["a/", "a"], [Decision.WRITE, Decision.SKIP]),
        (["a", "a/"], [Decision.WRITE, Decision.SKIP]),
        (["a/", "a/b", "a/b/"], [Decision.WRITE, Decision.WRITE, Decision.SKIP]),
        (["A", "a/b/c"], [Decision.WRITE, Decision.SKIP]),
    ],
)
def test_a_name_cannot_be_a_file_and_a_folder(
    tmp_path: Path, keys: list[str], expected: list[Decision]
) -> None:
    targets = plan_downloads(keys, "", tmp_path, TargetOS.MACOS)
    assert [t.decision for t in targets] == expected
    for t in targets:
        if t.skipped:
            assert "folder" in t.messages[0] and "file" in t.messages[0]


def test_writing_a_hostile_listing_to_disk_stays_inside(tmp_path: Path) -> None:
    """The plan applied to a real folder: every byte lands inside, a sentinel outside is intact."""
    sentinel = tmp_path / "x"
    sentinel.write_text("untouched")
    folder = tmp_path / "deep" / "dl"
    keys = [
        "../../x",
        "/x",
        "a/../../../x",
        "./x",
        "a//b",
        "a/b/",
        "a/b/c",
        "A",
        "nul\x00",
        "caf\u00e9",
        "cafe\u0301",
        "..\\x",
        "a:b",
        "\u2400",
    ]
    planner = DownloadPlanner(folder, "", TargetOS.LINUX, case_insensitive=True)
    written = []
    for key in keys:
        target = planner.add(key)
        if target.skipped:
            continue
        assert target.path is not None
        ensure_inside(folder, target.path)
        if target.is_folder:
            target.path.mkdir(parents=True, exist_ok=True)
            continue
        target.path.parent.mkdir(parents=True, exist_ok=True)
        with open(target.path, "x") as f:  # "x": a second write to one name would fail here
            f.write(key)
        written.append(target)
    assert sentinel.read_text() == "untouched"
    on_disk = {p for p in tmp_path.rglob("*") if p.is_file()}
    assert on_disk == {sentinel} | {t.path for t in written}
    # each written name maps back to its key, less the dropped '' and '.' segments
    for t in written:
        key = key_for_local_path(t.path.relative_to(folder), target_os=TargetOS.LINUX)
        kept = "/".join(s for s in t.key.split("/") if s not in ("", "."))
        assert key == unicodedata.normalize("NFC", kept)


def test_ensure_inside_refuses_a_planted_symlink(tmp_path: Path) -> None:
    folder = tmp_path / "dl"
    outside = tmp_path / "outside"
    folder.mkdir()
    outside.mkdir()
    (folder / "a").symlink_to(outside, target_is_directory=True)
    target = download_target("a/passwd", "", folder, TargetOS.LINUX)
    assert target.decision is Decision.WRITE  # lexically fine ...
    with pytest.raises(ValueError, match="symbolic link"):
        ensure_inside(folder, target.path)  # ... but the disk says otherwise
    ensure_inside(folder, folder / "b" / "c")


@pytest.mark.parametrize("target_os", ALL_OS)
def test_download_then_upload_gives_back_the_same_key(tmp_path: Path, target_os: TargetOS) -> None:
    keys = ["a:b/c?d", "CON/aux.txt", "x. /y ", "a：b", MARK + "z", "nul\x00", "plain/file.txt"]
    for key in keys:
        target = download_target("backup/" + key, "backup/", tmp_path, target_os)
        assert not target.skipped
        separator = "\\" if target_os is TargetOS.WINDOWS else "/"
        local = separator.join(target.parts)
        assert key_for_local_path(local, "backup/", target_os) == "backup/" + key


def test_key_for_local_path() -> None:
    w = TargetOS.WINDOWS
    assert key_for_local_path("dir\\sub\\a：b.txt", "p/", w) == "p/dir/sub/a:b.txt"
    assert key_for_local_path(PureWindowsPath("dir", "f"), target_os=w) == "dir/f"
    assert key_for_local_path("dir/./f", target_os=TargetOS.LINUX) == "dir/f"
    assert key_for_local_path("a\\b", target_os=TargetOS.LINUX) == "a\\b"  # one name on Linux
    for bad in ("/abs", "../x", "a/../../b", ""):
        with pytest.raises(ValueError):
            key_for_local_path(bad, target_os=TargetOS.LINUX)
    for bad in ("C:\\x", "\\x", "C:x", "\\\\srv\\share\\x"):
        with pytest.raises(ValueError):
            key_for_local_path(bad, target_os=w)
    undecodable = os.fsdecode(b"caf\xe9.txt")  # Latin-1 bytes from a Linux disk
    with pytest.raises(ValueError, match="not valid UTF-8"):
        key_for_local_path(f"dir/{undecodable}", target_os=TargetOS.LINUX)
    with pytest.raises(ValueError, match="1024"):
        key_for_local_path("/".join(["d" * 200] * 6), target_os=TargetOS.LINUX)
    assert len(key_for_local_path("/".join(["d" * 200] * 5), "p/", TargetOS.LINUX)) == 1006


def test_probe_case_insensitive_agrees_with_the_disk(tmp_path: Path) -> None:
    (tmp_path / "probe-me").write_text("")
    folds = (tmp_path / "PROBE-ME").exists()
    assert probe_case_insensitive(tmp_path / "sub") is folds
    assert list((tmp_path / "sub").iterdir()) == []  # the probe cleaned up


HOSTILE_KEYS = [
    "../../x", "a/../../y", "/abs", "a//b", "./dot", ".", "..", "A", "a", "a/b", "c:d",
    "caf\u00e9", "cafe\u0301", "sp ", "dot.", "ctl\x01x", "CON", "docs/readme",
]  # fmt: skip


@pytest.mark.parametrize("target_os", [TargetOS.LINUX, TargetOS.WINDOWS])
def test_a_hostile_listing_from_a_real_server(
    tmp_path: Path, moto_admin, target_os: TargetOS
) -> None:
    """moto's server keeps keys verbatim (SeaweedFS refuses '..' keys): list, plan, write."""
    bucket = f"names-{uuid.uuid4().hex[:12]}"
    moto_admin.create_bucket(Bucket=bucket)
    for key in HOSTILE_KEYS:
        moto_admin.put_object(Bucket=bucket, Key=key, Body=key.encode())
    listed = [o["Key"] for o in moto_admin.list_objects_v2(Bucket=bucket)["Contents"]]
    assert sorted(listed) == sorted(HOSTILE_KEYS)

    sentinel = tmp_path / "x"
    sentinel.write_text("untouched")
    folder = tmp_path / "a" / "dl"
    planner = DownloadPlanner(folder, "", target_os, case_insensitive=True)
    plan = {key: planner.add(key) for key in listed}
    skipped = {key for key, t in plan.items() if t.skipped}
    # '..' keys, the nameless ones, and the later of each twin (listing order: 'A' < 'a',
    # 'a' file < 'a/b', 'caf' + NFD < 'caf' + NFC in UTF-8 order; './dot' and 'dot.' differ)
    assert {"../../x", "a/../../y", ".", "..", "a", "a/b", "a//b", "caf\u00e9"} <= skipped
    assert not plan["docs/readme"].skipped and not plan["/abs"].skipped
    for key, target in plan.items():
        assert target.messages or target.decision is Decision.WRITE, key

    written = {}
    for key, target in plan.items():
        if target.skipped:
            continue
        assert target.path is not None
        ensure_inside(folder, target.path)
        target.path.parent.mkdir(parents=True, exist_ok=True)
        body = moto_admin.get_object(Bucket=bucket, Key=key)["Body"].read()
        with open(target.path, "xb") as f:
            f.write(body)
        written[target.path] = body
    assert sentinel.read_text() == "untouched"
    on_disk = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file() and p != sentinel}
    assert on_disk == written
    if target_os is TargetOS.WINDOWS:
        assert plan["c:d"].parts == ("c：d",) and plan["CON"].parts == (MARK + "CON",)
        assert plan["ctl\x01x"].parts == ("ctl\u2401x",)
        assert plan["dot."].parts == ("dot\uff0e",) and plan["sp "].parts == ("sp\u2420",)


def test_a_symlink_planted_below_the_resolved_folder_during_a_job_is_refused(
    tmp_path: Path,
) -> None:
    # A job resolves its folder once and checks every file just before writing it; the check
    # must see a link made after earlier files of the same job went through.
    folder, outside = tmp_path / "dl", tmp_path / "outside"
    (folder / "a" / "b").mkdir(parents=True)
    outside.mkdir()
    real = os.path.realpath(folder)
    ensure_inside(folder, folder / "a" / "b" / "1.bin", real)
    (folder / "a" / "b").rmdir()
    (folder / "a" / "b").symlink_to(outside, target_is_directory=True)
    with pytest.raises(ValueError, match="symbolic link"):
        ensure_inside(folder, folder / "a" / "b" / "2.bin", real)
    (folder / "a" / "f.bin").symlink_to(outside / "f.bin")  # the file itself, a dangling link
    with pytest.raises(ValueError, match="symbolic link"):
        ensure_inside(folder, folder / "a" / "f.bin", real)
    (folder / "c").mkdir()
    (folder / "inner").symlink_to(folder / "c", target_is_directory=True)
    ensure_inside(folder, folder / "inner" / "x.bin", real)  # a link that stays inside is fine
    ensure_inside(folder, folder / "new" / "deeper" / "y.bin", real)  # nothing there yet
