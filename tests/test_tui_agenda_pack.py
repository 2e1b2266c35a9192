"""The export screen of a meeting not yet held offers its agenda pack (Word, or Markdown
by the file name), its invitation, and sending the pack to the members; a meeting
already held offers none of them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.widgets import Input, RadioButton

from minutes.app import MinutesApp
from minutes.screens.confirm import ConfirmScreen
from tests.builders import make_cme, meeting_on
from tests.documents import open_docx
from tests.test_export_digest import Server, smtp_server  # noqa: F401 - fixture
from tests.test_tui_export import open_export, preview_text, settle, status_text
from tracker import actions, agenda, meetings, queries
from tracker.config import Settings, SmtpSettings
from tracker.db import Database
from tracker.groups import update_group
from tracker.roster import PersonInput, edit_person

HELD, COMING = date(2024, 11, 13), date(2025, 1, 29)


def _record(db: Database) -> tuple[int, int]:
    cme = make_cme(db)
    held = meeting_on(db, cme.group.id, HELD)
    meetings.open_meeting(db, held.id, today=HELD)
    item = agenda.add_item(db, held.id, "EHE policy")
    actions.add_action(db, item, "Share the EHE template", "BP & CO", "27/11/2024", today=HELD)
    meetings.close_meeting(db, held.id)
    coming = meeting_on(db, cme.group.id, COMING)
    agenda.add_item(db, coming.id, "Attendance hubs", owner="MP")
    edit_person(
        db, cme.group.id, cme.people["KD"].id, PersonInput("Katy Daly", "KD", "Bracknell", None)
    )
    return held.id, coming.id


def _shown(app: MinutesApp, kind: str) -> bool:
    return bool(app.screen.query_one(f"#kind-{kind}", RadioButton).display)


async def test_agenda_pack_and_invitation_written_from_the_export_screen(
    tui_settings: Settings, sqlite_db: Database, tmp_path: Path
) -> None:
    _held, coming = _record(sqlite_db)
    app = MinutesApp(tui_settings, db=sqlite_db, today=lambda: HELD)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_export(app, pilot, coming, tmp_path)
        assert _shown(app, "agenda") and _shown(app, "invite")
        await pilot.press("a")
        await settle(app, pilot)
        name = app.screen.query_one("#export-name", Input)
        assert name.value == "South-East-CME-Group-2025-01-29-agenda.docx"
        shown = preview_text(app)
        assert "Open actions for review" in shown and "Attendance hubs" in shown
        assert "Draft minutes of the meeting of 13 November 2024, for agreement" in shown
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        doc = open_docx((tmp_path / name.value).read_bytes())
        assert doc.paragraphs[0].style.name == "Title"
        assert "Open actions for review" in [p.text for p in doc.paragraphs]
        # the same pack as Markdown when the name says so
        name.value = "agenda.md"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "## Open actions for review" in (tmp_path / "agenda.md").read_text()

        name.value = ""  # an edited name is kept when switching; an empty one is filled in
        await pilot.press("i")
        await settle(app, pilot)
        assert name.value == "South-East-CME-Group-2025-01-29-invite.ics"
        assert "6 members invited" in preview_text(app)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        data = (tmp_path / name.value).read_bytes()
        assert b"METHOD:REQUEST" in data and b"ATTENDEE" in data


async def test_sending_the_pack_from_the_export_screen(
    sqlite_db: Database,
    tmp_path: Path,
    smtp_server: Server,  # noqa: F811
) -> None:
    _held, coming = _record(sqlite_db)
    settings = Settings(
        database_url=sqlite_db.engine.url.render_as_string(hide_password=False),
        user_name="Chris Owen",
        user_initials="CO",
        smtp=SmtpSettings(host="127.0.0.1", port=smtp_server.port, sender="CME <cme@example.org>"),
    )
    app = MinutesApp(settings, db=sqlite_db, today=lambda: HELD)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_export(app, pilot, coming, tmp_path)
        app.screen.query_one("#export-kind").focus()
        await pilot.press("s")
        await settle(app, pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(app, pilot)
        for _ in range(50):
            if "Sent the agenda pack" in status_text(app):
                break
            await pilot.pause(0.1)
        status = status_text(app)
        assert "Sent the agenda pack to 6 of 6 members." in status
        assert "Not sent to KD: no e-mail address" in status
    assert len(smtp_server.received.messages) == 6


async def test_a_held_meeting_offers_no_agenda_pack(
    tui_settings: Settings, sqlite_db: Database, tmp_path: Path
) -> None:
    held, _coming = _record(sqlite_db)
    app = MinutesApp(tui_settings, db=sqlite_db, today=lambda: HELD)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_export(app, pilot, held, tmp_path)
        assert not _shown(app, "agenda") and not _shown(app, "invite")
        await pilot.press("s")
        await settle(app, pilot)
        assert not isinstance(app.screen, ConfirmScreen)
        await pilot.press("a")
        await settle(app, pilot)
        name = app.screen.query_one("#export-name", Input)
        assert name.value.endswith("2024-11-13.md")  # still the minutes


async def test_an_invitation_refused_for_a_group_without_an_address_in_the_apps_words(
    tui_settings: Settings, sqlite_db: Database, tmp_path: Path
) -> None:
    _held, coming = _record(sqlite_db)
    update_group(sqlite_db, queries.meeting_summary(sqlite_db, coming).group_id, email="")
    app = MinutesApp(tui_settings, db=sqlite_db, today=lambda: HELD)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_export(app, pilot, coming, tmp_path)
        await pilot.press("i")
        await settle(app, pilot)
        said = status_text(app)
        assert "has no e-mail address to be its organiser." in said
        assert said.endswith("Give the group an e-mail address, then export the invitation again.")
        assert "minutes group" not in said and "--" not in said
        assert "Nothing to preview" in preview_text(app)


async def test_a_pack_with_no_sender_refused_in_the_apps_words(
    tui_settings: Settings, sqlite_db: Database, tmp_path: Path
) -> None:
    _held, coming = _record(sqlite_db)
    update_group(sqlite_db, queries.meeting_summary(sqlite_db, coming).group_id, email="")
    app = MinutesApp(tui_settings, db=sqlite_db, today=lambda: HELD)  # no sender configured
    async with app.run_test(size=(100, 30)) as pilot:
        await open_export(app, pilot, coming, tmp_path)
        app.screen.query_one("#export-kind").focus()
        await pilot.press("s")
        await settle(app, pilot)
        await pilot.press("y")
        await settle(app, pilot)
        said = status_text(app)
    assert said.startswith("Not sent: Messages need a sender")
    assert said.endswith("or give the group an e-mail address, then send again.")
    assert "minutes group" not in said and "--" not in said
