"""Summit coverage: names, descriptions, capitals, nested and grouped speakers (real model)."""

from __future__ import annotations

import pytest

from extract.speakers import place_words, role_fit

from .helpers import statement_where

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("head", "places", "role", "fit"),
    [
        ("diplomat", "", "Secretary of State", 2),
        ("diplomat", "top US", "U.S. Secretary of State", 2),
        ("leader", "American", "President", 1),
        ("leader", "North Korean", "North Korean leader", 2),
        ("leader", "North Korean", "South Korean President", 0),
        ("president", "", "Foreign Minister", 0),
        ("premier", "", "Prime Minister", 2),
    ],
)
def test_role_fit(head: str, places: str, role: str, fit: int) -> None:
    """A description fits a role by its head noun's role phrases and by its places."""
    assert role_fit(head, place_words(places), role) == fit


def test_place_words_spell_one_place_one_way() -> None:
    """ "US", "U.S." and "American" are one place; title words are not places."""
    assert place_words("U.S. Secretary of State") == place_words("American") == {"us"}


ARTICLE = (
    "US Secretary of State Ardo Venn met North Korean leader Kim Jong-un and South Korean "
    "President Moon Jae-in on Friday.\n\n"
    '"We will talk again," the top US diplomat said.\n\n'
    "The North Korean leader said the talks were useful.\n\n"
    "The South Korean president told reporters he was hopeful."
)


@pytest.mark.parametrize(
    ("content", "speaker"),
    [
        ("We will talk again", "Ardo Venn"),
        ("the talks were useful", "Kim Jong-un"),
        ("he was hopeful", "Moon Jae-in"),
    ],
)
def test_descriptions_resolve_to_the_person_with_that_role(extractor, content, speaker) -> None:
    """ "the top US diplomat" → the Secretary of State; "the North Korean leader" → the
    leader introduced with that nationality; hyphenated given names stay whole."""
    statement = statement_where(extractor.extract(ARTICLE), content=content)
    assert (statement.speaker, statement.speaker_type) == (speaker, "person")


def test_title_before_a_misparsed_name_is_learned(extractor) -> None:
    """ "between President Ada Brook and …" (a parse without a name head) still teaches that
    Ada Brook is the president, so a later "the president said" is her."""
    text = (
        "The summit between President Ada Brook and Prime Minister Ivo Dant of Solvaria ended "
        "early on Thursday.\n\n"
        '"We will do it right rather than fast," the president said.'
    )
    statement = statement_where(
        extractor.extract(text), content="We will do it right rather than fast"
    )
    assert statement.speaker == "Ada Brook"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Moscow said the sanctions were illegal.", "Russia"),
        ("Pyongyang denied that it had tested a missile.", "North Korea"),
        ("Washington warned that the talks could end.", "United States"),
        ("Beijing has said the islands are its territory.", "China"),
    ],
)
def test_capital_speaks_for_its_state(extractor, text: str, speaker: str) -> None:
    """A capital standing alone as the speaker is its state (patterns/capitals.json)."""
    statement = extractor.extract(text).statements[0]
    assert (statement.speaker, statement.speaker_type) == (speaker, "organisation")
    assert statement.speaker_mention == text.split()[0]


def test_capital_that_is_a_person_name_stays_the_person(extractor) -> None:
    """ "Washington" after "Ada Washington" was named is Ada Washington, not the state."""
    text = "Ada Washington met the board on Monday. Washington said she would run again."
    statement = statement_where(extractor.extract(text), content="she would run again")
    assert statement.speaker == "Ada Washington"


def test_capital_inside_a_longer_name_is_not_a_state(extractor) -> None:
    """ "the mayor of Moscow" and "Moscow's envoy" are not Russia."""
    result = extractor.extract("The mayor of Moscow said the roads were clear.")
    assert all(s.speaker != "Russia" for s in result.statements)


