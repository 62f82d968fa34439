"""Tests of the fake Slack server and the signed-request sender, with the real slack_sdk."""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Iterator
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest
from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler
from slack_sdk.models.blocks import DividerBlock, HeaderBlock, SectionBlock
from slack_sdk.webhook import WebhookClient

from .slack_api import BOT_ID, BOT_TOKEN, BOT_USER_ID, TEAM_ID, FakeSlack
from .slack_requests import SlackSender, sign

CHANNEL = "C0SUMMIT01"
READER = "U0READER01"
SIGNING_SECRET = "test-signing-secret"


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    with FakeSlack() as fake:
        fake.add_token()
        fake.add_channel(CHANNEL, name="summit", members=[READER])
        fake.add_user(READER, name="reader", tz="Europe/Berlin")
        yield fake


@pytest.fixture
def client(fake: FakeSlack) -> WebClient:
    return WebClient(base_url=fake.api_url, token=BOT_TOKEN)


def slack_error(call, *args, **kwargs) -> SlackApiError:
    with pytest.raises(SlackApiError) as info:
        call(*args, **kwargs)
    return info.value


# -- posting and recording ---------------------------------------------------------


def test_post_message_is_answered_and_recorded(fake: FakeSlack, client: WebClient) -> None:
    """chat.postMessage answers ok with channel and ts, and the fake records message and call."""
    blocks = [HeaderBlock(text="Summit digest"), SectionBlock(text="*Lavrov* said …")]
    response = client.chat_postMessage(channel=CHANNEL, text="Summit digest", blocks=blocks)

    assert response["channel"] == CHANNEL
    [message] = fake.messages(CHANNEL)
    assert message.ts == response["ts"]
    assert message.text == "Summit digest"
    assert message.blocks == [b.to_dict() for b in blocks]
    assert (message.user, message.bot_id) == (BOT_USER_ID, BOT_ID)
    [call] = fake.calls("chat.postMessage")
    assert call.ok and call.token == BOT_TOKEN and call.args["channel"] == CHANNEL
    fake.assert_no_errors()


def test_thread_replies_keep_thread_ts_and_record_broadcast(
    fake: FakeSlack, client: WebClient
) -> None:
    """Thread replies are listed with their parent, ts increases, reply_broadcast is recorded."""
    parent = client.chat_postMessage(channel=CHANNEL, text="parent")
    client.chat_postMessage(channel=CHANNEL, text="quiet", thread_ts=parent["ts"])
    client.chat_postMessage(
        channel=CHANNEL, text="loud", thread_ts=parent["ts"], reply_broadcast=True
    )

    messages = fake.messages(CHANNEL)
    assert [m.text for m in messages] == ["parent", "quiet", "loud"]
    assert [m.reply_broadcast for m in messages] == [False, False, True]
    assert all(m.is_reply and m.thread_ts == parent["ts"] for m in messages[1:])
    assert sorted(m.ts for m in messages) == [m.ts for m in messages]
    assert len({m.ts for m in messages}) == 3


def test_missing_channel_argument_is_invalid_arguments(fake: FakeSlack, client: WebClient) -> None:
    """A call without a required argument fails with invalid_arguments and is logged as an error."""
    error = slack_error(client.api_call, "chat.postMessage", json={"text": "hi"})

    assert error.response["error"] == "invalid_arguments"
    assert error.response["response_metadata"]["messages"] == ["missing required field: channel"]
    assert "channel" in str(fake.errors)
    with pytest.raises(AssertionError):
        fake.assert_no_errors()


def test_channel_must_exist_and_have_the_bot(fake: FakeSlack, client: WebClient) -> None:
    """Posting to an unknown channel or one the bot left fails like Slack."""
    assert slack_error(client.chat_postMessage, channel="C404", text="x").response["error"] == (
        "channel_not_found"
    )
    fake.set_channel(CHANNEL, is_member=False)
    error = slack_error(client.chat_postMessage, channel=CHANNEL, text="x")
    assert error.response["error"] == "not_in_channel"
    assert fake.messages() == []


