"""A hostile server (tests/fixtures/hostile_s3.py) against the core and `eider ls/cp`.

Each case checks the four promises: Eider answers in bounded time, writes nothing outside the
chosen folder, says what went wrong in words (through `app/core/errors/`), and sends no
credential or SSE-C key to a host the user did not configure (a second server records all it
receives).
"""

from __future__ import annotations

import base64
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import trustme

from app.cli.main import main
from app.core import secrets
from app.core.connection import AddressingStyle, Connection, Scheme
from app.core.credentials.spec import CredentialKind, CredentialSpec
from app.core.errors import ErrorKind, describe
from app.core.s3.implausible_answers import ImplausibleAnswer
from app.core.s3.session import S3Session
from app.core.s3.uploads_in_progress import list_uploads
from app.core.s3.versions import list_versions
from tests.fixtures.hostile_s3 import (
    S3_NS,
    Answer,
    HostileS3,
    Listed,
    Received,
    Stored,
    bucket_script,
    chunks,
    error_answer,
    listing_xml,
    xml_answer,
)

ROOT = Path(__file__).resolve().parents[2]
ACCESS_KEY = "AKIAHOSTILETEST00001"
SECRET_KEY = "hostile-secret-key-0123456789abcdefABCDEF"
BOUND = 30.0  # seconds: every case ends well inside this, whatever the server does


def _connection(server: HostileS3, ca: trustme.CA | None = None, **changes: object) -> Connection:
    secrets.set_secret("hostile", "secret-key", SECRET_KEY)
    ca_file = None
    if ca is not None:
        ca_file = str(Path(os.environ["EIDER_HOME"]).parent / "hostile-ca.pem")
        ca.cert_pem.write_to_path(ca_file)
    fields: dict[str, object] = {
        "host": server.host,
        "port": server.port,
        "scheme": Scheme(server.scheme),
        "addressing_style": AddressingStyle.PATH,
        "ca_bundle": ca_file,
        "max_attempts": 2,
        "connect_timeout": 5.0,
        "read_timeout": 5.0,
        "credentials": CredentialSpec(
            kind=CredentialKind.STATIC, access_key_id=ACCESS_KEY, secret_owner="hostile"
        ),
    }
    fields.update(changes)
    return Connection(**fields)  # type: ignore[arg-type]


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", ACCESS_KEY)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", SECRET_KEY)
    monkeypatch.setenv("AWS_REGION", "us-east-1")
    monkeypatch.setenv("AWS_MAX_ATTEMPTS", "2")
    yield


def _eider(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"}
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=BOUND * 2,
        check=False,
    )


def _timed(action: object) -> tuple[object, float]:
    began = time.monotonic()
    try:
        result = action()  # type: ignore[operator]
    except Exception as exc:
        result = exc
    return result, time.monotonic() - began


def _no_secret_in(text: str) -> None:
    assert SECRET_KEY not in text
    assert "Traceback" not in text


# -- listings ---------------------------------------------------------------------------------


def _endless(request: Received) -> Answer:
    return xml_answer(listing_xml("b", [Listed("a")], truncated=True, next_token="again"))


def test_a_listing_whose_token_repeats_stops_with_words() -> None:
    with HostileS3(_endless) as server:
        session = S3Session(_connection(server))
        result, took = _timed(lambda: list(session.list_prefix("b")))
    assert isinstance(result, ImplausibleAnswer)
    assert took < BOUND
    assert len(server.received) == 2  # the first page, then the repeat: no third request
    error = describe(result, "ListObjectsV2", "b")
    assert error.kind is ErrorKind.IMPLAUSIBLE_ANSWER
    assert "repeats itself" in error.message and "never end" in error.message


def test_version_and_upload_listings_that_repeat_stop_too() -> None:
    versions = (
        f'<ListVersionsResult xmlns="{S3_NS}"><Name>b</Name><IsTruncated>true</IsTruncated>'
        "<NextKeyMarker>k</NextKeyMarker><NextVersionIdMarker>v</NextVersionIdMarker>"
        "<Version><Key>k</Key><VersionId>v</VersionId><Size>1</Size></Version>"
        "</ListVersionsResult>"
    )
    uploads = (
        f'<ListMultipartUploadsResult xmlns="{S3_NS}"><Bucket>b</Bucket>'
        "<IsTruncated>true</IsTruncated><NextKeyMarker>k</NextKeyMarker>"
        "<NextUploadIdMarker>u</NextUploadIdMarker></ListMultipartUploadsResult>"
    )

    def script(request: Received) -> Answer:
        return xml_answer(versions if "versions" in request.query else uploads)

    with HostileS3(script) as server:
        session = S3Session(_connection(server))
        for listing in (list_versions, list_uploads):
            result, took = _timed(lambda listing=listing: list(listing(session, "b")))
            assert isinstance(result, ImplausibleAnswer), result
            assert took < BOUND
    assert len(server.received) == 4


