"""Where the database lives and the other settings: --db, environment, config file, defaults."""
from __future__ import annotations

from pathlib import Path

import platformdirs
import pytest

from clausekit.config import load_config
from clausekit.errors import UsageError


def test_defaults_put_the_database_in_the_user_data_dir(tmp_path):
    c = load_config(env={"CLAUSEKIT_CONFIG": str(tmp_path / "none.toml")})
    assert c.db == Path(platformdirs.user_data_dir("clausekit")) / "clausekit.db"
    assert (c.calendar, c.lead_days, c.recipients) == ("weekends", (30, 7, 1), ())
    assert c.smtp.host is None and c.smtp.port == 587 and c.source is None


def test_precedence_option_then_environment_then_file(tmp_path):
    cfg = tmp_path / "config.toml"
    cfg.write_text('db = "~/from-file.db"\ncalendar = "US-NY"\nlead_days = [7, 30]\n'
                   'recipients = ["a@example.com", "b@example.com"]\ntime_budget = 30\n'
                   '[smtp]\nhost = "mail.example.com"\nport = 2525\nuser = "u"\npassword = "s3cret"\n', encoding="utf-8")
    env = {"CLAUSEKIT_CONFIG": str(cfg)}
    c = load_config(env=env)
    assert c.db == Path("~/from-file.db").expanduser() and c.calendar == "US-NY"
    assert c.lead_days == (30, 7) and c.recipients == ("a@example.com", "b@example.com")
    assert (c.smtp.host, c.smtp.port, c.smtp.user, c.time_budget) == ("mail.example.com", 2525, "u", 30.0)
    assert "s3cret" not in repr(c) and c.smtp.password == "s3cret"
    env |= {"CLAUSEKIT_DB": str(tmp_path / "env.db"), "CLAUSEKIT_SMTP_HOST": "127.0.0.1",
            "CLAUSEKIT_SMTP_PORT": "8025", "CLAUSEKIT_RECIPIENTS": "x@example.com, y@example.com"}
    c = load_config(env=env)
    assert c.db == tmp_path / "env.db"
    assert (c.smtp.host, c.smtp.port, c.recipients) == ("127.0.0.1", 8025, ("x@example.com", "y@example.com"))
    assert load_config(tmp_path / "option.db", env=env).db == tmp_path / "option.db"


def test_bad_config_is_a_one_line_error_naming_the_file(tmp_path):
    cfg = tmp_path / "config.toml"
    cfg.write_text("db = [unclosed", encoding="utf-8")
    with pytest.raises(UsageError) as e:
        load_config(env={"CLAUSEKIT_CONFIG": str(cfg)})
    assert str(cfg) in str(e.value) and "\n" not in str(e.value)
    with pytest.raises(UsageError, match="smtp port"):
        load_config(env={"CLAUSEKIT_CONFIG": str(tmp_path / "none.toml"), "CLAUSEKIT_SMTP_PORT": "twenty-five"})
