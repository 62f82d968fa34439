"""Statement, speaker and dispute rules on hand-built Docs with a known parse."""

from __future__ import annotations

from extract.assemble import assemble_article
from extract.chunks import Chunk
from extract.disputes import is_blocked, match_cue
from extract.quotes import normalise
from extract.speakers import read_mention
from extract.statements import paragraph_statements, subject_of

from .docs import make_doc


def run(doc):
    """Assemble a one-paragraph article from a hand-built doc."""
    text = doc.text
    return assemble_article(text, normalise(text), [Chunk(0, len(text), 0, 0)], [doc])


def said_clause():
    # "Lavrov said the talks failed."
    return make_doc(
        [
            ("Lavrov", 1, "nsubj", "PROPN", "Lavrov"),
            ("said", 1, "ROOT", "VERB", "say"),
            ("the", 3, "det", "DET", "the"),
            ("talks", 4, "nsubj", "NOUN", "talk"),
            ("failed", 1, "ccomp", "VERB", "fail"),
            (".", 1, "punct", "PUNCT", "."),
        ],
        ents=["B-PERSON", "O", "O", "O", "O", "O"],
    )


def test_ccomp_of_cue_is_the_content():
    """X said CLAUSE: the ccomp subtree is the content, the nsubj the speaker."""
    raws = paragraph_statements(said_clause())
    assert len(raws) == 1
    raw = raws[0]
    assert (
        raw.speaker.text == "Lavrov"
        and said_clause().text[raw.start : raw.end] == "the talks failed"
    )


def test_quote_then_speaker_is_direct():
    """'"We will win," Ann Lee said.' gives a direct quote by Ann Lee."""
    rows = [
        ('"', 8, "punct", "PUNCT", '"'),
        ("We", 3, "nsubj", "PRON", "we"),
        ("will", 3, "aux", "AUX", "will"),
        ("win", 8, "ccomp", "VERB", "win"),
        (",", 8, "punct", "PUNCT", ","),
        ('"', 8, "punct", "PUNCT", '"'),
        ("Ann", 7, "compound", "PROPN", "Ann"),
        ("Lee", 8, "nsubj", "PROPN", "Lee"),
        ("said", 8, "ROOT", "VERB", "say"),
        (".", 8, "punct", "PUNCT", "."),
    ]
    spaces = [False, True, True, False, False, True, True, True, False, False]
    ents = ["O"] * 6 + ["B-PERSON", "I-PERSON", "O", "O"]
    result = run(make_doc(rows, ents, spaces))
    (st,) = result.statements
    assert (st.speaker, st.content, st.kind, st.cue) == ("Ann Lee", "We will win", "direct", "said")


def test_according_to_gives_source_and_clause():
    """ "According to the ministry, the talks failed." → ministry reports the clause."""
    rows = [
        ("According", 7, "prep", "VERB", "accord"),
        ("to", 0, "prep", "ADP", "to"),
        ("the", 3, "det", "DET", "the"),
        ("ministry", 1, "pobj", "NOUN", "ministry"),
        (",", 7, "punct", "PUNCT", ","),
        ("the", 6, "det", "DET", "the"),
        ("talks", 7, "nsubj", "NOUN", "talk"),
        ("failed", 7, "ROOT", "VERB", "fail"),
        (".", 7, "punct", "PUNCT", "."),
    ]
    (st,) = run(make_doc(rows)).statements
    assert st.cue == "according to" and st.content == "the talks failed."
    assert st.speaker == "the ministry" and st.speaker_type == "unnamed"


