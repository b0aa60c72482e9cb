"""What an action aimed at a folder tree node (a bucket or a folder) runs on, instead of the
list's selection. Actions are named by their `QAction` object names."""

from __future__ import annotations

from dataclasses import dataclass

from app.core.s3.location import Location
from app.core.s3.object_ref import ObjectRef

# Actions that make something inside the node, or speak about the node itself.
INTO_NODE = ("newFolderAction", "uploadAction", "uploadFolderAction", "copyUrlAction")


@dataclass(frozen=True)
class NodeScope:
    """Where the action runs (`here`) and the objects it runs on (`objects`)."""

    here: Location
    objects: tuple[ObjectRef, ...] = ()


def node_scope(action: str, node: Location) -> NodeScope | str:
    """The scope of `action` aimed at `node`, or why it cannot run there."""
    if action in INTO_NODE:
        return NodeScope(node)
    is_bucket = not node.prefix
    if action == "deleteAction" and is_bucket:
        return NodeScope(Location(), (ObjectRef.folder(f"{node.bucket}/"),))  # from the bucket list
    if action == "downloadAction" and is_bucket:
        return NodeScope(node, (ObjectRef.folder(""),))  # the whole bucket
    if action in ("downloadAction", "deleteAction"):
        return NodeScope(node.parent(), (ObjectRef.folder(node.prefix),))
    if action in ("renameAction", "duplicateAction"):
        if is_bucket:
            verb = "renamed" if action == "renameAction" else "duplicated"
            return f"A bucket cannot be {verb}."
        return NodeScope(node.parent(), (ObjectRef.folder(node.prefix),))
    if action == "presignAction":
        return "A pre-signed URL is for one file: select the file in the list."
    return NodeScope(node)