def test_others_wording_in_a_relative_clause_stays_out(extractor) -> None:
    """ "…on the war, which Ardenia calls a 'special operation'": Ardenia's term is not the
    speaker's words; the relative clause is left out of the speaker's content."""
    text = (
        "Nadia Farouk said there was no sign that Ardenia wanted to end the war, which the "
        "Ardenian government calls a “special operation” to protect its borders."
    )
    statement = statement_where(extractor.extract(text), speaker="Nadia Farouk")
    assert statement.content == "there was no sign that Ardenia wanted to end the war"


def test_own_wording_in_a_relative_clause_stays_in(extractor) -> None:
    """ "…what he called homegrown terror": the speaker's own label is kept."""
    text = "Ivo Dant said the country must fight what he called homegrown terror."
    statement = statement_where(extractor.extract(text), cue="said")
    assert statement.content.endswith("what he called homegrown terror")


def test_trailing_concessive_with_its_own_cue_is_cut(extractor) -> None:
    """ "X insisted talks would continue, though she added that …": the added part is a
    statement of its own, not more of the first."""
    text = "Ada Brook insisted talks would continue, though she added that it might be a while."
    statement = statement_where(extractor.extract(text), cue="insisted")
    assert statement.content == "talks would continue"


def test_trailing_concessive_of_the_writer_is_cut(extractor) -> None:
    """ "…, although no new meetings have been scheduled": the writer's context after a
    comma is not the speaker's report."""
    text = (
        "Ivo Dant said border talks would resume quickly, although no new meetings have yet "
        "been scheduled."
    )
    statement = statement_where(extractor.extract(text), speaker="Ivo Dant")
    assert statement.content == "border talks would resume quickly"


def test_clausal_subject_is_never_the_speaker(extractor) -> None:
    """ "He suggested [giving up arms] would draw aid, telling Lopez that …": the speaker of
    "telling" is he (the suggester), never the clause "giving"."""
    text = (
        "President David Chen met reporters in Vienna on Monday.\n\n"
        "He also suggested giving up nuclear weapons would draw economic assistance, telling "
        'Lopez that Teluria has "unbelievable, unlimited potential," and "I look forward to '
        'watching it happen."'
    )
    result = extractor.extract(text)
    assert statement_where(result, cue="telling").speaker == "David Chen"


def test_name_with_a_role_in_apposition_is_a_person(extractor) -> None:
    """ "Sung-Ho Park, a Korea expert at …, said" is a person (whatever the entity label),
    so a later "he said" can be him."""
    text = (
        "Sung-Ho Park, a Korea expert with the Fenwick School at Dalton University, said the "
        "talks were a gamble.\n\n"
        '"Two steps forward and one step back is still progress," he said.'
    )
    result = extractor.extract(text)
    assert statement_where(result, content="the talks were a gamble").speaker_type == "person"
    assert statement_where(result, cue="said", speaker="Sung-Ho Park").speaker_type == "person"
    assert any(
        s.speaker == "Sung-Ho Park" and s.content.startswith("Two steps") for s in result.statements
    )


def test_the_same_description_continues_an_unnamed_speaker(extractor) -> None:
    """ "A Teluran diplomat said … 'It was a shock,' the diplomat said": the same unnamed
    diplomat, not a named diplomat from earlier in the article."""
    text = (
        "Foreign Minister Ada Brook said the talks had ended early.\n\n"
        "A Teluran diplomat said the capital was stunned by the result. "
        '"It was a shock," the diplomat said.'
    )
    result = extractor.extract(text)
    shock = statement_where(result, content="It was a shock")
    assert shock.speaker != "Ada Brook" and shock.speaker_type == "unnamed"
    assert "diplomat" in shock.speaker


