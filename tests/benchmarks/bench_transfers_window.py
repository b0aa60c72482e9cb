"""On-demand timing of the Transfers window with many finished jobs (not part of the suite).

QT_QPA_PLATFORM=offscreen python -m tests.benchmarks.bench_transfers_window [COUNT]

Loads COUNT finished jobs into the model (one batch, as at start), shows the window sorted
by progress, then applies 40 batches in which 8 running jobs move and one finishes, as the
feed does four times a second, and removes the finished ones (Clean Up).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time


def main(count: int) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["EIDER_HOME"] = tempfile.mkdtemp(prefix="eider-bench-")
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from app.core.settings import TransferPreferences
    from app.core.transfers.jobs import JobState
    from app.ui.models.transfers_model import PROGRESS, TransfersModel
    from app.ui.transfers.transfers_window import TransfersWindow
    from tests.gui.transfers.snapshots import snapshot

    app = QApplication([])
    model = TransfersModel({"bm-1": "Archive"}.get)
    window = TransfersWindow(model, TransferPreferences())
    window.show()
    app.processEvents()

    start = time.perf_counter()
    model.apply(snapshot(f"done-{n}", JobState.DONE, done=1000) for n in range(count))
    app.processEvents()
    loaded = time.perf_counter()
    window.view.sortByColumn(PROGRESS, Qt.SortOrder.DescendingOrder)
    app.processEvents()
    sorted_at = time.perf_counter()
    worst = 0.0
    for step in range(40):
        began = time.perf_counter()
        batch = [
            snapshot(f"run-{n}", done=min(1000, step * 25 + n), items=2, rate=1e6) for n in range(8)
        ]
        model.apply(batch)
        app.processEvents()
        worst = max(worst, time.perf_counter() - began)
    updated = time.perf_counter()
    model.apply([], removed=[f"done-{n}" for n in range(count)])
    app.processEvents()
    cleaned = time.perf_counter()
    print(
        f"{count} finished jobs: loaded and shown {1000 * (loaded - start):.0f} ms, sorted "
        f"{1000 * (sorted_at - loaded):.0f} ms; 40 batches of 8 running jobs "
        f"{1000 * (updated - sorted_at):.0f} ms (worst batch {1000 * worst:.1f} ms); "
        f"clean up {1000 * (cleaned - updated):.0f} ms"
    )
    window.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5000)
