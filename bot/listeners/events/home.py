"""`app_home_opened`: publish the user's App Home (follows, subscribed channels, next digests)."""

from __future__ import annotations

import threading
from collections import defaultdict
from datetime import UTC, datetime

from slack_bolt import App, BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy import Engine

from bot.answers import home_data
from bot.corrections import home_corrections
from bot.render_home import home_view


def register(app: App, *, engine: Engine) -> None:
    @app.event("app_home_opened")
    def home_opened(event: dict, client: WebClient, context: BoltContext) -> None:
        if event.get("tab", "home") != "home" or not event.get("user"):
            return
        publish_home(client, engine=engine, team_id=context.team_id or "", user_id=event["user"])


# One lock per user: reading the data and publishing it happen together, so when two
# buttons are pressed at once the view published last was read after both changes.
_PUBLISHING: defaultdict[tuple[str, str], threading.Lock] = defaultdict(threading.Lock)


def publish_home(
    client: WebClient,
    *,
    engine: Engine,
    team_id: str,
    user_id: str,
    seen: str | None = None,
    notice: str | None = None,
) -> None:
    """Render and publish one user's Home tab; everything shown belongs to this workspace.

    `seen` is the hash of the view a button was pressed on: when another publish came in
    between (Slack answers `hash_conflict`), the data is read again and published as is, so
    the view left in Slack was read after every change. `notice` is a line shown at the top
    (what became of an Undo)."""
    with _PUBLISHING[(team_id, user_id)]:
        try:
            _publish(client, engine, team_id, user_id, seen=seen, notice=notice)
        except SlackApiError as error:
            if seen is None or error.response.get("error") != "hash_conflict":
                raise
            _publish(client, engine, team_id, user_id, seen=None, notice=notice)


def _publish(
    client: WebClient,
    engine: Engine,
    team_id: str,
    user_id: str,
    *,
    seen: str | None,
    notice: str | None,
) -> None:
    now = datetime.now(UTC)
    follows, subscriptions = home_data(engine=engine, team_id=team_id, user_id=user_id, now=now)
    view = home_view(
        follows=follows,
        subscriptions=subscriptions,
        corrections=home_corrections(engine=engine, team_id=team_id, now=now),
        notice=notice,
    )
    client.views_publish(user_id=user_id, view=view, **({"hash": seen} if seen else {}))