def test_pronoun_resolves_to_previous_person_subject():
    """ "Ann Lee spoke. She said the plan failed." → the statement is Ann Lee's."""
    rows = [
        ("Ann", 1, "compound", "PROPN", "Ann"),
        ("Lee", 2, "nsubj", "PROPN", "Lee"),
        ("spoke", 2, "ROOT", "VERB", "speak"),
        (".", 2, "punct", "PUNCT", "."),
        ("She", 5, "nsubj", "PRON", "she"),
        ("said", 5, "ROOT", "VERB", "say"),
        ("the", 7, "det", "DET", "the"),
        ("plan", 8, "nsubj", "NOUN", "plan"),
        ("failed", 5, "ccomp", "VERB", "fail"),
        (".", 5, "punct", "PUNCT", "."),
    ]
    ents = ["B-PERSON", "I-PERSON"] + ["O"] * 8
    (st,) = run(make_doc(rows, ents)).statements
    assert st.speaker == "Ann Lee" and st.speaker_mention == "She"


def test_unresolved_pronoun_is_marked():
    """A pronoun with no earlier person stays "he" with speaker_type "unresolved"."""
    rows = [
        ("He", 1, "nsubj", "PRON", "he"),
        ("said", 1, "ROOT", "VERB", "say"),
        ("the", 3, "det", "DET", "the"),
        ("plan", 4, "nsubj", "NOUN", "plan"),
        ("failed", 1, "ccomp", "VERB", "fail"),
        (".", 1, "punct", "PUNCT", "."),
    ]
    (st,) = run(make_doc(rows)).statements
    assert (st.speaker, st.speaker_type) == ("He", "unresolved")


def test_negated_cue_is_not_a_statement():
    """ "Lavrov did not say the talks failed." reports no statement."""
    rows = [
        ("Lavrov", 3, "nsubj", "PROPN", "Lavrov"),
        ("did", 3, "aux", "AUX", "do"),
        ("not", 3, "neg", "PART", "not"),
        ("say", 3, "ROOT", "VERB", "say"),
        ("the", 5, "det", "DET", "the"),
        ("talks", 6, "nsubj", "NOUN", "talk"),
        ("failed", 3, "ccomp", "VERB", "fail"),
        (".", 3, "punct", "PUNCT", "."),
    ]
    assert paragraph_statements(make_doc(rows)) == []


def test_title_is_split_into_role():
    """ "US Secretary of State Antony Blinken" → name Antony Blinken, role US Secretary of State."""
    rows = [
        ("US", 1, "nmod", "PROPN", "US"),
        ("Secretary", 5, "nmod", "PROPN", "Secretary"),
        ("of", 1, "prep", "ADP", "of"),
        ("State", 2, "pobj", "PROPN", "State"),
        ("Antony", 5, "compound", "PROPN", "Antony"),
        ("Blinken", 6, "nsubj", "PROPN", "Blinken"),
        ("said", 6, "ROOT", "VERB", "say"),
    ]
    ents = ["B-GPE", "O", "O", "B-ORG", "B-PERSON", "I-PERSON", "O"]
    m = read_mention(make_doc(rows, ents)[5])
    assert (m.kind, m.name, m.role) == ("person", "Antony Blinken", "US Secretary of State")


def test_parenthesised_first_name_is_part_of_the_name():
    """ "Foreign Minister (Sergei) Lavrov" → person Sergei Lavrov, role Foreign Minister."""
    rows = [
        ("Foreign", 1, "compound", "PROPN", "Foreign"),
        ("Minister", 5, "nmod", "PROPN", "Minister"),
        ("(", 5, "punct", "PUNCT", "("),
        ("Sergei", 5, "nmod", "PROPN", "Sergei"),
        (")", 5, "punct", "PUNCT", ")"),
        ("Lavrov", 6, "nsubj", "PROPN", "Lavrov"),
        ("said", 6, "ROOT", "VERB", "say"),
    ]
    m = read_mention(make_doc(rows, ["O", "O", "O", "B-PERSON", "O", "O", "O"])[5])
    assert (m.name, m.role) == ("Sergei Lavrov", "Foreign Minister")


