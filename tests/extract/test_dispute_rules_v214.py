"""Dispute rules 2.14, through the model: a resolution, letter or statement that condemns or
opposes someone is its author's act.

Names are invented (Ada Brook, Tom Hale: people; Ardenia, Solvaria: states).
"""

from __future__ import annotations

from .helpers import named_disputes as _found


def test_a_resolution_condemning_a_party_is_the_condemnation_of_whoever_passed_it(extractor):
    """ "The council passed a resolution condemning Solvaria" → the council criticises."""
    text = "The Ardenian Council has passed a resolution condemning Solvaria for the border raids."
    assert ("Ardenian Council", "criticise", "Solvaria") in _found(extractor, text)


def test_a_text_that_nobody_put_out_has_no_author(extractor):
    """ "A resolution condemning Solvaria was tabled": nobody named passed it, so no dispute."""
    text = "A resolution condemning Solvaria was tabled on Monday."
    assert _found(extractor, text) == []


def test_a_label_in_the_words_of_an_attack_is_that_attack_not_a_second_one(extractor):
    """'Brook attacked Hale, saying "he is very unstable"' is one criticism of Hale."""
    text = 'Ada Brook attacked Tom Hale on Monday, saying, "He is very unstable."'
    assert _found(extractor, text) == [("Ada Brook", "criticise", "Tom Hale")]


def test_resisting_a_deal_rejects_it_with_the_deal_as_the_issue_and_no_party_guessed(extractor):
    """ "Solvaria had long resisted such agreements" → Solvaria rejects; the agreements are
    the issue and no target is guessed from the rest of the sentence."""
    text = (
        "Solvaria had long resisted such agreements, but the drought became so severe, "
        "Ada Brook noted, that the Ardenian Embassy now publishes daily water figures."
    )
    found = [d for d in extractor.extract(text).disputes if d.cue == "resisted"]
    assert [(d.actor, d.cue_class, d.target, d.issue) for d in found] == [
        ("Solvaria", "reject", None, "such agreements")
    ]


def test_resisting_a_temptation_rejects_nothing(extractor):
    """ "Solvaria resisted the temptation to respond" names no deal, plan or party."""
    assert _found(extractor, "Solvaria resisted the temptation to respond.") == []


def test_a_threat_someone_may_follow_through_on_was_made_and_is_the_subject_s(extractor):
    """ "If Hale follows through on his threat against Solvaria …": the threat is real (an
    owned noun is not made unreal by the "if") and "his" is Hale, the clause's subject."""
    text = (
        "Peter Olsen met Tom Hale on Monday. Olsen said little. If Hale follows through on "
        "his threat against Solvaria, the talks will end."
    )
    assert _found(extractor, text) == [("Tom Hale", "threaten", "Solvaria")]


def test_his_beside_an_unnamed_subject_is_that_unnamed_person_not_the_last_man_named(extractor):
    """ "The minister then followed through on his threat against Solvaria" with no minister
    named: the actor is unresolved (never shown), not Peter Olsen from the sentence before."""
    text = (
        "Peter Olsen spoke on Monday. The minister then followed through on his threat "
        "against Solvaria."
    )
    assert _found(extractor, text) == []


def test_a_panel_described_in_the_lede_is_the_committee_the_next_paragraph_names(extractor):
    """ "A Senate panel voted to hold Olsen in contempt" in the lede, "The Senate Ethics
    Committee voted 9-6" next: the panel is that committee, a named actor."""
    text = (
        "A Senate panel voted on Thursday to hold Peter Olsen in contempt of Congress.\n\n"
        "The Senate Ethics Committee voted 9-6 along party lines."
    )
    assert ("Senate Ethics Committee", "accuse", "Peter Olsen") in _found(extractor, text)


def test_a_panel_first_described_deep_in_an_article_stays_unnamed(extractor):
    """ "A Senate panel" in the fifth paragraph is some panel, not a committee named later."""
    lead = "Peter Olsen spoke on Monday.\n\n" * 4
    text = lead + (
        "A Senate panel voted to hold Olsen in contempt of Congress.\n\n"
        "The Senate Ethics Committee met again."
    )
    assert [a for a, _, _ in _found(extractor, text)] == []


def test_a_filed_complaint_is_a_legal_charge_against_whom_it_names(extractor):
    """ "The Ardenian Securities Board filed a civil complaint against Tom Hale" → accuse."""
    text = "The Ardenian Securities Board filed a civil complaint against Tom Hale on Monday."
    assert _found(extractor, text) == [("Ardenian Securities Board", "accuse", "Tom Hale")]


