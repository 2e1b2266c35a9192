"""Alembic migrations of the record; HEAD is checked against the scripts by a test."""

HEAD = "0009"
