"""Pronoun speakers: salience, genders read off the article, clause and report limits (real
model). All names and places are invented."""

from __future__ import annotations

import pytest

from .helpers import statement_where

pytestmark = pytest.mark.slow


def speaker_of(extractor, text: str, content: str) -> str:
    return statement_where(extractor.extract(text), content=content).speaker


def test_a_person_introduced_after_the_last_speaker_takes_the_pronoun(extractor) -> None:
    """A name introduced with a role in the sentence before "he wrote" outranks the speaker of
    two paragraphs up."""
    text = (
        '"We will sign the accord," Ardo Venn said on Monday.\n\n'
        "The plan was rejected by every delegation but Ivo Dant, the Solvarian premier.\n\n"
        '"Solvaria supports the plan fully," he wrote on Friday.'
    )
    assert speaker_of(extractor, text, "Solvaria supports the plan fully") == "Ivo Dant"


def test_gender_from_the_articles_own_pronouns(extractor) -> None:
    """ "Leila Farouk said her …" makes Farouk a "she": a later "she said" skips the nearer
    man ("Ardo Venn said his …")."""
    text = (
        "Leila Farouk said her government would sign the accord.\n\n"
        "Ardo Venn, the Ardenian envoy, said his country needed more time.\n\n"
        '"We cannot wait forever for Ardenia," she said.'
    )
    assert speaker_of(extractor, text, "We cannot wait forever for Ardenia") == "Leila Farouk"


def test_a_name_in_the_pronouns_own_clause_is_not_its_antecedent(extractor) -> None:
    """ "After meeting Ivo Dant, he said …": "he" is not Dant."""
    text = (
        "Ardo Venn arrived in the Ardenian capital on Monday.\n\n"
        "After meeting Ivo Dant at the palace, he said the talks had been useful."
    )
    assert speaker_of(extractor, text, "the talks had been useful") == "Ardo Venn"


def test_narrative_pronoun_subjects_carry_the_chain(extractor) -> None:
    """ "He met Ivo Dant, the premier. He then visited …": each "he" keeps Venn salient, so
    the final "he said" is Venn, not the person introduced on the way."""
    text = (
        "Ardo Venn arrived in Ardenia on Monday.\n\n"
        "He met Ivo Dant, the Solvarian premier, at the palace. He then visited the port.\n\n"
        '"The port is ready for the ships," he said.'
    )
    assert speaker_of(extractor, text, "The port is ready for the ships") == "Ardo Venn"


def test_a_speaker_inside_someone_elses_report_is_no_strong_antecedent(extractor) -> None:
    """ "Venn said that Dant had called for talks. 'Good,' he said": Dant only appears in
    Venn's account, so "he" is still Venn."""
    text = (
        "Ardo Venn said on Monday that Ivo Dant had called for new talks on the border.\n\n"
        '"This is a good sign for the region," he said.'
    )
    assert speaker_of(extractor, text, "This is a good sign for the region") == "Ardo Venn"
