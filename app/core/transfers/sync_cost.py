"""What a sync plan costs: the requests it sends by class, the bytes each way, and a price.

The count follows what the engine does for each action (see `upload.py`, `download.py` and
`delete.py`): a file below the multipart threshold is one PUT, a larger one is create + one
PUT per part + complete; an object up to one download chunk is one GET, a larger one a HEAD
and one ranged GET per chunk (per part for a multipart object); remote deletions go 1,000 keys
to a DeleteObjects. Planning's own LIST pages and HEADs are counted as the plan recorded them.
Retries and resumed transfers send more than this; the transcript counts what was sent.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from app.core.transfers.delete import BATCH as DELETE_BATCH
from app.core.transfers.options import (
    MAX_SINGLE_PUT,
    TransferOptions,
    choose_part_size,
    part_count,
)
from app.core.transfers.request_prices import (
    OPERATION_CLASSES,
    PriceTable,
    RequestClass,
)
from app.core.transfers.sync_plan import ActionKind, Direction, SyncAction, SyncPlan

GB = 1_000_000_000  # providers bill decimal gigabytes


@dataclass(frozen=True)
class SyncCost:
    requests: Mapping[RequestClass, int]
    bytes_up: int
    bytes_down: int
    prices: PriceTable
    other_requests: Mapping[str, int] = field(default_factory=dict)  # not in any class

    @property
    def price(self) -> float | None:
        """US dollars, or None when some part of it has no price in the table."""
        total = 0.0
        for kind, count in self.requests.items():
            if not count:
                continue
            per_thousand = self.prices.request_price(kind)
            if per_thousand is None:
                return None
            total += count * per_thousand / 1000
        for moved, per_gb in (
            (self.bytes_up, self.prices.per_gb_in),
            (self.bytes_down, self.prices.per_gb_out),
        ):
            if moved:
                if per_gb is None:
                    return None
                total += moved / GB * per_gb
        return total

    def price_text(self) -> str:
        price = self.price
        if price is None:
            return f"unknown ({self.prices.name})"
        return f"${price:.6f} ({self.prices.name})"

    def request_text(self) -> str:
        return ", ".join(f"{kind.value} {self.requests.get(kind, 0)}" for kind in RequestClass)

    def lines(self) -> list[str]:
        return [
            f"requests: {self.request_text()}",
            f"bytes: {self.bytes_up} up, {self.bytes_down} down",
            f"price: {self.price_text()}",
        ]


def _upload_requests(size: int, options: TransferOptions) -> int:
    if size < options.multipart_threshold and size <= MAX_SINGLE_PUT:
        return 1
    return 2 + part_count(size, choose_part_size(size, options.part_size))


def _download_requests(action: SyncAction, options: TransferOptions) -> tuple[int, int]:
    """(HEAD, GET) requests for one download."""
    if action.size <= options.download_chunk_size:
        return 0, 1
    suffix = action.etag.strip('"').rpartition("-")[2]
    if "-" in action.etag and suffix.isdigit() and int(suffix) > 1:
        return 1, int(suffix)
    chunk = options.download_chunk_size
    return 1, max(1, -(-action.size // chunk))


def _copy_requests(size: int, options: TransferOptions) -> dict[RequestClass, int]:
    """A two-way conflict's server-side copy (`copy.py`): a HEAD of the source, then one
    CopyObject, or create + one UploadPartCopy per part + complete (and a tag lookup)."""
    threshold = options.copy_threshold or options.multipart_threshold
    if size < threshold and size <= MAX_SINGLE_PUT:
        return {RequestClass.HEAD: 1, RequestClass.COPY: 1}
    parts = part_count(size, choose_part_size(size, options.part_size))
    return {RequestClass.HEAD: 1, RequestClass.PUT: 2, RequestClass.COPY: parts}


def _uploads(plan: SyncPlan) -> bool:
    steps = (s for c in plan.conflicts for s in c.steps)
    return any(a.kind is ActionKind.UPLOAD for a in (*plan.transfers, *steps))


def estimate(
    plan: SyncPlan,
    prices: PriceTable,
    options: TransferOptions | None = None,
    include_planning: bool = True,
) -> SyncCost:
    """The requests and bytes of carrying out `plan` as it stands (and of having planned it)."""
    options = options or TransferOptions()
    counts: Counter[RequestClass] = Counter({kind: 0 for kind in RequestClass})
    if include_planning:
        counts[RequestClass.LIST] += plan.list_requests
        counts[RequestClass.HEAD] += plan.head_requests
    up = down = 0
    steps = [s for c in plan.conflicts for s in c.steps]
    for action in plan.transfers + steps:
        if action.kind is ActionKind.COPY_REMOTE:
            counts.update(_copy_requests(action.size, options))
            continue
        if action.kind is ActionKind.RENAME_LOCAL:
            continue  # a local rename sends nothing
        if action.kind is ActionKind.UPLOAD:
            counts[RequestClass.PUT] += _upload_requests(action.size, options)
            up += action.size
        else:
            heads, gets = _download_requests(action, options)
            counts[RequestClass.HEAD] += heads
            counts[RequestClass.GET] += gets
            down += action.size
    if include_planning and plan.direction is Direction.MIRROR and _uploads(plan):
        # the record written after the run needs the new ETags: the prefix is listed again
        counts[RequestClass.LIST] += max(1, plan.list_requests)
    remote_deletions = sum(1 for a in plan.deletions if a.kind is ActionKind.DELETE_REMOTE)
    counts[RequestClass.DELETE] += -(-remote_deletions // DELETE_BATCH)
    return SyncCost(dict(counts), up, down, prices)


def cost_of_operations(
    operations: Mapping[str, int], prices: PriceTable, bytes_up: int = 0, bytes_down: int = 0
) -> SyncCost:
    """The same figures for requests actually sent (per-operation counts from a transcript)."""
    counts: Counter[RequestClass] = Counter({kind: 0 for kind in RequestClass})
    other: dict[str, int] = {}
    for operation, count in operations.items():
        kind = OPERATION_CLASSES.get(operation)
        if kind is None:
            other[operation] = count
        else:
            counts[kind] += count
    return SyncCost(dict(counts), bytes_up, bytes_down, prices, other)
