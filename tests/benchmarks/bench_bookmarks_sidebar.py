"""On-demand timing of the bookmarks sidebar with many bookmarks (not part of the suite).

QT_QPA_PLATFORM=offscreen python -m tests.benchmarks.bench_bookmarks_sidebar [COUNT]
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time


def main(count: int) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["EIDER_HOME"] = tempfile.mkdtemp(prefix="eider-bench-")
    from PySide6.QtWidgets import QApplication

    from app.core.bookmarks import Bookmark, BookmarkStore
    from app.core.bookmarks.store import default_path
    from app.ui.bookmarks.sidebar import BookmarksSidebar

    app = QApplication([])
    path = default_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    entries = [
        Bookmark(f"bookmark {i}", "seaweedfs" if i % 2 else "amazon-s3", host=f"h{i}.example")
        for i in range(count)
    ]
    path.write_text(json.dumps({"schema": 1, "bookmarks": [b.to_json() for b in entries]}))

    start = time.perf_counter()
    store = BookmarkStore()
    loaded = time.perf_counter()
    sidebar = BookmarksSidebar(store)
    sidebar.show()
    app.processEvents()
    shown = time.perf_counter()
    sidebar.filter_edit.setText("bookmark 19")
    app.processEvents()
    filtered = time.perf_counter()
    store.move(store.list()[0].id, count - 1)
    written = time.perf_counter()
    print(
        f"{count} bookmarks: store read {1000 * (loaded - start):.0f} ms, sidebar shown "
        f"{1000 * (shown - loaded):.0f} ms, filter {1000 * (filtered - shown):.0f} ms "
        f"({sidebar.proxy.rowCount()} rows), one store write {1000 * (written - filtered):.0f} ms"
    )
    sidebar.shutdown()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
