"""A fake Slack Web API server over real HTTP, for offline tests.

`FakeSlack` listens on 127.0.0.1 (ephemeral port) and answers `/api/<method>` the way
slack.com does for the methods Summit Digest uses, plus `response_url` endpoints.
Point the app at `fake.api_url` (SLACK_API_URL / `WebClient(base_url=...)`), drive it,
then assert on what the fake recorded::

    with FakeSlack() as fake:
        fake.add_token()  # the default bot token, team and bot user
        fake.add_channel("C123", name="summit")
        ...  # run the app against fake.api_url
        fake.wait_for("chat.postMessage", ok=True)
        fake.assert_no_errors()

The method list (names, required arguments, JSON-body support) comes from
`slack-web-api.json`, Slack's OpenAPI spec corrected by the current docs; see
`slack-web-api.LICENSE`. Unknown methods get `unknown_method`; known methods without a
stateful handler answer `{"ok": true}` unless a test installs one with `fake.handle()`.

Files: `files.getUploadURLExternal` hands out an upload URL on the fake itself
(`/upload/<file id>`), which takes the bytes (recorded, see `fake.files()`), and
`files.completeUploadExternal` finishes the upload, as slack_sdk's `files_upload_v2` drives
them. An image block may show a finished file of the same workspace
(`"slack_file": {"id": ...}`); anything else is `invalid_blocks` ("invalid slack file"), as
on Slack, also while a new file is still processing (`fake.set_file_processing(seconds)`).

Socket Mode: `fake.add_app_token()` accepts an app-level token (`xapp-...`), and
`fake.serve_socket_mode(server.issue_url)` makes `apps.connections.open` hand out URLs of
a fake Socket Mode server (`tests.fakes.socket_mode.FakeSocketMode`). As on Slack, an
app-level token works only for app-level methods and a bot token not for those.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import email.policy
import functools
import hashlib
import itertools
import json
import logging
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.parser import BytesParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit
from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

logger = logging.getLogger(__name__)

METHOD_LIST = Path(__file__).with_name("slack-web-api.json")

# Defaults shared with slack_requests.SlackSender, so a test needs no ids unless it has
# several workspaces or users.
TEAM_ID = "T0SUMMIT01"
TEAM_NAME = "Summit Newsroom"
TEAM_DOMAIN = "summit-newsroom"
BOT_TOKEN = "xoxb-0000000001-summit-digest-test"
BOT_USER_ID = "U0BOT00001"
BOT_ID = "B0BOT00001"
APP_ID = "A0SUMMIT01"
APP_TOKEN = "xapp-1-A0SUMMIT01-0000000001-summit-digest-test"

MESSAGE_BLOCK_LIMIT = 50
VIEW_BLOCK_LIMIT = 100
BLOCK_TEXT_LIMIT = 12_000  # msg_blocks_too_long seen at ~13k (bolt-js #2509)
MESSAGE_TEXT_LIMIT = 40_000  # Slack truncates above this
RESPONSE_URL_USES = 5
RESPONSE_URL_LIFETIME = 30 * 60
ROTATED_TOKEN_LIFETIME = 12 * 60 * 60  # Slack's `expires_in` with token rotation: 12 hours
ALT_TXT_LIMIT = 1000  # files.getUploadURLExternal: alt_txt_too_large past it

# Slack's docs require a token everywhere except these.
TOKENLESS_METHODS = frozenset(
    {
        "api.test",
        "oauth.access",
        "oauth.v2.access",
        "oauth.v2.user.access",
        "openid.connect.token",
        "tooling.tokens.rotate",
    }
)
# The methods that take an app-level token (xapp-) and no other; every other method
# answers `not_allowed_token_type` to one.
APP_TOKEN_METHODS = frozenset({"apps.connections.open", "apps.event.authorizations.list"})
_POSTING_METHODS = ("chat.postMessage", "chat.postEphemeral", "chat.update")


# ---------------------------------------------------------------------------
# Method list
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class MethodSpec:
    """What the fake knows about one Web API method."""

    name: str
    required: frozenset[str]
    allowed: frozenset[str]
    json_body: bool
    needs_token: bool


@functools.cache
def load_methods(path: Path = METHOD_LIST) -> Mapping[str, MethodSpec]:
    """Spec methods plus the documented newer ones, with the docs' required flags."""
    data = json.loads(path.read_text(encoding="utf-8"))
    docs, sdk = data["known_gaps"]["docs"], data["known_gaps"]["sdk"]

    def extra(section: Mapping[str, list[str]], name: str) -> set[str]:
        return set(section.get(name, ()))

    specs: dict[str, MethodSpec] = {}
    for name, m in data["methods"].items():
        required = (
            set(m["required"])
            | extra(docs["required_not_marked_in_spec"], name)
            | extra(sdk["required_not_marked_in_spec"], name)
        ) - extra(docs["spec_required_but_optional_in_docs"], name)
        allowed = (
            set(m["required"])
            | set(m["optional"])
            | required
            | extra(docs["args_not_in_spec"], name)
            | extra(sdk["args_not_in_spec"], name)
        )
        specs[name] = MethodSpec(
            name=name,
            required=frozenset(required),
            allowed=frozenset(allowed | {"team_id"}),
            json_body=bool(m["json_body"]),
            needs_token=name not in TOKENLESS_METHODS,
        )
    for name, m in docs["methods_not_in_spec"].items():
        specs[name] = MethodSpec(
            name=name,
            required=frozenset(m["required"]),
            allowed=frozenset({*m["required"], *m["optional"], "team_id"}),
            json_body=bool(m["json_body"]),
            needs_token=bool(m["token"]) and name not in TOKENLESS_METHODS,
        )
    return specs


# ---------------------------------------------------------------------------
# Recorded data
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Call:
    """One HTTP request the fake answered, with what it answered.

    `method` is the Web API method, or "response_url" for posts to a response URL
    (then `name` is the URL's name and `args` its JSON body). `headers` have
    lower-case names. `at` is the fake's clock when the request arrived.
    """

    method: str
    args: dict[str, Any]
    token: str | None
    headers: dict[str, str]
    at: float
    status: int = 200
    response: dict[str, Any] | None = None
    name: str | None = None

    @property
    def ok(self) -> bool:
        return self.status == 200 and bool(self.response and self.response.get("ok"))

    @property
    def error(self) -> str | None:
        return None if self.response is None else self.response.get("error")


@dataclass(frozen=True)
class Message:
    """A message as it now stands in a channel (after any chat.update)."""

    channel: str
    ts: str
    text: str | None
    blocks: list[dict[str, Any]] | None
    attachments: list[Any] | None
    user: str | None
    bot_id: str | None
    team_id: str | None
    thread_ts: str | None = None
    reply_broadcast: bool = False
    ephemeral_to: str | None = None
    updates: int = 0
    args: dict[str, Any] = field(default_factory=dict)

    @property
    def is_reply(self) -> bool:
        return self.thread_ts is not None and self.thread_ts != self.ts


@dataclass(frozen=True)
class Problem:
    """Something the app did wrong: `level` is "error" or "warning"."""

    level: str
    method: str
    message: str

    def __str__(self) -> str:
        return f"[{self.level}] {self.method}: {self.message}"


@dataclass(frozen=True)
class Token:
    """A token the fake accepts, and whom it belongs to."""

    token: str
    team_id: str
    user_id: str
    bot_id: str | None
    team_name: str
    team_domain: str
    user_name: str
    enterprise_id: str | None = None
    app_id: str | None = None  # set for an app-level token, which belongs to no team
    expires_at: float | None = None  # token rotation: `token_expired` from then on
    is_enterprise_install: bool = False  # an org-wide install: reaches every team

    @property
    def is_app_level(self) -> bool:
        return self.app_id is not None


