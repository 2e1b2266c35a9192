"""The roster: a group's people, added, edited, merged and removed where they are listed.

Merging is for one person on the roster twice (a slip at the entry line, an import
with a nickname): everything the record holds moves to the one kept. Removing is
for someone added by mistake, and is refused while they hold part of the record.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header, Static

from minutes.screens.base import RecordScreen
from minutes.widgets.literal import literal
from minutes.widgets.table import RecordTable
from tracker.records import GroupRecord, PersonRecord
from tracker.report_records import Holdings, Merged

if TYPE_CHECKING:
    from tracker.errors import MinutesError


@dataclass(frozen=True)
class RosterData:
    group: GroupRecord
    people: list[PersonRecord]


def load_roster(db: Any, group_id: int) -> RosterData:
    from tracker.groups import get_group
    from tracker.roster import list_roster

    with db.snapshot() as work:  # one read transaction for both questions
        return RosterData(
            get_group(work, group_id), list_roster(work, group_id, include_guests=True)
        )


@dataclass(frozen=True)
class MergePlan:
    source: PersonRecord
    target: PersonRecord
    held: Holdings


class PeopleScreen(RecordScreen):
    """A group's roster."""

    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("a", "add", "Add"),
        Binding("e", "edit", "Edit"),
        Binding("m", "merge", "Merge into…"),
        Binding("x,delete", "remove", "Remove"),
    ]

    def __init__(self, group_id: int) -> None:
        super().__init__()
        self.group_id = group_id
        self.data: RosterData | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading…", classes="panel-title", id="people-title")
        yield RecordTable(id="people", cursor_type="row", zebra_stripes=True)
        yield Static("", classes="error", id="people-message")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.sub_title = "Roster"
        table = self.query_one("#people", DataTable)
        table.add_columns("Initials", "Name", "Organisation", "E-mail", "Role")
        table.focus()

    def reload(self) -> None:
        self.read(lambda: load_roster(self.minutes.db, self.group_id), self.show, group="people")

    def show(self, data: RosterData) -> None:
        chosen = self.current()
        self.data = data
        self.sub_title = f"Roster · {data.group.name}"
        table = self.query_one("#people", DataTable)
        table.clear()
        for p in data.people:
            name = literal(p.name)
            if not p.member:
                name.append(" (guest)", style="dim")
            table.add_row(
                literal(p.initials),
                name,
                literal(p.organisation or ""),
                literal(p.email or ""),
                literal(p.role or ""),
                key=str(p.id),
            )
        ids = [p.id for p in data.people]
        if chosen is not None and chosen.id in ids:
            table.move_cursor(row=ids.index(chosen.id))
        title = f"{len(data.people)} people · a add, e edit, m merge into another, x remove"
        self.query_one("#people-title", Static).update(title)

    def current(self) -> PersonRecord | None:
        table = self.query_one("#people", DataTable)
        if self.data is None or not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return next((p for p in self.data.people if str(p.id) == key.value), None)

    def say(self, text: str, *, error: bool = False) -> None:
        message = self.query_one("#people-message", Static)
        message.set_class(not error, "ok")
        message.update(Text(text))

    @on(DataTable.RowSelected, "#people")
    def action_edit(self) -> None:
        from minutes.screens.dialogs import edit_person_form

        if (person := self.current()) is None:
            return

        def edited(saved: PersonRecord | None) -> None:
            if saved is not None:
                self.say(f"Saved {saved.name} ({saved.initials}).")

        self.app.push_screen(edit_person_form(self.minutes, self.group_id, person), edited)

    def action_add(self) -> None:
        from minutes.screens.dialogs import add_person_form

        def added(person: PersonRecord | None) -> None:
            if person is not None:
                self.say(f"Added {person.name} ({person.initials}).")

        self.app.push_screen(add_person_form(self.minutes, self.group_id), added)

    def action_merge(self) -> None:
        from minutes.screens.form import Field, FormScreen

        if (source := self.current()) is None:
            return
        app, group_id = self.minutes, self.group_id

        def plan(v: dict[str, Any]) -> MergePlan:
            from tracker.errors import InvalidInput
            from tracker.finding import find_person
            from tracker.people import holdings

            target = find_person(app.db, group_id, str(v["into"]))
            if target.id == source.id:
                raise InvalidInput(
                    f"That is {source.name} again: give the other record, the one to keep."
                )
            return MergePlan(source, target, holdings(app.db, group_id, source.id))

        form: FormScreen[MergePlan] = FormScreen(
            f"Merge {source.name} ({source.initials}) into…",
            [Field("into", "The person they are (initials or name)", placeholder="CO")],
            plan,
            hint="Everything this record holds moves to the person kept; this record goes.",
            ok="Next",
        )
        self.app.push_screen(form, self._confirm_merge)

    def _confirm_merge(self, plan: MergePlan | None) -> None:
        from minutes.screens.confirm import ConfirmScreen

        if plan is None:
            return
        s, t = plan.source, plan.target
        question = f"Merge {s.name} ({s.initials}) into {t.name} ({t.initials})?"
        held = plan.held.words().replace("holds nothing", "holds nothing in this group")
        detail = f"{s.name} {held}: it moves to {t.name}, and {s.name} leaves the roster."

        def answer(yes: bool | None) -> None:
            if yes:
                self._merge(plan)

        self.app.push_screen(ConfirmScreen(question, detail, yes="Merge"), answer)

    def _merge(self, plan: MergePlan) -> None:
        app, group_id = self.minutes, self.group_id

        def work() -> Merged:
            from tracker.people import merge_person

            return merge_person(app.db, group_id, plan.source.id, plan.target.id)

        def merged(_: Merged) -> None:
            self.say(f"{plan.source.name} merged into {plan.target.name}.")
            self.reload()

        self.write(work, merged, lambda exc: self.say(str(exc), error=True))

    def action_remove(self) -> None:
        from minutes.screens.confirm import ConfirmScreen

        if (person := self.current()) is None:
            return
        app, group_id = self.minutes, self.group_id

        def work() -> PersonRecord:
            from tracker.people import delete_person

            return delete_person(app.db, group_id, person.id)

        def removed(_: PersonRecord) -> None:
            self.say(f"{person.name} removed from the roster.")
            self.reload()

        def refused(exc: MinutesError) -> None:
            from tracker.errors import StillHolds

            if isinstance(exc, StillHolds):
                self.say(
                    f"{person.name} {exc.holdings.words()}, so stays on the roster. "
                    "If they are someone else on it twice, m merges them into that person.",
                    error=True,
                )
            else:
                self.say(str(exc), error=True)

        def answer(yes: bool | None) -> None:
            if yes:
                self.write(work, removed, refused)

        question = f"Remove {person.name} ({person.initials}) from the roster?"
        detail = "Only someone who holds nothing in this group's record can be removed."
        self.app.push_screen(ConfirmScreen(question, detail, yes="Remove"), answer)

    def action_back(self) -> None:
        self.app.pop_screen()
