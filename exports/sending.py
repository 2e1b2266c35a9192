"""Sending messages over SMTP: one connection, every message tried, failures reported.

A recipient the server refuses, or a message it rejects, is recorded as failed
and the rest are still sent. The password comes from the environment variable
named in the settings, never from the database or the config file.
"""

from __future__ import annotations

import os
import smtplib
import ssl
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from email.message import EmailMessage

from tracker.config import SmtpSettings
from tracker.errors import InvalidInput

#: Reports (done, total, what) as messages go out.
Progress = Callable[[int, int, str], None]


@dataclass
class SendReport:
    #: Message-ID of each message the server accepted for every recipient, by key.
    sent: dict[str, str] = field(default_factory=dict)
    #: Why each key failed, in words.
    failed: dict[str, str] = field(default_factory=dict)


def _password(settings: SmtpSettings, env: Mapping[str, str]) -> str | None:
    if not settings.user:
        return None
    password = env.get(settings.password_env)
    if not password:
        raise InvalidInput(
            f"The SMTP user is {settings.user!r} but ${settings.password_env} is not set: "
            "export the password in that environment variable (it is never stored)."
        )
    return password


def _connect(settings: SmtpSettings, password: str | None) -> smtplib.SMTP:
    where = f"{settings.host}:{settings.port}"
    try:
        smtp = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
    except (OSError, smtplib.SMTPException) as exc:
        raise InvalidInput(f"Cannot connect to the mail server {where}: {exc}.") from None
    try:
        smtp.ehlo()
        if settings.starttls:
            smtp.starttls(context=ssl.create_default_context())
            smtp.ehlo()
        if password is not None and settings.user:
            smtp.login(settings.user, password)
    except smtplib.SMTPAuthenticationError:
        smtp.close()
        raise InvalidInput(
            f"The mail server {where} refused the login for {settings.user!r}: "
            f"check the user and ${settings.password_env}."
        ) from None
    except (OSError, smtplib.SMTPException) as exc:
        smtp.close()
        raise InvalidInput(f"The mail server {where} failed during setup: {exc}.") from None
    return smtp


def _reason(exc: BaseException) -> str:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        parts = [
            f"{addr}: {code} {msg.decode(errors='replace') if isinstance(msg, bytes) else msg}"
            for addr, (code, msg) in exc.recipients.items()
        ]
        return "refused " + "; ".join(parts)
    if isinstance(exc, smtplib.SMTPResponseException):
        msg = exc.smtp_error
        text = msg.decode(errors="replace") if isinstance(msg, bytes) else str(msg)
        return f"{exc.smtp_code} {text}"
    return f"{type(exc).__name__}: {exc}"


def send_messages(
    messages: Sequence[tuple[str, EmailMessage]],
    settings: SmtpSettings,
    *,
    env: Mapping[str, str] = os.environ,
    progress: Progress | None = None,
) -> SendReport:
    """Send each (key, message); a failure is reported under its key, the rest go on."""
    report = SendReport()
    if not messages:
        return report
    password = _password(settings, env)
    smtp: smtplib.SMTP | None = _connect(settings, password)
    try:
        for done, (key, msg) in enumerate(messages, start=1):
            if progress is not None:
                progress(done - 1, len(messages), key)
            if not msg["To"]:
                report.failed[key] = "no e-mail address"
                continue
            if smtp is None:
                try:
                    smtp = _connect(settings, password)
                except InvalidInput as exc:  # the server went away: the rest cannot go
                    for later, _msg in messages[done - 1 :]:
                        report.failed.setdefault(later, str(exc))
                    break
            try:
                refused = smtp.send_message(msg)
            except smtplib.SMTPServerDisconnected as exc:
                report.failed[key] = _reason(exc)
                smtp = None  # reconnect for the next message
                continue
            except (smtplib.SMTPException, OSError) as exc:
                report.failed[key] = _reason(exc)
                continue
            if refused:
                report.failed[key] = _reason(smtplib.SMTPRecipientsRefused(refused))
            else:
                report.sent[key] = str(msg["Message-ID"] or "")
        if progress is not None:
            progress(len(messages), len(messages), "done")
    finally:
        if smtp is not None:
            try:
                smtp.quit()
            except (smtplib.SMTPException, OSError):
                smtp.close()
    return report