def test_eider_ls_on_an_endless_listing_exits_with_one_line(capsys, cli_env) -> None:
    with HostileS3(_endless) as server:
        code = main(["ls", "--endpoint-url", server.url, "s3://b/"])
    out, err = capsys.readouterr()
    assert code == 1
    assert err.startswith("eider: error: The server's listing of 'b' repeats itself")
    assert len(err.splitlines()) == 1
    _no_secret_in(out + err)


_BOMB = (
    '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
    + "".join(
        f'<!ENTITY {n} "{("&" + p + ";") * 10}">'
        for p, n in zip("abcdefgh", "bcdefghi", strict=True)
    )
    + "]><ListBucketResult><Name>b</Name><IsTruncated>false</IsTruncated>"
    "<Contents><Key>&i;</Key><Size>1</Size></Contents></ListBucketResult>"
)


@pytest.mark.parametrize(
    ("name", "answer"),
    [
        ("cut short", lambda: xml_answer("<ListBucketResult><Contents><Key>a</Key>")),
        ("not XML", lambda: xml_answer("hello, I am not S3")),
        ("entity bomb", lambda: xml_answer(_BOMB)),
        ("bomb in an error", lambda: xml_answer(_BOMB.replace("ListBucketResult", "Error"), 500)),
        ("external entity", lambda: xml_answer(
            '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            "<ListBucketResult><Name>b</Name><Contents><Key>&x;</Key></Contents></ListBucketResult>"
        )),
        ("deep nesting", lambda: xml_answer(
            f'<ListBucketResult xmlns="{S3_NS}">' + "<a>" * 100_000 + "</a>" * 100_000
            + "<IsTruncated>false</IsTruncated></ListBucketResult>"
        )),
        ("huge error", lambda: Answer(
            500, chunks(8 * 1024 * 1024, b"<Error><Code>Slow</Code>"), {"Content-Type": "text/xml"}
        )),
        ("huge listing page", lambda: xml_answer(
            listing_xml("b", [Listed(f"k{i:06d}/" + "x" * 900) for i in range(5000)])
        )),
    ],
)
def test_malformed_and_huge_xml_end_in_words(name: str, answer: object) -> None:
    with HostileS3(lambda request: answer()) as server:  # type: ignore[operator]
        session = S3Session(_connection(server))
        result, took = _timed(lambda: [p.objects for p in session.list_prefix("b")])
    assert took < BOUND, name
    if isinstance(result, BaseException):
        error = describe(result, "ListObjectsV2", "b")
        assert error.kind is not ErrorKind.OTHER, (name, error)
        assert "unexpected" not in error.message
        _no_secret_in(error.message)
        assert "root:" not in error.message  # no file content came in through an entity
    else:
        # A readable page: an entity was not expanded into a key, nesting is ignored.
        keys = [o.key for page in result for o in page]  # type: ignore[union-attr]
        assert all("root:" not in k and len(k) < 1100 for k in keys), name


