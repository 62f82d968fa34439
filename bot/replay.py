"""Replay protection: a signed request is accepted once.

Bolt checks the signature and the 5-minute window but lets the same signed request in
as often as it is sent. This middleware runs right after that check (as Bolt's
`before_authorize`, so a forged request never reaches it) and claims the signature in
the `seenrequest` table, which replicas share; a second claim is refused with 401.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from slack_bolt.middleware.middleware import Middleware
from slack_bolt.request import BoltRequest
from slack_bolt.response import BoltResponse
from sqlalchemy import Engine
from sqlmodel import Session

from storage.seen_requests import forget_seen_requests, record_request

log = logging.getLogger(__name__)

# Twice Slack's 5-minute window: a signature older than this fails the timestamp check.
KEEP_FOR = timedelta(minutes=10)
PURGE_EVERY_SECONDS = 60.0


class ReplayGuard(Middleware):
    """Refuse a signed request whose signature was already accepted (by any replica)."""

    def __init__(self, engine: Engine, *, clock: Callable[[], datetime] | None = None) -> None:
        self.engine = engine
        self.clock = clock or (lambda: datetime.now(UTC))
        self._next_purge = 0.0
        self._purge_lock = threading.Lock()

    def process(
        self, *, req: BoltRequest, resp: BoltResponse, next: Callable[[], BoltResponse]
    ) -> BoltResponse:
        signature = req.headers.get("x-slack-signature", [""])[0]
        if req.mode == "socket_mode" or not signature:
            return next()  # Socket Mode is not signed; HTTP without one was refused already
        now = self.clock()
        with Session(self.engine) as session:
            fresh = record_request(session=session, signature=signature, now=now)
            session.commit()
        self._purge(now)
        if not fresh:
            timestamp = req.headers.get("x-slack-request-timestamp", ["?"])[0]
            log.warning("replayed request refused (signed at %s)", timestamp[:20])
            return BoltResponse(status=401, body={"error": "invalid request"})
        return next()

    def _purge(self, now: datetime) -> None:
        """Now and then (once a minute per process) forget signatures past the window."""
        if time.monotonic() < self._next_purge or not self._purge_lock.acquire(blocking=False):
            return
        try:
            self._next_purge = time.monotonic() + PURGE_EVERY_SECONDS
            with Session(self.engine) as session:
                forget_seen_requests(session=session, before=now - KEEP_FOR)
                session.commit()
        finally:
            self._purge_lock.release()
