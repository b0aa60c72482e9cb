"""Static website hosting: index and error documents, or redirect everything elsewhere.

Routing rules have no editor here; those the server holds are shown and sent back unchanged.
"""

from __future__ import annotations

import json

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QWidget,
)

from app.core.s3.info_section import Feature, Section
from app.core.s3.session import S3Session
from app.core.s3.website import RedirectAll, Website, put_website, read_website, website_body
from app.ui.info.bucket.section_tab import InputProblem, SectionTab, named
from app.ui.translation import N_


class WebsiteTab(SectionTab[Website, Website | None]):
    title = N_("Website")
    operation = "PutBucketWebsite"
    feature = Feature.WEBSITE

    def build(self, editor: QWidget) -> None:
        form = self._form = QFormLayout(editor)
        group = QButtonGroup(editor)
        self.off_radio = named(
            QRadioButton(self.tr("&Off"), editor), "websiteOff", self.tr("Website hosting off")
        )
        self.host_radio = named(
            QRadioButton(self.tr("&Host a website from this bucket"), editor),
            "websiteHost",
            self.tr("Host a website"),
        )
        self.redirect_radio = named(
            QRadioButton(self.tr("Redirect &every request to another host"), editor),
            "websiteRedirect",
            self.tr("Redirect every request"),
        )
        for radio in (self.off_radio, self.host_radio, self.redirect_radio):
            group.addButton(radio)
            form.addRow(radio)
            radio.toggled.connect(self._follow_mode)
        self.index_edit = named(QLineEdit(editor), "websiteIndex", self.tr("Index document"))
        self.index_edit.setPlaceholderText(self.tr("index.html"))
        form.addRow(self.tr("&Index document:"), self.index_edit)
        self.error_edit = named(QLineEdit(editor), "websiteError", self.tr("Error document"))
        self.error_edit.setPlaceholderText(self.tr("error.html (optional)"))
        form.addRow(self.tr("E&rror document:"), self.error_edit)
        self.host_edit = named(
            QLineEdit(editor), "websiteRedirectHost", self.tr("Redirect to host")
        )
        self.host_edit.setPlaceholderText(self.tr("www.example.com"))
        form.addRow(self.tr("Redirect to &host:"), self.host_edit)
        self.protocol_box = named(
            QComboBox(editor), "websiteRedirectProtocol", self.tr("Redirect protocol")
        )
        self.protocol_box.addItem(self.tr("the request's own"), None)
        self.protocol_box.addItem("https", "https")
        self.protocol_box.addItem("http", "http")
        form.addRow(self.tr("&Protocol:"), self.protocol_box)
        self.rules_view = named(
            QPlainTextEdit(editor), "websiteRoutingRules", self.tr("Routing rules (kept unchanged)")
        )
        self.rules_view.setReadOnly(True)
        self.rules_view.setMaximumHeight(120)
        form.addRow(self.tr("Routing rules:"), self.rules_view)
        self.off_radio.setChecked(True)

    def _follow_mode(self) -> None:
        hosting = self.host_radio.isChecked()
        redirecting = self.redirect_radio.isChecked()
        self.index_edit.setEnabled(hosting)
        self.error_edit.setEnabled(hosting)
        self.host_edit.setEnabled(redirecting)
        self.protocol_box.setEnabled(redirecting)

    @property
    def routing_rules(self) -> tuple[object, ...]:
        site = self.section.value if self.section else None
        return tuple(site.routing_rules) if site else ()

    def read(
        self, session: S3Session, bucket: str, unsupported: frozenset[Feature]
    ) -> Section[Website]:
        return read_website(session, bucket, unsupported)

    def show_value(self, value: Website | None) -> None:
        if value is None:
            self.off_radio.setChecked(True)
        elif value.redirect_all is not None:
            self.redirect_radio.setChecked(True)
        else:
            self.host_radio.setChecked(True)
        self.index_edit.setText((value.index_document or "") if value else "")
        self.error_edit.setText((value.error_document or "") if value else "")
        redirect = value.redirect_all if value else None
        self.host_edit.setText(redirect.host if redirect else "")
        self.protocol_box.setCurrentIndex(
            max(0, self.protocol_box.findData(redirect.protocol if redirect else None))
        )
        rules = list(value.routing_rules) if value else []
        self._form.setRowVisible(self.rules_view, bool(rules))
        self.rules_view.setPlainText(
            self.tr("%n routing rule(s), kept unchanged when you save:\n", "", len(rules))
            + json.dumps(rules, indent=2, default=str)
            if rules
            else ""
        )
        self._follow_mode()

    def collect(self) -> Website | None:
        site = self.section.value if self.section else None
        if self.off_radio.isChecked():
            return None
        if self.redirect_radio.isChecked():
            host = self.host_edit.text().strip()
            if not host:
                raise InputProblem(self.tr("Name the host every request is redirected to."))
            if site and site.routing_rules:
                raise InputProblem(
                    self.tr(
                        "This website has routing rules, which a redirect of every request cannot "
                        "keep; remove them with another tool first, or keep hosting the site."
                    )
                )
            return Website(redirect_all=RedirectAll(host, self.protocol_box.currentData()))
        hosted = Website(
            index_document=self.index_edit.text().strip() or None,
            error_document=self.error_edit.text().strip() or None,
            routing_rules=site.routing_rules if site else (),
        )
        website_body(hosted)  # S3's own rules, checked before anything is sent
        return hosted

    def write(self, session: S3Session, bucket: str, payload: Website | None) -> None:
        put_website(session, bucket, payload)