@dataclass
class Channel:
    id: str
    name: str
    members: list[str] | None
    is_member: bool
    is_private: bool
    is_archived: bool
    is_im: bool
    team_id: str | None
    created: int
    creator: str | None = None  # conversations.info's `creator`: the user who made it


@dataclass
class User:
    id: str
    name: str
    real_name: str
    team_id: str | None
    is_admin: bool
    is_owner: bool
    is_bot: bool
    deleted: bool
    tz: str
    is_restricted: bool = False  # a guest: multi-channel (restricted) ...
    is_ultra_restricted: bool = False  # ... or single-channel (ultra restricted, both set)


@dataclass
class UploadedFile:
    """A file as files.getUploadURLExternal started it: its bytes once posted to the upload
    URL, `completed_at` once files.completeUploadExternal finished it."""

    id: str
    team_id: str
    user_id: str
    filename: str
    length: int
    alt_txt: str | None = None
    title: str | None = None
    data: bytes | None = None
    completed_at: float | None = None
    channel: str | None = None


@dataclass(frozen=True)
class Unfurl:
    """A chat.unfurl: the previews (url -> attachment with blocks) for one message, named by
    channel and ts, or by unfurl_id and source (a message being written)."""

    unfurls: dict[str, Any]
    channel: str | None = None
    ts: str | None = None
    unfurl_id: str | None = None
    source: str | None = None


@dataclass
class _Fault:
    method: str
    status: int | None
    error: str | None
    retry_after: float | None
    delay: float
    times: int | None
    when: Callable[[dict[str, Any]], bool] | None


@dataclass
class _ResponseUrl:
    name: str
    created: float
    uses: int = 0


@dataclass(frozen=True)
class _Reply:
    status: int
    body: bytes
    headers: tuple[tuple[str, str], ...] = ()


class _SlackError(Exception):
    """Answer `{"ok": false, "error": ...}`; `problem` also records an app error."""

    def __init__(
        self,
        error: str,
        *,
        status: int = 200,
        extra: Mapping[str, Any] | None = None,
        problem: str | None = None,
    ) -> None:
        super().__init__(error)
        self.error = error
        self.status = status
        self.extra = dict(extra or {})
        self.problem = problem


def _json_reply(status: int, body: Mapping[str, Any], headers: Iterable = ()) -> _Reply:
    return _Reply(
        status,
        json.dumps(body).encode(),
        (("Content-Type", "application/json; charset=utf-8"), *headers),
    )


def _text_reply(status: int, text: str) -> _Reply:
    return _Reply(status, text.encode(), (("Content-Type", "text/html"),))


# ---------------------------------------------------------------------------
# The fake
# ---------------------------------------------------------------------------


Handler = Callable[[dict[str, Any], Token | None], Mapping[str, Any]]


