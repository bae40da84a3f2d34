"""Outgoing mail: SMTP when BIBLIOLOGY_SMTP_HOST is set, otherwise one .eml file per message in
BIBLIOLOGY_DATA_DIR/outbox (and a log line), so the embedded default works with no mail server.

Send after the transaction commits (FastAPI background tasks do): a rolled-back request must not
have mailed a token that no longer exists.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

from bibliology.config import Settings
from bibliology.db import utcnow
from bibliology.ids import new_id

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Message:
    to: str
    subject: str
    text: str


def build(settings: Settings, message: Message) -> EmailMessage:
    email = EmailMessage()
    email["From"] = settings.mail_from
    email["To"] = message.to
    email["Subject"] = message.subject
    email["Date"] = formatdate(localtime=False, usegmt=True)
    email["Message-ID"] = make_msgid(domain="bibliology")
    email.set_content(message.text)
    return email


def send(settings: Settings, message: Message) -> None:
    """Deliver, or write to the outbox. Failures are logged, not raised: the request that asked
    for the mail has already succeeded and the user can ask again."""
    email = build(settings, message)
    try:
        if settings.smtp_host:
            _send_smtp(settings, email)
            log.info("mail %r sent to %s by SMTP", message.subject, message.to)
        else:
            path = write_to_outbox(settings.outbox_dir, email)
            log.info("mail %r to %s written to %s", message.subject, message.to, path)
    except (OSError, smtplib.SMTPException) as exc:
        log.error("mail %r to %s could not be sent: %s", message.subject, message.to, exc)


def write_to_outbox(outbox: Path, email: EmailMessage) -> Path:
    outbox.mkdir(parents=True, exist_ok=True)
    path = outbox / f"{utcnow():%Y%m%dT%H%M%S}-{new_id()}.eml"
    path.write_bytes(email.as_bytes())
    return path


def _send_smtp(settings: Settings, email: EmailMessage) -> None:
    assert settings.smtp_host
    timeout = settings.smtp_timeout_seconds
    context = ssl.create_default_context()
    smtp: smtplib.SMTP
    if settings.smtp_security == "tls":
        smtp = smtplib.SMTP_SSL(settings.smtp_host, settings.smtp_port, timeout=timeout, context=context)
    else:
        smtp = smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=timeout)
    with smtp:
        if settings.smtp_security == "starttls":
            smtp.starttls(context=context)
        if settings.smtp_username:
            smtp.login(settings.smtp_username, settings.smtp_password or "")
        smtp.send_message(email)
