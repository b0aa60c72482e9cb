"""The bucket policy as JSON: checked as it is typed, the server's refusal told in words."""

from __future__ import annotations

import json

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from app.core.s3.bucket_policy import (
    InvalidPolicy,
    delete_policy,
    policy_problems,
    put_policy,
    read_policy,
)
from app.core.s3.info_section import Feature, Section
from app.core.s3.session import S3Session
from app.ui.info.bucket.section_tab import SectionTab, message_label, named
from app.ui.translation import N_

_EXAMPLE = """{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "PublicRead",
      "Effect": "Allow",
      "Principal": "*",
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::BUCKET/*"
    }
  ]
}"""


def pretty(text: str) -> str:
    """The policy indented for reading; text that is not JSON is shown as it came."""
    try:
        return json.dumps(json.loads(text), indent=2)
    except ValueError:
        return text


class PolicyTab(SectionTab[str, str]):
    title = N_("Policy")
    operation = "PutBucketPolicy"
    feature = Feature.POLICY

    def build(self, editor: QWidget) -> None:
        layout = QVBoxLayout(editor)
        layout.setContentsMargins(0, 0, 0, 0)
        self.text_edit = named(QPlainTextEdit(editor), "policyText", self.tr("Bucket policy JSON"))
        self.text_edit.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text_edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        layout.addWidget(self.text_edit, 1)
        self.problems_label = message_label(
            editor, "policyProblems", self.tr("Problems in the policy")
        )
        self.problems_label.setStyleSheet("color: #b00020")
        layout.addWidget(self.problems_label)
        self.delete_button = named(
            QPushButton(self.tr("&Delete Policy"), self),
            "policyDelete",
            self.tr("Delete the bucket policy"),
        )
        self.delete_button.clicked.connect(lambda: self.submit(delete_policy))
        self.buttons.insertWidget(0, self.delete_button)
        self.text_edit.textChanged.connect(self._check)

    def _check(self) -> None:
        text = self.text_edit.toPlainText()
        problems = policy_problems(text) if text.strip() else []
        self.problems_label.setText("\n".join(problems))
        self.save_button.setEnabled(bool(text.strip()) and not problems)

    def read(
        self, session: S3Session, bucket: str, unsupported: frozenset[Feature]
    ) -> Section[str]:
        return read_policy(session, bucket, unsupported)

    def show_value(self, value: str | None) -> None:
        self.text_edit.setPlaceholderText(
            self.tr("No policy is set. Write one here, for example:\n")
            + _EXAMPLE.replace("BUCKET", self.bucket)
        )
        self.text_edit.setPlainText(pretty(value) if value else "")
        self.delete_button.setEnabled(value is not None)

    def collect(self) -> str:
        text = self.text_edit.toPlainText()
        problems = policy_problems(text)
        if problems:
            raise InvalidPolicy(problems)
        return text

    def write(self, session: S3Session, bucket: str, payload: str) -> None:
        put_policy(session, bucket, payload)
