"""`app_home_opened`: publish the user's App Home (follows, subscribed channels, next digests)."""

from __future__ import annotations

import threading
from collections import defaultdict
from datetime import UTC, datetime

from slack_bolt import App, BoltContext
from slack_sdk import WebClient
from sqlalchemy import Engine

from bot.answers import home_data
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


def publish_home(client: WebClient, *, engine: Engine, team_id: str, user_id: str) -> None:
    """Render and publish one user's Home tab; everything shown belongs to this workspace."""
    with _PUBLISHING[(team_id, user_id)]:
        follows, subscriptions = home_data(
            engine=engine, team_id=team_id, user_id=user_id, now=datetime.now(UTC)
        )
        client.views_publish(
            user_id=user_id, view=home_view(follows=follows, subscriptions=subscriptions)
        )
