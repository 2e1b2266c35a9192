"""Pure renderers: frozen records from tracker in, text or bytes out.

Nothing here reads or writes the database, and nothing imports textual or minutes.
Front ends read the records (tracker.queries, tracker.digests, tracker.archive) and
call, for example:

- ``exports.markdown.render_minutes(record, public=False, senior_only=False) -> str``
  (``senior_only`` is the group's ``public_senior_only``; it matters only when public)
- ``exports.ical.calendar_ics(...)`` / ``todo_ics(...) -> bytes``
- ``exports.digest.render_digest(digest) -> str`` and ``exports.email.digest_message(...)``
- ``exports.report.render_chair_report(group, actions, today=...) -> str``
- ``exports.files.write_atomic(check_output_path(path), data, force=False)`` to save,
  the same call the command line makes (a preview dialog can render, show, then save).

Modules are imported on demand so that starting the app does not pay for icalendar
or markdown-it.
"""
