"""Dispute rules 2.13, through the model: negations written on an auxiliary ("never will
accept") carry a rejection as the plain "will not accept" does.

Names are invented (Ada Brook, Peter Vogt: people; Solvaria: a state).
"""

from __future__ import annotations

from .helpers import named_disputes as _found


def test_never_on_the_auxiliary_makes_a_rejection(extractor):
    """'"we do not, and never will, accept Solvaria as a nuclear state," Brook said' →
    Brook rejects, and what Solvaria claims is what is rejected."""
    text = (
        '"To be clear, we do not, and never will, accept Solvaria as a nuclear state," '
        "Ada Brook said on Monday."
    )
    assert ("Ada Brook", "reject", "Solvaria") in _found(extractor, text)


def test_a_known_surname_the_tagger_swallowed_into_a_date_is_still_the_person(extractor):
    """ "Last week Vogt … appeared to blame …": NER reads "Last week Vogt" as a date, yet
    Vogt is the Peter Vogt named before, a named actor."""
    text = (
        "Bank chief Peter Vogt faced senators on Tuesday. Last week Vogt in a televised "
        "interview appeared to blame low-level workers for the losses."
    )
    assert [(a, c) for a, c, _ in _found(extractor, text)] == [("Peter Vogt", "blame")]


def test_attacks_that_will_continue_are_going_on_not_planned(extractor):
    """ "Solvaria will continue its attacks on Brook": the attacks are under way, so "will"
    plans nothing; "Solvaria will attack Brook" stays a plan (no dispute)."""
    ongoing = "Solvaria will continue its attacks on Ada Brook after the vote."
    assert ("Solvaria", "criticise", "Ada Brook") in _found(extractor, ongoing)
    assert _found(extractor, "Solvaria will attack Ada Brook after the vote.") == []


def test_warnings_from_a_named_party_are_that_party_s(extractor):
    """ "went ahead despite repeated warnings from Peter Vogt that …" → Vogt warns the
    committee that went ahead."""
    text = (
        "The Ardenian committee went ahead on Monday despite repeated warnings from Peter "
        "Vogt that the hearing would be a waste of time."
    )
    warnings = [(a, t) for a, c, t in _found(extractor, text) if c == "warn"]
    assert warnings == [("Peter Vogt", "Ardenian committee")]


def test_promising_a_veto_is_a_rejection(extractor):
    """ "Brook has promised a veto of Solvaria's bill" → Brook rejects it."""
    text = "Ada Brook has promised a veto of Solvaria's trade bill."
    assert [(a, c) for a, c, _ in _found(extractor, text)] == [("Ada Brook", "reject")]


def test_being_against_a_thing_is_a_rejection(extractor):
    """'Brook said she was "totally against the war"' → Brook rejects; "voted against" a
    party's motion, "the case against him" are not this rule's."""
    text = 'Ada Brook told the forum she was "totally against the war in Ardenia" from the start.'
    assert [(a, c) for a, c, _ in _found(extractor, text)] == [("Ada Brook", "reject")]
    assert _found(extractor, "The case against Ada Brook was heard on Monday.") == []


def test_members_of_a_named_body_are_a_named_group(extractor):
    """ "under pressure from members of the Ardenian Senate to resign" → the members of the
    Senate demand it of Brook; members of "his own party" stay unnamed."""
    named = "Ada Brook has been under pressure from members of the Ardenian Senate to resign."
    assert _found(extractor, named) == [("members of the Ardenian Senate", "demand", "Ada Brook")]
    unnamed = "Ada Brook has been under pressure from members of her own party to resign."
    assert _found(extractor, unnamed) == []


def test_a_party_named_before_a_modified_cue_noun_owns_it(extractor):
    """ "bellicose Kremlin verbal threats" is parsed with the owner as a nominal modifier, not a
    compound: the threats are still the Kremlin's, that is Russia's."""
    text = "Extremely bellicose Kremlin verbal threats prompted Ardenia to order a deployment."
    assert [a for a, c, _ in _found(extractor, text) if c == "threaten"] == ["Russia"]


def test_resorting_to_threats_is_making_them(extractor):
    """ "Vogt has resorted to threats against Brook" → Vogt threatens Brook; "reduced to
    insults" likewise makes its subject the one insulting."""
    text = "Peter Vogt has resorted to threats against Ada Brook since the vote."
    assert _found(extractor, text) == [("Peter Vogt", "threaten", "Ada Brook")]


def test_you_in_a_later_sentence_is_whom_the_speaker_last_addressed(extractor):
    """Brook told Vogt something; her next quoted sentence "You went on television to blame
    the workers" is addressed to Vogt, so Vogt blames."""
    text = (
        "Ada Brook told Peter Vogt on Tuesday that the bank had failed its customers. "
        '"You went on television to blame thousands of junior workers," she added.'
    )
    assert ("Peter Vogt", "blame") in [(a, c) for a, c, _ in _found(extractor, text)]