@pytest.mark.filterwarnings("ignore:The top-level `text` argument is missing")
def test_message_without_content_is_no_text(fake: FakeSlack, client: WebClient) -> None:
    """A message with neither text, blocks nor attachments gets no_text."""
    assert slack_error(client.chat_postMessage, channel=CHANNEL).response["error"] == "no_text"


def test_invalid_blocks_are_rejected(fake: FakeSlack, client: WebClient) -> None:
    """Blocks that slack_sdk's models reject are answered invalid_blocks and logged."""
    header = {"type": "header", "text": {"type": "plain_text", "text": "x" * 151}}
    error = slack_error(client.chat_postMessage, channel=CHANNEL, text="x", blocks=[header])

    assert error.response["error"] == "invalid_blocks"
    assert "150" in error.response["errors"][0]
    assert fake.messages() == []
    assert fake.errors


def test_more_than_fifty_blocks_are_rejected(fake: FakeSlack, client: WebClient) -> None:
    """A message may carry at most 50 blocks."""
    error = slack_error(
        client.chat_postMessage, channel=CHANNEL, text="x", blocks=[DividerBlock()] * 51
    )
    assert error.response["error"] == "invalid_blocks"


def test_long_block_text_is_posted_but_logged(fake: FakeSlack, client: WebClient) -> None:
    """Over 12,000 characters of block text is posted, yet recorded as an error."""
    blocks = [SectionBlock(text="x" * 2_900) for _ in range(5)]
    client.chat_postMessage(channel=CHANNEL, text="long", blocks=blocks)

    assert len(fake.messages()) == 1
    assert "12000" in str(fake.errors)


@pytest.mark.filterwarnings("ignore:The top-level `text` argument is missing")
def test_blocks_without_text_fallback_warn(fake: FakeSlack, client: WebClient) -> None:
    """Blocks without a plain-text fallback are accepted with a warning."""
    client.chat_postMessage(channel=CHANNEL, blocks=[SectionBlock(text="hi")])

    assert "fallback" in str(fake.warnings)
    fake.assert_no_errors(allow_warnings=True)
    with pytest.raises(AssertionError):
        fake.assert_no_errors()


def test_update_and_ephemeral(fake: FakeSlack, client: WebClient) -> None:
    """chat.update changes a posted message; ephemerals go only to channel members."""
    posted = client.chat_postMessage(channel=CHANNEL, text="page 1")
    client.chat_update(channel=CHANNEL, ts=posted["ts"], text="page 2")
    assert [(m.text, m.updates) for m in fake.messages()] == [("page 2", 1)]
    error = slack_error(client.chat_update, channel=CHANNEL, ts="1.000001", text="x")
    assert error.response["error"] == "message_not_found"

    client.chat_postEphemeral(channel=CHANNEL, user=READER, text="just you")
    assert [m.text for m in fake.ephemerals(CHANNEL, user=READER)] == ["just you"]
    error = slack_error(client.chat_postEphemeral, channel=CHANNEL, user="U0STRANGER", text="x")
    assert error.response["error"] == "user_not_in_channel"


def test_users_conversations_and_home(fake: FakeSlack, client: WebClient) -> None:
    """users.info, conversations.open/info/members and views.publish answer from the setup."""
    user = client.users_info(user=READER)["user"]
    assert (user["tz"], user["is_admin"]) == ("Europe/Berlin", False)
    assert slack_error(client.users_info, user="U404").response["error"] == "user_not_found"

    dm = client.conversations_open(users=READER)["channel"]["id"]
    assert dm == fake.dm_channel(READER)
    client.chat_postMessage(channel=dm, text="You follow Lavrov")
    assert [m.text for m in fake.messages(dm)] == ["You follow Lavrov"]
    error = slack_error(client.api_call, "conversations.open", params={})
    assert error.response["error"] == "users_list_not_supplied"

    assert client.conversations_info(channel=CHANNEL)["channel"]["name"] == "summit"
    members = client.conversations_members(channel=CHANNEL)["members"]
    assert set(members) == {READER, BOT_USER_ID}

    home = {"type": "home", "blocks": [SectionBlock(text="You follow nobody").to_dict()]}
    client.views_publish(user_id=READER, view=home)
    assert fake.home_view(READER)["blocks"] == home["blocks"]


