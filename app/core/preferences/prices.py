"""Preferences, Prices: the price table a sync's cost estimate uses, editable.

It starts as AWS S3 Standard (us-east-1); each price can be changed, or left unset (None),
which makes any estimate that needs it "unknown" rather than a guess. Prices are US dollars
per 1,000 requests of a class, and per gigabyte moved (the same decimal gigabyte as
`app.core.transfers.sync_cost`).
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from app.core.transfers.request_prices import AWS_S3_STANDARD, PriceTable, RequestClass

_AWS = AWS_S3_STANDARD.per_thousand


@dataclass(frozen=True)
class PricePreferences:
    provider: str = AWS_S3_STANDARD.name  # shown beside every estimate
    list_put_copy: float | None = _AWS[RequestClass.PUT]  # per 1,000 LIST, PUT/part, COPY
    get_head: float | None = _AWS[RequestClass.GET]  # per 1,000 GET and HEAD
    delete: float | None = _AWS[RequestClass.DELETE]  # per 1,000 DELETE (AWS: free)
    per_gb_out: float | None = AWS_S3_STANDARD.per_gb_out  # downloads
    per_gb_in: float | None = AWS_S3_STANDARD.per_gb_in  # uploads (AWS: free)

    def __post_init__(self) -> None:
        if not self.provider.strip():
            raise ValueError("The price table needs a name (the provider it describes)")
        for field in fields(self):
            value = getattr(self, field.name)
            if field.name != "provider" and value is not None and value < 0:
                raise ValueError(f"A price cannot be negative ({field.name}: {value})")

    def table(self) -> PriceTable:
        return PriceTable(
            name=self.provider,
            per_thousand={
                RequestClass.LIST: self.list_put_copy,
                RequestClass.PUT: self.list_put_copy,
                RequestClass.COPY: self.list_put_copy,
                RequestClass.GET: self.get_head,
                RequestClass.HEAD: self.get_head,
                RequestClass.DELETE: self.delete,
            },
            per_gb_out=self.per_gb_out,
            per_gb_in=self.per_gb_in,
        )


# What the Preferences page can start from.
PRESETS: dict[str, PricePreferences] = {
    "AWS S3 Standard (us-east-1)": PricePreferences(),
    "No prices (every estimate unknown)": PricePreferences(
        "unknown provider", None, None, None, None, None
    ),
}
