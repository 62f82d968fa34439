"""One extractor shared by a process's threads (ingest, positions, one-off jobs) never
parses in two threads at once, and each thread still gets its own results."""

from __future__ import annotations

import threading
import time

from extract import Extractor

TEXTS = [
    f'"We will not sign the text number {n}," Foreign Minister Ada Brook said on Monday.'
    for n in range(6)
]


class Watched:
    """The real pipeline, slowed down, counting how many threads are inside it at once."""

    def __init__(self, nlp) -> None:
        self.nlp, self.max_length = nlp, nlp.max_length
        self.inside = self.most = 0
        self.guard = threading.Lock()

    def pipe(self, texts, **options):
        for item in self.nlp.pipe(texts, **options):
            with self.guard:
                self.inside += 1
                self.most = max(self.most, self.inside)
            time.sleep(0.02)  # a thread switch here would let another parse alongside
            with self.guard:
                self.inside -= 1
            yield item


def test_threads_sharing_an_extractor_parse_one_at_a_time(nlp):
    """Four threads extracting and parsing through one extractor: never two inside spaCy."""
    watched = Watched(nlp)
    extractor = Extractor(watched)
    results: dict[int, list] = {}

    def extract(n: int) -> None:
        results[n] = [e.statements[0].content for e in extractor.extract_many(TEXTS)]
        results[n + 10] = [len(doc) for doc in extractor.pipe(TEXTS)]

    threads = [threading.Thread(target=extract, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert watched.most == 1
    expected = [f"We will not sign the text number {n}" for n in range(6)]
    assert [results[n] for n in range(4)] == [expected] * 4
    assert len({tuple(results[n + 10]) for n in range(4)}) == 1