def test_json_body_to_a_form_only_method_warns(fake: FakeSlack, client: WebClient) -> None:
    """A JSON body to a method documented as form-only is answered but flagged."""
    client.api_call("users.info", json={"user": READER})
    assert "JSON body" in str(fake.warnings)


# -- auth --------------------------------------------------------------------------


def test_tokens_are_checked(fake: FakeSlack) -> None:
    """No token is not_authed, an unknown one invalid_auth, a revoked one token_revoked."""
    anonymous = WebClient(base_url=fake.api_url)
    assert slack_error(anonymous.auth_test).response["error"] == "not_authed"
    stranger = WebClient(base_url=fake.api_url, token="xoxb-unknown")
    assert slack_error(stranger.auth_test).response["error"] == "invalid_auth"

    fake.revoke_token(BOT_TOKEN)
    revoked = WebClient(base_url=fake.api_url, token=BOT_TOKEN)
    assert slack_error(revoked.auth_test).response["error"] == "token_revoked"


def test_auth_test_describes_the_token(client: WebClient) -> None:
    """auth.test returns the team, the bot user and the bot id."""
    body = client.auth_test()
    assert (body["team_id"], body["user_id"], body["bot_id"]) == (TEAM_ID, BOT_USER_ID, BOT_ID)
    assert body["url"].startswith("https://")


def test_unknown_method(client: WebClient) -> None:
    """A method that is not in the method list gets unknown_method."""
    assert slack_error(client.api_call, "chat.postMesage").response["error"] == "unknown_method"


def test_oauth_v2_access_with_basic_auth(fake: FakeSlack) -> None:
    """oauth.v2.access checks Basic-auth client credentials and installs the bot token once."""
    fake.add_oauth_client("123.456", "s3cret")
    fake.add_oauth_code("code-1", client_id="123.456", team_id="T0OTHER001", bot_token="xoxb-new")
    anonymous = WebClient(base_url=fake.api_url)

    def exchange(client_id: str = "123.456", secret: str = "s3cret", code: str = "code-1"):
        return anonymous.oauth_v2_access(client_id=client_id, client_secret=secret, code=code)

    assert slack_error(exchange, secret="wrong").response["error"] == "bad_client_secret"
    assert slack_error(exchange, client_id="999").response["error"] == "invalid_client_id"
    body = exchange()
    assert body["access_token"] == "xoxb-new" and body["team"]["id"] == "T0OTHER001"
    assert {"bot_user_id", "authed_user", "scope", "app_id"} <= set(body.data)
    assert fake.calls("oauth.v2.access")[-1].headers["authorization"].startswith("Basic ")
    assert slack_error(exchange).response["error"] == "invalid_code"

    installed = WebClient(base_url=fake.api_url, token="xoxb-new").auth_test()
    assert installed["team_id"] == "T0OTHER001"


def test_rotating_tokens_expire_and_each_refresh_token_works_once(fake: FakeSlack) -> None:
    """With token rotation the installed token expires after `expires_in` (`token_expired`);
    `grant_type=refresh_token` gives a new pair for 12 hours, and the used refresh token is
    revoked (`invalid_refresh_token`)."""
    now = [1_700_000_000.0]
    fake.clock = lambda: now[0]
    fake.add_oauth_client("123.456", "s3cret")
    fake.add_oauth_code("code-1", client_id="123.456", bot_token="xoxe.xoxb-1", expires_in=60)
    anonymous = WebClient(base_url=fake.api_url)
    installed = anonymous.oauth_v2_access(
        client_id="123.456", client_secret="s3cret", code="code-1"
    )
    assert installed["expires_in"] == 60 and installed["refresh_token"].startswith("xoxe-1-")
    old = WebClient(base_url=fake.api_url, token="xoxe.xoxb-1")
    assert old.auth_test()["ok"]
    now[0] += 60
    assert slack_error(old.auth_test).response["error"] == "token_expired"

    def refresh(token: str):
        return anonymous.oauth_v2_access(
            client_id="123.456",
            client_secret="s3cret",
            grant_type="refresh_token",
            refresh_token=token,
        )

    rotated = refresh(installed["refresh_token"])
    assert rotated["token_type"] == "bot" and rotated["expires_in"] == 12 * 60 * 60
    assert rotated["refresh_token"] != installed["refresh_token"]
    new = WebClient(base_url=fake.api_url, token=rotated["access_token"])
    assert new.auth_test()["team_id"] == TEAM_ID
    error = slack_error(refresh, installed["refresh_token"]).response["error"]
    assert error == "invalid_refresh_token"
    fake.assert_no_errors()


