"""Database tables (SQLModel). Changing one means adding an Alembic revision.

Times are timezone-aware UTC everywhere; SQLModel's UTCDateTime stores them so
SQLite and PostgreSQL agree.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.times import utcnow


class Story(SQLModel, table=True):
    """One news event across outlets (`jobs/stories.py` groups articles into it), and the
    summit or topic it belongs to."""

    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(max_length=1000)
    summit: str | None = Field(default=None, max_length=300)
    first_published: datetime = Field(default_factory=utcnow)
    last_published: datetime = Field(default_factory=utcnow, index=True)
    articles: int = 1


class Article(SQLModel, table=True):
    """One fetched copy of a story at one address.

    A syndicated or near-identical copy of an article already stored points at it with
    `copy_of_id` (and keeps no statements); `story_id` is the news event it reports, shared
    with other outlets' different articles about it. `origin` says where it came from:
    "operator" (the operator's `SUMMIT_FEEDS`), "file", or "channel" (a workspace channel's
    feed, listed in `ArticleFeed`): channel content is seen only by the workspaces whose
    channels subscribe to one of its feeds.
    """

    id: int | None = Field(default=None, primary_key=True)
    canonical_url: str = Field(max_length=2000, unique=True)
    source: str = Field(max_length=2000)
    content_hash: str = Field(max_length=64, index=True)
    fingerprint: str | None = Field(default=None, sa_column=Column(Text))
    copy_of_id: int | None = Field(default=None, foreign_key="article.id", index=True)
    story_id: int | None = Field(default=None, foreign_key="story.id", index=True)
    story_vector: str | None = Field(default=None, sa_column=Column(Text))
    origin: str = Field(
        default="operator", max_length=16, sa_column_kwargs={"server_default": "operator"}
    )
    outlet: str | None = Field(default=None, max_length=300)
    title: str | None = Field(default=None, max_length=1000)
    published: datetime | None = None
    language: str | None = Field(default=None, max_length=16)
    status: str = Field(max_length=32)
    reason: str | None = Field(default=None, max_length=1000)
    text: str = Field(default="", sa_column=Column(Text, nullable=False))
    extractor_version: str | None = Field(default=None, max_length=32)
    ingested_at: datetime = Field(default_factory=utcnow, index=True)
    updated_at: datetime = Field(default_factory=utcnow, index=True)


class Speaker(SQLModel, table=True):
    """A person or organisation quoted somewhere; one row per real-world speaker."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=300)
    key: str = Field(max_length=300, unique=True)
    kind: str = Field(default="person", max_length=32)
    role: str | None = Field(default=None, max_length=300)


class SpeakerAlias(SQLModel, table=True):
    """A lookup key for a speaker: the full name and the surname, normalised."""

    __table_args__ = (
        UniqueConstraint("speaker_id", "alias", name="uq_speakeralias_speaker_alias"),
    )

    id: int | None = Field(default=None, primary_key=True)
    speaker_id: int = Field(foreign_key="speaker.id", index=True)
    alias: str = Field(max_length=300, index=True)


class ArticleFeed(SQLModel, table=True):
    """A channel feed that carried an article (an article may come from several)."""

    article_id: int = Field(foreign_key="article.id", primary_key=True)
    feed_url: str = Field(max_length=2000, primary_key=True, index=True)


class StatementCluster(SQLModel, table=True):
    """One statement as said once: the copies of it that several articles report
    (`jobs/clusters.py` decides; computed at ingest, updated as copies arrive)."""

    id: int | None = Field(default=None, primary_key=True)
    speaker_id: int = Field(foreign_key="speaker.id", index=True)
    first_at: datetime = Field(default_factory=utcnow)  # the first copy's publication time
    statements: int = 1