class FakeSlack:
    """A fake Slack Web API on 127.0.0.1; use it as a context manager."""

    def __init__(self, *, clock: Callable[[], float] = time.time) -> None:
        self.clock = clock
        self._methods = load_methods()
        self._cond = threading.Condition(threading.RLock())
        self._closing = threading.Event()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._calls: list[Call] = []
        self._problems: list[Problem] = []
        self._tokens: dict[str, Token] = {}
        self._revoked: set[str] = set()
        self._channels: dict[str, Channel] = {}
        self._users: dict[str, User] = {}
        self._messages: dict[tuple[str, str], Message] = {}
        self._ephemerals: list[Message] = []
        self._unfurls: list[Unfurl] = []
        self._home_views: dict[str, dict[str, Any]] = {}
        self._files: dict[str, UploadedFile] = {}
        self._file_processing = 0.0
        self._oauth_clients: dict[str, str] = {}
        self._oauth_codes: dict[str, dict[str, Any]] = {}
        self._refresh_tokens: dict[str, dict[str, Any]] = {}
        self._response_urls: dict[str, _ResponseUrl] = {}
        self._faults: list[_Fault] = []
        self._handlers: dict[str, Handler] = {}
        self._socket_mode_url: Callable[[str], str] | None = None
        self._last_ts_us = 0
        self._ids = itertools.count(1)

    # -- lifecycle ---------------------------------------------------------

    def start(self) -> FakeSlack:
        """Start serving on an ephemeral port (idempotent)."""
        if self._server is not None:
            return self
        fake = self

        class _BoundHandler(_RequestHandler):
            pass

        _BoundHandler.fake = fake
        server = ThreadingHTTPServer(("127.0.0.1", 0), _BoundHandler)
        server.daemon_threads = True  # a slow (delayed) answer must not block stop()
        self._closing.clear()
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving; delayed answers still in flight are cut short."""
        if self._server is None:
            return
        self._closing.set()
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = None
        self._thread = None

    def __enter__(self) -> FakeSlack:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        """`http://127.0.0.1:PORT` (no trailing slash)."""
        if self._server is None:
            raise RuntimeError("FakeSlack is not started; use it as a context manager")
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def api_url(self) -> str:
        """The Web API base URL for the app: `http://127.0.0.1:PORT/api/`."""
        return f"{self.base_url}/api/"

    # -- setup -------------------------------------------------------------

    def add_token(
        self,
        token: str = BOT_TOKEN,
        *,
        team_id: str = TEAM_ID,
        user_id: str = BOT_USER_ID,
        bot_id: str | None = BOT_ID,
        team_name: str = TEAM_NAME,
        team_domain: str | None = None,
        user_name: str = "summit_digest",
        enterprise_id: str | None = None,
        expires_at: float | None = None,
        is_enterprise_install: bool = False,
    ) -> Token:
        """Accept `token` as belonging to this team and user (bot_id=None: a user token).

        `expires_at` (the fake's clock): from then on the token gets `token_expired`, as a
        rotating token does. `is_enterprise_install`: an org-wide token, for every team.
        """
        info = Token(
            token=token,
            team_id=team_id,
            user_id=user_id,
            bot_id=bot_id,
            team_name=team_name,
            team_domain=team_domain or team_name.lower().replace(" ", "-"),
            user_name=user_name,
            enterprise_id=enterprise_id,
            expires_at=expires_at,
            is_enterprise_install=is_enterprise_install,
        )
        with self._cond:
            self._tokens[token] = info
            self._revoked.discard(token)
        return info

    def add_app_token(self, token: str = APP_TOKEN, *, app_id: str = APP_ID) -> Token:
        """Accept `token` as this app's app-level token (for `apps.connections.open`)."""
        if not token.startswith("xapp-"):
            raise ValueError("app-level tokens start with xapp-")
        info = Token(
            token=token,
            team_id="",
            user_id="",
            bot_id=None,
            team_name="",
            team_domain="",
            user_name="",
            app_id=app_id,
        )
        with self._cond:
            self._tokens[token] = info
            self._revoked.discard(token)
        return info

    def serve_socket_mode(self, issue_url: Callable[[str], str] | None) -> None:
        """Answer `apps.connections.open` with `issue_url(app_id)` (None: stop doing so)."""
        with self._cond:
            self._socket_mode_url = issue_url

    def revoke_token(self, token: str) -> None:
        """From now on calls with `token` get `token_revoked` (as after an uninstall)."""
        with self._cond:
            self._revoked.add(token)

    def add_channel(
        self,
        channel_id: str,
        *,
        name: str | None = None,
        members: Iterable[str] | None = None,
        is_member: bool = True,
        is_private: bool = False,
        is_archived: bool = False,
        team_id: str | None = None,
        creator: str | None = None,
    ) -> None:
        """Create or replace a channel.

        `members=None` means membership is not checked for users (ephemerals);
        `is_member` is whether the bot is in it. `team_id=None`: visible to every team.
        `creator` is the user conversations.info names as having created it.
        """
        with self._cond:
            self._channels[channel_id] = Channel(
                id=channel_id,
                name=name or channel_id.lower(),
                members=None if members is None else list(members),
                is_member=is_member,
                is_private=is_private,
                is_archived=is_archived,
                is_im=False,
                team_id=team_id,
                created=int(self.clock()),
                creator=creator,
            )

    def set_channel(self, channel_id: str, **changes: Any) -> None:
        """Change a channel, e.g. `set_channel("C1", is_member=False)` when the bot is removed."""
        with self._cond:
            channel = self._channels[channel_id]
            for key, value in changes.items():
                if not hasattr(channel, key):
                    raise TypeError(f"unknown channel attribute {key!r}")
                setattr(channel, key, list(value) if key == "members" and value else value)

    def add_user(
        self,
        user_id: str,
        *,
        name: str | None = None,
        real_name: str | None = None,
        is_admin: bool = False,
        is_owner: bool = False,
        is_bot: bool = False,
        deleted: bool = False,
        tz: str = "UTC",
        team_id: str | None = None,
        guest: str | None = None,
    ) -> None:
        """Create or replace a user (for users.info, conversations.open, views.publish).

        `guest="multi-channel"` or `"single-channel"` makes a guest, as users.info shows
        one: `is_restricted`, and for a single-channel guest `is_ultra_restricted` too.
        """
        if guest not in (None, "multi-channel", "single-channel"):
            raise ValueError(f"guest is multi-channel or single-channel, not {guest!r}")
        ZoneInfo(tz)  # fail early on a bad zone name
        with self._cond:
            self._users[user_id] = User(
                id=user_id,
                name=name or user_id.lower(),
                real_name=real_name or name or user_id,
                team_id=team_id,
                is_admin=is_admin or is_owner,
                is_owner=is_owner,
                is_bot=is_bot,
                deleted=deleted,
                tz=tz,
                is_restricted=guest is not None,
                is_ultra_restricted=guest == "single-channel",
            )

    def dm_channel(self, user_id: str) -> str:
        """The id of the bot's DM with `user_id` (the one conversations.open returns)."""
        channel_id = "D" + user_id[1:]
        with self._cond:
            if channel_id not in self._channels:
                self._channels[channel_id] = Channel(
                    id=channel_id,
                    name=channel_id,
                    members=[user_id],
                    is_member=True,
                    is_private=True,
                    is_archived=False,
                    is_im=True,
                    team_id=None,
                    created=int(self.clock()),
                )
        return channel_id

    def add_oauth_client(self, client_id: str, client_secret: str) -> None:
        """Accept this app's client id and secret on oauth.v2.access."""
        with self._cond:
            self._oauth_clients[client_id] = client_secret

    def add_oauth_code(
        self,
        code: str,
        *,
        client_id: str,
        team_id: str = TEAM_ID,
        team_name: str = TEAM_NAME,
        bot_token: str | None = None,
        bot_user_id: str = BOT_USER_ID,
        bot_id: str = BOT_ID,
        scope: str = "chat:write,commands,im:history,im:write,users:read,app_mentions:read",
        authed_user_id: str = "U0INSTALL1",
        user_scope: str | None = None,
        app_id: str = APP_ID,
        enterprise_id: str | None = None,
        is_enterprise_install: bool = False,
        expires_in: int | None = None,
    ) -> dict[str, Any]:
        """Make `code` exchangeable once; returns the oauth.v2.access payload it will give.

        On exchange the bot token becomes a known token for the team. `expires_in` (seconds)
        is token rotation: the token expires then and the payload carries a `refresh_token`
        that `grant_type=refresh_token` exchanges, once, for a new pair.
        `is_enterprise_install` (with `enterprise_id`): an org-wide install, no team.
        """
        bot_token = bot_token or f"xoxb-{team_id}-{next(self._ids)}-installed"
        org_wide = is_enterprise_install and enterprise_id is not None
        payload: dict[str, Any] = {
            "ok": True,
            "app_id": app_id,
            "authed_user": {"id": authed_user_id},
            "scope": scope,
            "token_type": "bot",
            "access_token": bot_token,
            "bot_user_id": bot_user_id,
            "team": None if org_wide else {"id": team_id, "name": team_name},
            "enterprise": None if enterprise_id is None else {"id": enterprise_id, "name": "E"},
            "is_enterprise_install": org_wide,
        }
        if expires_in is not None:
            payload["refresh_token"] = self._new_refresh_token()
            payload["expires_in"] = expires_in
        if user_scope:
            payload["authed_user"].update(
                scope=user_scope,
                access_token=f"xoxp-{team_id}-{authed_user_id}-installed",
                token_type="user",
            )
        with self._cond:
            self._oauth_codes[code] = {
                "client_id": client_id,
                "payload": payload,
                "token": dict(
                    token=bot_token,
                    team_id=team_id,
                    user_id=bot_user_id,
                    bot_id=bot_id,
                    team_name=team_name,
                    enterprise_id=enterprise_id,
                    is_enterprise_install=org_wide,
                ),
            }
        return payload

    def _new_refresh_token(self) -> str:
        return f"xoxe-1-refresh-{next(self._ids)}"

    def refresh_tokens(self) -> list[str]:
        """The refresh tokens that can still be exchanged (each one works once)."""
        with self._cond:
            return list(self._refresh_tokens)

    def response_url(self, name: str) -> str:
        """A response URL (`.../response/<name>`) to put into a command or action payload."""
        with self._cond:
            self._response_urls.setdefault(name, _ResponseUrl(name, self.clock()))
        return f"{self.base_url}/response/{name}"

    def set_file_processing(self, seconds: float) -> None:
        """A completed file becomes usable in image blocks only `seconds` later (Slack scans
        and processes uploads asynchronously; until then: "invalid slack file")."""
        with self._cond:
            self._file_processing = seconds

    def files(self) -> list[UploadedFile]:
        """Files started with files.getUploadURLExternal, oldest first (copies)."""
        with self._cond:
            return [dataclasses.replace(f) for f in self._files.values()]

    def handle(self, method: str, handler: Handler) -> None:
        """Answer `method` with `handler(args, token)` after the usual checks."""
        with self._cond:
            self._handlers[method] = handler

    # -- fault injection -------------------------------------------------------

    def fail(
        self,
        method: str,
        *,
        status: int | None = None,
        retry_after: float | None = 1,
        error: str | None = None,
        times: int | None = 1,
        delay: float = 0.0,
        when: Callable[[dict[str, Any]], bool] | None = None,
    ) -> None:
        """Make the next `times` calls of `method` (or "response_url") misbehave.

        - default: HTTP 429, `Retry-After: retry_after`, `{"ok": false, "error": "ratelimited"}`
        - `status=500` (or any code): that status, error `internal_error` unless given
        - `error="not_in_channel"` (no status): HTTP 200 with that Slack error
        - `delay=s` alone: answer normally but only after `s` seconds (a client timeout);
          the call still takes effect, as on Slack. With status/error: fail after the delay.
        `times=None` keeps failing until `clear_faults()`; `when(args)` narrows the calls hit.
        """
        if status is None:
            status = 200 if error is not None else None if delay else 429
        with self._cond:
            self._faults.append(_Fault(method, status, error, retry_after, delay, times, when))

    def clear_faults(self) -> None:
        """Drop every pending injected fault."""
        with self._cond:
            self._faults.clear()

    # -- inspection ------------------------------------------------------------

    def calls(self, method: str | None = None) -> list[Call]:
        """Every request so far (of `method`, if given), oldest first."""
        with self._cond:
            return [c for c in self._calls if method is None or c.method == method]

    def messages(self, channel: str | None = None) -> list[Message]:
        """Messages posted (incl. thread replies, excl. ephemerals), in ts order."""
        with self._cond:
            found = [m for m in self._messages.values() if channel in (None, m.channel)]
        return sorted(found, key=lambda m: (float(m.ts), m.channel))

    def unfurls(self) -> list[Unfurl]:
        """Link previews from chat.unfurl, oldest first."""
        with self._cond:
            return list(self._unfurls)

    def ephemerals(self, channel: str | None = None, *, user: str | None = None) -> list[Message]:
        """Ephemeral messages from chat.postEphemeral, oldest first."""
        with self._cond:
            return [
                m
                for m in self._ephemerals
                if channel in (None, m.channel) and user in (None, m.ephemeral_to)
            ]

    def responses(self, name: str | None = None) -> list[Call]:
        """Accepted posts to response URLs (of `name`, if given); `.args` is the JSON body."""
        with self._cond:
            return [
                c
                for c in self._calls
                if c.method == "response_url" and c.ok and name in (None, c.name)
            ]

    def home_view(self, user_id: str) -> dict[str, Any] | None:
        """The App Home view last published for `user_id`."""
        with self._cond:
            return self._home_views.get(user_id)

    @property
    def errors(self) -> list[Problem]:
        with self._cond:
            return [p for p in self._problems if p.level == "error"]

    @property
    def warnings(self) -> list[Problem]:
        with self._cond:
            return [p for p in self._problems if p.level == "warning"]

    def assert_no_errors(self, *, allow_warnings: bool = False) -> None:
        """Fail if the app sent anything malformed (and, unless allowed, any warning)."""
        with self._cond:
            problems = [p for p in self._problems if allow_warnings is False or p.level == "error"]
        if problems:
            raise AssertionError("fake Slack saw problems:\n" + "\n".join(map(str, problems)))

    def clear_calls(self) -> None:
        """Forget recorded calls and problems (setup and state are kept)."""
        with self._cond:
            self._calls.clear()
            self._problems.clear()

    def wait_for(
        self,
        predicate_or_method: str | Callable[[Call], bool],
        count: int = 1,
        timeout: float = 5,
        *,
        ok: bool | None = None,
    ) -> list[Call]:
        """Block until `count` recorded calls match; return them, or raise AssertionError.

        A string matches that method ("response_url" for response URLs); a callable gets
        each `Call`. `ok=True`/`False` also requires success/failure.
        """
        if isinstance(predicate_or_method, str):
            method = predicate_or_method

            def predicate(c: Call) -> bool:
                return c.method == method
        else:
            predicate = predicate_or_method

        def matches() -> list[Call]:
            return [c for c in self._calls if predicate(c) and ok in (None, c.ok)]

        deadline = time.monotonic() + timeout
        with self._cond:
            while len(found := matches()) < count:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    seen = "\n".join(
                        f"  {c.method} {c.status} {c.error or 'ok'}" for c in self._calls
                    )
                    raise AssertionError(
                        f"waited {timeout}s for {count} x {predicate_or_method!r} "
                        f"(ok={ok}); found {len(found)}. Calls:\n{seen or '  (none)'}"
                    )
                self._cond.wait(remaining)
            return found

    # -- HTTP entry point (called from server threads) --------------------------

    def _answer(self, verb: str, path: str, headers: dict[str, str], body: bytes) -> _Reply:
        parts = urlsplit(path)
        at = self.clock()
        if parts.path.startswith("/api/"):
            return self._answer_api(unquote(parts.path[5:]), parts.query, headers, body, at)
        if parts.path.startswith("/response/") and verb == "POST":
            return self._answer_response_url(unquote(parts.path[10:]), headers, body, at)
        if parts.path.startswith("/upload/") and verb == "POST":
            return self._answer_upload(unquote(parts.path[8:]), headers, body, at)
        return _text_reply(404, "not_found")

    def _take_fault(self, method: str, args: dict[str, Any]) -> _Fault | None:
        with self._cond:
            for fault in self._faults:
                if fault.method == method and _matches(fault, args):
                    if fault.times is not None:
                        fault.times -= 1
                        if fault.times <= 0:
                            self._faults.remove(fault)
                    return fault
        return None

    def _fault_reply(self, fault: _Fault) -> tuple[_Reply, dict[str, Any]] | None:
        if fault.delay:
            self._closing.wait(fault.delay)
        if fault.status is None:
            return None
        default = {429: "ratelimited"}.get(fault.status, "internal_error")
        payload = {"ok": False, "error": fault.error or default}
        headers = []
        if fault.status == 429 and fault.retry_after is not None:
            headers.append(("Retry-After", f"{fault.retry_after:g}"))
        return _json_reply(fault.status, payload, headers), payload

    def _record(self, call: Call) -> None:
        with self._cond:
            self._calls.append(call)
            self._cond.notify_all()

    def _problem(self, level: str, method: str, message: str) -> None:
        with self._cond:
            self._problems.append(Problem(level, method, message))
            logger.warning("fake Slack %s in %s: %s", level, method, message)

    def _answer_api(
        self, method: str, query: str, headers: dict[str, str], body: bytes, at: float
    ) -> _Reply:
        args, is_json = _read_args(headers, query, body)
        token = _bearer(headers) or args.pop("token", None)
        args.pop("token", None)
        fault = self._take_fault(method, args)
        injected = self._fault_reply(fault) if fault else None
        if injected is not None:
            reply, payload = injected
        else:
            try:
                payload = {"ok": True, **self._dispatch(method, args, token, headers, is_json)}
            except _SlackError as exc:
                if exc.problem:
                    self._problem("error", method, exc.problem)
                payload = {"ok": False, "error": exc.error, **exc.extra}
                reply = _json_reply(exc.status, payload)
            else:
                reply = _json_reply(200, payload)
        self._record(Call(method, args, token, headers, at, reply.status, payload))
        return reply

    def _answer_response_url(
        self, name: str, headers: dict[str, str], body: bytes, at: float
    ) -> _Reply:
        try:
            args = json.loads(body or b"null")
        except ValueError:
            args = None
        fault = self._take_fault("response_url", args if isinstance(args, dict) else {})
        injected = self._fault_reply(fault) if fault else None
        if injected is not None:
            reply, payload = injected
        else:
            try:
                self._use_response_url(name, args)
            except _SlackError as exc:
                if exc.problem:
                    self._problem("error", "response_url", exc.problem)
                reply, payload = (
                    _text_reply(exc.status, exc.error),
                    {"ok": False, "error": exc.error},
                )
            else:
                reply, payload = _text_reply(200, "ok"), {"ok": True}
        record_args = args if isinstance(args, dict) else {"_raw": body.decode(errors="replace")}
        self._record(
            Call("response_url", record_args, None, headers, at, reply.status, payload, name)
        )
        return reply

    def _answer_upload(
        self, file_id: str, headers: dict[str, str], body: bytes, at: float
    ) -> _Reply:
        """The upload URL: the file's bytes, raw (as slack_sdk sends them) or as a form."""
        fault = self._take_fault("upload", {"file_id": file_id})
        injected = self._fault_reply(fault) if fault else None
        if injected is not None:
            reply, payload = injected
        else:
            with self._cond:
                found = self._files.get(file_id)
                if found is None or found.data is not None:
                    problem = "no such upload" if found is None else "uploaded twice"
                    self._problem("error", "upload", f"{problem}: {file_id}")
                    reply, payload = _text_reply(404, "not_found"), {"ok": False}
                else:
                    data = body
                    if headers.get("content-type", "").startswith("multipart/form-data"):
                        fields = _parse_multipart(headers["content-type"], body)
                        data = next((v for v in fields.values() if isinstance(v, bytes)), b"")
                    found.data = data
                    reply, payload = _text_reply(200, f"OK - {len(data)}"), {"ok": True}
        self._record(
            Call(
                "upload",
                {"file_id": file_id, "bytes": len(body)},
                None,
                headers,
                at,
                reply.status,
                payload,
                file_id,
            )
        )
        return reply

    def _use_response_url(self, name: str, body: Any) -> None:
        with self._cond:
            url = self._response_urls.get(name)
            if url is None:
                raise _SlackError("no_service", status=404)
            if self.clock() - url.created > RESPONSE_URL_LIFETIME:
                raise _SlackError("expired_url", status=404)
            if url.uses >= RESPONSE_URL_USES:
                raise _SlackError("used_url", status=404)
            if not isinstance(body, dict):
                raise _SlackError(
                    "invalid_payload", status=400, problem="body is not a JSON object"
                )
            if not body.get("delete_original"):
                if not (body.get("text") or body.get("blocks") or body.get("attachments")):
                    raise _SlackError(
                        "no_text", status=400, problem="no text, blocks or attachments"
                    )
                self._check_message_content("response_url", body, error_status=400)
            url.uses += 1

    # -- method dispatch ---------------------------------------------------------

    def _dispatch(
        self,
        method: str,
        args: dict[str, Any],
        token: str | None,
        headers: dict[str, str],
        is_json: bool,
    ) -> Mapping[str, Any]:
        spec = self._methods.get(method)
        if spec is None:
            raise _SlackError("unknown_method", problem=f"no such method {method!r}")
        if is_json and not spec.json_body:
            self._problem(
                "warning", method, "JSON body sent to a method Slack documents as form-only"
            )
        unknown = sorted(set(args) - spec.allowed)
        if unknown:
            self._problem("warning", method, f"argument(s) Slack does not document: {unknown}")
        auth = self._authenticate(spec, token)
        missing = sorted(name for name in spec.required if args.get(name) in (None, "", [], {}))
        if missing:
            raise _SlackError(
                "invalid_arguments",
                extra={
                    "response_metadata": {
                        "messages": [f"missing required field: {name}" for name in missing]
                    }
                },
                problem=f"missing required argument(s) {missing}",
            )
        handler = self._handlers.get(method) or _BUILTIN_HANDLERS.get(method)
        with self._cond:
            if handler is None:
                return {}
            if method in self._handlers:
                return handler(args, auth)
            return handler(self, args, auth, headers)

    def _authenticate(self, spec: MethodSpec, token: str | None) -> Token | None:
        if not spec.needs_token:
            return None
        if not token:
            raise _SlackError("not_authed", problem="no token (Authorization header or token)")
        with self._cond:
            if token in self._revoked:
                raise _SlackError("token_revoked")
            auth = self._tokens.get(token)
        if auth is None:
            raise _SlackError("invalid_auth")
        if auth.expires_at is not None and self.clock() >= auth.expires_at:
            raise _SlackError("token_expired")
        if auth.is_app_level != (spec.name in APP_TOKEN_METHODS):
            kind = "an app-level" if auth.is_app_level else "a bot or user"
            raise _SlackError(
                "not_allowed_token_type", problem=f"{spec.name} called with {kind} token"
            )
        return auth

    # -- lookups (hold the lock) -------------------------------------------------

    def _visible(self, team_id: str | None, auth: Token | None) -> bool:
        if auth is not None and auth.is_enterprise_install:
            return True  # the fake knows one org: an org-wide token reaches every team
        return team_id is None or auth is None or team_id == auth.team_id

    def _channel(self, value: Any, auth: Token | None) -> Channel:
        value = str(value or "")
        channel = self._channels.get(value)
        if channel is None and value[:1] in ("U", "W") and value in self._users:
            channel = self._channels[self.dm_channel(value)]
        if channel is None:
            name = value.removeprefix("#")
            channel = next((c for c in self._channels.values() if c.name == name), None)
        if channel is None or not self._visible(channel.team_id, auth):
            raise _SlackError("channel_not_found")
        return channel

    def _user(self, user_id: Any, auth: Token | None) -> User:
        user = self._users.get(str(user_id or ""))
        if user is None or not self._visible(user.team_id, auth):
            raise _SlackError("user_not_found")
        return user

    def _next_ts(self) -> str:
        us = max(int(self.clock() * 1_000_000), self._last_ts_us + 1)
        self._last_ts_us = us
        return f"{us // 1_000_000}.{us % 1_000_000:06d}"

    # -- content validation ------------------------------------------------------

    def _check_message_content(
        self,
        method: str,
        args: Mapping[str, Any],
        *,
        error_status: int = 200,
        auth: Token | None = None,
    ) -> list[dict[str, Any]] | None:
        """Validate blocks and text; return the parsed blocks."""
        text = args.get("text")
        blocks = self._check_blocks(
            method, args.get("blocks"), limit=MESSAGE_BLOCK_LIMIT, status=error_status
        )
        self._check_slack_files(blocks or [], auth, status=error_status)
        if blocks and not text:
            self._problem("warning", method, "blocks without a plain-text `text` fallback")
        if isinstance(text, str) and len(text) > MESSAGE_TEXT_LIMIT:
            self._problem("warning", method, f"text of {len(text)} chars; Slack truncates it")
        return blocks

    def _check_blocks(
        self,
        method: str,
        raw: Any,
        *,
        limit: int,
        status: int = 200,
        error: str = "invalid_blocks",
        pointer: str = "/blocks",
    ) -> list[dict[str, Any]] | None:
        if raw is None or raw == "":
            return None
        if isinstance(raw, str):
            try:
                raw = json.loads(raw)
            except ValueError as exc:
                raise _SlackError(
                    "invalid_blocks_format", status=status, problem=f"blocks are not JSON: {exc}"
                ) from None
        if not isinstance(raw, list):
            raise _SlackError(
                "invalid_blocks_format", status=status, problem="blocks are not a JSON array"
            )
        messages = _block_errors(raw, limit=limit, pointer=pointer)
        if messages:
            for message in messages:
                self._problem("error", method, message)
            raise _SlackError(
                error,
                status=status,
                extra={
                    "errors": messages,
                    "response_metadata": {"messages": [f"[ERROR] {m}" for m in messages]},
                },
            )
        for dropped in _dropped_keys_all(raw, pointer):
            self._problem("warning", method, f"slack_sdk does not know {dropped}")
        total = _block_text_length(raw)
        if total > BLOCK_TEXT_LIMIT:
            self._problem(
                "error",
                method,
                f"{total} chars of block text (keep under {BLOCK_TEXT_LIMIT}; "
                "Slack answers msg_blocks_too_long at ~13k)",
            )
        return raw

    def _check_slack_files(
        self, blocks: list[dict[str, Any]], auth: Token | None, *, status: int
    ) -> None:
        """An image block's `slack_file` must be a finished, processed upload of the same
        workspace; Slack answers "invalid slack file" otherwise."""
        errors = []
        for i, block in enumerate(blocks):
            reference = block.get("slack_file") if block.get("type") == "image" else None
            if not isinstance(reference, dict) or "id" not in reference:
                continue
            found = self._files.get(str(reference["id"]))
            usable = (
                found is not None
                and found.completed_at is not None
                and self.clock() >= found.completed_at + self._file_processing
                # a private upload (no channel) is the uploader's own to show
                and (auth is None or found.channel is not None or found.user_id == auth.user_id)
                and (auth is None or self._visible(found.team_id, auth))
            )
            if not usable:
                errors.append(f"invalid slack file [json-pointer:/blocks/{i}/slack_file]")
        if errors:
            raise _SlackError(
                "invalid_blocks",
                status=status,
                extra={
                    "errors": errors,
                    "response_metadata": {"messages": [f"[ERROR] {e}" for e in errors]},
                },
            )

    def _require_content(self, method: str, args: Mapping[str, Any]) -> None:
        present = [k for k in ("text", "blocks", "attachments") if args.get(k) not in (None, "")]
        if args.get("markdown_text"):
            if "text" in present or "blocks" in present:
                raise _SlackError(
                    "markdown_text_conflict", problem="markdown_text with text/blocks"
                )
            return
        if not present:
            raise _SlackError("no_text", problem="none of text, blocks, attachments, markdown_text")


# ---------------------------------------------------------------------------
# Stateful handlers: (fake, args, token, headers) -> response fields; lock is held
# ---------------------------------------------------------------------------


def _auth_test(fake: FakeSlack, args: dict, auth: Token, headers: dict) -> dict:
    body = {
        "url": f"https://{auth.team_domain}.slack.com/",
        "team": auth.team_name,
        "user": auth.user_name,
        "team_id": auth.team_id,
        "user_id": auth.user_id,
        "is_enterprise_install": auth.is_enterprise_install,
    }
    if auth.bot_id:
        body["bot_id"] = auth.bot_id
    if auth.enterprise_id:
        body["enterprise_id"] = auth.enterprise_id
    return body


def _post_message(fake: FakeSlack, args: dict, auth: Token, headers: dict) -> dict:
    fake._require_content("chat.postMessage", args)
    blocks = fake._check_message_content("chat.postMessage", args, auth=auth)
    channel = fake._channel(args["channel"], auth)
    if channel.is_archived:
        raise _SlackError("is_archived")
    if not channel.is_member:
        raise _SlackError("not_in_channel")
    thread_ts = args.get("thread_ts") or None
    broadcast = _truthy(args.get("reply_broadcast"))
    if broadcast and not thread_ts:
        fake._problem("warning", "chat.postMessage", "reply_broadcast without thread_ts")
    message = Message(
        channel=channel.id,
        ts=fake._next_ts(),
        text=args.get("text"),
        blocks=blocks,
        attachments=_maybe_json(args.get("attachments")),
        user=auth.user_id,
        bot_id=auth.bot_id,
        team_id=auth.team_id,
        thread_ts=str(thread_ts) if thread_ts else None,
        reply_broadcast=broadcast,
        args=dict(args),
    )
    fake._messages[(channel.id, message.ts)] = message
    return {"channel": channel.id, "ts": message.ts, "message": _message_json(message)}


def _post_ephemeral(fake: FakeSlack, args: dict, auth: Token, headers: dict) -> dict:
    fake._require_content("chat.postEphemeral", args)
    blocks = fake._check_message_content("chat.postEphemeral", args, auth=auth)
    channel = fake._channel(args["channel"], auth)
    user = str(args["user"])
    if channel.is_archived:
        raise _SlackError("is_archived")
    if not channel.is_member:
        raise _SlackError("not_in_channel")
    if channel.members is not None and user not in channel.members:
        raise _SlackError("user_not_in_channel")
    message = Message(
        channel=channel.id,
        ts=fake._next_ts(),
        text=args.get("text"),
        blocks=blocks,
        attachments=_maybe_json(args.get("attachments")),
        user=auth.user_id,
        bot_id=auth.bot_id,
        team_id=auth.team_id,
        thread_ts=args.get("thread_ts") or None,
        ephemeral_to=user,
        args=dict(args),
    )
    fake._ephemerals.append(message)
    return {"message_ts": message.ts}


def _unfurl(fake: FakeSlack, args: dict, auth: Token, headers: dict) -> dict:
    """chat.unfurl: a message by channel and ts, or by unfurl_id and source; `unfurls` is a
    JSON object of url -> attachment, whose blocks are checked like a message's."""
    by_id = bool(args.get("unfurl_id") or args.get("source"))
    if by_id:
        if not args.get("unfurl_id"):
            raise _SlackError("missing_unfurl_id")
        if args.get("source") not in ("composer", "conversations_history"):
            raise _SlackError("invalid_source")
        channel = ts = None
    else:
        if not args.get("channel"):
            raise _SlackError("missing_channel")
        if not args.get("ts"):
            raise _SlackError("missing_ts")
        channel, ts = fake._channel(args["channel"], auth).id, str(args["ts"])
    unfurls = _maybe_json(args.get("unfurls"))
    if not unfurls:
        raise _SlackError("missing_unfurls")
    if not isinstance(unfurls, dict) or not all(
        isinstance(url, str) and isinstance(preview, dict) for url, preview in unfurls.items()
    ):
        raise _SlackError("invalid_unfurls_format")
    for url, preview in unfurls.items():
        fake._check_blocks(
            "chat.unfurl", preview.get("blocks"), limit=50, pointer=f"/unfurls/{url}/blocks"
        )
    fake._unfurls.append(
        Unfurl(
            unfurls=unfurls,
            channel=channel,
            ts=ts,
            unfurl_id=args.get("unfurl_id"),
            source=args.get("source"),
        )
    )
    return {}


def _update(fake: FakeSlack, args: dict, auth: Token, headers: dict) -> dict:
    fake._require_content("chat.update", args)
    blocks = fake._check_message_content("chat.update", args, auth=auth)
    channel = fake._channel(args["channel"], auth)
    old = fake._messages.get((channel.id, str(args["ts"])))
    if old is None:
        raise _SlackError("message_not_found")
    if old.user != auth.user_id:
        raise _SlackError("cant_update_message")
    new = dataclasses.replace(
        old,
        text=args.get("text"),
        blocks=blocks,
        attachments=_maybe_json(args.get("attachments")),
        updates=old.updates + 1,
        args=dict(args),
    )
    fake._messages[(channel.id, old.ts)] = new
    return {"channel": channel.id, "ts": old.ts, "text": new.text, "message": _message_json(new)}


def _conversations_open(fake: FakeSlack, args: dict, auth: Token, headers: dict) -> dict:
    if args.get("channel"):
        channel = fake._channel(args["channel"], auth)
    else:
        users = args.get("users")
        users = [u.strip() for u in users.split(",")] if isinstance(users, str) else users
        users = [u for u in users or () if u]
        if not users:
            raise _SlackError(
                "users_list_not_supplied", problem="conversations.open needs users or channel"
            )
        for user_id in users:
            fake._user(user_id, auth)
        if len(users) > 1:
            channel_id = "G" + hashlib.sha1(",".join(sorted(users)).encode()).hexdigest()[:9]
            channel_id = channel_id.upper()
            if channel_id not in fake._channels:
                fake._channels[channel_id] = Channel(
                    channel_id, channel_id, [*users], True, True, False, False, None, 0
                )
            channel = fake._channels[channel_id]
        else:
            channel = fake._channels[fake.dm_channel(users[0])]
    if _truthy(args.get("return_im")):
        return {"channel": _channel_json(channel, auth), "already_open": True}
    return {"channel": {"id": channel.id}}


def _conversations_info(fake: FakeSlack, args: dict, auth: Token, headers: dict) -> dict:
    channel = fake._channel(args["channel"], auth)
    return {"channel": _channel_json(channel, auth, _truthy(args.get("include_num_members")))}


def _conversations_members(fake: FakeSlack, args: dict, auth: Token, headers: dict) -> dict:
    channel = fake._channel(args["channel"], auth)
    members = list(channel.members or [])
    if channel.is_member and auth.user_id not in members:
        members.append(auth.user_id)
    limit = int(args.get("limit") or 100)
    try:
        start = int(base64.b64decode(args.get("cursor") or "b2Zmc2V0OjA=").decode()[7:])
    except (ValueError, binascii.Error):
        raise _SlackError("invalid_cursor") from None
    page = members[start : start + limit]
    more = start + limit < len(members)
    cursor = base64.b64encode(f"offset:{start + limit}".encode()).decode() if more else ""
    return {"members": page, "response_metadata": {"next_cursor": cursor}}


def _users_info(fake: FakeSlack, args: dict, auth: Token, headers: dict) -> dict:
    user = fake._user(args["user"], auth)
    zone = ZoneInfo(user.tz)
    now = datetime.now(UTC).astimezone(zone)
    offset = now.utcoffset()
    return {
        "user": {
            "id": user.id,
            "team_id": user.team_id or auth.team_id,
            "name": user.name,
            "real_name": user.real_name,
            "deleted": user.deleted,
            "tz": user.tz,
            "tz_label": now.tzname(),
            "tz_offset": int(offset.total_seconds()) if offset else 0,
            "is_admin": user.is_admin,
            "is_owner": user.is_owner,
            "is_primary_owner": False,
            "is_restricted": user.is_restricted,
            "is_ultra_restricted": user.is_ultra_restricted,
            "is_bot": user.is_bot,
            "is_app_user": False,
            "profile": {"real_name": user.real_name, "display_name": user.name},
        }
    }


def _views_publish(fake: FakeSlack, args: dict, auth: Token, headers: dict) -> dict:
    user_id = str(args["user_id"])
    if user_id not in fake._users or not fake._visible(fake._users[user_id].team_id, auth):
        raise _SlackError(
            "invalid_arguments", extra={"response_metadata": {"messages": ["invalid `user_id`"]}}
        )
    view = _maybe_json(args["view"])
    if not isinstance(view, dict):
        raise _SlackError("invalid_arguments", problem="view is not a JSON object")
    if view.get("type") != "home":
        raise _SlackError("invalid_arguments", problem="views.publish needs a view of type home")
    _check_view(fake, "views.publish", view)
    previous = fake._home_views.get(user_id)
    if args.get("hash") and previous and args["hash"] != previous["hash"]:
        raise _SlackError("hash_conflict")
    published = {
        **view,
        "id": previous["id"] if previous else f"V{next(fake._ids):09d}",
        "team_id": auth.team_id,
        "app_id": APP_ID,
        "bot_id": auth.bot_id,
        "hash": f"{int(fake.clock())}.{next(fake._ids)}",
    }
    fake._home_views[user_id] = published
    return {"view": published}


def _check_view(fake: FakeSlack, method: str, view: dict) -> None:
    """A view's blocks within Slack's limits, and the view as slack_sdk's `View` reads it."""
    fake._check_blocks(
        method,
        view.get("blocks"),
        limit=VIEW_BLOCK_LIMIT,
        error="invalid_arguments",
        pointer="/view/blocks",
    )
    try:
        View(**view).to_dict()
    except Exception as exc:
        raise _SlackError(
            "invalid_arguments",
            extra={"response_metadata": {"messages": [f"[ERROR] {exc}"]}},
            problem=f"view: {exc}",
        ) from None


def _views_open(fake: FakeSlack, args: dict, auth: Token, headers: dict) -> dict:
    """A modal opened from an interaction; the opened views are `fake.calls("views.open")`."""
    if not str(args.get("trigger_id") or ""):
        raise _SlackError("invalid_trigger_id")
    view = _maybe_json(args["view"])
    if not isinstance(view, dict) or view.get("type") != "modal":
        raise _SlackError("invalid_arguments", problem="views.open needs a view of type modal")
    _check_view(fake, "views.open", view)
    return {"view": {**view, "id": f"V{next(fake._ids):09d}", "team_id": auth.team_id}}


def _apps_connections_open(fake: FakeSlack, args: dict, auth: Token, headers: dict) -> dict:
    if fake._socket_mode_url is None:
        raise _SlackError(
            "internal_error", problem="apps.connections.open, but no Socket Mode server attached"
        )
    return {"url": fake._socket_mode_url(str(auth.app_id))}


def _oauth_v2_access(fake: FakeSlack, args: dict, auth: None, headers: dict) -> dict:
    client_id, client_secret = _basic_auth(headers)
    client_id = client_id or args.get("client_id")
    client_secret = client_secret or args.get("client_secret")
    if not client_id or client_id not in fake._oauth_clients:
        raise _SlackError("invalid_client_id")
    if client_secret != fake._oauth_clients[client_id]:
        raise _SlackError("bad_client_secret")
    grant_type = args.get("grant_type") or "authorization_code"
    if grant_type == "refresh_token":
        return _refresh(fake, client_id, str(args.get("refresh_token") or ""))
    if grant_type != "authorization_code":
        raise _SlackError("invalid_grant_type")
    grant = fake._oauth_codes.get(str(args.get("code") or ""))
    if grant is None or grant["client_id"] != client_id:
        raise _SlackError("invalid_code")
    del fake._oauth_codes[args["code"]]  # codes are single-use
    payload = {k: v for k, v in grant["payload"].items() if k != "ok"}
    _issue(fake, client_id, grant["token"], payload)
    return payload


def _issue(fake: FakeSlack, client_id: str, token: dict, payload: dict) -> None:
    """Accept the payload's access token; with rotation, until it expires, and remember its
    refresh token for the next exchange."""
    expires_in = payload.get("expires_in")
    expires_at = None if expires_in is None else fake.clock() + expires_in
    fake.add_token(**(token | {"token": payload["access_token"], "expires_at": expires_at}))
    if expires_in is not None:
        fake._refresh_tokens[payload["refresh_token"]] = {
            "client_id": client_id,
            "token": token,
            "payload": payload,
        }


def _refresh(fake: FakeSlack, client_id: str, refresh_token: str) -> dict:
    """Token rotation: a new access token (12 hours) and a new refresh token; the one used is
    revoked (docs: using-token-rotation), the old access token lasts until it expires."""
    grant = fake._refresh_tokens.get(refresh_token)
    if grant is None or grant["client_id"] != client_id:
        raise _SlackError("invalid_refresh_token")
    del fake._refresh_tokens[refresh_token]
    team = grant["token"]["team_id"]
    payload = grant["payload"] | {
        "access_token": f"xoxe.xoxb-{team}-{next(fake._ids)}-rotated",
        "refresh_token": fake._new_refresh_token(),
        "expires_in": ROTATED_TOKEN_LIFETIME,
    }
    _issue(fake, client_id, grant["token"], payload)
    return payload


def _get_upload_url(fake: FakeSlack, args: dict, auth: Token, headers: dict) -> dict:
    try:
        length = int(str(args["length"]))
    except ValueError:
        raise _SlackError("invalid_arguments", problem="length is not a number") from None
    if length <= 0:  # Slack's docs: missing_argument "when the `length` provided is 0"
        raise _SlackError("missing_argument", problem=f"length {length}")
    alt_txt = args.get("alt_txt")
    if alt_txt is not None and len(str(alt_txt)) > ALT_TXT_LIMIT:
        raise _SlackError(
            "alt_txt_too_large",
            problem=f"alt_txt of {len(str(alt_txt))} chars (max {ALT_TXT_LIMIT})",
        )
    file_id = f"F{next(fake._ids):010d}"
    fake._files[file_id] = UploadedFile(
        id=file_id,
        team_id=auth.team_id,
        user_id=auth.user_id,
        filename=str(args["filename"]),
        length=length,
        alt_txt=None if alt_txt is None else str(alt_txt),
    )
    return {"upload_url": f"{fake.base_url}/upload/{file_id}", "file_id": file_id}


def _complete_upload(fake: FakeSlack, args: dict, auth: Token, headers: dict) -> dict:
    listed = _maybe_json(args["files"])
    if not isinstance(listed, list) or not all(isinstance(f, dict) and "id" in f for f in listed):
        raise _SlackError("invalid_arguments", problem="files is not a JSON array of {id, title}")
    found = []
    for entry in listed:
        upload = fake._files.get(str(entry["id"]))
        if upload is None or upload.team_id != auth.team_id or upload.completed_at is not None:
            raise _SlackError("file_not_found", problem=f"no open upload {entry['id']}")
        if upload.data is None or len(upload.data) != upload.length:
            sent = "no bytes" if upload.data is None else f"{len(upload.data)} bytes"
            raise _SlackError(
                "file_not_found", problem=f"{upload.id}: {sent} uploaded, {upload.length} declared"
            )
        found.append((upload, entry.get("title")))
    channel = None
    if args.get("channel_id"):
        channel = fake._channel(args["channel_id"], auth)
        if not channel.is_member:
            raise _SlackError("not_in_channel")
    elif args.get("thread_ts"):
        raise _SlackError("invalid_arguments", problem="thread_ts without channel_id")
    for upload, title in found:
        upload.completed_at = fake.clock()
        upload.title = str(title) if title else upload.filename
        upload.channel = channel.id if channel else None
    return {"files": [_file_json(upload) for upload, _ in found]}


def _file_json(upload: UploadedFile) -> dict[str, Any]:
    png = (upload.data or b"").startswith(b"\x89PNG")
    return {
        "id": upload.id,
        "created": int(upload.completed_at or 0),
        "name": upload.filename,
        "title": upload.title,
        "mimetype": "",  # filled in once Slack has processed the file
        "filetype": "png" if png else "",
        "user": upload.user_id,
        "size": upload.length,
        "is_public": False,
        "channels": [upload.channel] if upload.channel else [],
        "shares": {},
    }


_BUILTIN_HANDLERS: dict[str, Callable[..., Mapping[str, Any]]] = {
    "files.getUploadURLExternal": _get_upload_url,
    "files.completeUploadExternal": _complete_upload,
    "apps.connections.open": _apps_connections_open,
    "auth.test": _auth_test,
    "chat.postMessage": _post_message,
    "chat.postEphemeral": _post_ephemeral,
    "chat.unfurl": _unfurl,
    "chat.update": _update,
    "conversations.open": _conversations_open,
    "conversations.info": _conversations_info,
    "conversations.members": _conversations_members,
    "users.info": _users_info,
    "views.publish": _views_publish,
    "views.open": _views_open,
    "oauth.v2.access": _oauth_v2_access,
}


def _message_json(message: Message) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": "message",
        "user": message.user,
        "bot_id": message.bot_id,
        "team": message.team_id,
        "ts": message.ts,
        "text": message.text or "",
    }
    if message.blocks is not None:
        body["blocks"] = message.blocks
    if message.attachments is not None:
        body["attachments"] = message.attachments
    if message.thread_ts:
        body["thread_ts"] = message.thread_ts
    if message.updates:
        body["edited"] = {"user": message.user, "ts": message.ts}
    return body