def test_a_coordinated_name_is_not_part_of_the_next_persons_role(extractor) -> None:
    """ "Lopez and Secretary of State David Chen pledged …": Chen's role is "Secretary of
    State", not "Lopez and Secretary of State", so "the top diplomat" later fits him."""
    text = (
        "President Maria Lopez met reporters.\n\n"
        "While Lopez and Secretary of State David Chen pledged to continue negotiations, it is "
        "unclear how Teluria will react.\n\n"
        "Chen insisted negotiations would continue.\n\n"
        '"We will each need to regroup," the top diplomat told reporters.'
    )
    result = extractor.extract(text)
    assert result.roles.get("David Chen") == "Secretary of State"
    assert statement_where(result, content="We will each need to regroup").speaker == "David Chen"


def test_a_quote_never_takes_the_cue_of_the_next_paragraph(extractor) -> None:
    """A quotation that ends a paragraph is not what the next paragraph's "X disputed …"
    said; it continues its own paragraph's speaker."""
    text = (
        '"There is a gap," Ada Brook said. "We have to keep the sanctions and they want them '
        'lifted. That is the gap."\n\n'
        "Teluria disputed Brook's explanation. Its foreign minister said the offer stood."
    )
    result = extractor.extract(text)
    gap = statement_where(
        result, content="We have to keep the sanctions and they want them lifted. That is the gap."
    )
    assert gap.speaker == "Ada Brook"


def test_reference_article_keeps_moscows_term_out_of_blinkens_words(extractor) -> None:
    """In samples/dawn-arf-2023.txt, Moscow's "special military operation" is not Blinken's."""
    from pathlib import Path

    sample = Path(__file__).resolve().parents[2] / "samples" / "dawn-arf-2023.txt"
    result = extractor.extract(sample.read_text(encoding="utf-8"))
    blinken = [s for s in result.statements if s.speaker == "Antony Blinken"]
    assert blinken and not any("special military operation" in s.content for s in blinken)
    assert any("meaningful diplomacy on the war" in s.content for s in blinken)


def test_nested_attribution_points_at_the_person_quoted(extractor) -> None:
    """ "State media quoted the spokesman Ivo Dant as saying …" → Ivo Dant, not the media."""
    text = "State media quoted the spokesman Ivo Dant as saying that the talks had failed."
    statement = statement_where(extractor.extract(text), content="the talks had failed")
    assert (statement.speaker, statement.speaker_mention) == ("Ivo Dant", "the spokesman")


def test_group_of_speakers_keeps_the_list(extractor) -> None:
    """ "Lopez and Chen said …" → both full names, and the list is no antecedent for "he"."""
    text = (
        "Maria Lopez met David Chen in Vienna on Monday.\n\n"
        "Lopez and Chen said they had been close to a deal.\n\n"
        "He said the talks would resume."
    )
    result = extractor.extract(text)
    group = statement_where(result, content="they had been close to a deal")
    assert group.speaker == "Maria Lopez and David Chen"
    assert statement_where(result, content="the talks would resume").speaker != group.speaker


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        (
            "As the Ardenia Monitor reported, the new force would pull Solvaria into the war.",
            "Ardenia Monitor",
            "the new force would pull Solvaria into the war",
        ),
        (
            "The border with Solvaria will reopen next week, as Leila Farouk said on Monday.",
            "Leila Farouk",
            "The border with Solvaria will reopen next week",
        ),
    ],
)
def test_as_clause_reports_the_main_clause(extractor, text, speaker, content) -> None:
    """ "As X reported, CLAUSE" and "CLAUSE, as X said": the main clause is X's statement."""
    statement = statement_where(extractor.extract(text), content=content)
    assert statement.speaker == speaker


def test_as_clause_with_its_own_object_reports_nothing(extractor) -> None:
    """ "As Venn said goodbye, protesters chanted": no statement of Venn's."""
    result = extractor.extract("As Ardo Venn said goodbye, protesters chanted outside the hall.")
    assert not [s for s in result.statements if s.speaker == "Ardo Venn"]


def test_relative_object_labelled_as_is_the_content(extractor) -> None:
    """ "the inquiry, which Venn denounced as a witch hunt" → Venn: "a witch hunt"."""
    text = "The inquiry, which Ardo Venn has denounced as a witch hunt, went on for a year."
    statement = statement_where(extractor.extract(text), content="a witch hunt")
    assert statement.speaker == "Ardo Venn"