# -- faults ------------------------------------------------------------------------


def test_rate_limit_then_success_with_retry_handler(fake: FakeSlack) -> None:
    """A 429 with Retry-After is retried by RateLimitErrorRetryHandler and posts once."""
    fake.fail("chat.postMessage", status=429, retry_after=1)
    client = WebClient(
        base_url=fake.api_url,
        token=BOT_TOKEN,
        retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=1)],
    )
    started = time.monotonic()
    client.chat_postMessage(channel=CHANNEL, text="digest")

    assert time.monotonic() - started >= 1
    assert [(c.status, c.error) for c in fake.calls("chat.postMessage")] == [
        (429, "ratelimited"),
        (200, None),
    ]
    assert len(fake.messages()) == 1


def test_rate_limit_without_handler_shows_retry_after(fake: FakeSlack, client: WebClient) -> None:
    """Without a retry handler the 429 reaches the caller with its Retry-After header."""
    fake.fail("chat.postMessage", retry_after=7)
    error = slack_error(client.chat_postMessage, channel=CHANNEL, text="x")
    assert error.response.status_code == 429
    assert error.response.headers["Retry-After"] == "7"
    assert error.response["error"] == "ratelimited"


def test_server_error_counts_down(fake: FakeSlack, client: WebClient) -> None:
    """status=500 fails `times` calls, then the method works again."""
    fake.fail("chat.postMessage", status=500, times=2)
    for _ in range(2):
        assert (
            slack_error(client.chat_postMessage, channel=CHANNEL, text="x").response.status_code
            == 500
        )
    client.chat_postMessage(channel=CHANNEL, text="x")
    assert len(fake.messages()) == 1


def test_slack_error_injection_uses_http_200(fake: FakeSlack, client: WebClient) -> None:
    """An injected Slack error such as not_in_channel comes with HTTP 200."""
    fake.fail("chat.postMessage", error="not_in_channel", when=lambda a: a["channel"] == CHANNEL)
    error = slack_error(client.chat_postMessage, channel=CHANNEL, text="x")
    assert (error.response.status_code, error.response["error"]) == (200, "not_in_channel")
    fake.assert_no_errors()


def test_slow_response_times_the_client_out(fake: FakeSlack) -> None:
    """A delay longer than the client timeout times out, yet the post lands, as on Slack."""
    fake.fail("chat.postMessage", delay=0.5)
    impatient = WebClient(base_url=fake.api_url, token=BOT_TOKEN, timeout=0.1)  # type: ignore[arg-type]
    with pytest.raises(OSError):  # TimeoutError, or URLError wrapping it
        impatient.chat_postMessage(channel=CHANNEL, text="late")
    fake.wait_for("chat.postMessage", ok=True, timeout=2)
    assert [m.text for m in fake.messages()] == ["late"]


def test_wait_for_sees_background_calls_and_reports_timeouts(
    fake: FakeSlack, client: WebClient
) -> None:
    """wait_for returns once a call from another thread lands, and explains a timeout."""
    threading.Timer(0.1, client.chat_postMessage, kwargs={"channel": CHANNEL, "text": "x"}).start()
    [call] = fake.wait_for("chat.postMessage", timeout=2)
    assert call.ok
    with pytest.raises(AssertionError, match=re.escape("chat.postMessage 200 ok")):
        fake.wait_for(lambda c: c.method == "views.publish", timeout=0.05)


# -- response_url ------------------------------------------------------------------


