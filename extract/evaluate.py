"""Run the Extractor over a gold quote file and write scorer-ready predictions.

    python -m extract.evaluate GOLD.jsonl PRED.jsonl [--model NAME] [--n-process N]

Each prediction line is {"id", "quotes": [{"speaker", "content", "content_spans"}]} with
spans as character offsets into the gold `text` (the format of score_quotes.py).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from extract.extractor import Extractor
from extract.model import Extraction


def prediction_line(article_id: str, extraction: Extraction) -> dict:
    """One scorer line for an article's extraction."""
    quotes = [
        {
            "speaker": s.speaker,
            "speaker_type": s.speaker_type,
            "content": s.content,
            "content_spans": [[s.start, s.end]],
            "cue": s.cue,
            "kind": s.kind,
        }
        for s in extraction.statements
    ]
    return {"id": article_id, "quotes": quotes}


def predict(
    extractor: Extractor, articles: Iterable[dict], *, n_process: int = 1
) -> Iterator[dict]:
    """Prediction lines for gold articles ({"id", "text", ...}), in order."""
    items = list(articles)
    texts = (a["text"] for a in items)
    for article, extraction in zip(
        items, extractor.extract_many(texts, n_process=n_process), strict=True
    ):
        yield prediction_line(article["id"], extraction)


def write_predictions(
    extractor: Extractor, gold_path: str | Path, pred_path: str | Path, *, n_process: int = 1
) -> int:
    """Read gold JSONL, write prediction JSONL; return the number of articles written."""
    with open(gold_path, encoding="utf-8") as fh:
        articles = [json.loads(line) for line in fh if line.strip()]
    count = 0
    with open(pred_path, "w", encoding="utf-8") as out:
        for line in predict(extractor, articles, n_process=n_process):
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
            count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    """Command line: write predictions for GOLD into PRED."""
    from extract.pipeline import load_pipeline

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold")
    parser.add_argument("pred")
    parser.add_argument("--model", default=None, help="spaCy model name (default: first installed)")
    parser.add_argument("--n-process", type=int, default=1)
    args = parser.parse_args(argv)
    extractor = Extractor(load_pipeline(args.model))
    n = write_predictions(extractor, args.gold, args.pred, n_process=args.n_process)
    print(f"wrote {n} articles to {args.pred}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
