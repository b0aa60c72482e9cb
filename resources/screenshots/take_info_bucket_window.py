"""Retake info-bucket-window-*.png: the whole Info window on a bucket (moto's server), with its
General tab and the bucket setting tabs plugged in after it.

From the repository root:
    xvfb-run -a -s '-screen 0 1400x900x24' python resources/screenshots/take_info_bucket_window.py
The bucket is arranged as for take_info_bucket.py (whose setup this borrows).
"""

import asyncio
from typing import Any

import take_info_bucket as base  # sets EIDER_HOME, the keyring, the app and its loop

from app.core.s3.info_context import InfoContext
from app.core.s3.session import S3Session
from app.ui.info import info_window
from app.ui.info.info_window import InfoWindow
from app.ui.info.target import InfoTarget
from tests.conftest import admin_client, connection_for
from tests.fixtures.servers import moto_server

SHOTS = {"Lifecycle": "lifecycle", "Versioning": "versioning"}


async def settle(window: InfoWindow) -> None:
    for _ in range(300):
        pages = [
            getattr(window.tabs.widget(i), "page", "content") for i in range(1, window.tabs.count())
        ]
        if window.tabs.count() > 1 and "loading" not in pages:
            return
        await asyncio.sleep(0.1)
    raise TimeoutError("the tabs did not load")


async def shoot(server: Any) -> None:
    session = S3Session(connection_for(server))
    window = InfoWindow(
        session, InfoTarget(base.BUCKET), None, None, context_loader=lambda _id: InfoContext()
    )
    window.resize(info_window.BUCKET_WIDTH, 640)
    window.show()
    window.start()
    await settle(window)
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    for title, name in SHOTS.items():
        tab = window.tabs.widget(titles.index(title))
        window.tabs.setCurrentWidget(tab)
        if title == "Lifecycle":
            tab.rule_list.setCurrentRow(0)
        await asyncio.sleep(0.3)
        window.grab().save(str(base.OUT / f"info-bucket-window-{name}.png"))
    pool = window.bridge.pool
    window.close()
    pool.shutdown(wait=True)


async def main() -> None:
    with moto_server() as moto:
        base.arrange(admin_client(moto))
        await shoot(moto)


base.loop.run_until_complete(main())
