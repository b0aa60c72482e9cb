"""The watcher reports a settled change of content once, not each write of a burst, and not
content it was told about."""

from __future__ import annotations

import queue
from pathlib import Path

from app.core.edit.watch import FileWatcher, file_digest


def test_a_burst_of_writes_is_one_save_and_known_content_is_none(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text("start")
    saves: queue.Queue[str] = queue.Queue()
    watcher = FileWatcher(path, saves.put, file_digest(path), interval=0.02, settle=0.3)
    watcher.start()
    try:
        for n in range(5):  # an editor writing in steps, faster than the settle time
            path.write_text(f"draft {n}" + "x" * n)
        first = saves.get(timeout=10)
        assert first == file_digest(path)
        assert saves.empty()

        path.write_text("second")
        assert saves.get(timeout=10) == file_digest(path)

        path.write_text("start")  # back to content already reported earlier: still a save
        assert saves.get(timeout=10) == file_digest(path)

        path.write_text("from the server")
        watcher.set_known(file_digest(path))  # e.g. Eider replaced the copy itself
        path.touch()
        watcher.check_now()
        assert saves.empty()
    finally:
        watcher.stop()
