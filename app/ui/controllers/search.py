"""Searching beyond what is loaded: a server-side prefix search and a recursive search.

The filter box matches loaded names; Enter in it (or Go > Search on Server) lists the current
location with `prefix + term` as the prefix, so a name starting with the term is found however
far down the listing it sits. Go > Search Subfolders lists everything under the location
without a delimiter, keeping keys whose path below the location contains the term; results
stream in page by page and Stop Search (or navigating) cancels the listing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QLineEdit, QMenu, QStatusBar, QWidget

from app.core.s3.session import ListingPage
from app.ui.controllers.browser import BrowserController
from app.ui.models.listing_stream import ListingStream


def matching_pages(pages: Iterator[ListingPage], skip: int, term: str) -> Iterator[ListingPage]:
    """`pages` keeping only objects whose key past `skip` characters contains `term` (any case)."""
    folded = term.casefold()
    for page in pages:  # runs on the listing's worker thread
        kept = tuple(o for o in page.objects if folded in o.key[skip:].casefold())
        yield ListingPage(page.bucket, page.prefix, (), kept, page.is_last)


@dataclass(frozen=True)
class SearchParts:
    """What the search works with: `parent` owns its actions and label."""

    browser: BrowserController
    filter_box: QLineEdit
    status_bar: QStatusBar
    go_menu: QMenu
    parent: QWidget


class ServerSearch(QObject):
    def __init__(self, parts: SearchParts) -> None:
        super().__init__(parts.parent)
        self._parent = parts.parent
        self._filter_box = parts.filter_box
        self._controller = parts.browser
        self.prefix_action = self._action(
            "searchServerAction", self.tr("Search on Server"), "Ctrl+Return"
        )
        self.prefix_action.setToolTip(self.tr("List the names that start with the filter text"))
        self.recursive_action = self._action(
            "searchSubfoldersAction", self.tr("Search Subfolders"), "Ctrl+Shift+F"
        )
        self.recursive_action.setToolTip(
            self.tr("Find the filter text in every key under this folder")
        )
        self.stop_action = self._action("stopSearchAction", self.tr("Stop Search"), "Ctrl+.")
        self.prefix_action.triggered.connect(self.search_prefix)
        self.recursive_action.triggered.connect(self.search_recursive)
        self.stop_action.triggered.connect(self.stop)
        parts.filter_box.returnPressed.connect(self.search_prefix)
        self._stream: ListingStream | None = None
        self.label = QLabel(parts.parent)
        self.label.setObjectName("searchStatus")
        self.label.setAccessibleName(self.tr("What the list shows"))
        self.label.hide()
        parts.status_bar.addPermanentWidget(self.label)
        self._controller.model.modelReset.connect(self._listing_replaced)
        parts.go_menu.addSeparator()
        for action in (self.prefix_action, self.recursive_action, self.stop_action):
            parts.go_menu.addAction(action)

    def _action(self, name: str, text: str, shortcut: str) -> QAction:
        action = QAction(text, self._parent)
        action.setObjectName(name)
        action.setShortcut(QKeySequence(shortcut))
        self._parent.addAction(action)
        return action

    @property
    def term(self) -> str:
        return self._filter_box.text()

    def search_prefix(self) -> None:
        location, session = self._controller.location, self._controller.session
        if session is None or location.is_root or not self.term:
            return
        pages = session.list_prefix(location.bucket, location.prefix + self.term)
        stream = ListingStream(pages, self._controller.bridge, location.bucket, location.prefix)
        self._show(stream, self.tr("Names starting with “{0}” (server)").format(self.term))
        self._controller.model.fetchMore(QModelIndex())

    def search_recursive(self) -> None:
        location, session = self._controller.location, self._controller.session
        if session is None or location.is_root or not self.term:
            return
        pages = session.list_prefix(location.bucket, location.prefix, delimiter=None)
        found = matching_pages(pages, len(location.prefix), self.term)
        bridge = self._controller.bridge
        stream = ListingStream(found, bridge, location.bucket, location.prefix)  # type: ignore[arg-type]
        self._show(stream, self.tr("Keys containing “{0}” in subfolders").format(self.term))
        self._controller.model.load_everything()  # results appear as pages arrive

    def _show(self, stream: ListingStream, what: str) -> None:
        stream.setParent(self._controller)
        stream.failed.connect(self._controller.report)
        self._stream = stream
        self._controller.model.set_stream(stream, stream.prefix)
        self.label.setText(what)
        self.label.show()

    def _listing_replaced(self) -> None:
        if self._controller.model.stream is not self._stream:
            self._stream = None
            self.label.hide()

    def stop(self) -> None:
        stream = self._controller.model.stream
        if stream is not None:
            stream.cancel()
