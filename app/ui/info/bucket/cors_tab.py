"""CORS rules as a table: one rule a row, lists written comma-separated."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.core.s3.cors import CORS_METHODS, CorsRule, InvalidCors, cors_problems, put_cors, read_cors
from app.core.s3.info_section import Feature, Section
from app.core.s3.session import S3Session
from app.ui.info.bucket.row_table import RowTable
from app.ui.info.bucket.section_tab import InputProblem, SectionTab, message_label
from app.ui.translation import N_, translate

COLUMNS = (
    "ID",
    N_("Methods"),
    N_("Origins"),
    N_("Allowed headers"),
    N_("Exposed headers"),
    N_("Max age (s)"),
)


def split_list(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(",") if part.strip())


def rule_row(rule: CorsRule) -> list[str]:
    return [
        rule.id or "",
        ", ".join(rule.allowed_methods),
        ", ".join(rule.allowed_origins),
        ", ".join(rule.allowed_headers),
        ", ".join(rule.expose_headers),
        "" if rule.max_age_seconds is None else str(rule.max_age_seconds),
    ]


def row_rule(number: int, row: list[str]) -> CorsRule:
    rule_id, methods, origins, headers, exposed, max_age = row
    try:
        seconds = int(max_age) if max_age else None
    except ValueError:
        raise InputProblem(
            translate(
                "CorsTab", "CORS rule {0}: the max age '{1}' is not a whole number of seconds."
            ).format(number, max_age)
        ) from None
    return CorsRule(
        allowed_methods=tuple(m.upper() for m in split_list(methods)),
        allowed_origins=split_list(origins),
        allowed_headers=split_list(headers),
        expose_headers=split_list(exposed),
        max_age_seconds=seconds,
        id=rule_id or None,
    )


class CorsTab(SectionTab[tuple[CorsRule, ...], list[CorsRule]]):
    title = N_("CORS")
    operation = "PutBucketCors"
    feature = Feature.CORS

    def build(self, editor: QWidget) -> None:
        layout = QVBoxLayout(editor)
        layout.setContentsMargins(0, 0, 0, 0)
        self.rows = RowTable(
            editor,
            "corsRules",
            self.tr("CORS rules"),
            [translate("", c) for c in COLUMNS],
            self.tr("Rule"),
        )
        layout.addWidget(self.rows, 1)
        note = message_label(editor, "corsNote", self.tr("About CORS rules"))
        note.setText(
            self.tr(
                "Methods: {0}. Separate several values with commas; "
                "* allows any origin or header. Saving with no rules removes the CORS "
                "configuration."
            ).format(", ".join(CORS_METHODS))
        )
        layout.addWidget(note)

    def read(
        self, session: S3Session, bucket: str, unsupported: frozenset[Feature]
    ) -> Section[tuple[CorsRule, ...]]:
        return read_cors(session, bucket, unsupported)

    def show_value(self, value: tuple[CorsRule, ...] | None) -> None:
        self.rows.set_rows([rule_row(r) for r in value or ()])

    def collect(self) -> list[CorsRule]:
        rules = [row_rule(number, row) for number, row in enumerate(self.rows.rows(), 1)]
        problems = cors_problems(rules)
        if problems:
            raise InvalidCors(problems)
        return rules

    def write(self, session: S3Session, bucket: str, payload: list[CorsRule]) -> None:
        put_cors(session, bucket, payload)
