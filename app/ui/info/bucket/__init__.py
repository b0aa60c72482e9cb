"""The bucket tabs of the Info window, each a standalone widget that loads its own setting."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from app.core.profiles.model import Profile
from app.core.profiles.settings import storage_classes
from app.core.s3.info_features import unsupported_features
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


def lifecycle_classes(profile: Profile | None) -> tuple[str, ...]:
    """Storage classes a lifecycle rule may move objects to, as the profile offers them."""
    offered = storage_classes(profile) if profile else ()
    return tuple(c for c in offered if c not in _NOT_LIFECYCLE_TARGETS) or LIFECYCLE_CLASSES


def bucket_tabs(
    bridge: AsyncBridge,
    session: S3Session,
    bucket: str,
    profile: Profile | None = None,
) -> list[tuple[str, QWidget]]:
    """(title, widget) for every bucket tab, each already loading its section off the GUI
    thread through `bridge`. `profile` (the connection's effective profile) says which
    features the provider lacks and which storage classes it offers."""
    unsupported = unsupported_features(profile) if profile else frozenset()
    tabs: list[SectionTab[Any, Any]] = [
        VersioningTab(bridge, session, bucket, unsupported),
        EncryptionTab(bridge, session, bucket, unsupported),
        ObjectLockTab(bridge, session, bucket, unsupported),
        LifecycleTab(
            bridge, session, bucket, unsupported, storage_classes=lifecycle_classes(profile)
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
