"""Send signed requests into the running app over HTTP, the way Slack does.

    sender = SlackSender("http://127.0.0.1:3000", signing_secret="...")
    r = sender.command("/who-said", "lavrov", response_url=fake.response_url("who"))
    assert r.status_code == 200

Payload shapes follow Slack's documentation: slash commands are form bodies,
events are a JSON `event_callback` envelope, interactive payloads are a form body
with one `payload` field holding JSON. Every request is signed with the v0 scheme
(`sign`); `raw` sends exactly what a forgery test gives it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlencode, urlsplit

import httpx

from .slack_api import APP_ID, BOT_USER_ID, TEAM_DOMAIN, TEAM_ID

VERIFICATION_TOKEN = "legacy-verification-token"  # Slack still sends it; Bolt ignores it
FORM = "application/x-www-form-urlencoded"
JSON = "application/json"


def sign(secret: str, timestamp: str | int, body: bytes) -> str:
    """Slack's v0 signature: `v0=` + hex HMAC-SHA256(secret, `v0:{timestamp}:{body}`)."""
    base = b"v0:" + str(timestamp).encode() + b":" + body
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


class SlackSender:
    """Signed HTTP requests into the app's events endpoint.

    `base_url` is the app's origin (`path` is appended) or already the full endpoint URL.
    `clock` gives the timestamp each request is signed with.
    """

    def __init__(
        self,
        base_url: str,
        signing_secret: str,
        *,
        clock: Callable[[], float] = time.time,
        path: str = "/slack/events",
        timeout: float = 10.0,
    ) -> None:
        has_path = urlsplit(base_url).path not in ("", "/")
        self.url = base_url if has_path else base_url.rstrip("/") + path
        self.signing_secret = signing_secret
        self.clock = clock
        self._http = httpx.Client(timeout=timeout, follow_redirects=False)

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> SlackSender:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- payloads ------------------------------------------------------------

    def command(
        self, command: str, text: str = "", *, trigger_id: str | None = None, **fields: Any
    ) -> httpx.Response:
        """A slash command: the form body Slack posts, fields in Slack's order
        (`slash_command_fields` names them; `response_url` is required)."""
        form = slash_command_fields(
            command,
            text,
            trigger_id=trigger_id or f"{int(self.clock())}.1.{_digest(text)}",
            **fields,
        )
        return self.send(urlencode(form).encode(), FORM)

    def event(
        self,
        event: Mapping[str, Any],
        *,
        event_id: str,
        team_id: str = TEAM_ID,
        retry_num: int | None = None,
        retry_reason: str | None = None,
        api_app_id: str = APP_ID,
        bot_user_id: str = BOT_USER_ID,
        event_time: int | None = None,
        timestamp: str | int | None = None,
    ) -> httpx.Response:
        """An Events API `event_callback`; retries carry X-Slack-Retry-Num/-Reason.

        Slack signs every delivery when it sends it, and retries come 1 s, 1 min and 5 min
        after the first attempt, so a retry is signed with a later timestamp (here
        `retry_num` seconds later) and never repeats the first attempt's signature.
        """
        envelope = event_callback(
            event,
            event_id=event_id,
            team_id=team_id,
            api_app_id=api_app_id,
            bot_user_id=bot_user_id,
            event_time=int(self.clock()) if event_time is None else event_time,
        )
        headers = {}
        if retry_num is not None:
            headers["X-Slack-Retry-Num"] = str(retry_num)
        if retry_reason is not None:
            headers["X-Slack-Retry-Reason"] = retry_reason
        if timestamp is None and retry_num:
            timestamp = int(self.clock()) + retry_num
        return self.send(json.dumps(envelope).encode(), JSON, headers=headers, timestamp=timestamp)

    def action(self, payload: Mapping[str, Any]) -> httpx.Response:
        """An interactive payload (block_actions, view_submission, shortcut) as `payload=`."""
        return self.send(urlencode({"payload": json.dumps(payload)}).encode(), FORM)

    def button(
        self,
        action_id: str,
        value: str = "",
        *,
        response_url: str,
        user_id: str = "U0READER01",
        channel_id: str = "C0SUMMIT01",
        team_id: str = TEAM_ID,
        enterprise_id: str | None = None,
        is_enterprise_install: bool = False,
        block_id: str = "actions",
        message: Mapping[str, Any] | None = None,
        container: Mapping[str, Any] | None = None,
        trigger_id: str = "1.2.trigger",
        api_app_id: str = APP_ID,
        view: Mapping[str, Any] | None = None,
    ) -> httpx.Response:
        """A `block_actions` payload for one button click on a message (or, with `view`, on
        that App Home view, as Slack sends it with the view's id and hash); `enterprise_id`
        for a workspace in an Enterprise Grid org (`is_enterprise_install`: org-wide)."""
        message = dict(message or {"type": "message", "ts": "1700000000.000100", "text": ""})
        action_ts = f"{self.clock():.6f}"
        payload = {
            "type": "block_actions",
            "user": {"id": user_id, "username": "reader", "name": "reader", "team_id": team_id},
            "api_app_id": api_app_id,
            "token": VERIFICATION_TOKEN,
            "container": dict(
                container
                or {
                    "type": "message",
                    "message_ts": message.get("ts"),
                    "channel_id": channel_id,
                    "is_ephemeral": False,
                }
            ),
            "trigger_id": trigger_id,
            "team": {"id": team_id, "domain": TEAM_DOMAIN}
            | ({"enterprise_id": enterprise_id} if enterprise_id else {}),
            "enterprise": {"id": enterprise_id, "name": "Enterprise"} if enterprise_id else None,
            "is_enterprise_install": is_enterprise_install,
            "channel": {"id": channel_id, "name": "summit"},
            "message": message,
            "response_url": response_url,
            "actions": [
                {
                    "type": "button",
                    "action_id": action_id,
                    "block_id": block_id,
                    "text": {"type": "plain_text", "text": action_id},
                    "value": value,
                    "action_ts": action_ts,
                }
            ],
        }
        if view is not None:
            payload["view"] = dict(view)
        return self.action(payload)

    def url_verification(self, challenge: str) -> httpx.Response:
        """The handshake Slack sends when the Request URL is saved."""
        body = {"token": VERIFICATION_TOKEN, "challenge": challenge, "type": "url_verification"}
        return self.send(json.dumps(body).encode(), JSON)

    # -- transport -------------------------------------------------------------

    def signed_headers(
        self, body: bytes, content_type: str = FORM, *, timestamp: str | int | None = None
    ) -> dict[str, str]:
        """The headers Slack would send with `body`; tests may alter them for forgeries."""
        ts = str(int(self.clock())) if timestamp is None else str(timestamp)
        return {
            "Content-Type": content_type,
            "X-Slack-Request-Timestamp": ts,
            "X-Slack-Signature": sign(self.signing_secret, ts, body),
        }

    def send(
        self,
        body: bytes,
        content_type: str = FORM,
        *,
        headers: Mapping[str, str] | None = None,
        timestamp: str | int | None = None,
    ) -> httpx.Response:
        """POST `body` signed now (or at `timestamp`), with extra `headers`."""
        all_headers = {**self.signed_headers(body, content_type, timestamp=timestamp)}
        all_headers.update(headers or {})
        return self.raw(body, all_headers)

    def raw(self, body: bytes | str, headers: Mapping[str, str] | None = None) -> httpx.Response:
        """POST exactly `body` with exactly `headers` (nothing signed or added)."""
        content = body.encode() if isinstance(body, str) else body
        return self._http.post(self.url, content=content, headers=dict(headers or {}))


