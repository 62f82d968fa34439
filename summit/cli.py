"""`summit`: the command line. Each subcommand is a thin wrapper over a plain function.

The entry point loads `.env`, validates settings once, builds what the command needs
and runs it. Known errors print one clear line; tracebacks are for bugs only.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from summit.errors import ConfigError, SummitError
from summit.settings import Settings, load_settings

log = logging.getLogger("summit")


# --------------------------------------------------------------------------- commands


def cmd_extract(args: argparse.Namespace, settings: Settings) -> int:
    """Extract statements and disputes from text or HTML files, without touching the database.

    With --json, one JSON object per file: source, status, title, text, statements, disputes.
    """
    from summit.extraction import extract_files

    extractor = _build_extractor(settings)
    for result in extract_files(args.files, extractor=extractor):
        if args.json:
            print(json.dumps(result, ensure_ascii=False), flush=True)
        else:
            _print_extraction(result)
    return 0


def cmd_ingest(args: argparse.Namespace, settings: Settings) -> int:
    """Ingest files, folders, article URLs or feed URLs into the database.

    Shows a progress bar and a summary table; --json prints the summary as JSON on the last line.
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn

    from summit.wiring import ingest_sources, open_database

    engine = open_database(settings)
    extractor = _build_extractor(settings)
    err = Console(stderr=True)
    with Progress(
        SpinnerColumn(),
        TextColumn("[bold]ingesting"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[current]}", style="dim"),
        console=err,
        transient=True,
        disable=args.json and not err.is_terminal,
    ) as progress:
        task = progress.add_task("ingest", total=None, current="")

        def advance(source: str) -> None:
            progress.update(task, advance=1, current=source[-60:])

        summary = ingest_sources(
            args.sources,
            engine=engine,
            extractor=extractor,
            on_item=advance,
            delay=settings.fetch_delay_seconds,
            max_feed_entries=settings.max_feed_entries,
            max_article_words=settings.max_article_words,
        )
    _print_ingest_summary(summary, console=err if args.json else Console())
    if args.json:
        print(json.dumps(summary.as_json(), ensure_ascii=False))
    return 1 if summary.failed and not (summary.new or summary.updated or summary.unchanged) else 0


def cmd_who_said(args: argparse.Namespace, settings: Settings) -> int:
    """Show a speaker's statements: the same query as the /who-said slash command."""
    from bot.commands.who_said import answer_who_said, parse_who_said
    from storage.scope import EVERYTHING
    from summit.wiring import open_database

    engine = open_database(settings)
    query = parse_who_said(" ".join(args.name), today=datetime.now(UTC).date())
    answer = answer_who_said(query, engine=engine, scope=EVERYTHING)  # the operator's own tool
    if args.json:
        print(json.dumps(_who_said_json(answer), ensure_ascii=False, default=str))
    else:
        print(_who_said_text(answer))
    return 0 if answer.statements else 1


def cmd_digest(args: argparse.Namespace, settings: Settings) -> int:
    """Build a channel's brief; --print renders it in the terminal and --json prints it as
    data, instead of posting it. --date YYYY-MM-DD with --print or --json builds the brief of
    what was published that day (in the channel's time zone, else DIGEST_TIMEZONE), for
    back-fill and evaluation."""
    from summit.wiring import open_database

    engine = open_database(settings)
    channel = args.channel or settings.digest_channel
    zone = ZoneInfo(settings.digest_timezone)
    digest_day = args.date or datetime.now(zone).date()
    if args.print or args.json:
        brief = _local_brief(
            args, settings, engine=engine, channel=channel, zone=zone, complete=args.json
        )
        if args.json:
            from jobs.brief import brief_as_json

            print(json.dumps(brief_as_json(brief), ensure_ascii=False, indent=2))
        else:
            from bot.render_brief import brief_plain

            print(brief_plain(brief, title=f"Summit Digest · {digest_day:%a %d %b %Y}"))
        return 0
    if not channel:
        raise SummitError("no channel: pass --channel C0123 or set DIGEST_CHANNEL (or use --print)")
    from bot.app import web_client
    from jobs.digests import DigestTarget, deliver_digest

    settings.require_slack()
    client = web_client(settings, retries=3)
    team_id = client.auth_test()["team_id"]
    result = deliver_digest(
        DigestTarget(
            team_id=team_id,
            channel_id=channel,
            min_confidence=settings.dispute_min_confidence,
        ),
        engine=engine,
        client=client,
        digest_date=digest_day,
        now=datetime.now(UTC),
    )
    print(
        f"{channel} {digest_day}: {result.outcome}" + (f" ({result.error})" if result.error else "")
    )
    return 0 if result.outcome in ("posted", "already-claimed") else 1


