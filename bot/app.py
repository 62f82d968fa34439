"""The Slack app factory. Dependencies come in; nothing is read from the environment here."""

from __future__ import annotations

import logging

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from sqlalchemy import Engine

from bot import listeners
from summit.settings import Settings

log = logging.getLogger(__name__)


def web_client(settings: Settings, *, token: str | None = None, retries: int = 1) -> WebClient:
    """A WebClient on `SLACK_API_URL` that retries 429s, 5xx and dropped connections.

    Clients used inside a 3-second request keep `retries` low; the digest poster,
    which runs in the background, can afford more.
    """
    return WebClient(
        token=token or settings.slack_bot_token,
        base_url=settings.slack_api_url,
        timeout=10,
        retry_handlers=[
            ConnectionErrorRetryHandler(max_retry_count=retries),
            RateLimitErrorRetryHandler(max_retry_count=retries),
            ServerErrorRetryHandler(max_retry_count=retries),
        ],
    )


def create_app(settings: Settings, *, engine: Engine, client: WebClient | None = None) -> App:
    """Build the Bolt app with every listener registered.

    Single-workspace mode uses `SLACK_BOT_TOKEN`; Bolt copies the client's
    `base_url` into the per-request clients, so one setting reaches every call.
    """
    settings.require_slack()
    app = App(
        token=settings.slack_bot_token,
        signing_secret=settings.slack_signing_secret or "socket-mode-does-not-sign",
        client=client or web_client(settings),
        logger=logging.getLogger("summit.bolt"),
    )
    listeners.register(app, engine=engine)

    @app.error
    def handle_errors(error, body, logger):  # never shown to a Slack user
        logger.exception("listener failed: %s", type(error).__name__, exc_info=error)

    return app
