"""Preferences, Prices: the price table the Synchronize window and `eider sync --cost` use.

Each price is a field of its own; an empty field is "unknown", and an estimate that needs it
says so. "Start from" fills every field from a known table (AWS S3 Standard, or none)."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget

from app.core.preferences.prices import PRESETS, PricePreferences
from app.ui.preferences.fields import choice, line
from app.ui.translation import N_, translate

# field, label, accessible name
PRICE_FIELDS = (
    ("list_put_copy", N_("LIST, P&UT, COPY:"), N_("Dollars per 1,000 LIST, PUT and COPY requests")),
    ("get_head", N_("GET, &HEAD:"), N_("Dollars per 1,000 GET and HEAD requests")),
    ("delete", N_("DE&LETE:"), N_("Dollars per 1,000 DELETE requests")),
    ("per_gb_out", N_("Data &out:"), N_("Dollars per GB downloaded")),
    ("per_gb_in", N_("Data &in:"), N_("Dollars per GB uploaded")),
)
_SUFFIX = {"per_gb_out": N_("per GB"), "per_gb_in": N_("per GB")}


class PricesPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pricesPage")
        form = QFormLayout(self)
        note = QLabel(
            self.tr(
                "Prices in US dollars for sync cost estimates. Leave a price empty when it is "
                "not known: estimates that need it then say \u201cunknown\u201d."
            ),
            self,
        )
        note.setWordWrap(True)
        form.addRow(note)
        self.preset = choice(
            self, "pricePresetBox", self.tr("Start from a price table"), [(k, k) for k in PRESETS]
        )
        self.preset.setCurrentIndex(-1)
        self.preset.setPlaceholderText(self.tr("Choose a table to copy\u2026"))
        self.preset.activated.connect(self._use_preset)
        form.addRow(self.tr("Start &from:"), self.preset)
        self.provider = line(
            self, "priceProviderEdit", self.tr("Price table name"), self.tr("the provider")
        )
        form.addRow(self.tr("Na&me:"), self.provider)
        self.prices: dict[str, QLineEdit] = {}
        for name, label, accessible in PRICE_FIELDS:
            accessible = translate("", accessible)
            edit = line(self, f"price_{name}Edit", accessible, self.tr("unknown"))
            edit.setToolTip(self.tr("{0} (empty: unknown)").format(accessible))
            self.prices[name] = edit
            per = translate("", _SUFFIX.get(name, N_("per 1,000 requests")))
            form.addRow(translate("", label).replace(":", f" ($ {per}):"), edit)

    def _use_preset(self, row: int) -> None:
        self.show_section(PRESETS[self.preset.itemData(row)])

    def show_section(self, section: PricePreferences) -> None:
        self.provider.setText(section.provider)
        for name, edit in self.prices.items():
            value = getattr(section, name)
            edit.setText("" if value is None else f"{value:g}")

    def read(self) -> PricePreferences:
        values: dict[str, float | None] = {}
        for name, label, _accessible in PRICE_FIELDS:
            text = self.prices[name].text().strip().replace(",", ".")
            if not text:
                values[name] = None
                continue
            try:
                values[name] = float(text.lstrip("$"))
            except ValueError:
                what = label.replace("&", "").rstrip(":")
                raise ValueError(f"The {what} price '{text}' is not a number") from None
        return PricePreferences(self.provider.text().strip(), **values)
