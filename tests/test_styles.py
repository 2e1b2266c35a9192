"""Styles beside the screens they dress: every selector names something the code
makes, every style file is one the package ships, and each screen's file exists."""

from __future__ import annotations

import ast
import fnmatch
import importlib
import inspect
import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "minutes"
STYLES = sorted(PACKAGE.rglob("*.tcss"))


def _python_strings() -> set[str]:
    """Every string constant in the application's code (ids, classes, queries)."""
    found: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.add(node.value)
    return found


def _selectors(css: str) -> list[str]:
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    return [head.strip() for head in re.findall(r"([^{}]+)\{[^{}]*\}", css)]


def test_the_package_ships_exactly_the_style_files() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["minutes"]
    files = [str(p.relative_to(PACKAGE)) for p in STYLES]
    assert files, "no style files found"
    for f in files:
        assert any(fnmatch.fnmatch(f, p) for p in patterns), f"{f} is not package data"
    for p in patterns:
        assert any(fnmatch.fnmatch(f, p) for f in files), f"package data {p} matches no file"


@pytest.mark.parametrize("style", STYLES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_every_selector_names_something_the_code_makes(style: Path) -> None:
    strings = _python_strings()
    words = {w for s in strings for w in re.split(r"[\s#.,>]+", s) if w}
    dead = []
    for selector in _selectors(style.read_text(encoding="utf-8")):
        for name in re.findall(r"[#.]([A-Za-z_-][\w-]*)", selector):
            if name not in words:
                dead.append(f"{selector}: {name}")
    assert not dead, f"selectors naming nothing in the code: {dead}"


def test_each_screen_finds_its_style_file() -> None:
    from textual.screen import Screen

    seen = 0
    for path in sorted((PACKAGE / "screens").glob("*.py")):
        module = importlib.import_module(f"minutes.screens.{path.stem}")
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, Screen) and cls.__module__ == module.__name__ and cls.CSS_PATH:
                target = path.parent / str(cls.CSS_PATH)
                assert target.is_file(), f"{cls.__name__}: {target} is missing"
                seen += 1
    assert seen >= 10
