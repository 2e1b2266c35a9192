"""The record: models, storage, dates and the services that change the record.

Nothing here imports Textual or the `minutes` application; the exports and any
front end build on these modules.

The tables are SQLAlchemy Core ``Table``s in ``tables`` (those the listings read) and
``detail_tables`` (the rest), column types in ``columns``; the ORM models of ``models``
map onto them. Opening a record and the listings below (``loading``, ``queries``'
actions and meetings, ``finding``) use Core alone, so a command that lists, or the
home screen, never imports ``sqlalchemy.orm``.

The read side, one kind of question per module:

- ``records``: the plain frozen records every answer is given in (no SQLAlchemy); a
  meeting's whole record (attendance, items, topics, amendments) in ``meeting_records``.
- ``loading``: rows into records, the building blocks the others share (a person's
  columns, actions with their owners and history in a few Core queries).
- ``queries``: questions about actions and meetings for one screen or command
  (whose actions, what is carried, which meetings, a whole meeting's record).
- ``finding``: the groups, and a group or person from what someone typed.
- ``archive``: meetings' whole records, one meeting or a group's archive, read by
  one reader and put together by ``assemble``.
- ``digests``: what each person's digest holds, for many people at once, and the
  digest log; ``digest_run`` decides who gets one. ``calendars``: what a group's or
  a person's calendar file holds. Both ask ``holders`` who holds which actions and
  who is expected at which meetings.
- ``chair``, ``asof``, ``filters``, ``search``, ``audit``: the chair's figures, the
  record as it stood on a day, the tracker's filter words, search, the audit trail.

Changes go through the services (``meetings``, ``agenda``, ``actions``, ``attendance``,
``roster``, ``topics``, ``amendments`` …), composed in one unit of work per user action.
"""

__version__ = "0.1.0"
