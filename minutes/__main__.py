from minutes.cli import run

raise SystemExit(run())
