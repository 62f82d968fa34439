"""OAuth tokens encrypted at rest with SUMMIT_TOKEN_KEY: ciphertext in the tables, plain
tokens to the app."""

from __future__ import annotations

from dataclasses import replace

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import text

from bot.app import installation_store
from bot.installations import PREFIX, TokenCipher
from summit.settings import load_settings
from summit.wiring import team_client
from tests.bot.test_oauth import TEAM, USER, install
from tests.bot.test_oauth import settings as oauth_settings  # noqa: F401  (fixture)

pytestmark = pytest.mark.slow

KEY = Fernet.generate_key().decode()


@pytest.fixture
def settings(oauth_settings):  # noqa: F811
    """OAuth mode with SUMMIT_TOKEN_KEY set."""
    return replace(oauth_settings, token_key=KEY)


def raw_rows(engine) -> list[str]:
    with engine.connect() as connection:
        rows = [*connection.execute(text("SELECT * FROM slack_bots"))]
        rows += [*connection.execute(text("SELECT * FROM slack_installations"))]
    return [" ".join(map(str, row)) for row in rows]


def test_installed_tokens_are_ciphertext_at_rest_and_work(slack, app_url, sender, settings, engine):
    """After an install no table row holds the token, yet the store, the scheduler's
    client and a command from that workspace all use it."""
    token = install(app_url, slack)
    rows = raw_rows(engine)
    assert len(rows) == 2 and all(PREFIX in row for row in rows)
    assert not any(token in row or token.split("-", 1)[1] in row for row in rows)

    store = installation_store(settings, engine=engine)
    assert store.find_bot(enterprise_id=None, team_id=TEAM).bot_token == token
    assert store.find_installation(enterprise_id=None, team_id=TEAM).bot_token == token
    assert team_client(settings, engine=engine, team_id=TEAM).token == token

    sender.command(
        "/who-said", "help", team_id=TEAM, user_id=USER, response_url=slack.response_url("r")
    )
    slack.wait_for(lambda c: c.name == "r")
    assert any(c.token == token for c in slack.calls("auth.test"))
    slack.assert_no_errors()


def test_another_key_cannot_read_the_tokens(slack, app_url, settings, engine):
    """With a rotated key the stored tokens do not decrypt: the workspace must re-install."""
    install(app_url, slack)
    rotated = replace(settings, token_key=Fernet.generate_key().decode())
    assert team_client(rotated, engine=engine, team_id=TEAM) is None


def test_tokens_saved_before_the_key_still_read(slack, app_url, settings, engine):
    """Rows written in plain text before SUMMIT_TOKEN_KEY was set keep working."""
    plain = replace(settings, token_key=None)
    from bot.app import create_app
    from bot.server import BackgroundServer, wsgi_app

    with BackgroundServer(wsgi_app(create_app(plain, engine=engine))) as server:
        token = install(server.url, slack)
    assert any(token in row for row in raw_rows(engine))
    assert team_client(settings, engine=engine, team_id=TEAM).token == token


def test_cipher_round_trips_and_leaves_plain_values():
    """encrypt/decrypt round-trip; None stays None; encrypting twice changes nothing."""
    cipher = TokenCipher(KEY)
    sealed = cipher.encrypt("xoxb-1-2-secret")
    assert sealed.startswith(PREFIX) and "secret" not in sealed
    assert cipher.encrypt(sealed) == sealed and cipher.decrypt(sealed) == "xoxb-1-2-secret"
    assert cipher.encrypt(None) is None and cipher.decrypt("xoxb-plain") == "xoxb-plain"


def test_token_key_setting_is_validated():
    """SUMMIT_TOKEN_KEY must be a Fernet key; the error never repeats the value."""
    from summit.errors import ConfigError

    assert load_settings({"SUMMIT_TOKEN_KEY": KEY}).token_key == KEY
    with pytest.raises(ConfigError) as error:
        load_settings({"SUMMIT_TOKEN_KEY": "hunter2-not-a-key"})
    assert "SUMMIT_TOKEN_KEY" in str(error.value) and "hunter2" not in str(error.value)
    assert KEY not in repr(load_settings({"SUMMIT_TOKEN_KEY": KEY}))


def test_oauth_tables_an_earlier_start_created_are_kept_and_their_tokens_widened(engine):
    """A database whose OAuth tables slack_sdk created before migration 0011 keeps its
    installs; on PostgreSQL their varchar(200) token columns become text."""
    from slack_sdk.oauth.installation_store import Bot
    from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
    from sqlalchemy import inspect

    from storage.engine import downgrade, migrate

    downgrade(engine, "0010")
    old = SQLAlchemyInstallationStore(client_id="111.222", engine=engine)
    if "slack_bots" not in inspect(engine).get_table_names():
        old.create_tables()  # what an earlier start did
    old.save_bot(
        Bot(
            app_id="A1",
            bot_id="B1",
            bot_user_id="U1",
            bot_token="xoxb-1",
            team_id="T1",
            installed_at=1.0,
        )
    )
    migrate(engine)
    assert old.find_bot(enterprise_id=None, team_id="T1").bot_token == "xoxb-1"
    if engine.dialect.name == "postgresql":
        token = next(
            c for c in inspect(engine).get_columns("slack_bots") if c["name"] == "bot_token"
        )
        assert getattr(token["type"], "length", None) is None
