"""The models show Eider's own icons from resources/: a transfer's state in the Transfers
window, an object's encryption in the object list and the Info window; and icons held by
widgets are drawn again when the palette turns dark."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.core.bookmarks import BookmarkStore
from app.core.resources import ui_icon_names
from app.core.s3 import encryption_state
from app.core.transfers.jobs import JobState
from app.ui import color_scheme, icons
from app.ui.bookmarks.sidebar import BookmarksSidebar
from app.ui.info.encryption_tab import EncryptionTab
from app.ui.location import Location
from app.ui.models.transfers_model import STATE, TransfersModel
from app.ui.sidebar_icons import fill_missing_icons
from app.ui.widgets.folder_tree import FolderTree
from tests.conftest import connection_for
from tests.fixtures.servers import RunningS3
from tests.gui.conftest import Windows, wait_for
from tests.gui.transfers.snapshots import snapshot

pytestmark = [pytest.mark.gui]

KINDS = (
    encryption_state.NONE,
    encryption_state.SSE_S3,
    encryption_state.SSE_KMS,
    encryption_state.SSE_C,
    encryption_state.CLIENT_SIDE,
)
RESUMABLE = (JobState.QUEUED, JobState.PAUSED, JobState.FAILED)


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    original = qapp.palette()
    qapp.setPalette(qapp.style().standardPalette())
    yield qapp
    qapp.setPalette(original)


def lightness(icon: QIcon, mode: QIcon.Mode = QIcon.Mode.Normal) -> tuple[int, int]:
    """The darkest and lightest opaque pixels of `icon` at 24 px."""
    image = icon.pixmap(QSize(24, 24), mode).toImage()
    values = [
        QColor.fromRgba(image.pixel(x, y)).lightness()
        for x in range(image.width())
        for y in range(image.height())
        if QColor.fromRgba(image.pixel(x, y)).alpha() > 200
    ]
    assert values, "the icon drew nothing"
    return min(values), max(values)


def is_drawn_for_dark(icon: QIcon) -> bool:
    return lightness(icon)[0] > 150


def is_drawn_for_light(icon: QIcon) -> bool:
    return lightness(icon)[1] < 100


def shape(icon: QIcon) -> frozenset[tuple[int, int]]:
    image = icon.pixmap(QSize(24, 24)).toImage()
    return frozenset(
        (x, y)
        for x in range(image.width())
        for y in range(image.height())
        if QColor.fromRgba(image.pixel(x, y)).alpha() > 128
    )


def test_every_icon_name_a_model_uses_is_shipped_and_loads(app: QApplication) -> None:
    used = {
        *icons.TRANSFER_STATES.values(),
        *icons.ENCRYPTION_KINDS.values(),
        *icons.FILE_KINDS.values(),
        *icons.ACTIONS.values(),
        "folder",
        "file",
        "bucket",
    }
    assert used <= set(ui_icon_names())
    for name in sorted(used):
        icon = icons.icon(name)
        assert not icon.isNull(), name
        assert not icon.pixmap(QSize(16, 16)).isNull(), name
    assert {state.value for state in JobState} <= set(icons.TRANSFER_STATES)
    assert set(KINDS) <= set(icons.ENCRYPTION_KINDS)


@pytest.mark.parametrize("interrupted", [False, True])
@pytest.mark.parametrize("state", list(JobState))
def test_the_transfers_model_shows_each_state_s_icon(
    app: QApplication, state: JobState, interrupted: bool
) -> None:
    model = TransfersModel()
    model.apply([snapshot("a", state, interrupted=interrupted)])
    icon = model.index(0, STATE).data(Qt.ItemDataRole.DecorationRole)
    assert isinstance(icon, QIcon) and not icon.isNull()
    expected = "interrupted" if interrupted and state in RESUMABLE else state.value
    assert icon.cacheKey() == icons.icon(f"transfer-{expected}").cacheKey()


def test_each_transfer_state_looks_different(app: QApplication) -> None:
    names = {f"transfer-{state.value}" for state in JobState} | {"transfer-interrupted"}
    assert len({shape(icons.icon(name)) for name in names}) == len(names)


def test_each_encryption_kind_has_its_own_shape_without_colour(app: QApplication) -> None:
    shapes = {shape(icons.encryption_icon(kind)) for kind in KINDS}
    assert len(shapes) == len(KINDS)
    assert icons.encryption_icon(encryption_state.CLIENT_SIDE).cacheKey() == (
        icons.icon("encryption-client").cacheKey()
    )


def test_the_info_window_s_encryption_tab_shows_the_kinds_icons(
    qtbot: QtBot, app: QApplication
) -> None:
    tab = EncryptionTab()
    qtbot.addWidget(tab)
    for kind, button in tab.buttons.items():
        assert button.icon().cacheKey() == icons.encryption_icon(kind).cacheKey()
    tab.set_state(encryption_state.SSE_KMS, "alias/eider", [], None)
    shown = tab.current_icon.pixmap().toImage()
    size = shown.size()
    assert not tab.current_icon.isHidden()
    assert shown == icons.encryption_icon(encryption_state.SSE_KMS).pixmap(size).toImage()
    tab.set_state(None, None, [], None)  # many objects: no single kind
    assert tab.current_icon.isHidden()


def test_models_hand_out_icons_in_a_dark_palette_s_colours(app: QApplication) -> None:
    model = TransfersModel()
    model.apply([snapshot("a", JobState.QUEUED)])
    state_icon = lambda: model.index(0, STATE).data(Qt.ItemDataRole.DecorationRole)  # noqa: E731
    assert is_drawn_for_light(state_icon())
    assert is_drawn_for_light(icons.encryption_icon(encryption_state.SSE_S3))
    app.setPalette(color_scheme.dark_palette())
    assert is_drawn_for_dark(state_icon())
    assert is_drawn_for_dark(icons.encryption_icon(encryption_state.SSE_S3))
    assert is_drawn_for_dark(icons.file_icon("notes.txt"))


def test_on_a_selected_row_icons_take_the_highlighted_text_colour(app: QApplication) -> None:
    app.setPalette(app.style().standardPalette())  # dark text, light text on the highlight
    queued = icons.transfer_state_icon("queued")
    assert lightness(queued)[1] < 100
    assert lightness(queued, QIcon.Mode.Selected)[0] > 150


def test_icons_held_by_widgets_are_drawn_again_when_the_palette_turns_dark(
    qtbot: QtBot, app: QApplication, tmp_path: object
) -> None:
    tree = FolderTree()
    qtbot.addWidget(tree)
    tree.set_buckets(["photos"])
    tree.add_folders(Location("photos"), ["photos/2026/"])
    bucket_item = tree.index_of(Location("photos"))
    folder_item = tree.index_of(Location("photos", "photos/2026/"))
    tree_icon = lambda index: index.data(Qt.ItemDataRole.DecorationRole)  # noqa: E731
    assert is_drawn_for_light(tree_icon(bucket_item)) and is_drawn_for_light(tree_icon(folder_item))
    tab = EncryptionTab()
    qtbot.addWidget(tab)
    sse_s3 = tab.buttons[encryption_state.SSE_S3]
    assert is_drawn_for_light(sse_s3.icon())

    app.setPalette(color_scheme.dark_palette())
    wait_for(qtbot, lambda: is_drawn_for_dark(tree_icon(bucket_item)))
    assert is_drawn_for_dark(tree_icon(folder_item))
    wait_for(qtbot, lambda: is_drawn_for_dark(sse_s3.icon()))

    app.setPalette(app.style().standardPalette())  # and back to light
    wait_for(qtbot, lambda: is_drawn_for_light(tree_icon(bucket_item)))


def test_the_sidebar_s_drawn_glyphs_follow_the_palette(
    qtbot: QtBot, app: QApplication, store: BookmarkStore
) -> None:
    sidebar = BookmarksSidebar(store)
    qtbot.addWidget(sidebar)
    add = next(a for a in sidebar.actions() if a.objectName() == "bookmarkAdd")
    add.setIcon(QIcon())  # as on a desktop without an icon theme
    fill_missing_icons(sidebar)
    assert is_drawn_for_light(add.icon())
    app.setPalette(color_scheme.dark_palette())
    wait_for(qtbot, lambda: is_drawn_for_dark(add.icon()))


def test_a_browser_window_s_toolbar_icons_follow_the_palette(
    qtbot: QtBot, app: QApplication, windows: Windows, seaweed: RunningS3
) -> None:
    window = windows.open(connection_for(seaweed), Location())
    wait_for(qtbot, lambda: window.controller.session is not None)
    refresh = next(a for a in window.actions() if a.objectName() == "refreshAction")
    assert is_drawn_for_light(refresh.icon())
    app.setPalette(color_scheme.dark_palette())
    wait_for(qtbot, lambda: is_drawn_for_dark(refresh.icon()))
