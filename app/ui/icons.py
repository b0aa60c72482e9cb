"""Eider's own icons as QIcons: the application icon and the drawn UI icons in
resources/icons/ui (buckets, folders, file kinds, encryption kinds, transfer states, toolbar
actions), found through app/core/resources.py in a checkout, a pip install and the bundle.

The UI icons are drawn in `currentColor`; they are rendered in the palette's text colour (its
highlighted text colour on a selected row), so they stay visible in a dark palette. Coloured
parts (a green tick, a red mark) keep their colour.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QSize, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QImage, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from app.core.resources import ICON_SIZES, app_icon_png, ui_icon_path
from app.core.s3 import encryption_state

RENDER_SIZES = (16, 22, 24, 32, 48, 64)

# What a file's extension says it holds -> its icon.
FILE_KINDS: dict[str, str] = {
    **dict.fromkeys(("txt", "md", "csv", "log", "rst", "ini", "cfg", "conf"), "file-text"),
    **dict.fromkeys(
        ("png", "jpg", "jpeg", "gif", "webp", "svg", "tif", "tiff", "bmp", "heic"), "file-image"
    ),
    **dict.fromkeys(("mp3", "wav", "flac", "ogg", "m4a", "aac"), "file-audio"),
    **dict.fromkeys(("mp4", "mkv", "mov", "avi", "webm", "m4v"), "file-video"),
    **dict.fromkeys(("zip", "gz", "tgz", "bz2", "xz", "zst", "7z", "rar", "tar"), "file-archive"),
    **dict.fromkeys(
        (
            "py",
            "js",
            "ts",
            "json",
            "yaml",
            "yml",
            "xml",
            "html",
            "css",
            "sh",
            "go",
            "rs",
            "java",
            "c",
            "h",
            "cpp",
            "toml",
        ),
        "file-code",
    ),
    "pdf": "file-pdf",
}

# An object's encryption -> its icon: encryption_state's kinds (the object list's probe, the
# Info window), and server-side encryption as S3 reports it (x-amz-server-side-encryption).
ENCRYPTION_KINDS: dict[str, str] = {
    encryption_state.NONE: "encryption-none",
    encryption_state.SSE_S3: "encryption-sse-s3",
    encryption_state.SSE_KMS: "encryption-sse-kms",
    encryption_state.SSE_C: "encryption-sse-c",
    encryption_state.CLIENT_SIDE: "encryption-client",
    "": "encryption-none",
    "AES256": "encryption-sse-s3",
    "aws:kms": "encryption-sse-kms",
    "aws:kms:dsse": "encryption-sse-kms",
    "SSE-C": "encryption-sse-c",
    "client": "encryption-client",
}

# JobState values (app/core/transfers/jobs.py) -> their icon.
TRANSFER_STATES: dict[str, str] = {
    "queued": "transfer-queued",
    "running": "transfer-running",
    "paused": "transfer-paused",
    "done": "transfer-done",
    "failed": "transfer-failed",
    "cancelled": "transfer-cancelled",
    "interrupted": "transfer-interrupted",
}


def _palette() -> QPalette:
    app = QGuiApplication.instance()
    return app.palette() if isinstance(app, QGuiApplication) else QPalette()


@cache
def _svg(name: str) -> str:
    return ui_icon_path(name).read_text("utf-8")


def _pixmaps(name: str, colour: str) -> list[QPixmap]:
    renderer = QSvgRenderer(QByteArray(_svg(name).replace("currentColor", colour).encode()))
    pixmaps = []
    for size in RENDER_SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        pixmaps.append(QPixmap.fromImage(image))
    return pixmaps


@cache
def _icon(name: str, colour: str, selected_colour: str) -> QIcon:
    icon = QIcon()
    for pixmap in _pixmaps(name, colour):
        icon.addPixmap(pixmap)
    for pixmap in _pixmaps(name, selected_colour):  # on a selected row's highlight
        icon.addPixmap(pixmap, QIcon.Mode.Selected)
    return icon


def icon(name: str) -> QIcon:
    """A UI icon by its file name in resources/icons/ui (ResourceMissing if there is none),
    in the palette's text colour, and its highlighted text colour when selected."""
    palette = _palette()
    return _icon(
        name,
        palette.color(QPalette.ColorRole.WindowText).name(),
        palette.color(QPalette.ColorRole.HighlightedText).name(),
    )


def file_icon(key: str, is_folder: bool = False) -> QIcon:
    if is_folder:
        return icon("folder")
    extension = key.rsplit("/", 1)[-1].rpartition(".")[2].lower() if "." in key else ""
    return icon(FILE_KINDS.get(extension, "file"))


def encryption_icon(kind: str | None) -> QIcon:
    return icon(ENCRYPTION_KINDS.get(kind or "", "encryption-sse-s3"))


def transfer_state_icon(state: str, interrupted: bool = False) -> QIcon:
    """A job's state; an interrupted job that can resume has an icon of its own."""
    unfinished = state in ("queued", "paused", "failed")
    name = "interrupted" if interrupted and unfinished else state
    return icon(TRANSFER_STATES.get(name, "transfer-queued"))


@cache
def app_icon() -> QIcon:
    icon = QIcon()  # the PNGs made from the SVG, 16 to 512 px (the SVG engine lists no sizes)
    for size in ICON_SIZES:
        icon.addFile(str(app_icon_png(size)), QSize(size, size))
    return icon


# Toolbar and menu actions (their objectName in MainWindow) -> their icon.
ACTIONS: dict[str, str] = {
    "backAction": "action-back",
    "forwardAction": "action-forward",
    "upAction": "action-up",
    "refreshAction": "action-refresh",
    "showTransfersAction": "action-transfers",
    "newWindowAction": "action-new-window",
    "uploadAction": "action-upload",
    "downloadAction": "action-download",
    "newFolderAction": "action-new-folder",
    "deleteAction": "action-delete",
    "infoAction": "action-info",
}


def action_icon(object_name: str) -> QIcon | None:
    name = ACTIONS.get(object_name)
    return icon(name) if name else None