def _channel_json(channel: Channel, auth: Token, num_members: bool = False) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": channel.id,
        "name": channel.name,
        "is_channel": not channel.is_im and not channel.is_private,
        "is_group": channel.is_private and not channel.is_im,
        "is_im": channel.is_im,
        "is_mpim": channel.id.startswith("G") and not channel.is_im,
        "is_private": channel.is_private,
        "is_archived": channel.is_archived,
        "is_general": False,
        "is_member": channel.is_member,
        "created": channel.created,
        "context_team_id": channel.team_id or auth.team_id,
    }
    if not channel.is_im:
        body["creator"] = channel.creator or ""
    if channel.is_im and channel.members:
        body["user"] = channel.members[0]
    if num_members:
        body["num_members"] = len(channel.members or [])
    return body


# ---------------------------------------------------------------------------
# Block Kit checks
# ---------------------------------------------------------------------------


def _block_errors(blocks: list[Any], *, limit: int, pointer: str) -> list[str]:
    """slack_sdk's validation of each block, plus the per-surface block count."""
    messages = []
    if len(blocks) > limit:
        messages.append(f"no more than {limit} items allowed [json-pointer:{pointer}]")
    for i, block in enumerate(blocks):
        where = f"[json-pointer:{pointer}/{i}]"
        if not isinstance(block, dict):
            messages.append(f"block is not an object {where}")
            continue
        try:
            # Block.parse_all is a list of Block.parse; one at a time keeps the index.
            parsed = Block.parse(block)
            if parsed is None:
                messages.append(f"unsupported block type {block.get('type')!r} {where}")
                continue
            parsed.validate_json()
            parsed.to_dict()  # validates nested elements and text objects too
        except Exception as exc:
            messages.append(f"{type(exc).__name__}: {exc} {where}")
    return messages


