"""The declarative base the models map with, on the Core tables of tracker.tables and
tracker.detail_tables (whose column types, in tracker.columns, are re-exported here);
its metadata holds every table."""

from __future__ import annotations

from sqlalchemy.orm import DeclarativeBase

from tracker.columns import NAMING_CONVENTION, UTCDateTime, utcnow
from tracker.detail_tables import metadata

__all__ = ["NAMING_CONVENTION", "Base", "UTCDateTime", "utcnow"]


class Base(DeclarativeBase):
    metadata = metadata
