"""The only place spaCy runs: text in, frozen dataclasses out (see `extract.model`)."""

from extract.extractor import EXTRACTOR_VERSION, Extractor
from extract.model import Dispute, Extraction, Statement
from extract.pipeline import DEFAULT_MODELS, load_pipeline

__all__ = [
    "DEFAULT_MODELS",
    "EXTRACTOR_VERSION",
    "Dispute",
    "Extraction",
    "Extractor",
    "Statement",
    "load_pipeline",
]