def test_subject_climbs_from_adding():
    """ "Blinken said …, adding that …": the subject of "adding" is Blinken."""
    rows = [
        ("Blinken", 1, "nsubj", "PROPN", "Blinken"),
        ("said", 1, "ROOT", "VERB", "say"),
        ("so", 1, "advmod", "ADV", "so"),
        (",", 1, "punct", "PUNCT", ","),
        ("adding", 1, "advcl", "VERB", "add"),
        ("that", 8, "mark", "SCONJ", "that"),
        ("talks", 8, "nsubj", "NOUN", "talk"),
        ("had", 8, "aux", "AUX", "have"),
        ("failed", 4, "ccomp", "VERB", "fail"),
    ]
    assert subject_of(make_doc(rows)[4]).text == "Blinken"


def accuse_doc(neg: bool = False):
    # "Russia (did not) accuse(d) Ukraine of shelling."
    rows = [
        ("Russia", 1, "nsubj", "PROPN", "Russia"),
        ("accused", 1, "ROOT", "VERB", "accuse"),
        ("Ukraine", 1, "dobj", "PROPN", "Ukraine"),
        ("of", 1, "prep", "ADP", "of"),
        ("shelling", 3, "pobj", "NOUN", "shelling"),
        (".", 1, "punct", "PUNCT", "."),
    ]
    ents = ["B-GPE", "O", "B-GPE", "O", "O", "O"]
    if neg:
        rows = [
            ("Russia", 3, "nsubj", "PROPN", "Russia"),
            ("did", 3, "aux", "AUX", "do"),
            ("not", 3, "neg", "PART", "not"),
            ("accuse", 3, "ROOT", "VERB", "accuse"),
            ("Ukraine", 3, "dobj", "PROPN", "Ukraine"),
            (".", 3, "punct", "PUNCT", "."),
        ]
        ents = ["B-GPE", "O", "O", "O", "B-GPE", "O"]
    return make_doc(rows, ents)


def test_accuse_gives_actor_target_issue():
    """ "Russia accused Ukraine of shelling." → actor Russia, target Ukraine, issue shelling."""
    (d,) = run(accuse_doc()).disputes
    assert (d.actor, d.target, d.cue_class, d.issue) == ("Russia", "Ukraine", "accuse", "shelling")
    assert d.evidence == "Russia accused Ukraine of shelling."


def test_negated_dispute_is_blocked():
    """ "Russia did not accuse Ukraine." is not a dispute."""
    doc = accuse_doc(neg=True)
    assert is_blocked(doc[3]) and run(doc).disputes == ()


def test_refused_to_condemn_is_blocked():
    """ "She refused to condemn the attack": an avoided act, not a condemnation."""
    rows = [
        ("She", 1, "nsubj", "PRON", "she"),
        ("refused", 1, "ROOT", "VERB", "refuse"),
        ("to", 3, "aux", "PART", "to"),
        ("condemn", 1, "xcomp", "VERB", "condemn"),
        ("the", 5, "det", "DET", "the"),
        ("attack", 3, "dobj", "NOUN", "attack"),
    ]
    doc = make_doc(rows)
    assert match_cue(doc[3]).cue_class == "criticise" and is_blocked(doc[3])


def test_multiword_cue_needs_its_particles():
    """ "hit out at" is a cue only with "out" and "at"; a bare "hit" is not."""
    rows = [
        ("China", 1, "nsubj", "PROPN", "China"),
        ("hit", 1, "ROOT", "VERB", "hit"),
        ("out", 1, "prt", "ADP", "out"),
        ("at", 1, "prep", "ADP", "at"),
        ("Japan", 3, "pobj", "PROPN", "Japan"),
    ]
    doc = make_doc(rows, ["B-GPE", "O", "O", "O", "B-GPE"])
    assert match_cue(doc[1]).cue_class == "criticise"
    (d,) = run(doc).disputes
    assert (d.actor, d.target, d.cue) == ("China", "Japan", "hit out at")
    bare = make_doc(
        [
            ("He", 1, "nsubj", "PRON", "he"),
            ("hit", 1, "ROOT", "VERB", "hit"),
            ("balls", 1, "dobj", "NOUN", "ball"),
        ]
    )
    assert match_cue(bare[1]) is None