def test_a_complaint_lodged_with_a_body_stays_a_protest(extractor):
    """ "Ardenia lodged a complaint with the council about Solvaria's raids": a protest."""
    text = "Ardenia lodged a complaint with the UN Security Council about Solvaria's raids."
    assert [(a, c) for a, c, _ in _found(extractor, text)] == [("Ardenia", "protest")]


def test_a_refusal_a_person_announces_for_a_state_is_the_speaker_s(extractor):
    """ "Ada Brook said that Ardenia will not endorse the communique" → Brook refuses: she
    speaks for her state, as "we will not endorse" would."""
    text = "Ada Brook said on Saturday that Ardenia will not endorse the summit communique."
    assert [(a, c) for a, c, _ in _found(extractor, text)] == [("Ada Brook", "reject")]


def test_a_state_s_past_rejection_someone_reports_stays_the_state_s(extractor):
    """ "Ada Brook said that Solvaria rejected the communique": a report of Solvaria's act."""
    text = "Ada Brook said on Saturday that Solvaria rejected the summit communique."
    assert [(a, c) for a, c, _ in _found(extractor, text)] == [("Solvaria", "reject")]


def test_that_criticism_points_back_to_the_dispute_just_told(extractor):
    """ "Brook has been under pressure from Solvaria to drop the tariffs. That criticism grew
    when …" → the criticism is Solvaria's, aimed at Brook."""
    text = (
        "Ada Brook has been under pressure from Solvaria to drop the tariffs. That criticism "
        "grew last week when Brook doubled the duties on grain."
    )
    assert ("Solvaria", "criticise", "Ada Brook") in _found(extractor, text)


def test_that_criticism_with_nothing_told_before_names_nobody(extractor):
    """ "That criticism grew last week" opening an article points at nothing: no dispute."""
    assert _found(extractor, "That criticism grew last week when the duties doubled.") == []


def test_disrespecting_and_discrediting_a_party_criticise_it(extractor):
    """ "Hale has been disrespecting our veterans" and "sought to discredit Brook" criticise."""
    text = 'Ada Brook said, "Tom Hale has been disrespecting the Ardenian army for years."'
    assert ("Tom Hale", "criticise", "Ardenian army") in _found(extractor, text)
    text = "Solvaria discredited Ada Brook in a report on Monday."
    assert _found(extractor, text) == [("Solvaria", "criticise", "Ada Brook")]


def test_scrapping_a_summit_ceremony_rejects_it_with_the_event_as_the_issue(extractor):
    """ "The White House scrapped the signing ceremony" → a rejection of the ceremony."""
    text = (
        "Ada Brook met Solvaria's leader in Hanoi. On Friday the White House scrapped the "
        "signing ceremony as the talks collapsed."
    )
    found = [d for d in extractor.extract(text).disputes if d.cue == "scrapped"]
    assert [(d.actor, d.cue_class, d.issue) for d in found] == [
        ("White House", "reject", "the signing ceremony")
    ]


def test_it_after_a_quoted_paragraph_is_the_organisation_last_named_as_a_subject(extractor):
    """ "The Times endorsed Brook: [a paragraph of the endorsement] Meanwhile, it attacked
    Hale" → the newspaper attacked Hale, though its paragraph names no organisation."""
    text = (
        "The New York Times gave Ada Brook a glowing endorsement:\n\n"
        "She is a persuasive advocate for farmers and a careful planner.\n\n"
        "Meanwhile, it attacked Tom Hale, saying he lacks the judgment to lead."
    )
    assert ("New York Times", "criticise", "Tom Hale") in _found(extractor, text)


def test_it_with_no_organisation_named_before_acts_for_nobody(extractor):
    """ "Meanwhile, it attacked Tom Hale" with only people named before: no named actor."""
    text = "Ada Brook spoke on Monday.\n\nMeanwhile, it attacked Tom Hale in a long editorial."
    assert _found(extractor, text) == []


def test_a_label_after_needs_to_be_is_said_of_the_subject_of_needs(extractor):
    """'"It needs to be intolerable," Brook said of Hale's raid' criticises, as "it is
    intolerable" does."""
    text = 'Tom Hale ordered the raid on the village. "It needs to be intolerable," Ada Brook said.'
    assert [(a, c) for a, c, _ in _found(extractor, text)] == [("Ada Brook", "criticise")]


def test_must_said_of_a_continent_is_an_appeal_not_a_demand_of_a_party(extractor):
    """'"Europe must be able to defend itself," Brook said' asks a region, no party."""
    text = '"Europe must be able to defend itself," Ada Brook said on Friday.'
    assert _found(extractor, text) == []


