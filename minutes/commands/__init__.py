"""CLI command groups: each module has `register(subparsers)`; handlers take (args, ctx)."""

from __future__ import annotations

import importlib
from types import ModuleType

#: Modules in minutes/commands, in the order their commands appear in --help.
COMMAND_MODULES: tuple[str, ...] = (
    "groups",
    "roster",
    "meetings",
    "agenda",
    "enter",
    "agenda_pack",
    "attachments",
    "actions",
    "search",
    "topics",
    "amend",
    "audit",
    "backup",
    "export",
    "digest",
    "report",
    "demo",
)


def load_command_module(name: str) -> ModuleType:
    return importlib.import_module(f"minutes.commands.{name}")


#: Which module registers each command word: a command builds the parser of its own
#: module only (building every command's parsers costs more than listing actions).
#: A test checks this against what the modules register.
COMMANDS: dict[str, str] = {
    "group": "groups",
    "person": "roster",
    "roster": "roster",
    "meeting": "meetings",
    "item": "agenda",
    "note": "agenda",
    "decision": "agenda",
    "enter": "enter",
    "agenda": "agenda_pack",
    "attachment": "attachments",
    "actions": "actions",
    "action": "actions",
    "search": "search",
    "topic": "topics",
    "amend": "amend",
    "audit": "audit",
    "backup": "backup",
    "restore": "backup",
    "dump": "backup",
    "load": "backup",
    "export": "export",
    "digest": "digest",
    "report": "report",
    "demo": "demo",
}
