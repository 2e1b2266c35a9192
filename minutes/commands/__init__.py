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