def _local_brief(
    args, settings: Settings, *, engine, channel: str | None, zone: ZoneInfo, complete: bool
):
    """The brief `--print` / `--json` show: a channel's (its feeds and keywords, since its last
    digest) when one is named, else everything since yesterday; with --date, that day in the
    channel's time zone (`zone`, DIGEST_TIMEZONE, for no channel or one not subscribed).
    `complete` reads every item (`--json`), not only those a channel's brief shows."""
    from sqlmodel import Session

    from jobs.brief import read_brief
    from storage.brief import Reading
    from storage.keywords import as_filter
    from storage.reads import last_digest_until, subscription_for_channel
    from storage.scope import EVERYTHING, channel_scope

    now = datetime.now(UTC)
    with Session(engine) as session:
        scope, keywords, since, until = EVERYTHING, None, None, now
        if channel:
            team = _team(settings)
            scope = channel_scope(session=session, team_id=team, channel_id=channel)
            found = subscription_for_channel(session=session, team_id=team, channel_id=channel)
            keywords = as_filter(found.schedule.keywords if found else ())
            zone = ZoneInfo(found.schedule.timezone) if found else zone
            since = last_digest_until(
                session=session, team_id=team, channel_id=channel, scheduled_only=True
            )
        if args.date:
            start = datetime.combine(args.date, datetime.min.time(), tzinfo=zone)
            since, until = start.astimezone(UTC), (start + timedelta(days=1)).astimezone(UTC)
        since = since or now - timedelta(hours=24)
        return read_brief(
            session=session,
            reading=Reading(since, until, scope, by_publication=bool(args.date)),
            keywords=keywords,
            min_confidence=settings.dispute_min_confidence,
            complete=complete,
        )


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    """Run the Slack app: HTTP at /slack/events, or Socket Mode when SLACK_APP_TOKEN is set.

    The scheduler runs in the same process unless --no-scheduler; on the job queue (the
    default on PostgreSQL) a worker runs beside it, so one process is still a whole app.
    """
    from bot.app import web_client
    from bot.server import serve
    from summit.wiring import (
        ensure_default_subscription,
        open_database,
        serve_app,
        start_scheduler,
    )

    settings.require_slack()
    engine = open_database(settings)
    scheduler = poster = worker = None
    if not args.no_scheduler:
        poster = web_client(settings, retries=3)
        if settings.slack_bot_token:  # DIGEST_CHANNEL needs a workspace: the token's own
            ensure_default_subscription(settings, engine=engine, team_id=_auth_team(poster))
        scheduler = start_scheduler(settings, engine=engine, client=poster, background=True)
        if settings.job_queue == "procrastinate":  # the scheduler defers: run the jobs too
            from summit.queueing import EmbeddedWorker

            worker = EmbeddedWorker(settings, engine=engine, client=poster).start()
    try:
        # `/digest now` is a one-off job on that scheduler (or on the app's own small runner)
        app = serve_app(settings, engine=engine, scheduler=scheduler, client=poster)
        if settings.socket_mode:
            from slack_bolt.adapter.socket_mode import SocketModeHandler
            from slack_sdk.errors import SlackApiError

            try:  # only the first apps.connections.open raises; later ones are retried inside
                SocketModeHandler(app, settings.slack_app_token).start()
            except SlackApiError as error:
                raise ConfigError(
                    f"Slack refused SLACK_APP_TOKEN ({error.response.get('error')}): it must be "
                    "the app-level token (xapp-...) with the connections:write scope"
                ) from None
        else:
            from bot.health import health_report

            serve(
                app,
                host=args.host,
                port=args.port,
                health=lambda: health_report(engine, scheduler),
            )
    finally:
        if scheduler is not None:
            scheduler.shutdown(wait=False)
        if worker is not None:
            worker.stop()
    return 0


