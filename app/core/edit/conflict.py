"""The question asked when the object changed on the server since the edit was opened."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from app.core.edit.record import OpenEdit


class ConflictChoice(StrEnum):
    OVERWRITE = "overwrite"  # upload the saved copy over the server's change
    SAVE_AS = "save-as"  # upload it under another name; the server's object stays
    DISCARD = "discard"  # drop the saved copy; the private copy takes the server's content


@dataclass(frozen=True)
class ServerChanged:
    edit: OpenEdit
    etag_now: str | None  # None: the object was deleted
    version_now: str | None
    suggested_key: str  # a free "name (n)" next to the object

    @property
    def deleted(self) -> bool:
        return self.etag_now is None

    def describe(self) -> str:
        if self.deleted:
            return f"{self.edit.url} was deleted on the server since you opened it."
        return f"{self.edit.url} was changed on the server since you opened it."


@dataclass(frozen=True)
class ConflictAnswer:
    choice: ConflictChoice
    new_key: str | None = None  # for SAVE_AS; None: the suggested name


Asker = Callable[[ServerChanged], ConflictAnswer]
