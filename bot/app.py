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
from bot.listeners.needs import ListenerNeeds
from bot.replay import ReplayGuard
from jobs.digest_now import PostLater
from jobs.map_post import RunLater
from summit.logs import REQUEST_ID, ContextExecutor, new_request_id
from summit.settings import Settings

log = logging.getLogger(__name__)

# The bot scopes an install asks for; manifest.json declares the same (a test checks).
BOT_SCOPES = (
    "app_mentions:read",
    "channels:read",
    "chat:write",
    "commands",
    "files:write",  # /disputes map and the digest's map: the PNG is uploaded, then shown
    "groups:read",
    "im:history",
    "im:write",
    "links:read",  # link_shared: previews of links to articles we have
    "links:write",  # chat.unfurl
    "users:read",
)
INSTALL_PATH = "/slack/install"
REDIRECT_PATH = "/slack/oauth_redirect"


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


def create_app(
    settings: Settings,
    *,
    engine: Engine,
    client: WebClient | None = None,
    post_digest_now: PostLater | None = None,
    run_later: RunLater | None = None,
) -> App:
    """Build the Bolt app with every listener registered.

    `post_digest_now` hands `/digest now` to a job (`summit.wiring.digest_now_dispatch`) and
    `run_later` other one-off work such as `/disputes map` (`summit.wiring.one_off_dispatch`);
    by default both use one small job runner of the app's own.

    Single-workspace mode uses `SLACK_BOT_TOKEN`; with `SLACK_CLIENT_ID` and
    `SLACK_CLIENT_SECRET` the app serves `/slack/install` and `/slack/oauth_redirect`
    and finds each workspace's bot token in the installation store. Bolt copies the
    client's `base_url` into the per-request clients and uses the same client for
    `oauth.v2.access`, so one setting reaches every call.
    """
    settings.require_slack()
    oauth = oauth_settings(settings, engine=engine) if settings.oauth_enabled else None
    if client is None:
        client = web_client(settings)
        if oauth:  # each workspace's token comes from the installation store
            client.token = None
    app = App(  # the token, if any, travels in the client
        signing_secret=settings.slack_signing_secret or "socket-mode-does-not-sign",
        client=client,
        oauth_settings=oauth,
        logger=logging.getLogger("summit.bolt"),
        # right after Bolt's signature check, before authorize and every listener
        before_authorize=ReplayGuard(engine),
        # listeners outlive the HTTP response; the copy keeps their logs' request id
        listener_executor=ContextExecutor(max_workers=5),
    )

    @app.use
    def name_the_request(req, next):  # Bolt passes the next middleware by this name
        """Socket Mode requests have no HTTP layer to give them a request id: give one here.

        Bolt runs middleware one after another, not nested, so the id stays set on this
        worker thread for the listeners; the next Socket Mode request replaces it.
        """
        if req.mode == "socket_mode":
            REQUEST_ID.set(new_request_id())
        return next()

    if run_later is None:
        from summit.wiring import one_off_dispatch

        run_later = one_off_dispatch(settings, engine=engine)
    if post_digest_now is None:
        from summit.wiring import digest_now_dispatch

        post_digest_now = digest_now_dispatch(settings, engine=engine, run_later=run_later)
    listeners.register(
        app,
        ListenerNeeds(
            engine=engine,
            min_confidence=settings.dispute_min_confidence,
            post_digest_now=post_digest_now,
            run_later=run_later,
            subscribe_policy=settings.subscribe_policy,
            workspace_max_feeds=settings.workspace_max_feeds,
        ),
    )

    @app.error
    def handle_errors(error, body, logger):  # never shown to a Slack user
        logger.exception("listener failed: %s", type(error).__name__, exc_info=error)

    return app


def installation_store(settings: Settings, *, engine: Engine):
    """Workspaces' bot tokens, in our database (slack_sdk's tables), encrypted when
    `SUMMIT_TOKEN_KEY` is set and in plain text otherwise."""
    if settings.token_key:
        from bot.installations import EncryptedInstallationStore

        store = EncryptedInstallationStore(
            client_id=settings.slack_client_id, engine=engine, key=settings.token_key
        )
    else:
        from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore

        store = SQLAlchemyInstallationStore(client_id=settings.slack_client_id, engine=engine)
    return store  # its tables come from the migrations (0011), never from a lookup


def oauth_settings(settings: Settings, *, engine: Engine):
    """Multi-workspace installs: Bolt's OAuth flow on slack_sdk's SQLAlchemy stores.

    With token rotation on, Bolt's authorize refreshes (and saves) a workspace's tokens
    within `ROTATE_BEFORE_MINUTES` of expiry before a request's listeners run; its rotator is
    given our client, else it would call slack.com whatever `SLACK_API_URL` says.
    Imported here so single-workspace mode never loads them.
    """
    from slack_bolt.oauth.oauth_settings import OAuthSettings
    from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore

    from bot.workspace_tokens import ROTATE_BEFORE_MINUTES, token_rotator

    state_store = SQLAlchemyOAuthStateStore(expiration_seconds=600, engine=engine)
    oauth = OAuthSettings(
        client_id=settings.slack_client_id,
        client_secret=settings.slack_client_secret,
        scopes=list(BOT_SCOPES),
        installation_store=installation_store(settings, engine=engine),
        state_store=state_store,
        install_path=INSTALL_PATH,
        redirect_uri_path=REDIRECT_PATH,
        token_rotation_expiration_minutes=ROTATE_BEFORE_MINUTES,
    )
    oauth.authorize.token_rotator = token_rotator(
        client_id=settings.slack_client_id,
        client_secret=settings.slack_client_secret,
        client=web_client(settings),
    )
    return oauth
