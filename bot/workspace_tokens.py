"""A workspace's bot token for work no request started (digests, follow-up DMs, a queued
`/digest now`), found and refreshed as Bolt's `authorize` does it for incoming requests.

- Enterprise Grid: slack_sdk's installation store keys an installation by org and workspace.
  A workspace inside an org is found by its own install, else by its org's org-wide install
  (`is_enterprise_install`, stored with no workspace); the org comes from what the
  workspace's requests stored (`storage.workspaces.enterprise_of`).
- Token rotation: an installation with a refresh token whose bot token expires within
  `ROTATE_BEFORE_MINUTES` is exchanged with slack_sdk's `TokenRotator` (oauth.v2.access,
  `grant_type=refresh_token`) and the whole installation saved, as Bolt saves it, so
  requests and jobs read the same new pair. Slack revokes a refresh token once used: when
  another process refreshed first, the pair it saved is used.
"""

from __future__ import annotations

import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackTokenRotationError
from slack_sdk.oauth.installation_store import Bot, InstallationStore
from slack_sdk.oauth.token_rotation import TokenRotator

log = logging.getLogger(__name__)

ROTATE_BEFORE_MINUTES = 120  # refresh a token this close to expiry (Bolt's default too)


def token_rotator(*, client_id: str, client_secret: str, client: WebClient) -> TokenRotator:
    """slack_sdk's rotator on our client, so refreshes reach `SLACK_API_URL` (its default
    client would always call slack.com)."""
    return TokenRotator(client_id=client_id, client_secret=client_secret, client=client)


def workspace_bot_token(
    store: InstallationStore,
    *,
    rotator: TokenRotator | None,
    enterprise_id: str | None,
    team_id: str,
    minutes: int = ROTATE_BEFORE_MINUTES,
) -> str | None:
    """The bot token for `team_id` (in Grid org `enterprise_id`), refreshed first when it
    expires within `minutes`; None when the app is not installed there."""
    bot = find_workspace_bot(store, enterprise_id=enterprise_id, team_id=team_id)
    if bot is None:
        return None
    if bot.bot_refresh_token is None or rotator is None:
        return bot.bot_token
    try:
        return _refreshed(store, rotator, bot, minutes)
    except SlackTokenRotationError as error:
        again = find_workspace_bot(store, enterprise_id=enterprise_id, team_id=team_id)
        if again is not None and again.bot_token != bot.bot_token:
            return again.bot_token  # another process refreshed it first
        log.error(
            "token rotation for %s failed: %s", team_id, error.api_error.response.get("error")
        )
        return bot.bot_token  # Slack refuses it if it expired: the work fails and is retried


def find_workspace_bot(
    store: InstallationStore, *, enterprise_id: str | None, team_id: str
) -> Bot | None:
    """The workspace's own install, else (inside a Grid org) the org-wide one."""
    bot = store.find_bot(enterprise_id=enterprise_id, team_id=team_id)
    if bot is None and enterprise_id is not None:
        bot = store.find_bot(enterprise_id=enterprise_id, team_id=None, is_enterprise_install=True)
    return bot if bot is not None and bot.bot_token else None


def _refreshed(store: InstallationStore, rotator: TokenRotator, bot: Bot, minutes: int) -> str:
    installation = store.find_installation(
        enterprise_id=bot.enterprise_id,
        team_id=bot.team_id,
        is_enterprise_install=bot.is_enterprise_install,
    )
    if installation is None:  # a bot saved on its own: rotate and save just the bot
        fresh = rotator.perform_bot_token_rotation(bot=bot, minutes_before_expiration=minutes)
        if fresh is None:
            return bot.bot_token
        store.save_bot(fresh)
        return fresh.bot_token
    refreshed = rotator.perform_token_rotation(
        installation=installation, minutes_before_expiration=minutes
    )
    if refreshed is None:
        return installation.bot_token or bot.bot_token
    store.save(refreshed)  # both tables: Bolt's authorize reads the installation
    log.info("bot token of %s refreshed (token rotation)", bot.team_id or bot.enterprise_id)
    return refreshed.bot_token
