"""Retake info-bucket-*.png: the Info window's bucket tabs on moto's and SeaweedFS's servers.

From the repository root:
    xvfb-run -a -s '-screen 0 1400x900x24' python resources/screenshots/take_info_bucket.py
A bucket on moto's server gets versioning, a KMS default, two lifecycle rules (one of a shape
the editor cannot show), a policy and CORS rules; a bucket on SeaweedFS shows what it lacks.
Uses a fresh temporary EIDER_HOME and an in-memory keyring.
"""

import asyncio
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

home = Path(tempfile.mkdtemp(prefix="eider-shot-"))
os.environ["EIDER_HOME"] = str(home / "eider")
os.environ["NO_PROXY"] = "127.0.0.1,localhost"
sys.path.insert(0, str(Path.cwd()))

import keyring
import qasync
from PySide6.QtWidgets import QTabWidget

from app.core.profiles import all_profiles
from app.core.s3 import thread_guard
from app.core.s3.info_features import unsupported_features
from app.core.s3.session import S3Session
from app.ui.application import create_application
from app.ui.async_bridge import AsyncBridge
from app.ui.info.bucket import bucket_tabs
from tests.conftest import admin_client, connection_for
from tests.fixtures.memory_keyring import MemoryKeyring
from tests.fixtures.servers import moto_server, seaweed_server

OUT = Path("resources/screenshots")
BUCKET = "studio-assets"

keyring.set_keyring(MemoryKeyring())
app = create_application()
loop = qasync.QEventLoop(app)
asyncio.set_event_loop(loop)
thread_guard.forbid_current_thread()


def arrange(admin: Any) -> None:
    admin.create_bucket(Bucket=BUCKET)
    admin.put_bucket_versioning(Bucket=BUCKET, VersioningConfiguration={"Status": "Enabled"})
    admin.put_bucket_encryption(
        Bucket=BUCKET,
        ServerSideEncryptionConfiguration={
            "Rules": [
                {
                    "ApplyServerSideEncryptionByDefault": {
                        "SSEAlgorithm": "aws:kms",
                        "KMSMasterKeyID": "alias/studio-assets",
                    },
                    "BucketKeyEnabled": True,
                }
            ]
        },
    )
    admin.put_bucket_lifecycle_configuration(
        Bucket=BUCKET,
        LifecycleConfiguration={
            "Rules": [
                {
                    "ID": "archive-renders",
                    "Status": "Enabled",
                    "Filter": {
                        "And": {"Prefix": "renders/", "Tags": [{"Key": "final", "Value": "yes"}]}
                    },
                    "Transitions": [
                        {"Days": 30, "StorageClass": "STANDARD_IA"},
                        {"Days": 180, "StorageClass": "GLACIER"},
                    ],
                    "NoncurrentVersionExpiration": {"NoncurrentDays": 90},
                    "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 7},
                },
                {
                    "ID": "legacy-tmp",
                    "Prefix": "tmp/",
                    "Status": "Enabled",
                    "Expiration": {"Days": 2},
                },
            ]
        },
    )
    policy = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "PublicPreviews",
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{BUCKET}/previews/*",
            }
        ],
    }
    admin.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(policy))
    admin.put_bucket_cors(
        Bucket=BUCKET,
        CORSConfiguration={
            "CORSRules": [
                {
                    "ID": "web-app",
                    "AllowedMethods": ["GET", "HEAD"],
                    "AllowedOrigins": ["https://studio.example.com"],
                    "AllowedHeaders": ["*"],
                    "ExposeHeaders": ["ETag"],
                    "MaxAgeSeconds": 3000,
                }
            ]
        },
    )
    admin.put_bucket_tagging(
        Bucket=BUCKET,
        Tagging={"TagSet": [{"Key": "team", "Value": "post-production"}]},
    )


async def settle(tabs: Any) -> None:
    for _ in range(300):
        if all(widget.page != "loading" for _, widget in tabs):
            return
        await asyncio.sleep(0.1)
    raise TimeoutError("the tabs did not load")


async def shoot(server: Any, profile: Any, shots: dict[str, str], bucket: str) -> None:
    bridge = AsyncBridge(on_error=lambda error: print("error:", error))
    session = S3Session(connection_for(server))
    unsupported = unsupported_features(profile) if profile else frozenset()
    tabs = bucket_tabs(bridge, session, bucket, unsupported)
    window = QTabWidget()
    window.setWindowTitle(f"Info: {bucket}")
    for title, widget in tabs:
        window.addTab(widget, title)
    window.resize(980, 640)
    window.show()
    await settle(tabs)
    titles = [title for title, _ in tabs]
    for title, name in shots.items():
        window.setCurrentIndex(titles.index(title))
        if title == "Lifecycle":
            dict(tabs)["Lifecycle"].rule_list.setCurrentRow(0)
        await asyncio.sleep(0.3)
        window.grab().save(str(OUT / f"info-bucket-{name}.png"))
    window.close()
    bridge.shutdown()


async def main() -> None:
    with moto_server() as moto:
        arrange(admin_client(moto))
        await shoot(
            moto,
            None,
            {
                "Versioning": "versioning",
                "Default encryption": "encryption",
                "Lifecycle": "lifecycle",
                "Policy": "policy",
                "CORS": "cors",
            },
            BUCKET,
        )
    with seaweed_server(home / "seaweed") as (_, seaweed):
        admin_client(seaweed).create_bucket(Bucket="scans")
        profile = next(e.profile for e in all_profiles() if e.profile.vendor == "seaweedfs")
        await shoot(seaweed, profile, {"Public access": "unsupported"}, "scans")


loop.run_until_complete(main())
