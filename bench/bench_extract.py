"""Throughput of bare spaCy parsing vs full extraction on the same texts, in one run.

    python bench/bench_extract.py [GOLD.jsonl] [--model NAME] [--n-process N] [--repeat R]

Prints words per second for `nlp.pipe` over whole texts, over paragraphs (the unit the
extractor parses), and for `Extractor.extract_many`, and the ratio of extraction to the
faster bare run (target >= 0.85). Figures only, no assertions.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections.abc import Callable
from pathlib import Path

from extract import Extractor, load_pipeline

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = ROOT.parent / "shared" / "eval" / "quotes-dev" / "dev.jsonl"
WORD = re.compile(r"\w+")


def _timed(run: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="?", default=DEFAULT_GOLD)
    parser.add_argument("--model", default=None)
    parser.add_argument("--n-process", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    with open(args.gold, encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh if line.strip()]
    words = sum(len(WORD.findall(t)) for t in texts)
    paragraphs = [p for t in texts for p in re.split(r"\n\s*\n", t) if p.strip()]
    nlp = load_pipeline(args.model)
    extractor = Extractor(nlp)
    n = args.n_process
    list(nlp.pipe(texts[:5]))  # warm up

    bare_texts = _timed(lambda: list(nlp.pipe(texts, n_process=n)), args.repeat)
    bare_paras = _timed(lambda: list(nlp.pipe(paragraphs, n_process=n)), args.repeat)
    full = _timed(lambda: list(extractor.extract_many(texts, n_process=n)), args.repeat)
    bare = min(bare_texts, bare_paras)
    print(f"texts: {len(texts)}, words: {words:,}, model: {nlp.meta.get('name')}, n_process: {n}")
    print(f"pipeline components: {', '.join(nlp.pipe_names)}")
    for label, secs in (
        ("bare nlp.pipe (texts)", bare_texts),
        ("bare nlp.pipe (paragraphs)", bare_paras),
        ("full extraction", full),
    ):
        print(f"{label:28s} {secs:7.2f} s  {words / secs:9,.0f} words/s")
    print(f"ratio extraction / fastest bare parse: {bare / full:.2f} (target >= 0.85)")


if __name__ == "__main__":
    main()
