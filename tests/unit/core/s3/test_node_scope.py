"""What an action aimed at a folder tree node runs on."""

from __future__ import annotations

import pytest

from app.core.s3.location import Location
from app.core.s3.node_scope import NodeScope, node_scope
from app.core.s3.object_ref import ObjectRef

BUCKET = Location("bk")
FOLDER = Location("bk", "a/b/")


@pytest.mark.parametrize(
    "action", ["newFolderAction", "uploadAction", "uploadFolderAction", "copyUrlAction"]
)
@pytest.mark.parametrize("node", [BUCKET, FOLDER])
def test_making_or_copying_the_url_runs_in_the_node_itself(action: str, node: Location) -> None:
    assert node_scope(action, node) == NodeScope(node)


def test_deleting_a_bucket_node_deletes_it_from_the_bucket_list() -> None:
    assert node_scope("deleteAction", BUCKET) == NodeScope(
        Location(), (ObjectRef("bk/", is_folder=True),)
    )


def test_downloading_a_bucket_node_downloads_the_whole_bucket() -> None:
    assert node_scope("downloadAction", BUCKET) == NodeScope(BUCKET, (ObjectRef.folder(""),))


@pytest.mark.parametrize(
    "action", ["downloadAction", "deleteAction", "renameAction", "duplicateAction"]
)
def test_a_folder_node_is_the_one_folder_selected_in_its_parent(action: str) -> None:
    scope = node_scope(action, FOLDER)
    assert scope == NodeScope(Location("bk", "a/"), (ObjectRef.folder("a/b/"),))


@pytest.mark.parametrize(
    ("action", "node", "reason"),
    [
        ("renameAction", BUCKET, "A bucket cannot be renamed."),
        ("duplicateAction", BUCKET, "A bucket cannot be duplicated."),
        ("presignAction", FOLDER, "A pre-signed URL is for one file"),
    ],
)
def test_actions_that_cannot_run_on_a_node_say_why(
    action: str, node: Location, reason: str
) -> None:
    scope = node_scope(action, node)
    assert isinstance(scope, str) and scope.startswith(reason)


def test_a_folder_ref_has_no_size_and_is_a_folder() -> None:
    ref = ObjectRef.folder("a/")
    assert (ref.is_folder, ref.size, ref.version_id) == (True, None, None)
