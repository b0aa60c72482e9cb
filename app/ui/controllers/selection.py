"""What the window's actions run on: the object list's selected rows where the window stands,
or, while an action runs on a folder tree node, that node's scope."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtWidgets import QTableView

from app.core.s3.location import Location
from app.core.s3.node_scope import NodeScope
from app.core.s3.object_ref import ObjectRef
from app.ui.models.listing_model import ListingModel


class Selection:
    def __init__(
        self, view: QTableView, model: ListingModel, location: Callable[[], Location]
    ) -> None:
        self._view = view
        self._model = model
        self._location = location
        self._scope: NodeScope | None = None

    def here(self) -> Location:
        """Where an action runs: the window's location, or a tree node's scope."""
        return self._scope.here if self._scope is not None else self._location()

    def objects(self) -> list[ObjectRef]:
        """The selected rows (or the current row when none is selected), in view order."""
        if self._scope is not None:
            return list(self._scope.objects)
        view = self._view
        chosen = view.selectionModel()
        rows = [index.row() for index in chosen.selectedRows()] if chosen is not None else []
        if not rows and view.currentIndex().isValid():
            rows = [view.currentIndex().row()]
        count = self._model.rowCount()
        return [self._model.object_ref(row) for row in rows if 0 <= row < count]

    def current(self) -> ObjectRef | None:
        """The row with the keyboard focus."""
        index = self._view.currentIndex()
        return self._model.object_ref(index.row()) if index.isValid() else None

    @contextmanager
    def aimed_at(self, scope: NodeScope) -> Iterator[None]:
        """Inside the block, actions run on `scope` rather than on the list."""
        self._scope = scope
        try:
            yield
        finally:
            self._scope = None
