"""Model-backed table: our own sentences through the real pipeline (speaker, content, cue)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

# (text, speaker, content, cue); the content must be one statement's exact content.
STATEMENTS = [
    # direct: quote then speaker
    (
        '"We will not pay for the wall," Ray Stone said on Monday.',
        "Ray Stone",
        "We will not pay for the wall",
        "said",
    ),
    (
        "“The talks were useful,” said Maria Kovacs.",
        "Maria Kovacs",
        "The talks were useful",
        "said",
    ),
    (
        '"Nobody wants another war," the senator told reporters.',
        "the senator",
        "Nobody wants another war",
        "told",
    ),
    (
        '"This is a dark day for the region," Ana Ruiz added.',
        "Ana Ruiz",
        "This is a dark day for the region",
        "added",
    ),
    (
        "“We are ready to talk at any time,” Chinese Foreign Minister Li Wen said.",
        "Li Wen",
        "We are ready to talk at any time",
        "said",
    ),
    (
        '"Prices will rise next year," warned Paul Okafor, an economist at Delta Bank.',
        "Paul Okafor",
        "Prices will rise next year",
        "warned",
    ),
    (
        '"The border will stay open," the interior ministry said in a statement.',
        "interior ministry",
        "The border will stay open",
        "said",
    ),
    (
        "“We have done nothing wrong,” Tom Hale insisted.",
        "Tom Hale",
        "We have done nothing wrong",
        "insisted",
    ),
    (
        '"The vote was rigged from the start," claimed opposition leader Sara Bello.',
        "Sara Bello",
        "The vote was rigged from the start",
        "claimed",
    ),
    (
        '"We expect a decision by June," the company said.',
        "the company",
        "We expect a decision by June",
        "said",
    ),
    # direct: speaker then quote
    (
        'Ray Stone said: "We will not pay for the wall."',
        "Ray Stone",
        "We will not pay for the wall.",
        "said",
    ),
    (
        'The president said, "The economy is strong and getting stronger."',
        "the president",
        "The economy is strong and getting stronger.",
        "said",
    ),
    (
        'Maria Kovacs told the BBC: "Our patience has limits."',
        "Maria Kovacs",
        "Our patience has limits.",
        "told",
    ),
    (
        'Ana Ruiz wrote on Twitter: "Today we won a great victory for our farmers."',
        "Ana Ruiz",
        "Today we won a great victory for our farmers.",
        "wrote",
    ),
    # direct: multi-sentence quotes and split quotes
    (
        '"We came here to talk. We leave with nothing," Ray Stone said.',
        "Ray Stone",
        "We came here to talk. We leave with nothing",
        "said",
    ),
    (
        '"Nobody is above the law," Ann Lee said. "Not even the president."',
        "Ann Lee",
        "Not even the president.",
        "",
    ),
    (
        '"The plan is dead," Ann Lee said, "and it will not come back."',
        "Ann Lee",
        "The plan is dead",
        "said",
    ),
    ('"Why should we wait?" Sara Bello asked.', "Sara Bello", "Why should we wait?", "asked"),
    # indirect: said (that)
    ("Ray Stone said the talks had collapsed.", "Ray Stone", "the talks had collapsed", "said"),
    (
        "Maria Kovacs said that the embassy would reopen in March.",
        "Maria Kovacs",
        "the embassy would reopen in March",
        "said",
    ),
    (
        "The ministry said on Friday that it had expelled two diplomats.",
        "The ministry",
        "it had expelled two diplomats",
        "said",
    ),
    (
        "Officials said the bridge would be closed for a month.",
        "Officials",
        "the bridge would be closed for a month",
        "said",
    ),
    (
        "A spokeswoman for the airline said flights would resume on Monday.",
        "A spokeswoman for the airline",
        "flights would resume on Monday",
        "said",
    ),
    (
        "Ana Ruiz told reporters that the budget was balanced.",
        "Ana Ruiz",
        "the budget was balanced",
        "told",
    ),
    (
        "Tom Hale told the committee he had never met the banker.",
        "Tom Hale",
        "he had never met the banker",
        "told",
    ),
    (
        "Paul Okafor added that exports had fallen by a third.",
        "Paul Okafor",
        "exports had fallen by a third",
        "added",
    ),
    (
        "Sara Bello argued that the law was unconstitutional.",
        "Sara Bello",
        "the law was unconstitutional",
        "argued",
    ),
    (
        "The agency reported that inflation had slowed to four percent.",
        "The agency",
        "inflation had slowed to four percent",
        "reported",
    ),
    (
        "Ann Lee warned that the river could flood the town.",
        "Ann Lee",
        "the river could flood the town",
        "warned",
    ),
    (
        "Ray Stone insisted that he had paid every tax bill.",
        "Ray Stone",
        "he had paid every tax bill",
        "insisted",
    ),
    (
        "Maria Kovacs announced that she would run for mayor.",
        "Maria Kovacs",
        "she would run for mayor",
        "announced",
    ),
    (
        "The general acknowledged that mistakes had been made.",
        "The general",
        "mistakes had been made",
        "acknowledged",
    ),
    (
        "Tom Hale denied that he had leaked the memo.",
        "Tom Hale",
        "he had leaked the memo",
        "denied",
    ),
    (
        "Ana Ruiz confirmed that the factory would close.",
        "Ana Ruiz",
        "the factory would close",
        "confirmed",
    ),
    (
        "Police said three people had been arrested.",
        "Police",
        "three people had been arrested",
        "said",
    ),
    (
        "Ann Lee explained that the delay was caused by the weather.",
        "Ann Lee",
        "the delay was caused by the weather",
        "explained",
    ),
    (
        "Sara Bello predicted that turnout would be high.",
        "Sara Bello",
        "turnout would be high",
        "predicted",
    ),
    (
        "Paul Okafor noted that the index had doubled since 2010.",
        "Paul Okafor",
        "the index had doubled since 2010",
        "noted",
    ),
    (
        "The White House said the president would sign the bill.",
        "White House",
        "the president would sign the bill",
        "said",
    ),
    (
        "Analysts say the currency could weaken further.",
        "Analysts",
        "the currency could weaken further",
        "say",
    ),
    # indirect: parenthetical ", X said"
    (
        "The talks will resume next week, Ray Stone said.",
        "Ray Stone",
        "The talks will resume next week",
        "said",
    ),
    (
        "Russia shows no sign of changing course, Maria Kovacs said on Friday.",
        "Maria Kovacs",
        "Russia shows no sign of changing course",
        "said",
    ),
    ("The deal is off, the ministry said.", "the ministry", "The deal is off", "said"),
    (
        "Two soldiers were wounded in the attack, officials said.",
        "officials",
        "Two soldiers were wounded in the attack",
        "said",
    ),
    (
        "The company plans to cut 500 jobs, sources said.",
        "sources",
        "The company plans to cut 500 jobs",
        "said",
    ),
    (
        "The vote will be held in May, said Ana Ruiz.",
        "Ana Ruiz",
        "The vote will be held in May",
        "said",
    ),
    # indirect: according to
    (
        "According to the ministry, the strike ended on Tuesday.",
        "the ministry",
        "the strike ended on Tuesday.",
        "according to",
    ),
    (
        "The strike ended on Tuesday, according to union leaders.",
        "union leaders",
        "The strike ended on Tuesday",
        "according to",
    ),
    (
        "According to Ray Stone, the bank lost millions.",
        "Ray Stone",
        "the bank lost millions.",
        "according to",
    ),
    (
        "The minister had no plans to travel, according to his spokesman.",
        "his spokesman",
        "The minister had no plans to travel",
        "according to",
    ),
    # appeals and descriptions
    ("Ann Lee called for calm in the capital.", "Ann Lee", "for calm in the capital", "called"),
    (
        "Sara Bello urged parliament to reject the treaty.",
        "Sara Bello",
        "parliament to reject the treaty",
        "urged",
    ),
    (
        "Tom Hale described the meeting as frank and useful.",
        "Tom Hale",
        "the meeting as frank and useful",
        "described",
    ),
    (
        "Ray Stone called on both sides to stop the fighting.",
        "Ray Stone",
        "on both sides to stop the fighting",
        "called",
    ),
    # mixed quotes
    (
        'Ann Lee said the decision was "a personal insult" to farmers.',
        "Ann Lee",
        'the decision was "a personal insult" to farmers',
        "said",
    ),
    (
        'Ray Stone said the report was "full of lies and half-truths".',
        "Ray Stone",
        'the report was "full of lies and half-truths"',
        "said",
    ),
    (
        'Maria Kovacs said the forum had agreed to "strengthen regional cooperation".',
        "Maria Kovacs",
        'the forum had agreed to "strengthen regional cooperation"',
        "said",
    ),
    # titles, roles, appositions
    (
        "US Secretary of State Jane Doe said the alliance was strong.",
        "Jane Doe",
        "the alliance was strong",
        "said",
    ),
    (
        "Russian Foreign Minister Ivan Petrov said sanctions had failed.",
        "Ivan Petrov",
        "sanctions had failed",
        "said",
    ),
    (
        "Ivan Petrov, the Russian foreign minister, said sanctions had failed.",
        "Ivan Petrov",
        "sanctions had failed",
        "said",
    ),
    (
        "Dmitri Volkov, press secretary for the president, said the visit was cancelled.",
        "Dmitri Volkov",
        "the visit was cancelled",
        "said",
    ),
    (
        "A spokeswoman for the hotel group, Jennifer Rodd, said the rooms were booked.",
        "Jennifer Rodd",
        "the rooms were booked",
        "said",
    ),
    ("Sen. Mark Tully said the bill would pass.", "Mark Tully", "the bill would pass", "said"),
    ("Dr. Amal Haddad said the vaccine was safe.", "Amal Haddad", "the vaccine was safe", "said"),
    (
        "Prime Minister Kofi Mensah said the election would be held in June.",
        "Kofi Mensah",
        "the election would be held in June",
        "said",
    ),
    # organisations as speakers
    (
        "The State Department said the embassy would stay open.",
        "State Department",
        "the embassy would stay open",
        "said",
    ),
    (
        "The Chinese foreign ministry said the visit was a provocation.",
        "Chinese foreign ministry",
        "the visit was a provocation",
        "said",
    ),
    (
        "Reuters reported that the deal was signed on Sunday.",
        "Reuters",
        "the deal was signed on Sunday",
        "reported",
    ),
    (
        "The United Nations said aid convoys had been blocked.",
        "United Nations",
        "aid convoys had been blocked",
        "said",
    ),
    # conjoined and participial cues
    ("Ray Stone smiled and said the match was over.", "Ray Stone", "the match was over", "said"),
    (
        "Ann Lee spoke for an hour, saying the economy was recovering.",
        "Ann Lee",
        "the economy was recovering",
        "saying",
    ),
    (
        "Tom Hale said the plan was sound, adding that it would save money.",
        "Tom Hale",
        "it would save money",
        "adding",
    ),
    # relative-clause speakers
    (
        "Maria Kovacs, who said the talks were useful, left on Friday.",
        "Maria Kovacs",
        "the talks were useful",
        "said",
    ),
]

# (text, speaker of the statement whose content is given)
RESOLUTION = [
    (
        "Ray Stone arrived on Monday. He said the talks had been useful.",
        "Ray Stone",
        "the talks had been useful",
    ),
    (
        "Ann Lee spoke first. She said the budget was too small.",
        "Ann Lee",
        "the budget was too small",
    ),
    (
        "Mr. Ray Stone met the press. Stone said the vote was fair.",
        "Ray Stone",
        "the vote was fair",
    ),
    (
        "Ivan Petrov arrived late.\n\nPetrov said the visit was useful.",
        "Ivan Petrov",
        "the visit was useful",
    ),
    (
        "Ivan Petrov arrived late.\n\nMr. Petrov said the visit was useful.",
        "Ivan Petrov",
        "the visit was useful",
    ),
    (
        'Ann Lee said the plan had failed.\n\n"We tried everything we could think of."',
        "Ann Lee",
        "We tried everything we could think of.",
    ),
    (
        '"We will fight on," Ann Lee said.\n\n"There is no other choice for us."',
        "Ann Lee",
        "There is no other choice for us.",
    ),
    (
        "Foreign Minister (Ivan) Petrov arrived.\n\nPetrov said sanctions had failed.",
        "Ivan Petrov",
        "sanctions had failed",
    ),
    ("Wang Yi met the envoy.\n\nWang said ties were improving.", "Wang Yi", "ties were improving"),
    (
        "Sara Bello spoke first.\n\n“We need more money for schools,” she said.",
        "Sara Bello",
        "We need more money for schools",
    ),
    (
        "Tom Hale called for calm.\n\n“We must work together,” he said.",
        "Tom Hale",
        "We must work together",
    ),
    (
        "Defence Minister Ana Ruiz visited the base. The minister said morale was high.",
        "Ana Ruiz",
        "morale was high",
    ),
]

NOT_STATEMENTS = [
    "Ray Stone did not say whether the talks had failed.",
    "Ann Lee never said the plan had failed.",
    "Tom Hale thinks the market will recover.",
    "Maria Kovacs believes the war will end soon.",
    'The so-called "peace plan" was shelved.',
    "WASHINGTON (AP) — The storm hit the coast on Monday.",
    "The minister fears the talks will collapse.",
    "Reporting by Ann Lee; Editing by Tom Hale",
]


def _find(extraction, content):
    return [s for s in extraction.statements if s.content == content]


@pytest.mark.parametrize(("text", "speaker", "content", "cue"), STATEMENTS)
def test_statement_table(extractor, text, speaker, content, cue):
    """Each sentence yields the statement with the expected speaker, content and cue."""
    found = _find(extractor.extract(text), content)
    assert found, [(s.speaker, s.content) for s in extractor.extract(text).statements]
    st = found[0]
    assert st.speaker.lower() == speaker.lower()
    assert cue == "" or st.cue.lower() == cue
    assert text[st.start : st.end] == st.content


@pytest.mark.parametrize(("text", "speaker", "content"), RESOLUTION)
def test_speaker_resolution_table(extractor, text, speaker, content):
    """Pronouns, surnames, honorifics and descriptions resolve to the full earlier name."""
    found = _find(extractor.extract(text), content)
    assert found, [(s.speaker, s.content) for s in extractor.extract(text).statements]
    assert found[0].speaker == speaker


@pytest.mark.parametrize("text", NOT_STATEMENTS)
def test_not_statements(extractor, text):
    """Negated cues, belief verbs, scare quotes, datelines and credit lines give nothing."""
    assert extractor.extract(text).statements == ()


def test_table_size():
    """The table covers at least 80 of our own sentences."""
    assert len(STATEMENTS) + len(RESOLUTION) + len(NOT_STATEMENTS) >= 80
