"""Where the record lives and who is using it: paths, config file and database URL.

Nothing here touches the file system at import time; directories are made only
when a database is actually opened.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from tracker.errors import InvalidInput

APP_NAME = "minutes"
ENV_DATABASE_URL = "MINUTES_DATABASE_URL"
ENV_CONFIG = "MINUTES_CONFIG"


def data_dir() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def config_path(env: Mapping[str, str] = os.environ) -> Path:
    if env.get(ENV_CONFIG):
        return Path(env[ENV_CONFIG]).expanduser()
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False) / "config.toml"


def default_database_path() -> Path:
    return data_dir() / "minutes.db"


def sqlite_url(path: str | Path) -> str:
    return f"sqlite:///{Path(path).expanduser().resolve()}"


@dataclass(frozen=True)
class SmtpSettings:
    host: str = "localhost"
    port: int = 25
    starttls: bool = False
    user: str | None = None
    #: Name of the environment variable holding the password; never the password.
    password_env: str = "MINUTES_SMTP_PASSWORD"
    sender: str | None = None
    timeout: float = 30.0


@dataclass(frozen=True)
class Settings:
    database_url: str
    #: The person using this copy: shown in the audit trail and "my actions".
    user_name: str | None = None
    user_initials: str | None = None
    smtp: SmtpSettings = field(default_factory=SmtpSettings)
    config_file: Path | None = None

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


def _read_config(path: Path) -> dict[str, object]:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise InvalidInput(f"Cannot read the config file {path}: {exc.strerror}.") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise InvalidInput(
            f"The config file {path} is not UTF-8 text (line {line} has the byte "
            f"0x{raw[exc.start]:02X}): save it as UTF-8."
        ) from None
    if not text.strip():
        return {}
    import tomllib  # only for a file with settings in it: most runs have none

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InvalidInput(
            f"The config file {path} is not valid TOML: {exc}. Fix or remove it."
        ) from None


def _section(data: Mapping[str, object], name: str, path: Path) -> Mapping[str, object]:
    value = data.get(name, {})
    if not isinstance(value, Mapping):
        raise InvalidInput(f"In {path}, [{name}] must be a table of settings.")
    return value


def _str(section: Mapping[str, object], key: str, where: str) -> str | None:
    value = section.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidInput(f"In {where}, '{key}' must be a string in quotes.")
    return value


def resolve_database_url(db: str | None, env: Mapping[str, str], configured: str | None) -> str:
    """`--db` for one run, else the environment, else the config, else the data dir."""
    if db:
        return db if "://" in db else sqlite_url(db)
    if env.get(ENV_DATABASE_URL):
        return env[ENV_DATABASE_URL]
    if configured:
        return configured if "://" in configured else sqlite_url(configured)
    return sqlite_url(default_database_path())


def load_settings(db: str | None = None, env: Mapping[str, str] = os.environ) -> Settings:
    path = config_path(env)
    data = _read_config(path)
    where = str(path)
    database = _section(data, "database", path)
    user = _section(data, "user", path)
    smtp = _section(data, "smtp", path)
    port = smtp.get("port", 25)
    if not isinstance(port, int) or not 0 < port < 65536:
        raise InvalidInput(f"In {where}, [smtp] port must be a number from 1 to 65535.")
    smtp_settings = SmtpSettings(
        host=_str(smtp, "host", where) or "localhost",
        port=port,
        starttls=bool(smtp.get("starttls", False)),
        user=_str(smtp, "user", where),
        password_env=_str(smtp, "password_env", where) or "MINUTES_SMTP_PASSWORD",
        sender=_str(smtp, "sender", where),
    )
    return Settings(
        database_url=resolve_database_url(db, env, _str(database, "url", where)),
        user_name=_str(user, "name", where),
        user_initials=_str(user, "initials", where),
        smtp=smtp_settings,
        config_file=path if data else None,
    )
