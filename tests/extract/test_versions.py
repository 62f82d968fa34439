"""The extractor's version follows its rule files: editing a word list re-extracts stored
articles without anyone remembering to raise a number."""

from __future__ import annotations

import shutil

from extract import EXTRACTOR_VERSION
from extract.extractor import EXTRACTOR_RELEASE, PATTERNS, rules_digest


def test_the_version_is_the_release_and_the_digest_of_the_rule_files():
    """ "2.8.3+1a2b3c4d": the hand-raised release, then the rule files' digest."""
    assert f"{EXTRACTOR_RELEASE}+{rules_digest()}" == EXTRACTOR_VERSION
    assert len(EXTRACTOR_VERSION) <= 32  # the stored column's size


def test_editing_a_rule_file_changes_the_digest_and_its_readme_does_not(tmp_path):
    """A new word in a list changes the digest; a note in the README does not."""
    rules = tmp_path / "patterns"
    shutil.copytree(PATTERNS, rules)
    before = rules_digest(rules)
    assert before == rules_digest(PATTERNS)
    (rules / "README.md").write_text("a note\n", encoding="utf-8")
    assert rules_digest(rules) == before
    with (rules / "speech_verbs.txt").open("a", encoding="utf-8") as words:
        words.write("intoned\n")
    assert rules_digest(rules) != before
