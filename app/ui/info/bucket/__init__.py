"""The bucket tabs of the Info window, each a standalone widget that loads its own setting."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from PySide6.QtWidgets import QWidget

from app.core.s3.info_section import Feature
from app.core.s3.session import S3Session
from app.ui.async_bridge import AsyncBridge
from app.ui.info.bucket.cors_tab import CorsTab
from app.ui.info.bucket.encryption_tab import EncryptionTab
from app.ui.info.bucket.lifecycle_rule_editor import LIFECYCLE_CLASSES
from app.ui.info.bucket.lifecycle_tab import LifecycleTab
from app.ui.info.bucket.logging_tab import LoggingTab
from app.ui.info.bucket.object_lock_tab import ObjectLockTab
from app.ui.info.bucket.policy_tab import PolicyTab
from app.ui.info.bucket.public_access_tab import PublicAccessTab
from app.ui.info.bucket.section_tab import SectionTab
from app.ui.info.bucket.switches_tab import AccelerationTab, RequesterPaysTab
from app.ui.info.bucket.tags_tab import TagsTab
from app.ui.info.bucket.versioning_tab import VersioningTab
from app.ui.info.bucket.website_tab import WebsiteTab

_NOT_LIFECYCLE_TARGETS = ("STANDARD", "REDUCED_REDUNDANCY")


def lifecycle_classes(offered: Sequence[str]) -> tuple[str, ...]:
    """Storage classes a lifecycle rule may move objects to, of those the provider offers."""
    return tuple(c for c in offered if c not in _NOT_LIFECYCLE_TARGETS) or LIFECYCLE_CLASSES


def bucket_tabs(
    bridge: AsyncBridge,
    session: S3Session,
    bucket: str,
    unsupported: Collection[Feature] = (),
    storage_classes: Sequence[str] = (),
) -> list[tuple[str, QWidget]]:
    """(title, widget) for every bucket tab, each already loading its section off the GUI
    thread through `bridge`. `unsupported` names the features the connection's profile says
    the provider lacks (`info_features.unsupported_features`); `storage_classes` are those the
    profile offers (empty: S3's own list)."""
    tabs: list[SectionTab[Any, Any]] = [
        VersioningTab(bridge, session, bucket, unsupported),
        EncryptionTab(bridge, session, bucket, unsupported),
        ObjectLockTab(bridge, session, bucket, unsupported),
        LifecycleTab(
            bridge, session, bucket, unsupported, storage_classes=lifecycle_classes(storage_classes)
        ),
        PolicyTab(bridge, session, bucket, unsupported),
        CorsTab(bridge, session, bucket, unsupported),
        WebsiteTab(bridge, session, bucket, unsupported),
        PublicAccessTab(bridge, session, bucket, unsupported),
        LoggingTab(bridge, session, bucket, unsupported),
        TagsTab(bridge, session, bucket, unsupported),
    ]
    # Provider-specific extras: left out entirely when the profile says the provider lacks them.
    for extra in (RequesterPaysTab, AccelerationTab):
        if extra.feature not in unsupported:
            tabs.append(extra(bridge, session, bucket, unsupported))
    for tab in tabs:
        tab.load()
    return [(tab.title, tab) for tab in tabs]
