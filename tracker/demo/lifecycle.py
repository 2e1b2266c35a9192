"""Actions of the large archive and their lives: raised, reviewed at later meetings, closed.

Each action is reviewed at every following held meeting until it is closed:
most close at the first or second review, a long tail is carried for many
meetings, and those still open at the last held meeting stay open. A few are
closed, or updated, between meetings (a history entry with no meeting).
The counts kept on the action follow the services' rules: `carried_count`
counts the entries that carry it (ReviewOutcome.carries); `closed_on` is the
date of the closing entry.
"""

from __future__ import annotations

import random
from calendar import monthrange
from datetime import date, datetime, timedelta
from itertools import accumulate

from dateutil.relativedelta import relativedelta

from tracker.demo import words
from tracker.demo.recorder import MONTHS, uk_day
from tracker.demo.rows import GroupPlan, HeldMeeting, Ids, Plan, Row, utc
from tracker.models import ActionStatus, ReviewOutcome

#: How often a review that keeps an action open gives each such outcome.
STAY_SHARES = {
    ReviewOutcome.CARRIED_FORWARD: 0.55,
    ReviewOutcome.IN_PROGRESS: 0.25,
    ReviewOutcome.ON_AGENDA: 0.20,
}
#: The outcomes that keep an action open (ReviewOutcome.keeps_open), the most often
#: chosen first, with their cumulative weights.
STAY_CHOICES = tuple(
    sorted((o for o in ReviewOutcome if o.keeps_open), key=lambda o: -STAY_SHARES[o])
)
STAY_WEIGHTS = tuple(accumulate(STAY_SHARES[o] for o in STAY_CHOICES))

#: (meeting or None, reviewed on, outcome, note, automatic, created at)
Review = tuple[HeldMeeting | None, date, ReviewOutcome, str | None, bool, datetime]


def spread(rng: random.Random, total: int, slots: int) -> list[int]:
    """`total` split over `slots`, unevenly, adding up exactly."""
    if slots == 0:
        return []
    weights = [rng.uniform(0.5, 1.5) for _ in range(slots)]
    scale = total / sum(weights)
    exact = [w * scale for w in weights]
    counts = [int(x) for x in exact]
    by_remainder = sorted(range(slots), key=lambda i: (counts[i] - exact[i], i))
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return counts


def _lifetime(rng: random.Random) -> int:
    """Reviews until closed: mostly one or two, a long tail carried many times."""
    u = rng.random()
    if u < 0.55:
        return 1
    if u < 0.78:
        return 2
    if u < 0.88:
        return 3
    if u < 0.96:
        return rng.randint(4, 6)
    return rng.randint(7, 30)


def _between(rng: random.Random, after: date, before: date) -> date | None:
    gap = (before - after).days
    return after + timedelta(days=rng.randint(1, gap - 1)) if gap > 2 else None


def _reviews(rng: random.Random, held: list[HeldMeeting], k: int) -> list[Review]:
    life = _lifetime(rng)
    close_between = rng.random() < 0.04
    out: list[Review] = []
    note: str | None
    if rng.random() < 0.02 and k + 1 < len(held):
        day = _between(rng, held[k].day, held[k + 1].day)
        if day is not None:
            note = "Update by e-mail: " + rng.choice(words.HISTORY_NOTES)
            out.append((None, day, ReviewOutcome.IN_PROGRESS, note, False, utc(day)))
    for j in range(1, life + 1):
        if k + j >= len(held):
            break  # still open at the last held meeting
        m = held[k + j]
        reviewed_at = m.starts_at + timedelta(minutes=rng.randint(5, 30))
        if j < life:
            outcome = rng.choices(STAY_CHOICES, cum_weights=STAY_WEIGHTS)[0]
            automatic = outcome is ReviewOutcome.CARRIED_FORWARD and rng.random() < 0.4
            note = None
            if not automatic and rng.random() < 0.3:
                note = rng.choice(words.HISTORY_NOTES)
            out.append(
                (m, m.day, outcome, note, automatic, m.ends_at if automatic else reviewed_at)
            )
            continue
        outcome = ReviewOutcome.DONE if rng.random() < 0.88 else ReviewOutcome.DROPPED
        note = rng.choice(words.CLOSING_NOTES) if rng.random() < 0.4 else None
        day = _between(rng, held[k + j - 1].day, m.day) if close_between else None
        if day is not None:
            out.append((None, day, outcome, note, False, utc(day, 11)))
        else:
            out.append((m, m.day, outcome, note, False, reviewed_at))
    return out


