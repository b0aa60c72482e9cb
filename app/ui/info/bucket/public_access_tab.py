"""The public access block: four switches, or none at all."""

from __future__ import annotations

from dataclasses import fields

from PySide6.QtWidgets import QCheckBox, QPushButton, QVBoxLayout, QWidget

from app.core.s3.info_section import Feature, Section
from app.core.s3.public_access import (
    PublicAccessBlock,
    put_public_access_block,
    read_public_access_block,
)
from app.core.s3.session import S3Session
from app.ui.info.bucket.section_tab import SectionTab, message_label, named
from app.ui.translation import N_, translate

_SWITCHES = {
    "block_public_acls": (N_("Block new public ACLs"), "blockPublicAcls"),
    "ignore_public_acls": (N_("Ignore existing public ACLs"), "ignorePublicAcls"),
    "block_public_policy": (N_("Block new public bucket policies"), "blockPublicPolicy"),
    "restrict_public_buckets": (
        N_("Restrict access to buckets with public policies to the account's own users"),
        "restrictPublicBuckets",
    ),
}


class PublicAccessTab(SectionTab[PublicAccessBlock, PublicAccessBlock]):
    title = N_("Public access")
    operation = "PutPublicAccessBlock"
    feature = Feature.PUBLIC_ACCESS_BLOCK

    def build(self, editor: QWidget) -> None:
        layout = QVBoxLayout(editor)
        self.state_label = message_label(
            editor, "publicAccessState", self.tr("Public access block now")
        )
        layout.addWidget(self.state_label)
        self.switches: dict[str, QCheckBox] = {}
        for field_name, (text, name) in _SWITCHES.items():
            box = named(QCheckBox(translate("", text), editor), name, translate("", text))
            self.switches[field_name] = box
            layout.addWidget(box)
        layout.addStretch(1)
        self.remove_button = named(
            QPushButton(self.tr("&Remove Block"), self),
            "publicAccessRemove",
            self.tr("Remove the public access block"),
        )
        self.remove_button.clicked.connect(
            lambda: self.submit(
                lambda session, bucket: put_public_access_block(session, bucket, None)
            )
        )
        self.buttons.insertWidget(0, self.remove_button)

    def read(
        self, session: S3Session, bucket: str, unsupported: frozenset[Feature]
    ) -> Section[PublicAccessBlock]:
        return read_public_access_block(session, bucket, unsupported)

    def show_value(self, value: PublicAccessBlock | None) -> None:
        self.state_label.setText(
            self.tr("This bucket has a public access block:")
            if value
            else self.tr(
                "This bucket has no public access block of its own (the account's may apply)."
            )
        )
        shown = value or PublicAccessBlock()
        for field in fields(PublicAccessBlock):
            self.switches[field.name].setChecked(getattr(shown, field.name))
        self.remove_button.setEnabled(value is not None)

    def collect(self) -> PublicAccessBlock:
        return PublicAccessBlock(**{name: box.isChecked() for name, box in self.switches.items()})

    def write(self, session: S3Session, bucket: str, payload: PublicAccessBlock) -> None:
        put_public_access_block(session, bucket, payload)