def cmd_scheduler(args: argparse.Namespace, settings: Settings) -> int:
    """Run the scheduler alone: scheduled ingest and channel digests, no web server."""
    from bot.app import web_client
    from summit.wiring import ensure_default_subscription, open_database, start_scheduler

    settings.require_slack()
    engine = open_database(settings)
    client = web_client(settings, retries=3)
    if settings.slack_bot_token:  # with OAuth only, each workspace's token is in the store
        ensure_default_subscription(settings, engine=engine, team_id=_auth_team(client))
    start_scheduler(settings, engine=engine, client=client, background=False)
    return 0


def cmd_worker(args: argparse.Namespace, settings: Settings) -> int:
    """Run jobs alongside any number of other workers: with JOB_QUEUE=procrastinate, the
    queue's jobs (ingest, digests, follow-up DMs, purges); else ingest due feeds under leases.

    Sources are SUMMIT_FEEDS plus every channel's feeds; each is fetched by one worker at a
    time. Runs until stopped, or one pass with --once (the queue: until it is empty).
    Ingest needs no Slack settings.
    """
    import time
    from datetime import timedelta

    from jobs.worker import worker_name
    from summit.wiring import ingest_due_sources, open_database

    engine = open_database(settings)
    if settings.job_queue == "procrastinate":
        from summit.queueing import run_worker

        run_worker(
            settings,
            engine=engine,
            concurrency=args.concurrency,
            queues=args.queue or (),
            once=args.once,
            stalled_after=args.stalled_after,
        )
        return 0
    name = f"worker {worker_name()}"
    lease = timedelta(seconds=args.lease_seconds) if args.lease_seconds else None
    while True:
        summaries = ingest_due_sources(settings, engine=engine, worker=name, lease=lease)
        for summary in summaries:
            log.info("%s ingested: %s", name, summary.as_json())
        if args.once:
            if args.json:
                print(json.dumps([summary.as_json() for summary in summaries]))
            return 0
        if not summaries:
            time.sleep(args.poll)


def cmd_jobs_list(args: argparse.Namespace, settings: Settings) -> int:
    """List the queue's jobs, newest first: id, status, queue, task, attempts, arguments."""
    with _job_queue(settings) as queue:
        found = queue.jobs(status=args.status, queue=args.queue, task=args.task)
    for job in found[: args.limit]:
        print(
            f"{job.id}\t{job.status}\t{job.queue}\t{job.task}\t{job.attempts}\t"
            + json.dumps(job.arguments, ensure_ascii=False, sort_keys=True)
        )
    return 0


def cmd_jobs_retry(args: argparse.Namespace, settings: Settings) -> int:
    """Queue a failed (or stalled) job again, to run now."""
    with _job_queue(settings) as queue:
        queue.retry(args.id)
    print(f"job {args.id} queued again")
    return 0


def cmd_jobs_cancel(args: argparse.Namespace, settings: Settings) -> int:
    """Cancel a job that is waiting (one already running is left to finish)."""
    with _job_queue(settings) as queue:
        cancelled = queue.cancel(args.id)
    if not cancelled:
        raise SummitError(f"job {args.id} is not waiting: only waiting jobs can be cancelled")
    print(f"job {args.id} cancelled")
    return 0


@contextmanager
def _job_queue(settings: Settings):
    if settings.job_queue != "procrastinate":
        raise SummitError("summit jobs needs JOB_QUEUE=procrastinate (and PostgreSQL)")
    from jobs.queue import JobQueue

    queue = JobQueue.open(settings.database_url)
    try:
        yield queue
    finally:
        queue.close()


def cmd_db_upgrade(args: argparse.Namespace, settings: Settings) -> int:
    """Apply database migrations up to the newest (idempotent)."""
    from storage.engine import make_engine, migrate

    migrate(make_engine(settings.database_url), args.revision)
    print(f"database is at revision {args.revision}")
    return 0


def cmd_db_purge(args: argparse.Namespace, settings: Settings) -> int:
    """Delete old alert and digest claims, Slack event ids and unread feeds' state, as the
    *_RETENTION_DAYS settings say (the scheduler does it daily); --dry-run only counts."""
    from summit.wiring import open_database, purge_expired, retention_of

    counts = purge_expired(settings, engine=open_database(settings), dry_run=args.dry_run)
    kept = retention_of(settings)
    verb = "would delete" if args.dry_run else "deleted"
    for table, count in counts.items():
        print(f"{verb} {count} {table} (older than {getattr(kept, table).days} days)")
    return 0