def _dropped_keys_all(blocks: list[dict[str, Any]], pointer: str) -> list[str]:
    dropped: list[str] = []
    for i, block in enumerate(blocks):
        parsed = Block.parse(block)
        if parsed is not None:
            dropped.extend(_dropped_keys(block, parsed.to_dict(), f"{pointer}/{i}"))
    return dropped


def _dropped_keys(original: Any, round_trip: Any, path: str) -> Iterable[str]:
    """Keys slack_sdk silently dropped while parsing (unknown or misspelt fields)."""
    if isinstance(original, dict) and isinstance(round_trip, dict):
        for key, value in original.items():
            if value is None:
                continue
            if key not in round_trip:
                yield f"{path}/{key}"
            else:
                yield from _dropped_keys(value, round_trip[key], f"{path}/{key}")
    elif isinstance(original, list) and isinstance(round_trip, list):
        for i, (a, b) in enumerate(zip(original, round_trip, strict=False)):
            yield from _dropped_keys(a, b, f"{path}/{i}")


def _block_text_length(value: Any) -> int:
    """Characters in every `text` string in the blocks (text objects, rich text)."""
    if isinstance(value, dict):
        own = len(value["text"]) if isinstance(value.get("text"), str) else 0
        return own + sum(_block_text_length(v) for v in value.values())
    if isinstance(value, list):
        return sum(_block_text_length(v) for v in value)
    return 0


