"""exports is a layer below the application: it never imports textual or minutes."""

from __future__ import annotations

import subprocess
import sys


def test_exports_import_neither_textual_nor_minutes() -> None:
    code = (
        "import sys\n"
        "import exports, exports.markdown, exports.ical, exports.digest, exports.email\n"
        "import exports.report, exports.files, exports.sending, exports.escape\n"
        "import tracker.digests, tracker.archive\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'minutes'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
