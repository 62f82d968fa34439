"""Signed letters: a letters page's paragraphs are their signers' voice for disputes, never
statements; a profile heading or a lone unplaced name signs nothing.

Names are invented (Ada Brook, Marta Quell, Tomas Reyle: people; Ardenia: a state). Texts run
through the model.
"""

from __future__ import annotations

from extract.letters import letter_voices

LETTERS = (
    "Readers weigh in on the border talks.\n\n"
    "LETTERS.\n\n"
    "I have followed the border talks for years and I have never seen anything like this. "
    "Senator Ivo Dant's plan is a disgrace and a betrayal of every family in the valley.\n\n"
    "Marta Quell.\n\n"
    "Springfield, Ill.\n\n"
    "The negotiators have worked hard for a fair deal and deserve our thanks. I hope the "
    "talks go on next spring without any more delays.\n\n"
    "Tomas Reyle.\n\n"
    "Portland, Ore.\n"
)


def _found(extractor, text: str) -> list[tuple[str, str | None]]:
    return [(d.actor, d.target) for d in extractor.extract(text).disputes if d.named]


def test_a_signed_letter_s_criticism_is_its_signer_s(extractor):
    """ "Dant's plan is a disgrace", signed "Marta Quell." → Marta Quell against Ivo Dant."""
    assert ("Marta Quell", "Ivo Dant") in _found(extractor, LETTERS)


def test_a_signed_letter_is_no_statement(extractor):
    """Letters are their writers' own words, not reported speech: /who-said never lists them."""
    speakers = {s.speaker for s in extractor.extract(LETTERS).statements}
    assert not speakers & {"Marta Quell", "Tomas Reyle"}


def test_each_letter_runs_from_the_last_signature_block_to_its_own_signature(extractor):
    """The second letter starts after "Springfield, Ill.", the first after "LETTERS."."""
    from extract.extractor import Extractor  # noqa: F401  (the fixture's type)

    pieces = _voices(extractor, LETTERS)
    assert [(name, text.split(".")[0][:20]) for name, text in pieces] == [
        ("Marta Quell", "I have followed the "),
        ("Tomas Reyle", "The negotiators have"),
    ]


def test_a_profile_heading_signs_nothing(extractor):
    """ "Ada Brook." followed by "Brook, a nurse, …" heads a profile: no letter, no dispute."""
    text = (
        "The faces of the valley.\n\n"
        "Many families in the valley have waited years for the border talks to end, and "
        "they say the plan is a disgrace.\n\n"
        "Ada Brook.\n\n"
        "Brook, a nurse, has lived in the valley all her life and says the plan is unfair.\n\n"
        "Ivo Dant.\n\n"
        "Dant, a farmer, has lived beside the border for forty years.\n"
    )
    assert _voices(extractor, text) == []


def test_a_lone_name_without_a_place_line_signs_nothing(extractor):
    """One bare name closing an article, with no "City, State." under it, is no letter."""
    text = (
        "Talks resume.\n\n"
        "The talks resumed on Monday after a week of delays, and officials said the plan "
        "was a disgrace.\n\n"
        "Ada Brook.\n"
    )
    assert _voices(extractor, text) == []


def test_handles_sign_posts_on_a_letters_page(extractor):
    """ "@valley_voice." and "@ada_b." under posts sign them, as names do."""
    text = (
        "Readers react.\n\n"
        "TWITTER.\n\n"
        "Ardenia's government has lied to us about the border for far too long now.\n\n"
        "@valley_voice.\n\n"
        "Nothing the ministry says about the talks seems credible to me anymore, sadly.\n\n"
        "@ada_b.\n"
    )
    assert [name for name, _ in _voices(extractor, text)] == ["@valley_voice", "@ada_b"]


def _voices(extractor, text: str) -> list[tuple[str, str]]:
    from extract.chunks import article_chunks

    chunks = article_chunks(text, limit=100_000)
    docs = list(extractor.pipe(text[c.start : c.end] for c in chunks))
    return [(v.speaker, v.content) for v in letter_voices(text, chunks, docs)]


def test_a_four_word_signature_is_no_part_of_the_next_letter(extractor):
    """ "Mary Ann de Vries." after the first letter signs it; the second letter starts after it,
    not at the first letter's prose."""
    text = (
        "Readers respond.\n\n"
        "LETTERS.\n\n"
        "The border plan is a disgrace and a betrayal of every family in the valley.\n\n"
        "Mary Ann de Vries.\n\n"
        "The negotiators deserve our thanks for the hard work they have done this year.\n\n"
        "Tomas Reyle.\n\n"
        "Portland, Ore.\n"
    )
    assert [(name, words[:14]) for name, words in _voices(extractor, text)] == [
        ("Mary Ann de Vries", "The border pla"),
        ("Tomas Reyle", "The negotiator"),
    ]


def test_a_handle_s_post_is_nobody_named_so_its_disputes_are_never_shown(extractor):
    """ "Ardenia's government is a disgrace." signed "@valley_voice." is a pseudonym's: the
    dispute is kept with its unnamed actor, never shown as a named party's."""
    text = (
        "Readers react.\n\n"
        "TWITTER.\n\n"
        "Ardenia's government is a disgrace and a danger to every family in the valley.\n\n"
        "@valley_voice.\n\n"
        "Nothing the ministry says about the talks seems credible to me anymore, sadly.\n\n"
        "@ada_b.\n"
    )
    assert [d.actor for d in extractor.extract(text).disputes if d.named] == []
