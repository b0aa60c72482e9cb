"""One page per Preferences section: `show(section)` fills it, `read()` gives the section
back or raises ValueError saying which value is wrong. The Transfers, S3-defaults and
Connection pages serve the bookmark dialog's Advanced part too."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QPushButton, QWidget

from app.core.preferences.sections import (
    MAX_PRESIGN_SECONDS,
    BrowserPreferences,
    ConnectionPreferences,
    DateFormat,
    DoubleClick,
    Encryption,
    GeneralPreferences,
    S3Defaults,
    SizeFormat,
    StartWith,
    TransferPreferencesSection,
)
from app.core.transfers.header_values import CANNED_ACLS
from app.core.transfers.limits import TransferLimits
from app.core.transfers.options import MIB, ChecksumAlgorithm, ConflictPolicy
from app.ui.preferences.fields import (
    check,
    choice,
    choose,
    line,
    metadata_of,
    metadata_text,
    seconds,
    spin,
    text_or_none,
)
from app.ui.transfers.limits_dialog import rate_box, rate_of, show_rate
from app.ui.translation import english_plural

MAX_SIZE_MIB = 5 * 1024


class GeneralPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("generalPage")
        form = QFormLayout(self)
        self.start_with = choice(
            self,
            "startWithBox",
            self.tr("At start, open"),
            [
                (self.tr("The bookmarks"), StartWith.BOOKMARKS),
                (self.tr("The last windows"), StartWith.LAST_WINDOWS),
            ],
        )
        form.addRow(self.tr("At &start, open:"), self.start_with)
        self.open_transfers = check(
            self, "openTransfersCheck", self.tr("Show the Transfers window when a transfer starts")
        )
        form.addRow(self.open_transfers)
        self.resume_queue = check(
            self, "resumeQueueCheck", self.tr("Resume unfinished transfers at start")
        )
        form.addRow(self.resume_queue)
        self.notifications = check(
            self, "notificationsCheck", self.tr("Notify when a long transfer ends")
        )
        form.addRow(self.notifications)

    def show_section(self, section: GeneralPreferences) -> None:
        choose(self.start_with, section.start_with)
        self.open_transfers.setChecked(section.open_transfers_window)
        self.resume_queue.setChecked(section.resume_queue_at_start)
        self.notifications.setChecked(section.notifications)

    def read(self) -> GeneralPreferences:
        return GeneralPreferences(
            StartWith(self.start_with.currentData()),
            self.open_transfers.isChecked(),
            self.resume_queue.isChecked(),
            self.notifications.isChecked(),
        )


class BrowserPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("browserPage")
        form = QFormLayout(self)
        self.show_hidden = check(
            self,
            "showHiddenCheck",
            self.tr("Show hidden files (versions, delete markers, uploads)"),
        )
        form.addRow(self.show_hidden)
        self.double_click = choice(
            self,
            "doubleClickBox",
            self.tr("Double-clicking a file"),
            [
                (self.tr("Previews it"), DoubleClick.PREVIEW),
                (self.tr("Downloads it"), DoubleClick.DOWNLOAD),
                (self.tr("Does nothing"), DoubleClick.NOTHING),
            ],
        )
        form.addRow(self.tr("&Double-clicking a file:"), self.double_click)
        self.date_format = choice(
            self,
            "dateFormatBox",
            self.tr("Dates"),
            [
                ("2026-12-07 21:05", DateFormat.ISO),
                ("2026-12-07 21:05:09", DateFormat.ISO_SECONDS),
                (self.tr("The system's format"), DateFormat.LOCALE),
            ],
        )
        form.addRow(self.tr("Da&tes:"), self.date_format)
        self.size_format = choice(
            self,
            "sizeFormatBox",
            self.tr("Sizes"),
            [
                (self.tr("1.5 MiB (binary)"), SizeFormat.BINARY),
                (self.tr("1.6 MB (decimal)"), SizeFormat.DECIMAL),
                (self.tr("1,572,864 (bytes)"), SizeFormat.BYTES),
            ],
        )
        form.addRow(self.tr("Si&zes:"), self.size_format)
        self.cache_entries = spin(self, "cacheEntriesBox", self.tr("Listings kept"), 0, 10_000)
        form.addRow(self.tr("&Listings kept:"), self.cache_entries)
        self.cache_seconds = spin(
            self, "cacheSecondsBox", self.tr("Keep a listing for"), 0, 24 * 3600, " s"
        )
        form.addRow(self.tr("&Keep a listing for:"), self.cache_seconds)

    def show_section(self, section: BrowserPreferences) -> None:
        self.show_hidden.setChecked(section.show_hidden)
        choose(self.double_click, section.double_click)
        choose(self.date_format, section.date_format)
        choose(self.size_format, section.size_format)
        self.cache_entries.setValue(section.listing_cache_entries)
        self.cache_seconds.setValue(section.listing_cache_seconds)

    def read(self) -> BrowserPreferences:
        return BrowserPreferences(
            self.show_hidden.isChecked(),
            DoubleClick(self.double_click.currentData()),
            DateFormat(self.date_format.currentData()),
            SizeFormat(self.size_format.currentData()),
            self.cache_entries.value(),
            self.cache_seconds.value(),
        )


class TransfersPage(QWidget):
    """With `limits`, also the limits every transfer shares (the Limits dialog's values)."""

    scheduleRequested = Signal()

    def __init__(self, parent: QWidget | None = None, limits: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("transfersPage")
        form = QFormLayout(self)
        self.multipart = check(self, "multipartCheck", self.tr("Upload large files in parts"))
        form.addRow(self.multipart)
        self.threshold = spin(
            self, "thresholdBox", self.tr("Multipart from"), 1, MAX_SIZE_MIB, " MiB"
        )
        form.addRow(self.tr("Multipart &from:"), self.threshold)
        self.part_size = spin(self, "partSizeBox", self.tr("Part size"), 5, MAX_SIZE_MIB, " MiB")
        form.addRow(self.tr("&Part size:"), self.part_size)
        self.copy_threshold = spin(
            self, "copyThresholdBox", self.tr("Copy in parts from"), 1, MAX_SIZE_MIB, " MiB"
        )
        form.addRow(self.tr("&Copy in parts from:"), self.copy_threshold)
        self.checksum = choice(
            self,
            "checksumBox",
            self.tr("Checksum"),
            [
                (self.tr("Automatic (the provider's policy)"), ChecksumAlgorithm.AUTO),
                (self.tr("MD5 (every provider)"), ChecksumAlgorithm.MD5),
                ("CRC32", ChecksumAlgorithm.CRC32),
                ("CRC32C", ChecksumAlgorithm.CRC32C),
                ("CRC64NVME", ChecksumAlgorithm.CRC64NVME),
                ("SHA-256", ChecksumAlgorithm.SHA256),
                (self.tr("None (TLS only)"), ChecksumAlgorithm.NONE),
            ],
        )
        form.addRow(self.tr("C&hecksum:"), self.checksum)
        # What "Automatic" means where the page is shown for one provider (a bookmark).
        self.integrity = QLabel(self)
        self.integrity.setObjectName("integritySummary")
        self.integrity.setAccessibleName(self.tr("Integrity policy"))
        self.integrity.setWordWrap(True)
        self.integrity.hide()
        form.addRow(self.integrity)
        self.verify_download = check(self, "verifyDownloadCheck", self.tr("Verify downloads"))
        form.addRow(self.verify_download)
        self.conflict = choice(
            self,
            "conflictBox",
            self.tr("When the target exists"),
            [
                (self.tr("Ask"), ConflictPolicy.ASK),
                (self.tr("Overwrite"), ConflictPolicy.OVERWRITE),
                (self.tr("Resume, else overwrite"), ConflictPolicy.RESUME),
                (self.tr("Keep both (rename)"), ConflictPolicy.RENAME),
                (self.tr("Skip"), ConflictPolicy.SKIP),
                (self.tr("Skip if the same"), ConflictPolicy.COMPARE),
            ],
        )
        form.addRow(self.tr("When the target &exists:"), self.conflict)
        self.preserve = check(self, "preserveTimesCheck", self.tr("Keep modification times"))
        form.addRow(self.preserve)
        self.has_limits = limits
        if limits:
            self.jobs = spin(self, "simultaneousBox", self.tr("Simultaneous transfers"), 1, 64)
            form.addRow(self.tr("&Simultaneous transfers:"), self.jobs)
            self.connections = spin(
                self, "connectionsBox", self.tr("Connections per transfer"), 1, 64
            )
            form.addRow(self.tr("Co&nnections per transfer:"), self.connections)
            self.upload_rate = rate_box(self, "uploadRateBox", self.tr("Upload bandwidth"))
            form.addRow(self.tr("&Upload bandwidth:"), self.upload_rate)
            self.download_rate = rate_box(self, "downloadRateBox", self.tr("Download bandwidth"))
            form.addRow(self.tr("&Download bandwidth:"), self.download_rate)
            self.schedule_label = QLabel(self)
            self.schedule_label.setObjectName("scheduleSummary")
            schedule = QPushButton(self.tr("Bandwidth &Schedule…"), self)
            schedule.setObjectName("scheduleButton")
            schedule.setAccessibleName(self.tr("Bandwidth schedule"))
            schedule.clicked.connect(self.scheduleRequested)
            form.addRow(self.schedule_label, schedule)
        self.multipart.toggled.connect(self.threshold.setEnabled)

    def show_section(self, section: TransferPreferencesSection) -> None:
        self.multipart.setChecked(section.multipart)
        self.threshold.setEnabled(section.multipart)
        self.threshold.setValue(max(1, section.multipart_threshold // MIB))
        self.part_size.setValue(section.part_size // MIB)
        self.copy_threshold.setValue(max(1, section.multipart_copy_threshold // MIB))
        choose(self.checksum, section.checksum)
        self.verify_download.setChecked(section.verify_download)
        choose(self.conflict, section.conflict)
        self.preserve.setChecked(section.preserve_timestamps)

    def read(self) -> TransferPreferencesSection:
        return TransferPreferencesSection(
            multipart=self.multipart.isChecked(),
            multipart_threshold=self.threshold.value() * MIB,
            part_size=self.part_size.value() * MIB,
            multipart_copy_threshold=self.copy_threshold.value() * MIB,
            checksum=ChecksumAlgorithm(self.checksum.currentData()),
            verify_download=self.verify_download.isChecked(),
            conflict=ConflictPolicy(self.conflict.currentData()),
            preserve_timestamps=self.preserve.isChecked(),
        )

    def show_integrity(self, summary: str) -> None:
        """Say what the automatic checksum does for this provider; "" hides the line."""
        self.integrity.setText(self.tr("Automatic here: {0}.").format(summary) if summary else "")
        self.integrity.setVisible(bool(summary))

    def show_limits(self, limits: TransferLimits) -> None:
        self.jobs.setValue(limits.max_running_jobs)
        self.connections.setValue(limits.connections_per_job)
        show_rate(self.upload_rate, limits.upload_rate)
        show_rate(self.download_rate, limits.download_rate)
        rules = len(limits.schedule.rules)
        self.schedule_label.setText(
            english_plural(self.tr("%n scheduled rate(s)", "", rules), rules)
            if rules
            else self.tr("No schedule")
        )

    def read_limits(self, saved: TransferLimits) -> TransferLimits:
        """`saved` with this page's values (its schedule is the Limits dialog's to edit)."""
        return replace(
            saved,
            max_running_jobs=self.jobs.value(),
            connections_per_job=self.connections.value(),
            upload_rate=rate_of(self.upload_rate),
            download_rate=rate_of(self.download_rate),
        )


class S3DefaultsPage(QWidget):
    """`with_encryption=False` for a bookmark: it chooses its encryption in one place, its
    upload encryption box."""

    def __init__(self, parent: QWidget | None = None, with_encryption: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("s3DefaultsPage")
        form = QFormLayout(self)
        self.acl = choice(
            self,
            "aclBox",
            self.tr("ACL"),
            [(self.tr("None (the bucket's)"), None), *((a, a) for a in CANNED_ACLS)],
        )
        form.addRow(self.tr("&ACL:"), self.acl)
        self.storage_class = line(
            self, "storageClassEdit", self.tr("Storage class"), self.tr("the bucket's default")
        )
        form.addRow(self.tr("&Storage class:"), self.storage_class)
        self.encryption = choice(
            self,
            "encryptionBox",
            self.tr("Encryption"),
            [
                (self.tr("None (the bucket's)"), Encryption.NONE),
                (self.tr("SSE-S3 (AES256)"), Encryption.S3),
                ("SSE-KMS", Encryption.KMS),
            ],
        )
        form.addRow(self.tr("&Encryption:"), self.encryption)
        self.kms_key = line(
            self, "kmsKeyEdit", self.tr("KMS key id"), self.tr("the account's default key")
        )
        form.addRow(self.tr("&KMS key:"), self.kms_key)
        self.metadata = line(
            self, "metadataEdit", self.tr("Metadata"), self.tr("name=value, name=value")
        )
        form.addRow(self.tr("&Metadata:"), self.metadata)
        self.expiry = spin(
            self,
            "presignExpiryBox",
            self.tr("Shared links expire after"),
            1,
            MAX_PRESIGN_SECONDS,
            " s",
        )
        form.addRow(self.tr("Shared &links expire after:"), self.expiry)
        self.encryption.currentIndexChanged.connect(self._encryption_changed)
        for row in (self.encryption, self.kms_key):
            form.setRowVisible(row, with_encryption)

    def _encryption_changed(self, _row: int) -> None:
        self.kms_key.setEnabled(self.encryption.currentData() == Encryption.KMS.value)

    def show_section(self, section: S3Defaults) -> None:
        choose(self.acl, section.acl)
        self.storage_class.setText(section.storage_class or "")
        choose(self.encryption, section.encryption)
        self.kms_key.setText(section.kms_key_id or "")
        self.metadata.setText(metadata_text(section.metadata))
        self.expiry.setValue(section.presign_expiry_seconds)
        self._encryption_changed(0)

    def read(self) -> S3Defaults:
        encryption = Encryption(self.encryption.currentData())
        return S3Defaults(
            acl=self.acl.currentData(),
            storage_class=text_or_none(self.storage_class),
            encryption=encryption,
            kms_key_id=text_or_none(self.kms_key) if encryption is Encryption.KMS else None,
            metadata=metadata_of(self.metadata.text()),
            presign_expiry_seconds=self.expiry.value(),
        )


class ConnectionPage(QWidget):
    """`for_bookmark` adds TLS verification, which only a bookmark may switch off."""

    def __init__(self, parent: QWidget | None = None, for_bookmark: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("connectionPage")
        form = QFormLayout(self)
        self.connect_timeout = seconds(self, "connectTimeoutBox", self.tr("Connect timeout"), 600)
        form.addRow(self.tr("&Connect timeout:"), self.connect_timeout)
        self.read_timeout = seconds(self, "readTimeoutBox", self.tr("Read timeout"), 3600)
        form.addRow(self.tr("&Read timeout:"), self.read_timeout)
        self.attempts = spin(self, "attemptsBox", self.tr("Tries per request"), 1, 20)
        form.addRow(self.tr("&Tries per request:"), self.attempts)
        self.max_keys = spin(self, "maxKeysBox", self.tr("Keys per listing request"), 1, 1000)
        form.addRow(self.tr("&Keys per listing request:"), self.max_keys)
        self.parallel = spin(
            self, "parallelListingsBox", self.tr("Parallel listing requests"), 1, 32
        )
        form.addRow(self.tr("&Parallel listing requests:"), self.parallel)
        self.proxy = line(self, "proxyEdit", self.tr("Proxy"), self.tr("http://host:port (none)"))
        form.addRow(self.tr("Pro&xy:"), self.proxy)
        self.ca_bundle = line(
            self, "caBundleEdit", self.tr("CA bundle"), self.tr("the system's certificates")
        )
        form.addRow(self.tr("CA &bundle:"), self.ca_bundle)
        self.verify_tls = check(self, "verifyTlsCheck", self.tr("Verify TLS certificates"))
        self.tls_warning = QLabel(
            self.tr(
                "Without verification anyone on the network path can read and change this "
                "bookmark's traffic."
            ),
            self,
        )
        self.tls_warning.setObjectName("tlsWarning")
        self.tls_warning.setWordWrap(True)
        self.tls_warning.setStyleSheet("color: #b00020;")
        if for_bookmark:
            form.addRow(self.verify_tls)
            form.addRow(self.tls_warning)
        else:
            self.verify_tls.hide()
            self.tls_warning.hide()
        self.verify_tls.toggled.connect(
            lambda on: self.tls_warning.setVisible(for_bookmark and not on)
        )

    def show_section(self, section: ConnectionPreferences) -> None:
        self.connect_timeout.setValue(section.connect_timeout)
        self.read_timeout.setValue(section.read_timeout)
        self.attempts.setValue(section.max_attempts)
        self.max_keys.setValue(section.max_keys)
        self.parallel.setValue(section.parallel_listings)
        self.proxy.setText(section.proxy or "")
        self.ca_bundle.setText(section.ca_bundle or "")
        self.verify_tls.setChecked(section.verify_tls)
        self.tls_warning.setVisible(not self.verify_tls.isHidden() and not section.verify_tls)

    def read(self) -> ConnectionPreferences:
        return ConnectionPreferences(
            connect_timeout=self.connect_timeout.value(),
            read_timeout=self.read_timeout.value(),
            max_attempts=self.attempts.value(),
            max_keys=self.max_keys.value(),
            parallel_listings=self.parallel.value(),
            proxy=text_or_none(self.proxy),
            ca_bundle=text_or_none(self.ca_bundle),
            verify_tls=self.verify_tls.isChecked(),
        )