def test_a_would_of_habit_tells_what_happened(extractor):
    """ "Vogt would often attack her in public" is a past habit, a criticism; "Vogt would
    attack her if she ran" stays hypothetical."""
    habit = "Ada Brook said her old rival Peter Vogt would often attack her in public."
    assert _found(extractor, habit) == [("Peter Vogt", "criticise", "Ada Brook")]
    unreal = "Ada Brook said her old rival Peter Vogt would attack her if she ran again."
    assert _found(extractor, unreal) == []


def test_the_broadcaster_a_label_was_told_to_is_not_its_target(extractor):
    """'"… this dreadful group …," Brook told the British network ITV Thursday' (the parser
    hangs ITV on "Thursday"): Brook criticises, and ITV, the network she spoke to, is not the
    one criticised."""
    text = (
        '"We will drive this dreadful group out of the valley," Ada Brook told the British '
        "network ITV Thursday."
    )
    found = _found(extractor, text)
    assert [(a, c) for a, c, _ in found] == [("Ada Brook", "criticise")]
    assert all(target != "ITV" for _, _, target in found)


def test_a_show_words_were_told_to_and_its_outlet_are_nobody_addressed(extractor):
    """'Brook told CNN's "Morning Jack" …' names a programme and its outlet, so her later "You
    are a disgrace" aims at neither."""
    text = (
        'Ada Brook told CNN\'s "Morning Jack" on Monday that the budget was late. '
        '"You are a disgrace," she said.'
    )
    assert [(a, c, t) for a, c, t in _found(extractor, text)] == [("Ada Brook", "criticise", None)]


def test_a_that_parsed_as_a_second_subject_gives_way_to_the_name(extractor):
    """ "One of the reasons that Vogt refuses to make public his tax returns …": Vogt refuses
    (the parser also made "that" a subject), and refuses nobody named: his own returns."""
    text = (
        "Ada Brook attacked Peter Vogt on Monday. One of the many reasons that Vogt refuses to "
        "make public his tax returns may be that they would reveal debts."
    )
    refusals = [(a, t) for a, c, t in _found(extractor, text) if c == "reject"]
    assert refusals == [("Peter Vogt", None)]


def test_a_voice_the_writer_calls_scathing_criticises(extractor):
    """ "Brook singled out the tariffs in a scathing tweet directed at Solvaria" → Brook
    criticises Solvaria; "in a long tweet directed at Solvaria" criticises nobody."""
    text = (
        "Ada Brook singled out the dairy tariffs in yet another scathing tweet directed at "
        "Solvaria on Friday."
    )
    assert _found(extractor, text) == [("Ada Brook", "criticise", "Solvaria")]
    plain = "Ada Brook singled out the dairy tariffs in a long tweet directed at Solvaria."
    assert _found(extractor, plain) == []


def test_cutting_off_a_reporter_is_interrupting_him(extractor):
    """'"…," Brook said, cutting off a reporter who asked …' threatens nobody; "threatened to
    cut off gas to Solvaria" still threatens."""
    text = (
        '"I have raised all the money I need," Ada Brook said, cutting off a reporter who '
        "asked about her finances."
    )
    assert [c for _, c, _ in _found(extractor, text)] == []


def test_no_more_biased_than_others_denies_the_label(extractor):
    """'"The network is no more biased than any other," Brook said' criticises nobody."""
    text = '"The Solvarian network is no more biased than any other outlet," Ada Brook said.'
    assert _found(extractor, text) == []


def test_you_would_be_a_fool_is_said_of_anyone(extractor):
    """'"It is something you would be a fool not to prepare for," Brook said' calls nobody a
    fool; '"Vogt is a fool," Brook said' does."""
    generic = '"It is something you would be a fool not to prepare for," Ada Brook said.'
    assert _found(extractor, generic) == []
    named = 'Peter Vogt spoke on Monday. "Vogt is a fool," Ada Brook said.'
    assert ("Ada Brook", "criticise", "Peter Vogt") in _found(extractor, named)


def test_a_thing_that_threatens_to_spoil_something_is_a_risk(extractor):
    """ "… a measure, approved by the parliament, to repeal Vogt's decree – threaten to
    overshadow the summit": the measure risks overshadowing it, nobody threatens (the repeal
    stays a rejection); "The ministry threatened to expel Vogt" still threatens."""
    risk = (
        "The tumult back in the capital – lawmakers are also busy with a measure, approved by "
        "the Ardenian parliament, to repeal Peter Vogt's border decree – threaten to overshadow "
        "the summit."
    )
    assert [c for _, c, _ in _found(extractor, risk)] == ["reject"]
    threat = "The Ardenian ministry threatened to expel Peter Vogt on Monday."
    assert [c for _, c, _ in _found(extractor, threat)] == ["threaten"]
