"""The records a front end holds, the record's vocabularies and its errors import
without SQLAlchemy, so a screen can name them at the top of its module."""

from __future__ import annotations

import subprocess
import sys


def test_records_enums_and_errors_need_no_sqlalchemy() -> None:
    code = (
        "import sys\n"
        "import tracker.records, tracker.kinds, tracker.errors, tracker.filters\n"
        "from tracker.records import ActionRecord, MeetingRecord\n"
        "from tracker.kinds import MeetingStatus, ReviewOutcome\n"
        "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] == 'sqlalchemy')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