class Statement(SQLModel, table=True):
    """Who said what, in which article; offsets point into `Article.text`.

    `said_at` copies the article's date (published, else ingested) so "a speaker's newest
    statements" is one index range scan, with no sort, however much they said. `found_at`
    is when this statement was first stored: an edit that adds a quote to an old article
    brings that quote, and only it, into the next digest.
    """

    __table_args__ = (
        Index("ix_statement_speaker_article", "speaker_id", "article_id"),
        Index("ix_statement_speaker_said_at", "speaker_id", "said_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", index=True)
    speaker_id: int = Field(foreign_key="speaker.id")
    speaker_mention: str | None = Field(default=None, max_length=300)
    role: str | None = Field(default=None, max_length=300)
    content: str = Field(sa_column=Column(Text, nullable=False))
    cue: str = Field(max_length=100)
    kind: str = Field(max_length=16)
    start: int
    end: int
    extractor_version: str = Field(max_length=32)
    said_at: datetime = Field(default_factory=utcnow)
    found_at: datetime = Field(default_factory=utcnow, index=True)
    cluster_id: int | None = Field(default=None, foreign_key="statementcluster.id", index=True)


NAMED_ACTORS = ("person", "organisation")  # dispute actor types readers are shown


class Dispute(SQLModel, table=True):
    """Who disputes whom, about what, with the sentence that says so; `found_at` as for
    statements.

    `actor_type` is "person" or "organisation" when the actor is a named party, else
    "unresolved" (stored without a speaker, never shown to readers). `escalation` is the
    cue class's rung on the ladder (1 criticism … 6 threat, see `storage.views.RUNGS`);
    `confidence` (0–1) is how sure the extractor is: readers see only disputes at or above
    `DISPUTE_MIN_CONFIDENCE`.
    """

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", index=True)
    statement_id: int | None = Field(default=None, foreign_key="statement.id")
    actor_id: int | None = Field(default=None, foreign_key="speaker.id", index=True)
    actor: str = Field(max_length=300)
    target: str | None = Field(default=None, max_length=300)
    cue: str = Field(max_length=100)
    cue_class: str = Field(max_length=32)
    issue: str | None = Field(default=None, sa_column=Column(Text))
    evidence: str = Field(sa_column=Column(Text, nullable=False))
    start: int
    end: int
    found_at: datetime = Field(default_factory=utcnow, index=True)
    actor_type: str = Field(
        default="person", max_length=32, sa_column_kwargs={"server_default": "person"}
    )
    escalation: int = Field(default=1, sa_column_kwargs={"server_default": "1"})
    confidence: float = Field(default=1.0, sa_column_kwargs={"server_default": "1.0"})


class Subscription(SQLModel, table=True):
    """A channel that gets a digest: when, where, and about what.

    `enterprise_id` is the Enterprise Grid org of the workspace (None outside Grid): the
    scheduler, which has no request to read it from, needs it to find the installation.
    """

    __table_args__ = (UniqueConstraint("team_id", "channel_id", name="uq_subscription_channel"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    enterprise_id: str | None = Field(default=None, max_length=32)
    channel_id: str = Field(max_length=32)
    name: str | None = Field(default=None, max_length=200)
    keywords: str = Field(default="", max_length=1000)
    feeds: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    digest_time: str = Field(default="07:30", max_length=5)
    timezone: str = Field(default="UTC", max_length=64)
    weekdays: str = Field(default="mon,tue,wed,thu,fri,sat,sun", max_length=40)
    paused: bool = False
    format: str = Field(default="condensed", max_length=16)
    subscribed_by: str | None = Field(default=None, max_length=32)
    created_at: datetime = Field(default_factory=utcnow)
    last_error: str | None = Field(default=None, max_length=1000)


class DigestPost(SQLModel, table=True):
    """The claim that makes a digest exactly-once: one row per (channel, digest date, slot).

    The scheduled digest has slot "scheduled"; each `/digest now` gets a slot of its own.
    `status` moves claimed → posting → posted, or to failed (retried later), partial (the
    thread is continued later from `replies_posted` under `ts`), unreachable (the bot
    cannot post there) or uncertain (Slack's answer was lost, or the poster died while
    posting, so it may have been posted: never re-posted automatically).

    A claimed or posting row is alive until `lease_until` (`storage.claims.DIGEST_LEASE`,
    renewed by each message posted): past it, a "claimed" one is retaken and a "posting"
    one becomes uncertain.
    """

    __table_args__ = (
        UniqueConstraint(
            "team_id", "channel_id", "digest_date", "slot", name="uq_digestpost_slot_claim"
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    channel_id: str = Field(max_length=32)
    digest_date: date
    slot: str = Field(
        default="scheduled", max_length=64, sa_column_kwargs={"server_default": "scheduled"}
    )
    status: str = Field(default="claimed", max_length=16)
    covers_from: datetime | None = None
    covers_until: datetime | None = None
    ts: str | None = Field(default=None, max_length=32)
    replies_posted: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    error: str | None = Field(default=None, max_length=1000)
    claimed_at: datetime = Field(default_factory=utcnow)
    lease_until: datetime | None = None
    posted_at: datetime | None = None


class FeedState(SQLModel, table=True):
    """A feed: what we last heard from it (for conditional GET) and who fetches it next.

    The table is also the ingest work queue: a worker leases due feeds (`leased_until`)
    so several workers never fetch the same feed at once, and a killed worker's lease
    simply runs out.
    """

    url: str = Field(primary_key=True, max_length=2000)
    etag: str | None = Field(default=None, max_length=500)
    last_modified: str | None = Field(default=None, max_length=100)
    last_fetched_at: datetime | None = None
    last_error: str | None = Field(default=None, max_length=1000)
    next_fetch_at: datetime | None = Field(default=None, index=True)
    leased_until: datetime | None = None
    leased_by: str | None = Field(default=None, max_length=100)


class Follow(SQLModel, table=True):
    """A user who wants a DM when a speaker says something new (`enterprise_id` as for
    subscriptions: the follow-up DMs are sent in the background)."""

    __table_args__ = (UniqueConstraint("team_id", "user_id", "speaker_id", name="uq_follow"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    enterprise_id: str | None = Field(default=None, max_length=32)
    user_id: str = Field(max_length=32)
    speaker_id: int = Field(foreign_key="speaker.id", index=True)
    created_at: datetime = Field(default_factory=utcnow)
    alerted_through: int = 0  # the highest statement id already sent to this follower


class Alert(SQLModel, table=True):
    """The claim that makes a follow-up DM exactly-once: one row per user and batch.

    `status` moves claimed → sending → sent, or to failed (retaken by the next run) or
    uncertain (it may have arrived: never sent again). A claimed or sending row is alive
    until `lease_until` (`storage.claims.ALERT_LEASE`): past it, a "claimed" one is retaken
    and a "sending" one becomes uncertain.
    """

    __table_args__ = (UniqueConstraint("team_id", "user_id", "batch", name="uq_alert_claim"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    user_id: str = Field(max_length=32)
    batch: str = Field(max_length=200)
    status: str = Field(default="claimed", max_length=16)
    ts: str | None = Field(default=None, max_length=32)
    error: str | None = Field(default=None, max_length=1000)
    claimed_at: datetime = Field(default_factory=utcnow)
    lease_until: datetime | None = None


class SeenEvent(SQLModel, table=True):
    """Events API deliveries already handled: Slack delivers at least once."""

    event_id: str = Field(primary_key=True, max_length=64)
    team_id: str | None = Field(default=None, max_length=32)
    seen_at: datetime = Field(default_factory=utcnow, index=True)
    # "handling" while a listener works on it, "handled" once it answered; a failed attempt
    # deletes its row so Slack's retry is answered instead of dropped.
    status: str = Field(
        default="handled", max_length=16, sa_column_kwargs={"server_default": "handled"}
    )


class SeenRequest(SQLModel, table=True):
    """Signatures of verified Slack requests, kept past the 5-minute window to refuse replays.

    A signature covers the timestamp and the body, so it names one request exactly; Slack's
    own retries carry a new timestamp and so a new signature.
    """

    signature: str = Field(primary_key=True, max_length=100)
    seen_at: datetime = Field(default_factory=utcnow, index=True)


class StatementStance(SQLModel, table=True):
    """What a statement holds (`extract.positions`): its stances as JSON and its issue words,
    noted after ingest by `jobs.positions`. `statement_id` is no foreign key: a statement
    deleted by an article update or a purge leaves a row no read joins to, and
    `jobs.positions` clears it."""

    statement_id: int = Field(primary_key=True)
    speaker_id: int = Field(index=True)
    stances: str = Field(default="[]", sa_column=Column(Text, nullable=False))
    issue: str = Field(default="", max_length=1000)
    version: str = Field(max_length=16)


class PositionChange(SQLModel, table=True):
    """A possible change of position: a later statement by the same speaker holds the
    opposite of an earlier one on the same issue (`extract.positions.position_change`).
    Statement ids without foreign keys, as for `StatementStance`."""

    __table_args__ = (UniqueConstraint("earlier_id", "later_id", name="uq_positionchange_pair"),)

    id: int | None = Field(default=None, primary_key=True)
    speaker_id: int = Field(index=True)
    earlier_id: int = Field(index=True)
    later_id: int = Field(index=True)
    predicate: str = Field(max_length=100)
    issue: str = Field(default="", max_length=1000)
    found_at: datetime = Field(default_factory=utcnow, index=True)


class Correction(SQLModel, table=True):
    """A reader's correction of one statement or dispute, for their workspace only.

    `action` is "speaker" (the statement was said by `speaker_id`, `speaker_name` as the
    reader chose it), "not_statement" or "not_dispute". One row per workspace and item: a
    second correction of the same item replaces the first. `cue` and `pattern` copy the
    item's cue and its statement kind or dispute class when it was corrected, so the report
    still counts a correction whose article was re-ingested since. `item_id` is no foreign
    key, as for `StatementStance`: a deleted statement leaves a row no read joins to."""

    __table_args__ = (
        UniqueConstraint("team_id", "item_kind", "item_id", name="uq_correction_item"),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32, index=True)
    user_id: str = Field(max_length=32)
    item_kind: str = Field(max_length=16)
    item_id: int
    action: str = Field(max_length=32)
    speaker_id: int | None = None
    speaker_name: str | None = Field(default=None, max_length=300)
    cue: str = Field(default="", max_length=100)
    pattern: str = Field(default="", max_length=32)
    created_at: datetime = Field(default_factory=utcnow, index=True)