def cmd_eval_quotes(args: argparse.Namespace, settings: Settings) -> int:
    """Extraction over a gold JSONL file: predictions for score_quotes.py and score_disputes.py."""
    from extract.evaluate import write_predictions

    count = write_predictions(_build_extractor(settings), args.gold, args.out)
    print(f"wrote predictions for {count} articles to {args.out}")
    return 0


def cmd_eval_disputes(args: argparse.Namespace, settings: Settings) -> int:
    """Score dispute extraction (precision, recall, traps) on annotated sentences."""
    from extract.evaluate import DISPUTES_PATH, format_dispute_scores, score_disputes

    scores = score_disputes(_build_extractor(settings), args.file or DISPUTES_PATH)
    print(format_dispute_scores(scores))
    return 0


def cmd_corrections_export(args: argparse.Namespace, settings: Settings) -> int:
    """Write readers' corrections as gold JSONL that ../shared/tools' scorers read.

    One article per line with its text, "quotes" (wrong speaker: the reader's speaker),
    "disputes" (not a dispute: negated traps) and "not_quotes" (not a statement)."""
    from sqlmodel import Session

    from jobs.corrections import gold_lines, write_jsonl
    from storage.corrections import exported_corrections
    from summit.wiring import open_database

    with Session(open_database(settings)) as session:
        lines = gold_lines(exported_corrections(session=session, team_id=args.team))
    if args.output in (None, "-"):
        count = write_jsonl(lines, sys.stdout)
    else:
        try:
            with open(args.output, "w", encoding="utf-8") as out:
                count = write_jsonl(lines, out)
        except OSError as error:
            raise SummitError(f"cannot write {args.output}: {error.strerror}") from None
        print(f"wrote {count} corrected article{'s' * (count != 1)} to {args.output}")
    return 0


def cmd_corrections_report(args: argparse.Namespace, settings: Settings) -> int:
    """Count readers' corrections by kind, correction, cue and pattern, as a table.

    The pattern is the statement's kind or the dispute's class; most corrected first."""
    from sqlmodel import Session

    from jobs.corrections import report_table
    from storage.corrections import correction_counts
    from summit.wiring import open_database

    with Session(open_database(settings)) as session:
        counts = correction_counts(session=session, team_id=args.team)
    print(report_table(counts))
    return 0


