"""Where "Show in Browser" takes a browser window: the folder holding the object, with the
object's row selected once the listing has brought it."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QObject
from PySide6.QtWidgets import QAbstractItemView

from app.ui.location import DELIMITER, Location
from app.ui.models.listing_model import KEY_ROLE


def folder_of(bucket: str, key: str) -> Location:
    """The folder a key (or a prefix, which is shown itself) lives in."""
    if key.endswith(DELIMITER) or not key:
        return Location(bucket, key)
    head, _, _name = key.rpartition(DELIMITER)
    return Location(bucket, head + DELIMITER if head else "")


class RowSelector(QObject):
    """Selects the row of `key` as soon as the view's model lists it; gives up when the
    model is reset for another listing after it found it, or when `stop` is called."""

    def __init__(self, view: QAbstractItemView, key: str) -> None:
        super().__init__(view)
        self._view = view
        self._key = key
        model = view.model()
        assert model is not None
        self._model: QAbstractItemModel = model
        self._looking = True
        model.rowsInserted.connect(self._look)
        model.modelReset.connect(self._look)
        self._look()

    def _look(self, *_: object) -> None:
        model = self._model
        for row in range(model.rowCount()):
            index = model.index(row, 0)
            if index.data(KEY_ROLE) == self._key:
                self._view.setCurrentIndex(index)
                self._view.scrollTo(index)
                self.stop()
                return

    def stop(self) -> None:
        if not self._looking:
            return
        self._looking = False
        self._model.rowsInserted.disconnect(self._look)
        self._model.modelReset.disconnect(self._look)
        self.deleteLater()


def select_when_listed(view: QAbstractItemView, key: str) -> RowSelector | None:
    if not key or key.endswith(DELIMITER):
        return None
    return RowSelector(view, key)