# ---------------------------------------------------------------------------
# HTTP plumbing
# ---------------------------------------------------------------------------


def _read_args(headers: Mapping[str, str], query: str, body: bytes) -> tuple[dict[str, Any], bool]:
    """Merge query string, form body and JSON body, as Slack does."""
    args: dict[str, Any] = dict(parse_qsl(query, keep_blank_values=True))
    content_type = headers.get("content-type", "")
    is_json = False
    if body:
        if content_type.startswith("application/json"):
            is_json = True
            try:
                data = json.loads(body)
            except ValueError:
                data = None
            if isinstance(data, dict):
                args.update(data)
        elif content_type.startswith("multipart/form-data"):
            args.update(_parse_multipart(content_type, body))
        else:
            args.update(parse_qsl(body.decode("utf-8", errors="replace"), keep_blank_values=True))
    return args, is_json


def _parse_multipart(content_type: str, body: bytes) -> dict[str, Any]:
    head = f"Content-Type: {content_type}\r\n\r\n".encode()
    message = BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
    fields: dict[str, Any] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True) or b""
        if part.get_filename():
            fields[name] = payload
        else:
            fields[name] = payload.decode(part.get_content_charset() or "utf-8")
    return fields


def _bearer(headers: Mapping[str, str]) -> str | None:
    value = headers.get("authorization", "")
    return value[7:].strip() or None if value.lower().startswith("bearer ") else None


