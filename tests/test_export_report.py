"""The chair's report: carried-forward actions by age, per-owner counts, full histories."""

from __future__ import annotations

from datetime import date

from exports.report import render_chair_report
from tests.test_export_markdown import assert_safe, inline_texts
from tests.test_export_meeting import build_cme, write_or_compare
from tracker import actions, agenda, meetings
from tracker.chair import chair_review
from tracker.db import Database
from tracker.models import ReviewOutcome
from tracker.report_records import ChairFigures, ChairReview

TODAY = date(2025, 2, 10)


def _report(db: Database, group_id: int) -> str:
    review = chair_review(db, group_id, today=TODAY, carried_min=1)
    return render_chair_report(review, today=TODAY)


def _january(db: Database, cme) -> None:  # type: ignore[no-untyped-def]
    meetings.open_meeting(db, cme.january)
    actions.review_action(
        db, cme.actions["lgo"], ReviewOutcome.ON_AGENDA, meeting_id=cme.january, note="Still open."
    )
    actions.review_action(db, cme.actions["proforma"], ReviewOutcome.DONE, meeting_id=cme.january)
    item = agenda.add_item(db, cme.january, "Pipes | and *stars*")
    actions.add_action(db, item, "Not carried yet", "GT", "1 March 2025")
    meetings.close_meeting(db, cme.january)


def test_the_chair_report_matches_the_golden_file(db: Database) -> None:
    cme = build_cme(db)
    _january(db, cme)
    write_or_compare("cme-chair-report.md", _report(db, cme.group_id))


def test_oldest_first_with_counts_per_owner_and_every_history_line(db: Database) -> None:
    cme = build_cme(db)
    _january(db, cme)
    review = chair_review(db, cme.group_id, today=TODAY, carried_min=1)
    carried = review.actions
    a = cme.actions
    # The LGO action was put on the agenda in January: kept open, never carried.
    assert [x.id for x in carried] == [
        a["flowchart"],  # carried at November and January
        a["policies"],
        a["staffing"],
        a["icb"],
    ]
    assert carried[0].carried_count == 2
    by_owner = review.figures.by_owner
    counts = {c.label: (c.open, c.overdue, c.oldest_carried) for c in by_owner}
    assert counts == {"BR": (1, 1, 2), "All": (1, 1, 1), "BP": (1, 1, 1), "CO": (1, 1, 1),
                      "MS": (1, 1, 1)}  # fmt: skip
    assert [c.label for c in by_owner] == ["BR", "All", "BP", "CO", "MS"]
    assert review.figures.open == 4 and review.figures.overdue == 4
    assert review.figures.by_times_carried == ((1, 3), (2, 1))
    # Everything open, as the chair's review screen counts it: the LGO action and the
    # one not carried yet.
    everything = chair_review(db, cme.group_id, today=TODAY).figures
    assert everything.open == 6 and everything.by_times_carried[0] == (0, 2)
    text = _report(db, cme.group_id)
    assert_safe(text)
    seen = inline_texts(text)
    assert "13/11/2024: Carry action forward." in seen
    assert "29/01/2025: Carry action forward." in seen
    assert "Not carried yet" not in text and "Circulate the file with BFC" not in text
    assert "Keep on the agenda" not in text  # on the agenda is no carry
    assert "4 overdue (10 Feb 2025)" in text  # every carried action is past its date


def test_no_carried_actions() -> None:
    from tracker.records import GroupRecord

    empty = ChairReview(GroupRecord(1, "G # 1"), ChairFigures(0, 0, (), ()), (), 0)
    text = render_chair_report(empty, today=TODAY)
    assert "No open action has been carried forward (10 Feb 2025)." in text
    assert inline_texts(text)[0] == "Carried-forward actions: G # 1"
