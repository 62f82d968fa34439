"""Measure `clean_document` on the evaluation pages and print the scorer's figures.

Usage (from the repository root):

    .venv/bin/python bench/bench_pages.py [--pages ../shared/eval/pages] [--scorer ...]

Runs clean_document on every page.html (with the page URL from index.jsonl), writes
`{"id", "text"}` predictions to a temporary file, runs the shared scorer on them and
prints its table, a per-page status table and the time per page. The evaluation data
is internal: it is read in place and never copied into the repository.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402

from jobs.clean import clean_document  # noqa: E402
from jobs.model import Document  # noqa: E402

DEFAULT_PAGES = ROOT.parent / "shared" / "eval" / "pages"
DEFAULT_SCORER = ROOT.parent / "shared" / "tools" / "score_pages.py"


def run(pages: Path) -> tuple[list[dict], list[tuple[str, str, int, float, str]]]:
    """Clean every page; return predictions and (id, status, words, seconds, reason) rows."""
    predictions, rows = [], []
    now = datetime.now(UTC)
    for line in (pages / "index.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        body = (pages / record["id"] / "page.html").read_bytes()
        doc = Document(source=record["url"], body=body, fetched_at=now, url=record["url"])
        start = time.perf_counter()
        article = clean_document(doc)
        elapsed = time.perf_counter() - start
        predictions.append({"id": record["id"], "text": article.text})
        words = len(article.text.split())
        rows.append((record["id"], article.status, words, elapsed, article.reason or ""))
    return predictions, rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=Path, default=DEFAULT_PAGES)
    ap.add_argument("--scorer", type=Path, default=DEFAULT_SCORER)
    args = ap.parse_args()
    if not (args.pages / "index.jsonl").exists():
        print(f"no evaluation pages at {args.pages}", file=sys.stderr)
        return 2
    predictions, rows = run(args.pages)
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        for pred in predictions:
            f.write(json.dumps(pred, ensure_ascii=False) + "\n")
        pred_path = Path(f.name)
    try:
        scored = subprocess.run(
            [sys.executable, str(args.scorer), str(args.pages), str(pred_path)],
            capture_output=True,
            text=True,
            check=True,
        )
    finally:
        pred_path.unlink(missing_ok=True)
    print(scored.stdout, end="")

    table = Table(title="clean_document per page")
    for column in ("page", "status", "words", "ms", "reason"):
        table.add_column(column, justify="right" if column in {"words", "ms"} else "left")
    for page_id, status, words, elapsed, reason in rows:
        table.add_row(page_id, status, str(words), f"{elapsed * 1000:.0f}", reason)
    Console().print(table)
    total = sum(r[3] for r in rows)
    print(
        f"time per page: mean {total / len(rows) * 1000:.0f} ms, "
        f"max {max(r[3] for r in rows) * 1000:.0f} ms, total {total:.2f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