def _basic_auth(headers: Mapping[str, str]) -> tuple[str | None, str | None]:
    value = headers.get("authorization", "")
    if not value.lower().startswith("basic "):
        return None, None
    try:
        user, _, password = base64.b64decode(value[6:].strip()).decode().partition(":")
    except (ValueError, binascii.Error):
        return None, None
    return user, password


def _matches(fault: _Fault, args: dict[str, Any]) -> bool:
    try:
        return fault.when is None or bool(fault.when(args))
    except (KeyError, TypeError, ValueError):
        return False  # e.g. the predicate reads an argument this call lacks


def _truthy(value: Any) -> bool:
    return value is True or str(value).lower() in ("1", "true")


def _maybe_json(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in ("[", "{"):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


class _RequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    fake: FakeSlack

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        headers = {k.lower(): v for k, v in self.headers.items()}
        try:
            reply = self.fake._answer(self.command, self.path, headers, body)
        except Exception:  # a bug in the fake must show up in the test, not hang it
            logger.exception("fake Slack crashed on %s %s", self.command, self.path)
            self.fake._problem("error", self.path, "fake Slack raised; see log")
            reply = _text_reply(500, "fake_slack_crashed")
        try:
            self.send_response(reply.status)
            for name, value in reply.headers:
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            self.wfile.write(reply.body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client timed out and went away, as clients do

    def log_message(self, format: str, *args: Any) -> None:
        logger.debug("fake Slack: " + format, *args)
