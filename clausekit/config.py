"""Settings: where the database lives, defaults for calendars and reminders, SMTP.

Precedence, highest first: an explicit argument (``--db PATH``), the environment
(``CLAUSEKIT_DB``, ``CLAUSEKIT_SMTP_HOST`` …), the TOML config file
(``CLAUSEKIT_CONFIG``, else ``config.toml`` in the platformdirs user config dir), built-in defaults.

Example ``config.toml``::

    db = "~/legal/clausekit.db"
    calendar = "US-NY"
    lead_days = [30, 7, 1]
    recipients = ["counsel@example.com"]
    max_file_mb = 25
    time_budget = 120
    max_memory_mb = 4096

    [smtp]
    host = "smtp.example.com"
    port = 587
    user = "counsel@example.com"
    sender = "clausekit <counsel@example.com>"
    starttls = true

The SMTP password is read only from the environment (``CLAUSEKIT_SMTP_PASSWORD``) or the
config file; it is never printed (``repr`` hides it) and never stored in the database.
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

import platformdirs

from clausekit.errors import UsageError

APP = "clausekit"


@dataclass(frozen=True)
class SmtpSettings:
    host: str | None = None
    port: int = 587
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    sender: str | None = None
    starttls: bool = True
    ssl: bool = False
    timeout: float = 30.0


@dataclass(frozen=True)
class Config:
    db: Path
    calendar: str = "weekends"  # used when an agreement names no calendar
    lead_days: tuple[int, ...] = (30, 7, 1)
    recipients: tuple[str, ...] = ()
    smtp: SmtpSettings = field(default_factory=SmtpSettings)
    max_file_mb: float = 25.0  # ingest refuses larger files (the readers' default limit)
    time_budget: float = 120.0  # seconds of extraction per document before it is given up
    max_memory_mb: float = 4096.0  # address space of one extraction worker (0: no limit)
    source: Path | None = None  # the config file read, if any


def config_path() -> Path:
    env = os.environ.get("CLAUSEKIT_CONFIG")
    return Path(env).expanduser() if env else Path(platformdirs.user_config_dir(APP)) / "config.toml"


def default_db_path() -> Path:
    return Path(platformdirs.user_data_dir(APP)) / "clausekit.db"


def _read_toml(path: Path) -> dict:
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except FileNotFoundError:
        return {}
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise UsageError(f"cannot read config file: {e}", path=str(path)) from None


def _int(value, name: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise UsageError(f"{name} must be a whole number, not {value!r}") from None


def _float(value, name: str) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        raise UsageError(f"{name} must be a number, not {value!r}") from None


def _bool(value) -> bool:
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in ("1", "true", "yes", "on")


def _list(value) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(v.strip() for v in value.split(",") if v.strip())
    return tuple(str(v) for v in value)


def load_config(db: str | Path | None = None, *, env: dict[str, str] | None = None) -> Config:
    """The effective settings; ``db`` (the ``--db`` option) wins over everything else."""
    env = dict(os.environ) if env is None else env
    path = Path(env["CLAUSEKIT_CONFIG"]).expanduser() if env.get("CLAUSEKIT_CONFIG") else config_path()
    data = _read_toml(path)
    smtp_data = data.get("smtp") or {}

    db_path = db or env.get("CLAUSEKIT_DB") or data.get("db") or default_db_path()
    smtp = SmtpSettings(
        host=env.get("CLAUSEKIT_SMTP_HOST") or smtp_data.get("host"),
        port=_int(env.get("CLAUSEKIT_SMTP_PORT") or smtp_data.get("port") or 587, "smtp port"),
        user=env.get("CLAUSEKIT_SMTP_USER") or smtp_data.get("user"),
        password=env.get("CLAUSEKIT_SMTP_PASSWORD") or smtp_data.get("password"),
        sender=env.get("CLAUSEKIT_SMTP_FROM") or smtp_data.get("sender"),
        starttls=_bool(env.get("CLAUSEKIT_SMTP_STARTTLS", smtp_data.get("starttls", True))),
        ssl=_bool(env.get("CLAUSEKIT_SMTP_SSL", smtp_data.get("ssl", False))),
        timeout=_float(smtp_data.get("timeout", 30.0), "smtp timeout"),
    )
    lead = env.get("CLAUSEKIT_LEAD_DAYS") or data.get("lead_days") or (30, 7, 1)
    return Config(
        db=Path(db_path).expanduser(),
        calendar=env.get("CLAUSEKIT_CALENDAR") or data.get("calendar") or "weekends",
        lead_days=tuple(sorted({_int(x, "lead_days") for x in _list(lead)}, reverse=True)),
        recipients=_list(env.get("CLAUSEKIT_RECIPIENTS") or data.get("recipients")),
        smtp=smtp,
        max_file_mb=_float(env.get("CLAUSEKIT_MAX_FILE_MB") or data.get("max_file_mb") or 25.0, "max_file_mb"),
        time_budget=_float(env.get("CLAUSEKIT_TIME_BUDGET") or data.get("time_budget") or 120.0, "time_budget"),
        max_memory_mb=_float(env.get("CLAUSEKIT_MAX_MEMORY_MB") or data.get("max_memory_mb") or 4096.0,
                             "max_memory_mb"),
        source=path if data else None,
    )


def with_db(config: Config, db: str | Path) -> Config:
    return replace(config, db=Path(db).expanduser())