def test_response_url_allows_five_uses(fake: FakeSlack) -> None:
    """A response URL takes five posts, then answers 404 used_url."""
    webhook = WebhookClient(fake.response_url("who-said"))
    for page in range(5):
        assert webhook.send(text=f"page {page}", replace_original=True).status_code == 200
    sixth = webhook.send(text="page 5")

    assert (sixth.status_code, sixth.body) == (404, "used_url")
    responses = fake.responses("who-said")
    assert [r.args["text"] for r in responses] == [f"page {n}" for n in range(5)]
    assert responses[0].args["replace_original"] is True


def test_response_url_validates_blocks(fake: FakeSlack) -> None:
    """Invalid blocks sent to a response URL are refused and do not use it up."""
    webhook = WebhookClient(fake.response_url("bad"))
    bad = [{"type": "header", "text": {"type": "plain_text", "text": "x" * 200}}]
    assert webhook.send(text="x", blocks=bad).status_code == 400
    assert fake.responses("bad") == [] and fake.errors


# -- file uploads ------------------------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


def image_block(file_id: str) -> list[dict]:
    return [{"type": "image", "slack_file": {"id": file_id}, "alt_text": "a map"}]


def test_files_upload_v2_records_the_bytes_and_an_image_block_shows_the_file(
    fake: FakeSlack, client: WebClient
) -> None:
    """files_upload_v2 gets an upload URL on the fake, posts the bytes there and completes the
    upload; the bytes are recorded, and an image block may then show the file."""
    upload = client.files_upload_v2(file=PNG, filename="map.png", title="Map", alt_txt="a map")

    [stored] = fake.files()
    assert upload["file"]["id"] == stored.id and stored.data == PNG
    assert (stored.filename, stored.title, stored.alt_txt) == ("map.png", "Map", "a map")
    assert [c.method for c in fake.calls()] == [
        "files.getUploadURLExternal",
        "upload",
        "files.completeUploadExternal",
    ]
    client.chat_postMessage(channel=CHANNEL, text="map", blocks=image_block(stored.id))
    assert fake.messages(CHANNEL)[0].blocks[0]["slack_file"] == {"id": stored.id}
    fake.assert_no_errors()


def test_an_image_block_of_an_unknown_or_unfinished_file_is_invalid(
    fake: FakeSlack, client: WebClient
) -> None:
    """An image block naming a file never uploaded, or one not completed, is invalid_blocks
    ("invalid slack file"), as on Slack."""
    started = client.files_getUploadURLExternal(filename="map.png", length=len(PNG))
    for file_id in ("F0000000404", started["file_id"]):
        error = slack_error(
            client.chat_postMessage, channel=CHANNEL, text="map", blocks=image_block(file_id)
        )
        assert error.response["error"] == "invalid_blocks"
        assert "invalid slack file" in str(error.response["errors"])


def test_a_file_is_shown_only_once_processed(fake: FakeSlack, client: WebClient) -> None:
    """While Slack still processes a new upload, an image block of it is invalid_blocks."""
    fake.set_file_processing(0.5)
    file_id = client.files_upload_v2(file=PNG, filename="map.png")["file"]["id"]
    error = slack_error(
        client.chat_postMessage, channel=CHANNEL, text="map", blocks=image_block(file_id)
    )
    assert error.response["error"] == "invalid_blocks"
    time.sleep(0.6)
    assert client.chat_postMessage(channel=CHANNEL, text="map", blocks=image_block(file_id))["ok"]


def test_upload_arguments_are_checked_as_slack_does(fake: FakeSlack, client: WebClient) -> None:
    """A zero length, an alt_txt over 1,000 characters, completing a file whose bytes never
    came or another workspace's file: each is refused."""
    assert slack_error(client.files_getUploadURLExternal, filename="m.png", length=0)
    too_long = slack_error(
        client.files_getUploadURLExternal, filename="m.png", length=10, alt_txt="x" * 1001
    )
    assert too_long.response["error"] == "alt_txt_too_large"
    started = client.files_getUploadURLExternal(filename="m.png", length=10)
    no_bytes = slack_error(
        client.files_completeUploadExternal, files=[{"id": started["file_id"], "title": "m"}]
    )
    assert no_bytes.response["error"] == "file_not_found"
    fake.add_token("xoxb-other-team", team_id="T0OTHER001", user_id="U0OTHERBOT")
    other = WebClient(base_url=fake.api_url, token="xoxb-other-team")
    file_id = client.files_upload_v2(file=PNG, filename="map.png")["file"]["id"]
    error = slack_error(
        other.chat_postMessage, channel=CHANNEL, text="map", blocks=image_block(file_id)
    )
    assert "invalid slack file" in str(error.response["errors"])