# --------------------------------------------------------------------------- parser


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="summit",
        description="Summit Digest: who said what at diplomatic summits, digested for Slack.",
    )
    parser.add_argument("--env-file", default=".env", help="settings file to read (default: .env)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def add(name: str, handler: Callable, doc: str | None = None) -> argparse.ArgumentParser:
        doc = (doc or handler.__doc__ or "").strip()
        sub = commands.add_parser(name, help=doc.splitlines()[0] if doc else None, description=doc)
        sub.set_defaults(handler=handler)
        return sub

    extract = add("extract", cmd_extract)
    extract.add_argument("files", nargs="+", metavar="FILE", help="text or HTML files")
    extract.add_argument("--json", action="store_true", help="one JSON object per file")

    ingest = add("ingest", cmd_ingest)
    ingest.add_argument("sources", nargs="+", metavar="SOURCE", help="files, folders or URLs")
    ingest.add_argument("--json", action="store_true", help="print the summary as JSON")

    who = add("who-said", cmd_who_said)
    who.add_argument("name", nargs="+", metavar="NAME", help="speaker [about TOPIC] [since DATE]")
    who.add_argument("--json", action="store_true", help="print the answer as JSON")

    digest = add("digest", cmd_digest)
    digest.add_argument("--channel", metavar="ID", help="channel id (default: DIGEST_CHANNEL)")
    digest.add_argument(
        "--date",
        type=date.fromisoformat,
        metavar="YYYY-MM-DD",
        help="digest date; with --print/--json, the brief of what was published that day",
    )
    digest.add_argument("--print", action="store_true", help="render in the terminal, post nothing")
    digest.add_argument("--json", action="store_true", help="print the brief as data, post nothing")

    serve = add("serve", cmd_serve)
    serve.add_argument("--port", type=int, default=3000, help="HTTP port (default: 3000)")
    serve.add_argument("--host", default="0.0.0.0", help="interface to listen on")
    serve.add_argument("--no-scheduler", action="store_true", help="do not run the scheduler here")

    add("scheduler", cmd_scheduler)

    worker = add("worker", cmd_worker)
    worker.add_argument("--once", action="store_true", help="one pass over what is due, then exit")
    worker.add_argument("--poll", type=float, default=30.0, help="seconds to wait when idle")
    worker.add_argument("--json", action="store_true", help="with --once: print the summaries")
    worker.add_argument(
        "--lease-seconds", type=int, default=0, help="lease length (default: 15 minutes)"
    )
    worker.add_argument(
        "--concurrency", type=int, default=1, help="queue: jobs run at once (default: 1)"
    )
    worker.add_argument(
        "--queue",
        action="append",
        metavar="NAME",
        help="queue: only these queues (ingest, digests, alerts, maintenance; default: all)",
    )
    worker.add_argument(
        "--stalled-after",
        type=float,
        default=30.0,
        metavar="SECONDS",
        help="queue: a worker silent this long is dead and its jobs are retried (default: 30)",
    )

    jobs = add("jobs", lambda args, settings: 2, "The job queue (JOB_QUEUE=procrastinate).")
    jobs_commands = jobs.add_subparsers(dest="jobs_command", metavar="ACTION", required=True)

    def add_jobs(name: str, handler: Callable) -> argparse.ArgumentParser:
        doc = handler.__doc__.strip()
        sub = jobs_commands.add_parser(name, help=doc.splitlines()[0], description=doc)
        sub.set_defaults(handler=handler)
        return sub

    listing = add_jobs("list", cmd_jobs_list)
    listing.add_argument("--status", help="todo, doing, succeeded, failed, cancelled, aborted")
    listing.add_argument("--queue", help="ingest, digests, alerts or maintenance")
    listing.add_argument("--task", help="e.g. summit.deliver_digest")
    listing.add_argument("--limit", type=int, default=100, help="at most this many (default 100)")
    add_jobs("retry", cmd_jobs_retry).add_argument("id", type=int, help="job id")
    add_jobs("cancel", cmd_jobs_cancel).add_argument("id", type=int, help="job id")

    db = add("db", lambda args, settings: 2, "Database administration: migrations, retention.")
    db_commands = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    upgrade = db_commands.add_parser(
        "upgrade", help=cmd_db_upgrade.__doc__.splitlines()[0], description=cmd_db_upgrade.__doc__
    )
    upgrade.add_argument("revision", nargs="?", default="head", help="target (default: head)")
    upgrade.set_defaults(handler=cmd_db_upgrade)
    purge = db_commands.add_parser(
        "purge", help=cmd_db_purge.__doc__.splitlines()[0], description=cmd_db_purge.__doc__
    )
    purge.add_argument("--dry-run", action="store_true", help="count what would go, delete nothing")
    purge.set_defaults(handler=cmd_db_purge)

    evaluate = add("eval", lambda args, settings: 2, "Measure extraction against annotated data.")
    eval_commands = evaluate.add_subparsers(dest="eval_command", metavar="WHAT", required=True)
    quotes = eval_commands.add_parser(
        "quotes", help=cmd_eval_quotes.__doc__.splitlines()[0], description=cmd_eval_quotes.__doc__
    )
    quotes.add_argument("gold", help="gold JSONL (text + quotes per line)")
    quotes.add_argument("out", help="where to write predictions JSONL")
    quotes.set_defaults(handler=cmd_eval_quotes)
    disputes = eval_commands.add_parser(
        "disputes",
        help=cmd_eval_disputes.__doc__.splitlines()[0],
        description=cmd_eval_disputes.__doc__,
    )
    disputes.add_argument(
        "file", nargs="?", help="annotated JSONL (default: evaluation/disputes.jsonl)"
    )
    disputes.set_defaults(handler=cmd_eval_disputes)

    corrections = add(
        "corrections", lambda args, settings: 2, "Readers' corrections: gold export and report."
    )
    correction_commands = corrections.add_subparsers(
        dest="corrections_command", metavar="ACTION", required=True
    )
    for name, handler in (("export", cmd_corrections_export), ("report", cmd_corrections_report)):
        doc = handler.__doc__.strip()
        sub = correction_commands.add_parser(name, help=doc.splitlines()[0], description=doc)
        sub.set_defaults(handler=handler)
        sub.add_argument("--team", metavar="T", help="one workspace's (team id; default: all)")
        if name == "export":
            sub.add_argument("--output", metavar="FILE", help="file to write (default: stdout)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings(env_file=args.env_file)
        from summit.logs import configure_logging

        configure_logging(settings.log_level, settings.log_format)
        return args.handler(args, settings)
    except SummitError as error:
        print(f"summit: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `summit … | head`: the reader left; that is not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


# --------------------------------------------------------------------------- output


def _build_extractor(settings: Settings):
    from summit.wiring import build_extractor

    return build_extractor(settings)


def _team(settings: Settings) -> str:
    return ""  # single-workspace digests printed locally are not tied to a team


def _auth_team(client) -> str:
    return client.auth_test()["team_id"]


def _print_extraction(result: dict) -> None:
    from storage.views import rung_name

    print(f"== {result['source']} [{result['status']}] {result.get('title') or ''}")
    for s in result.get("statements", []):
        role = f" ({s['role']})" if s.get("role") else ""
        print(f"  {s['speaker']}{role} {s['cue']}: {s['content']}")
    for d in result.get("disputes", []):
        target = f" -> {d['target']}" if d.get("target") else ""
        rung = rung_name(d["escalation"]) or d["cue_class"]
        how = f"{rung}, {d['confidence']:.2f}" + (
            ", unresolved" if d["actor_type"] == "unresolved" else ""
        )
        print(f"  DISPUTE {d['actor']}{target} ({d['cue']}; {how}): {d.get('issue') or ''}")


def _print_ingest_summary(summary, *, console) -> None:
    from rich.table import Table

    table = Table(title="Ingest summary", show_header=True)
    table.add_column("")
    table.add_column("count", justify="right")
    for label, value in (
        ("new", summary.new),
        ("updated", summary.updated),
        ("unchanged", summary.unchanged),
        ("duplicates", summary.duplicates),
        ("skipped", len(summary.skipped)),
        ("failed", len(summary.failed)),
        ("statements", summary.statements),
        ("disputes", summary.disputes),
    ):
        table.add_row(label, str(value))
    console.print(table)
    if summary.failed or summary.skipped:
        problems = Table(title="Not ingested", show_header=True)
        problems.add_column("source", overflow="fold")
        problems.add_column("status")
        problems.add_column("reason", overflow="fold")
        for failure in summary.failed:
            problems.add_row(failure.source, "failed", failure.reason)
        for skipped in summary.skipped:
            problems.add_row(skipped.source, skipped.status, skipped.reason or "")
        console.print(problems)


def _who_said_json(answer) -> dict:
    return {
        "query": answer.query.name,
        "speaker": answer.speaker.name if answer.speaker else None,
        "role": answer.speaker.role if answer.speaker else None,
        "total": answer.total,
        "candidates": [c.name for c in answer.candidates],
        "close_matches": list(answer.close_names),
        "statements": [
            {
                "content": s.content,
                "kind": s.kind,
                "cue": s.cue,
                "outlet": s.outlet,
                "title": s.title,
                "url": s.url,
                "published": s.published.isoformat() if s.published else None,
            }
            for s in answer.statements
        ],
    }


def _who_said_text(answer) -> str:
    if answer.candidates:
        names = ", ".join(c.name for c in answer.candidates)
        return f"Several speakers match {answer.query.name!r}: {names}"
    if answer.speaker is None:
        close = f" Did you mean: {', '.join(answer.close_names)}?" if answer.close_names else ""
        return f"No statements by {answer.query.name!r}.{close}"
    role = f" ({answer.speaker.role})" if answer.speaker.role else ""
    count = f"{answer.total_label} statement{'s' * (answer.total != 1)}"
    lines = [f"/who-said {answer.query.name} → {answer.speaker.name}{role}: {count}"]
    for s in answer.statements:
        quote = s.reported
        when = f", {s.published:%d %b %Y}" if s.published else ""
        lines.append(f"  - {quote}  [{s.source_label}{when}]")
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
