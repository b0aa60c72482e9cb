"""Retake info-object-*.png: the Info window's object tabs on an object in moto's server.

From the repository root:
    xvfb-run -a -s '-screen 0 1400x900x24' python resources/screenshots/take_info_object.py \
        resources/screenshots
One PNG per object tab (general, permissions, metadata, tags, storage-class, encryption).
Uses a fresh temporary EIDER_HOME and an in-memory keyring.
"""

import asyncio
import os
import sys
import tempfile
from pathlib import Path

home = Path(tempfile.mkdtemp(prefix="eider-shot-"))
os.environ["EIDER_HOME"] = str(home / "eider")
os.environ["NO_PROXY"] = "127.0.0.1,localhost"
sys.path.insert(0, str(Path.cwd()))

import keyring
import qasync

from app.core.s3 import thread_guard
from app.core.s3.info_context import InfoContext
from app.core.s3.session import S3Session
from app.ui.application import create_application
from app.ui.info.info_window import InfoWindow
from app.ui.info.target import InfoTarget
from tests.conftest import admin_client, connection_for
from tests.fixtures.memory_keyring import MemoryKeyring
from tests.fixtures.servers import moto_server

BUCKET = "annual-reports"
KEY = "2026/q3/summary.pdf"
TABS = (
    ("general", "infoGeneralTab"),
    ("permissions", "infoPermissionsTab"),
    ("metadata", "infoMetadataTab"),
    ("tags", "infoTagsTab"),
    ("storage-class", "infoStorageClassTab"),
    ("encryption", "infoEncryptionTab"),
)

keyring.set_keyring(MemoryKeyring())
app = create_application()
loop = qasync.QEventLoop(app)
asyncio.set_event_loop(loop)
thread_guard.forbid_current_thread()


async def until(condition, seconds: float = 60) -> None:  # type: ignore[no-untyped-def]
    for _ in range(int(seconds * 10)):
        if condition():
            return
        await asyncio.sleep(0.1)
    raise TimeoutError("the Info window did not load")


async def main(server, folder: Path) -> None:  # type: ignore[no-untyped-def]
    admin = admin_client(server)
    admin.create_bucket(Bucket=BUCKET)
    admin.put_object(
        Bucket=BUCKET,
        Key=KEY,
        Body=b"%PDF-1.7 " + b"x" * 180_000,
        ContentType="application/pdf",
        CacheControl="max-age=3600",
        ContentDisposition='inline; filename="summary.pdf"',
        ContentLanguage="en",
        Metadata={"department": "finance", "reviewed-by": "a.lovelace"},
        Tagging="classification=internal&retention=7y",
        ServerSideEncryption="AES256",
        ChecksumAlgorithm="SHA256",
    )
    admin.put_object_acl(
        Bucket=BUCKET,
        Key=KEY,
        GrantRead='uri="http://acs.amazonaws.com/groups/global/AuthenticatedUsers"',
        GrantFullControl=f'id="{admin.get_bucket_acl(Bucket=BUCKET)["Owner"]["ID"]}"',
    )
    context = InfoContext(
        storage_classes=("STANDARD", "STANDARD_IA", "INTELLIGENT_TIERING", "GLACIER_IR")
    )
    window = InfoWindow(
        S3Session(connection_for(server)),
        InfoTarget(BUCKET, (KEY,)),
        context_loader=lambda _id: context,
    )
    window.resize(640, 600)
    window.show()
    window.start()
    for _name, tab in TABS:
        widget = window.tab(tab)
        await until(lambda w=widget: not w.is_loading)
    await asyncio.sleep(0.5)
    for name, tab in TABS:
        window.tabs.setCurrentWidget(window.tab(tab))
        await asyncio.sleep(0.3)
        target = folder / f"info-object-{name}.png"
        window.grab().save(str(target))
        print("saved", target)
    pool = window.bridge.pool
    window.close()
    pool.shutdown(wait=True)


with moto_server() as running:
    with loop:
        loop.run_until_complete(main(running, Path(sys.argv[1])))