@pytest.mark.parametrize(
    "text",
    [
        "Ardo Venn maintained the relationship with Solvaria is better than it has ever been.",
        "Ardo Venn insisted the border with Solvaria was safer than it had been for years.",
    ],
)
def test_subject_parsed_as_the_cues_object_stays_in_the_content(extractor, text) -> None:
    """ "maintained [the relationship] is better": the misparsed object is the clause's
    subject and part of what was said."""
    result = extractor.extract(text)
    assert any(
        s.speaker == "Ardo Venn" and s.content.startswith("the ") for s in result.statements
    ), [(s.speaker, s.content) for s in result.statements]


def test_a_title_word_inside_a_persons_name_stays_in_the_name(extractor) -> None:
    """ "said Charlie King, a New York Democrat": King is his surname, not a title."""
    text = '"Turnout makes a difference," said Charlie King, a prominent New York Democrat.'
    assert statement_where(extractor.extract(text), cue="said").speaker == "Charlie King"


def test_according_to_a_speech_is_sourced_to_its_speaker(extractor) -> None:
    """ "…, according to a speech Ada Brook delivered in May" → Ada Brook, not "a speech"."""
    text = (
        "The goal is to curb short-term trading, according to a speech Ada Brook delivered "
        "at Vienna University in May."
    )
    statement = statement_where(extractor.extract(text), cue="according to")
    assert statement.speaker == "Ada Brook"


def test_a_name_after_a_dash_speaks_the_quotation_before_it(extractor) -> None:
    """Collected comments, one per line: '"…" ― Name' gives each quotation its own name."""
    text = (
        "Readers answered our call.\n\n"
        "\u201cThe plan ignores the people it claims to help.\u201d \u2015 Sonya Hill\n"
        "\u201cWe deserve better than this debate.\u201d\u00a0\u2015 Julie A. Moreno.\u00a0\n"
        "\u201cMaybe we can build a wall around the studio.\u201d \u2015 Oscar P. Quintero"
    )
    result = extractor.extract(text)
    said = {s.content: s.speaker for s in result.statements}
    assert said == {
        "The plan ignores the people it claims to help.": "Sonya Hill",
        "We deserve better than this debate.": "Julie A. Moreno",
        "Maybe we can build a wall around the studio.": "Oscar P. Quintero",
    }


def test_a_dash_followed_by_a_sentence_names_no_one(extractor) -> None:
    """'"…" ― a bleak view shared by many' is commentary, not a speaker."""
    text = (
        "The minister spoke on Monday.\n\n"
        '"Nothing will change for the farmers here." \u2015 a bleak view shared by many in the '
        "city who had expected a deal."
    )
    result = extractor.extract(text)
    assert all("bleak" not in s.speaker and "view" not in s.speaker for s in result.statements)


def test_a_titled_surname_is_not_a_later_full_name_with_another_title(extractor) -> None:
    """ "President Trump … First lady Melania Trump … Trump said": the president speaks."""
    text = (
        "President Trump said the talks with Canada were going well.\n\n"
        "First lady Melania Trump visited a school in Quebec on Friday.\n\n"
        '"We are very close to a deal," Trump said.'
    )
    result = extractor.extract(text)
    assert [s.speaker for s in result.statements] == ["Trump", "Trump"]


def test_a_surname_titled_like_its_full_name_stays_that_person(extractor) -> None:
    """ "Former Ardenian leader Dant …" then "former Ardenian President Ivo Dant": one man."""
    text = (
        "Former Ardenian leader Dant criticised the wall on Saturday.\n\n"
        "Count former Ardenian President Ivo Dant among its critics.\n\n"
        '"We will not pay for such a wall," Dant told reporters.'
    )
    result = extractor.extract(text)
    assert statement_where(result, content="We will not pay for such a wall").speaker == "Ivo Dant"