def event_callback(
    event: Mapping[str, Any],
    *,
    event_id: str,
    team_id: str = TEAM_ID,
    api_app_id: str = APP_ID,
    bot_user_id: str = BOT_USER_ID,
    event_time: int | None = None,
) -> dict[str, Any]:
    """The Events API `event_callback` body, the same over Socket Mode as over HTTP."""
    return {
        "token": VERIFICATION_TOKEN,
        "team_id": team_id,
        "context_team_id": team_id,
        "context_enterprise_id": None,
        "api_app_id": api_app_id,
        "event": dict(event),
        "type": "event_callback",
        "event_id": event_id,
        "event_time": int(time.time()) if event_time is None else event_time,
        "authorizations": [
            {
                "enterprise_id": None,
                "team_id": team_id,
                "user_id": bot_user_id,
                "is_bot": True,
                "is_enterprise_install": False,
            }
        ],
        "is_ext_shared_channel": False,
        "event_context": f"4-{event_id}",
    }


def slash_command_fields(
    command: str,
    text: str = "",
    *,
    response_url: str,
    user_id: str = "U0READER01",
    user_name: str = "reader",
    channel_id: str = "C0SUMMIT01",
    channel_name: str = "summit",
    team_id: str = TEAM_ID,
    team_domain: str = TEAM_DOMAIN,
    enterprise_id: str | None = None,
    is_enterprise_install: bool = False,
    api_app_id: str = APP_ID,
    trigger_id: str | None = None,
) -> list[tuple[str, str]]:
    """A slash command's fields in Slack's order: the HTTP form body, or (as a dict) the
    Socket Mode payload. `enterprise_id`: a workspace in an Enterprise Grid org, and with
    `is_enterprise_install` the app is installed org-wide."""
    fields: list[tuple[str, str]] = [
        ("token", VERIFICATION_TOKEN),
        ("team_id", team_id),
        ("team_domain", team_domain),
    ]
    if enterprise_id:
        fields += [("enterprise_id", enterprise_id), ("enterprise_name", "Enterprise")]
    return [
        *fields,
        ("channel_id", channel_id),
        ("channel_name", channel_name),
        ("user_id", user_id),
        ("user_name", user_name),
        ("command", command if command.startswith("/") else f"/{command}"),
        ("text", text),
        ("api_app_id", api_app_id),
        ("is_enterprise_install", "true" if is_enterprise_install else "false"),
        ("response_url", response_url),
        ("trigger_id", trigger_id or f"{int(time.time())}.1.{_digest(text)}"),
    ]


def _digest(text: str) -> str:
    return hashlib.md5(text.encode()).hexdigest()
