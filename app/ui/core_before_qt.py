"""Imported before Qt when the window opens: the Qt-free core the window uses, and botocore.

Once PySide6 is loaded, its `__feature__` import hook reads the source of every module imported
after it (`inspect.getsource`, looking for "PySide6"). Opening the window imports some 500
Qt-free modules (botocore, urllib3, cryptography, Eider's core); importing the bulk of them
first saves about 60 ms of CPU before the window paints (tests/benchmarks/README.md, start-up).
A module missing here only costs that check; nothing depends on this order.
"""

import app.core.bookmarks
import app.core.s3.session
import app.core.sandbox
import app.core.settings
import app.core.transfers.engine  # noqa: F401
