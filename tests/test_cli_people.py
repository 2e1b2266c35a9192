"""`minutes person edit|merge|remove`, run as a script would run them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from minutes.cli import main


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    monkeypatch.setenv("MINUTES_CONFIG", str(tmp_path / "absent.toml"))
    monkeypatch.delenv("MINUTES_DATABASE_URL", raising=False)
    db = tmp_path / "cli.db"

    def _run(*args: str) -> tuple[int, str, str]:
        code = main(["--db", str(db), *args])
        out, err = capsys.readouterr()
        return code, out, err

    assert _run("group", "add", "South East CME Group")[0] == 0
    for name, initials in (("Chris Owen", "CO"), ("Brian Pope", "BP"), ("Chris O", "CHO")):
        assert _run("person", "add", name, "--initials", initials)[0] == 0
    return _run


def roster(run) -> dict[str, dict]:
    code, out, _ = run("roster", "list", "--json")
    assert code == 0
    return {p["initials"]: p for p in json.loads(out)}


def test_edit_changes_only_what_is_given(run) -> None:
    code, out, err = run("person", "edit", "BP", "--org", "Hampshire", "--initials", "BRP")
    assert code == 0, err
    assert out == "Updated Brian Pope [BRP] (id 2)\n"
    brian = roster(run)["BRP"]
    assert (brian["name"], brian["organisation"]) == ("Brian Pope", "Hampshire")
    code, _, err = run("person", "edit", "BRP", "--initials", "CO")
    assert code == 2 and "Chris Owen already has the initials CO" in err
    code, _, err = run("person", "edit", "ZZ", "--name", "Nobody")
    assert code == 2 and 'No one matches "ZZ"' in err


def test_merge_moves_actions_and_removes_the_duplicate(run) -> None:
    assert run("meeting", "add", "13 November 2024")[0] == 0
    assert run("meeting", "open", "1")[0] == 0
    code, out, _ = run("item", "add", "1", "Data")
    item = out.split()[-1]
    assert run("action", "add", item, "Send the figures", "--owner", "CHO")[0] == 0
    code, out, err = run("person", "merge", "CHO", "--into", "CO")
    assert code == 0, err
    assert "Merged Chris O [CHO] into Chris Owen [CO] (id 1)" in out
    assert "owns 1 action" in out
    assert "CHO" not in roster(run)
    code, out, _ = run("actions", "--json")
    assert [a["owners"] for a in json.loads(out)] == [["CO"]]
    code, _, err = run("person", "merge", "CO", "--into", "CO")
    assert code == 2 and "into themselves" in err


def test_remove_only_someone_who_holds_nothing(run) -> None:
    assert run("meeting", "add", "13 November 2024")[0] == 0
    assert run("meeting", "open", "1")[0] == 0
    code, out, _ = run("item", "add", "1", "Data")
    assert run("action", "add", out.split()[-1], "Send the figures", "--owner", "BP")[0] == 0
    code, _, err = run("person", "remove", "BP")
    assert code == 2
    assert "Brian Pope (BP) owns 1 action: they cannot be removed" in err
    assert "`minutes person merge BP --into INITIALS`" in err
    assert err.count("\n") == 1
    code, out, err = run("person", "remove", "CHO")
    assert code == 0, err
    assert out == "Removed Chris O [CHO] from the roster\n"
    assert sorted(roster(run)) == ["BP", "CO"]