# -- signed requests ---------------------------------------------------------------


def test_sign_matches_slacks_documented_example() -> None:
    """sign() reproduces the signature in Slack's documented worked example."""
    body = (
        b"token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow"
        b"&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner"
        b"&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2F"
        b"commands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
        b"&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c"
    )
    assert sign("8f742231b10e8888abcd99yyyzzz85a5", "1531420618", body) == (
        "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"
    )


class _QuietThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def bolt_app(fake: FakeSlack) -> Iterator[tuple[SlackSender, list[dict]]]:
    """A tiny real Bolt app served over HTTP, answering /echo and message events."""
    app = App(
        signing_secret=SIGNING_SECRET,
        client=WebClient(base_url=fake.api_url, token=BOT_TOKEN),
    )
    seen: list[dict] = []

    @app.command("/echo")
    def echo(ack, command, respond) -> None:
        ack()
        respond(text=f"echo: {command['text']}")

    @app.event("message")
    def message(body, request) -> None:
        retry = request.headers.get("x-slack-retry-num", [None])[0]
        seen.append({"event_id": body["event_id"], "retry": retry})

    server = make_server(
        "127.0.0.1",
        0,
        SlackRequestHandler(app),
        server_class=_QuietThreadingWSGIServer,
        handler_class=_QuietHandler,
    )
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        with SlackSender(f"http://127.0.0.1:{server.server_port}", SIGNING_SECRET) as sender:
            yield sender, seen
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_signed_command_reaches_bolt_and_responds(fake: FakeSlack, bolt_app) -> None:
    """A signed slash command is accepted by Bolt and its answer reaches the response URL."""
    sender, _ = bolt_app
    reply = sender.command("/echo", "lavrov", response_url=fake.response_url("echo"))

    assert reply.status_code == 200
    [response] = fake.wait_for("response_url")
    assert response.name == "echo" and response.args["text"] == "echo: lavrov"


def test_forged_and_stale_requests_are_refused(fake: FakeSlack, bolt_app) -> None:
    """Bolt answers 401 to a wrong signature, a stale or future timestamp, or no headers."""
    sender, _ = bolt_app
    body = b"command=%2Fecho&text=x&response_url=" + fake.response_url("forged").encode()
    headers = sender.signed_headers(body)
    forged = {**headers, "X-Slack-Signature": "v0=" + "0" * 64}
    now = int(time.time())

    assert sender.raw(body, forged).status_code == 401
    assert sender.send(body, timestamp=now - 301).status_code == 401
    assert sender.send(body, timestamp=now + 301).status_code == 401
    assert sender.raw(body, {"Content-Type": headers["Content-Type"]}).status_code == 401
    assert sender.raw(body, headers).status_code == 200  # the untouched headers pass
    fake.wait_for("response_url")
    assert len(fake.responses("forged")) == 1


def test_events_carry_retry_headers_and_url_verification(bolt_app) -> None:
    """Events arrive as event_callback envelopes with retry headers; the challenge is echoed."""
    sender, seen = bolt_app
    event = {"type": "message", "channel": "D0READER01", "user": READER, "text": "hi", "ts": "1.2"}
    assert sender.event(event, event_id="Ev1").status_code == 200
    retry = sender.event(event, event_id="Ev1", retry_num=1, retry_reason="http_timeout")
    assert retry.status_code == 200
    deadline = time.monotonic() + 3
    while len(seen) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert sorted(seen, key=lambda s: s["retry"] or "") == [
        {"event_id": "Ev1", "retry": None},
        {"event_id": "Ev1", "retry": "1"},
    ]

    verification = sender.url_verification("c-123")
    assert json.loads(verification.content)["challenge"] == "c-123"