def test_a_described_party_deep_in_an_article_is_the_one_the_next_sentence_names(extractor):
    """ "North Korea's top diplomat held a briefing to challenge Brook's account. … North
    Korean Foreign Minister Ivo Dant said …" → the challenge is Dant's (a state and its
    nationality adjective are one place)."""
    lead = "Ada Brook spoke in Hanoi on Friday.\n\n" * 4
    text = lead + (
        "North Korea's top diplomat held a rare briefing to challenge Ada Brook's account.\n\n"
        "North Korean Foreign Minister Ivo Dant said the talks had failed over sanctions."
    )
    found = [d for d in extractor.extract(text).disputes if d.cue == "challenge"]
    assert [(d.actor, d.target, d.named) for d in found] == [("Ivo Dant", "Ada Brook", True)]


def test_one_of_the_fiercest_opponents_of_a_plan_opposes_it(extractor):
    """ "Brook has been one of the fiercest opponents of Solvaria's plan" → Brook rejects."""
    text = "Ada Brook has been one of the fiercest opponents of Solvaria's border plan."
    assert [(a, c) for a, c, _ in _found(extractor, text)] == [("Ada Brook", "reject")]


def test_these_allegations_made_by_a_named_party_stay_that_party_s(extractor):
    """ "Ardenia accused Solvaria of fraud. The Solvaria Post made these same allegations
    against Tom Hale": the Post's own allegations, not Ardenia's (regression)."""
    text = (
        "Ardenia accused Solvaria of fraud on Monday. The Solvaria Post made these same "
        "allegations against Tom Hale."
    )
    found = [d for d in extractor.extract(text).disputes if d.cue == "allegations"]
    assert [d.actor for d in found] == ["Solvaria Post"]


def test_being_recorded_instructing_someone_to_lie_is_no_accusation_by_the_recorder(extractor):
    """ "The FBI recorded him instructing a witness to lie under oath": "lie" under a verb
    that is no copula says nothing of anyone (regression)."""
    text = (
        "Tom Hale pleaded guilty. The FBI recorded him instructing a government witness to lie "
        "under oath."
    )
    assert [d for d in _found(extractor, text) if d[0] == "FBI"] == []


def test_the_second_of_two_joined_cue_nouns_has_the_actor_of_the_first(extractor):
    """'Brook said Hale is reduced to "taunts and insults"': the insults are Hale's."""
    text = (
        'Ada Brook said Tom Hale is reduced to "taunts and insults" because he cannot defend '
        "his record."
    )
    assert [(a, c) for a, c, _ in _found(extractor, text)] == [("Tom Hale", "criticise")]


def test_pollution_called_bad_judges_no_party(extractor):
    """ "The air pollution had become so bad, Brook noted, that …" criticises nobody."""
    text = (
        "Solvaria had long resisted such rules, but the air pollution there had become so bad, "
        "Ada Brook noted, that schools closed for a week."
    )
    assert [d for d in _found(extractor, text) if d[1] == "criticise"] == []


def test_we_disagree_sometimes_about_a_partnership_is_no_dispute(extractor):
    """'"Sometimes we disagree, but we always speak," Brook said' admits differences."""
    text = '"Sometimes we disagree but we always speak and share common values," Ada Brook said.'
    assert _found(extractor, text) == []


def test_we_disagree_with_a_named_party_is_still_a_dispute(extractor):
    """'"We disagree with Solvaria on the border," Brook said' opposes Solvaria."""
    text = '"We disagree with Solvaria on the border," Ada Brook said on Monday.'
    assert [(a, t) for a, _, t in _found(extractor, text)] == [("Ada Brook", "Solvaria")]


def test_a_verdict_in_an_adverbial_phrase_judges_nobody(extractor):
    """'Brook said Hale "did the right thing by not cutting a poor deal for the sake of a
    photo op"': the photo op is nobody's."""
    text = (
        'Ada Brook said Tom Hale "did the right thing by walking away and not cutting a poor '
        'deal for the sake of a photo op."'
    )
    assert [d for d in _found(extractor, text) if d[1] == "dismiss"] == []


def test_using_something_as_a_threat_to_a_party_is_the_user_s_threat(extractor):
    """ "Ardenia has used its troops on the border as a threat to Solvaria" → a threat."""
    text = "Ardenia has used its troops on the border as a threat to Solvaria."
    assert _found(extractor, text) == [("Ardenia", "threaten", "Solvaria")]


def test_worry_about_someone_s_health_issues_is_care_not_a_protest(extractor):
    """ "Voters Worried About Ada Brook's Health Issues, Hale Says" protests nothing."""
    text = "Tom Hale: Ardenian Voters Worried About Ada Brook's Health Issues."
    assert [d for d in _found(extractor, text) if d[1] == "protest"] == []
