"""Requester pays and transfer acceleration: one switch each, on providers that have them."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QVBoxLayout, QWidget

from app.core.s3.bucket_settings import (
    read_acceleration,
    read_requester_pays,
    set_acceleration,
    set_requester_pays,
)
from app.core.s3.info_section import Feature, Section
from app.core.s3.session import S3Session
from app.ui.info.bucket.section_tab import SectionTab, message_label, named
from app.ui.translation import N_, translate


class SwitchTab(SectionTab[bool, bool]):
    switch_text = ""
    switch_name = ""
    explanation = ""

    def build(self, editor: QWidget) -> None:
        layout = QVBoxLayout(editor)
        self.switch = named(
            QCheckBox(translate("", self.switch_text), editor), self.switch_name, self.title
        )
        layout.addWidget(self.switch)
        note = message_label(
            editor, f"{self.switch_name}Note", self.tr("About {0}").format(self.title.lower())
        )
        note.setText(translate("", self.explanation))
        layout.addWidget(note)
        layout.addStretch(1)

    def show_value(self, value: bool | None) -> None:
        self.switch.setChecked(bool(value))

    def collect(self) -> bool:
        return self.switch.isChecked()


class RequesterPaysTab(SwitchTab):
    title = N_("Requester pays")
    operation = "PutBucketRequestPayment"
    feature = Feature.REQUESTER_PAYS
    switch_text = N_("&Requesters pay for requests and downloads")
    switch_name = "requesterPays"
    explanation = N_(
        "When on, anyone reading this bucket pays the request and transfer costs and must say "
        "so in each request; anonymous access stops working."
    )

    def read(
        self, session: S3Session, bucket: str, unsupported: frozenset[Feature]
    ) -> Section[bool]:
        return read_requester_pays(session, bucket, unsupported)

    def write(self, session: S3Session, bucket: str, payload: bool) -> None:
        set_requester_pays(session, bucket, payload)


class AccelerationTab(SwitchTab):
    title = N_("Transfer acceleration")
    operation = "PutBucketAccelerateConfiguration"
    feature = Feature.ACCELERATION
    switch_text = N_("&Accelerate transfers through the provider's edge locations")
    switch_name = "transferAcceleration"
    explanation = N_(
        "Accelerated transfers use a separate endpoint and cost extra; bucket names with dots "
        "cannot use it. Switching it off suspends it."
    )

    def read(
        self, session: S3Session, bucket: str, unsupported: frozenset[Feature]
    ) -> Section[bool]:
        return read_acceleration(session, bucket, unsupported)

    def write(self, session: S3Session, bucket: str, payload: bool) -> None:
        set_acceleration(session, bucket, payload)