def _month_end(d: date) -> date:
    return d.replace(day=monthrange(d.year, d.month)[1])


def _due(rng: random.Random, day: date, next_day: date) -> tuple[date | None, str | None]:
    """A due date as minutes give them, with the words typed."""
    r = rng.random()
    if r < 0.2:
        return None, None
    if r < 0.5:
        return next_day, "next meeting"
    if r < 0.6:
        return _month_end(day), "end of month"
    if r < 0.7:
        weeks = rng.choice((2, 3))
        return day + timedelta(weeks=weeks), f"in {weeks} weeks"
    if r < 0.8:
        target = day + relativedelta(months=rng.randint(1, 4))
        return _month_end(target), MONTHS[target.month - 1]
    due = day + timedelta(days=rng.randint(7, 60))
    return due, uk_day(due)


def _owners(rng: random.Random, g: GroupPlan) -> list[int]:
    if rng.random() < 0.08:
        return []  # "All"
    wanted = rng.choices((1, 2, 3), cum_weights=(0.75, 0.95, 1.0))[0]
    picked: list[int] = []
    for pid in rng.choices(g.members, cum_weights=g.owner_weights, k=wanted):
        if pid not in picked:
            picked.append(pid)
    return picked


def plan_actions(rng: random.Random, ids: Ids, total: int, plan: Plan) -> None:
    slots = [(g, k) for g in plan.groups for k in range(len(g.held))]
    history: list[tuple[datetime, int, Row]] = []
    for (g, k), count in zip(slots, spread(rng, total, len(slots)), strict=True):
        meeting = g.held[k]
        item_ids = [i for i, _ in meeting.items]
        cumulative: list[float] = []
        for _, w in meeting.items:
            cumulative.append((cumulative[-1] if cumulative else 0.0) + w)
        next_day = g.held[k + 1].day if k + 1 < len(g.held) else g.future_day
        for n in range(count):
            aid = ids.take("actions")
            created = meeting.starts_at + timedelta(minutes=10 + 100 * n // max(count, 1))
            owners = _owners(rng, g)
            due_date, due_text = _due(rng, meeting.day, next_day)
            reviews = _reviews(rng, g.held, k)
            closing = reviews[-1] if reviews and not reviews[-1][2].keeps_open else None
            carried = sum(r[2].carries(at_meeting=r[0] is not None) for r in reviews)
            status = ActionStatus.OPEN if closing is None else closing[2].status_after
            plan.add(
                "actions",
                {
                    "id": aid,
                    "group_id": g.id,
                    "meeting_id": meeting.id,
                    "item_id": rng.choices(item_ids, cum_weights=cumulative)[0],
                    "text": words.action_text(rng),
                    "for_all": not owners,
                    "due_date": due_date,
                    "due_text": due_text,
                    "status": status,
                    "carried_count": carried,
                    "closed_on": closing[1] if closing else None,
                    "created_at": created,
                    "updated_at": reviews[-1][5] if reviews else created,
                    "version": 1,
                    "sequence": 0,
                },
            )
            for position, pid in enumerate(owners):
                plan.add(
                    "action_owners", {"action_id": aid, "person_id": pid, "position": position}
                )
            for m, day, outcome, note, automatic, at in reviews:
                row = {
                    "action_id": aid,
                    "meeting_id": m.id if m else None,
                    "reviewed_on": day,
                    "outcome": outcome,
                    "note": note,
                    "automatic": automatic,
                    "created_at": at,
                }
                history.append((at, aid, row))
    # History ids in the order the entries were written, as a live record would have them.
    history.sort(key=lambda h: (h[0], h[1]))
    for _at, _aid, row in history:
        row["id"] = ids.take("action_history")
        plan.add("action_history", row)
