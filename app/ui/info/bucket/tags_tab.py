"""Bucket tags: up to 50 key/value pairs, checked as S3 checks them before saving."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.core.s3.info_section import Feature, Section
from app.core.s3.session import S3Session
from app.core.s3.tags import (
    MAX_BUCKET_TAGS,
    InvalidTags,
    Tag,
    put_bucket_tags,
    read_bucket_tags,
    tag_problems,
)
from app.ui.info.bucket.row_table import RowTable
from app.ui.info.bucket.section_tab import SectionTab, message_label
from app.ui.translation import N_


class TagsTab(SectionTab[tuple[Tag, ...], list[Tag]]):
    title = N_("Tags")
    operation = "PutBucketTagging"
    feature = Feature.TAGS

    def build(self, editor: QWidget) -> None:
        layout = QVBoxLayout(editor)
        layout.setContentsMargins(0, 0, 0, 0)
        self.rows = RowTable(
            editor,
            "bucketTags",
            self.tr("Bucket tags"),
            (self.tr("Key"), self.tr("Value")),
            self.tr("Tag"),
        )
        layout.addWidget(self.rows, 1)
        note = message_label(editor, "bucketTagsNote", self.tr("About bucket tags"))
        note.setText(
            self.tr(
                "At most {0} tags; keys up to 128 and values up to 256 characters "
                "of letters, digits, spaces and + - = . _ : / @. Saving with no tags removes them."
            ).format(MAX_BUCKET_TAGS)
        )
        layout.addWidget(note)

    def read(
        self, session: S3Session, bucket: str, unsupported: frozenset[Feature]
    ) -> Section[tuple[Tag, ...]]:
        return read_bucket_tags(session, bucket, unsupported)

    def show_value(self, value: tuple[Tag, ...] | None) -> None:
        self.rows.set_rows([(t.key, t.value) for t in value or ()])

    def collect(self) -> list[Tag]:
        tags = [Tag(key, value) for key, value in self.rows.rows(strip=False)]
        problems = tag_problems(tags, MAX_BUCKET_TAGS)
        if problems:
            raise InvalidTags(problems)
        return tags

    def write(self, session: S3Session, bucket: str, payload: list[Tag]) -> None:
        put_bucket_tags(session, bucket, payload)