def _forever(piece: bytes) -> Iterator[bytes]:
    block = piece * (65536 // len(piece))
    while True:
        yield block


@pytest.mark.parametrize(
    ("name", "status", "operation"),
    [("listing", 200, "list"), ("error", 500, "list"), ("error of a GET", 503, "get")],
)
def test_an_endless_answer_is_cut_off_in_words(name: str, status: int, operation: str) -> None:
    """botocore reads listings and errors whole: a server that never stops sending must not
    take all memory or time (the object body of a GET streams, and is not capped)."""
    head = f'<?xml version="1.0"?><ListBucketResult xmlns="{S3_NS}">'.encode()

    def script(request: Received) -> Answer:
        body = (
            part
            for chunk in ([head], _forever(b"<Contents><Key>k</Key></Contents>"))
            for part in chunk
        )
        return Answer(status, body, {"Content-Type": "application/xml"})

    with HostileS3(script) as server:
        session = S3Session(_connection(server, max_attempts=1))
        if operation == "list":
            action = lambda: list(session.list_prefix("b"))  # noqa: E731
        else:
            action = lambda: session.client().get_object(Bucket="b", Key="k")  # noqa: E731
        result, took = _timed(action)
    assert took < BOUND * 2, name
    assert isinstance(result, ImplausibleAnswer), (name, result)
    error = describe(result)
    assert error.kind is ErrorKind.IMPLAUSIBLE_ANSWER
    assert "longer than 64 MiB" in error.message


@pytest.mark.parametrize("size", ["abc", "-5", str(10**40), "1e3"])
def test_an_absurd_size_is_refused_with_the_key_named(size: str) -> None:
    script = lambda request: xml_answer(listing_xml("b", [Listed("bad/obj", size=size)]))  # noqa: E731
    with HostileS3(script) as server:
        session = S3Session(_connection(server))
        result, _ = _timed(lambda: list(session.list_prefix("b")))
    assert isinstance(result, ImplausibleAnswer)
    error = describe(result)
    assert error.kind is ErrorKind.IMPLAUSIBLE_ANSWER
    assert "'bad/obj'" in error.message


def test_absurd_dates_and_control_characters_in_eider_ls(capsys, cli_env) -> None:
    listed = [
        Listed("when-nonsense", last_modified="99999-99-99T99:99:99Z"),
        Listed("when-ancient", last_modified="0001-01-01T00:00:00Z"),
        Listed("when-\x1b[2J\x1b]0;owned\x07", last_modified="yesterday at noon"),
        Listed("tab\tand\nnewline"),
    ]
    with HostileS3(lambda request: xml_answer(listing_xml("b", listed))) as server:
        code = main(["ls", "-l", "--endpoint-url", server.url, "s3://b/"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "\x1b" not in out and "\x07" not in out
    lines = out.splitlines()
    assert len(lines) == 4  # a newline in a key does not make a second line
    assert any(line.endswith("when-\\x1b[2J\\x1b]0;owned\\x07") for line in lines)
    assert any(line.endswith("tab\\x09and\\x0anewline") for line in lines)
    assert any("01-01 00:00:00" in line and "when-ancient" in line for line in lines)
    assert any(line.startswith("99999-99-99T99:99:9") for line in lines)
    assert any(line.startswith("yesterday at noon") for line in lines)


def test_a_listing_that_looks_whole_but_is_not_xml_is_described(capsys, cli_env) -> None:
    """Its first and last bytes say "listing", so only the parser finds out; `eider ls` says
    so in one line, not with botocore's ResponseParserError and the raw answer."""
    bad = listing_xml("b", [Listed("k", last_modified="\x1b[31m")])
    with HostileS3(lambda request: xml_answer(bad)) as server:
        code = main(["ls", "-l", "--endpoint-url", server.url, "s3://b/"])
    _, err = capsys.readouterr()
    assert code == 1
    assert err.startswith("eider: error: The server's answer to ")
    assert "is not valid XML" in err
    assert "\x1b" not in err and "ListBucketResult" not in err


# -- downloads --------------------------------------------------------------------------------


def test_keys_that_climb_out_are_not_written_outside_the_folder(
    capsys, cli_env, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    target = tmp_path / "target"
    objects = {
        "../outside/climbed": Stored(b"climbed"),
        "a/../../outside/climbed2": Stored(b"climbed"),
        "/abs/path": Stored(b"absolute"),
        "//etc/cron.d/x": Stored(b"absolute"),
        "ctl\x01\x1b[31m": Stored(b"control"),
        "fine/name.txt": Stored(b"fine"),
    }
    with HostileS3(bucket_script("b", objects)) as server:
        code = main(["cp", "--recursive", "--endpoint-url", server.url, "s3://b/", str(target)])
    out, err = capsys.readouterr()
    written = sorted(str(p.relative_to(target)) for p in target.rglob("*") if p.is_file())
    assert written == ["abs/path", "ctl\x01\x1b[31m", "etc/cron.d/x", "fine/name.txt"]
    assert (target / "fine" / "name.txt").read_bytes() == b"fine"
    assert list(outside.iterdir()) == []
    home = Path(os.environ["EIDER_HOME"])
    elsewhere = [p for p in tmp_path.rglob("*") if p.is_file() and not p.is_relative_to(home)]
    assert [p for p in elsewhere if not p.is_relative_to(target)] == []
    assert not Path("/abs/path").exists() and not Path("/etc/cron.d/x").exists()
    assert code in (0, 1)
    _no_secret_in(out + err)
    assert "\x1b" not in err


def test_a_lying_etag_fails_the_download_and_leaves_no_file(
    capsys, cli_env, tmp_path: Path
) -> None:
    objects = {"data.bin": Stored(b"the real bytes", etag='"0123456789abcdef0123456789abcdef"')}
    with HostileS3(bucket_script("b", objects)) as server:
        code = main(["cp", "--endpoint-url", server.url, "s3://b/data.bin", str(tmp_path / "x")])
    _, err = capsys.readouterr()
    assert code == 1
    assert not (tmp_path / "x").exists()
    # what arrived stays in x.eider-partial (the job is resumable), never under the name
    assert "eider: error:" in err and "Traceback" not in err
    assert "checksum" in err.lower() or "etag" in err.lower() or "md5" in err.lower(), err


def test_a_lying_checksum_header_fails_the_download(capsys, cli_env, tmp_path: Path) -> None:
    body = b"payload that does not match its checksum"
    lie = base64.b64encode(b"\x00\x00\x00\x00").decode()
    objects = {"d": Stored(body, etag='"not-an-md5-1"', headers={"x-amz-checksum-crc32": lie})}
    with HostileS3(bucket_script("b", objects)) as server:
        code = main(["cp", "--endpoint-url", server.url, "s3://b/d", str(tmp_path / "d")])
    _, err = capsys.readouterr()
    assert code == 1, err
    assert not (tmp_path / "d").exists()
    assert "Traceback" not in err


def test_contradicting_content_lengths_are_described(capsys, cli_env, tmp_path: Path) -> None:
    def script(request: Received) -> Answer:
        if request.method == "HEAD":
            return Answer(200, b"", {"content-length": "99", "ETag": '"x"'})
        return Answer(200, b"abc", {"content-length": "99"})

    with HostileS3(script) as server:
        code = main(["cp", "--endpoint-url", server.url, "s3://b/k", str(tmp_path / "k")])
    _, err = capsys.readouterr()
    assert code == 1
    assert "is not valid HTTP" in err and "unexpected" not in err
    assert not (tmp_path / "k").exists()


# -- redirects to a host the user did not configure ---------------------------------------------


def _redirect_to(other: HostileS3, status: int, code: str) -> Answer:
    host = f"127.0.0.1:{other.port}"
    return error_answer(
        status,
        code,
        "Please re-send this request to the specified temporary endpoint.",
        f"<Endpoint>{host}</Endpoint><Bucket>b</Bucket>",
        Location=f"{other.url}/b/data.bin",
    )


@pytest.mark.parametrize(
    ("status", "code"),
    [(307, "TemporaryRedirect"), (301, "PermanentRedirect"), (302, "Found"), (303, "SeeOther")],
)
def test_a_redirect_elsewhere_sends_nothing_there(
    status: int, code: str, cli_env, tmp_path: Path
) -> None:
    ca = trustme.CA()
    ca_file = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    sse_key = os.urandom(32)
    (tmp_path / "key.bin").write_bytes(sse_key)
    with (
        HostileS3(lambda request: Answer(200, b"recorded"), tls=ca) as other,
        HostileS3(lambda request: _redirect_to(other, status, code), tls=ca) as server,
    ):
        common = ["--endpoint-url", server.url, "--ca-bundle", str(ca_file)]
        keyed = [*common, "--sse-c-key-file", str(tmp_path / "key.bin")]
        # Child processes, as a user runs them (and their HTTPS connections end with them).
        ls = _eider("ls", *common, "s3://b/")
        cp = _eider("cp", *keyed, "s3://b/data.bin", str(tmp_path / "got"))
        (tmp_path / "up").write_bytes(b"upload me")
        up = _eider("cp", *keyed, str(tmp_path / "up"), "s3://b/up")
    ls_code, cp_code, up_code = ls.returncode, cp.returncode, up.returncode
    out = ls.stdout + cp.stdout + up.stdout
    err = ls.stderr + cp.stderr + up.stderr
    assert other.received == []  # not one request: no key, no signature, no SSE-C key
    assert server.received  # the configured host was asked
    assert (ls_code, cp_code, up_code) != (0, 0, 0)
    assert ls_code != 0 and cp_code != 0
    assert not (tmp_path / "got").exists()
    _no_secret_in(out + err)
    assert base64.b64encode(sse_key).decode() not in out + err
    assert "eider: error:" in err


def test_a_region_redirect_stays_on_the_configured_host() -> None:
    """A 301 naming another region is followed (botocore re-signs for it), on the same host."""
    asked: list[str] = []

    def script(request: Received) -> Answer:
        region = request.headers.get("authorization", "").split("/")[2:3]
        asked.append(region[0] if region else "")
        if region == ["us-east-1"]:
            return error_answer(
                301, "PermanentRedirect", "Use the other region.", "<Region>eu-west-3</Region>",
                **{"x-amz-bucket-region": "eu-west-3"},
            )
        return xml_answer(listing_xml("b", [Listed("moved")]))

    with HostileS3(lambda request: Answer(200, b"")) as other, HostileS3(script) as server:
        session = S3Session(_connection(server))
        pages = list(session.list_prefix("b"))
    assert [o.key for o in pages[0].objects] == ["moved"]
    assert asked[-1] == "eu-west-3"
    assert other.received == []
