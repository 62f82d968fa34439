"""Dispute rules 2.15, through the model.

Names are invented (Ada Brook, Tom Hale: people; Ardenia, Solvaria: states).
"""

from __future__ import annotations

from .helpers import named_disputes as _found


def test_a_label_on_the_party_pointed_at_criticises_the_party_the_article_is_about(extractor):
    """ "We will defeat this vicious regime," after Solvaria's shelling → Brook criticises
    Solvaria (the regime is not named here; the article's party is)."""
    text = (
        "Solvaria's army shelled the border town of Kell on Monday.\n\n"
        '"We will defeat this vicious regime," Ada Brook said.'
    )
    assert _found(extractor, text) == [("Ada Brook", "criticise", "Solvaria")]


def test_a_label_on_what_the_speaker_s_side_acts_on_criticises_nobody(extractor):
    """ "We will defeat this vicious disease," Brook said: the speaker's own act on a thing."""
    text = '"We will defeat this vicious disease," Ada Brook said.'
    assert _found(extractor, text) == []


def test_the_british_spelling_of_an_acronym_is_the_acronym(extractor):
    """ "Nato criticised Solvaria" → NATO, one party with "NATO" elsewhere in a digest."""
    assert _found(extractor, "Nato criticised Solvaria on Monday.") == [
        ("NATO", "criticise", "Solvaria")
    ]


def test_a_party_s_campaign_of_threats_is_the_party_s_threat(extractor):
    """ "Solvaria's campaign of threats against Ardenia" → Solvaria threatens Ardenia."""
    text = "Solvaria's campaign of threats against Ardenia went on for a year."
    assert _found(extractor, text) == [("Solvaria", "threaten", "Ardenia")]


def test_a_party_s_account_of_threats_is_no_threat_of_theirs(extractor):
    """ "Ada Brook's account of the threats against Ardenia" reports threats nobody named made."""
    text = "Ada Brook's account of the threats against Ardenia went on for an hour."
    assert _found(extractor, text) == []


def test_resistance_to_a_court_s_ruling_opposes_the_court(extractor):
    """ "Brook's strategy of resistance to the Supreme Court ruling" → Brook rejects, and the
    court, named before its ruling, is the party opposed (not "the")."""
    text = (
        "Ada Brook's strategy of massive resistance to the Supreme Court ruling on schools "
        "lasted a decade."
    )
    assert _found(extractor, text) == [("Ada Brook", "reject", "Supreme Court")]


def test_saying_someone_has_no_idea_criticises_them(extractor):
    """'"He has no idea what the farmers need," Brook said' after Hale is named → Brook
    criticises Hale."""
    text = (
        "Tom Hale spoke to farmers in Ardenia on Monday.\n\n"
        '"He has no idea what the farmers need," Ada Brook said.'
    )
    assert _found(extractor, text) == [("Ada Brook", "criticise", "Tom Hale")]


def test_saying_you_yourself_have_no_idea_criticises_nobody(extractor):
    """'"I have no idea what the farmers need," Brook said' is the speaker's own admission."""
    text = (
        "Tom Hale spoke to farmers in Ardenia on Monday.\n\n"
        '"I have no idea what the farmers need," Ada Brook said.'
    )
    assert _found(extractor, text) == []


def test_figures_that_do_not_hold_water_are_denied(extractor):
    """'"His figures simply don't hold water," Brook said' → Brook denies Hale's claim."""
    text = (
        "Tom Hale presented his budget on Monday.\n\n"
        '"His figures simply don\'t hold water," Ada Brook said.'
    )
    assert _found(extractor, text) == [("Ada Brook", "deny", "Tom Hale")]


def test_no_credible_evidence_is_a_denial_as_no_evidence_is(extractor):
    """'"There is no credible evidence for Hale's claim," Brook said' → Brook denies."""
    text = '"There is no credible evidence for Tom Hale\'s claim," Ada Brook said.'
    assert [(a, c) for a, c, _ in _found(extractor, text)] == [("Ada Brook", "deny")]


def test_a_dog_whistle_to_voters_criticises_the_party_not_the_voters(extractor):
    """'"It's a dog whistle to all Ardenians," Brook said' of Hale's speech → Brook
    criticises Hale; the Ardenians it is "to" are the audience, not the party opposed."""
    text = (
        "Tom Hale gave a speech about migrants in Kell on Monday.\n\n"
        '"It\'s a dog whistle to all Ardenians," Ada Brook said.'
    )
    assert _found(extractor, text) == [("Ada Brook", "criticise", "Tom Hale")]


def test_saying_a_party_discriminates_against_others_accuses_it(extractor):
    """'"Hale's plan discriminates against single fathers," Brook said' → Brook accuses
    Hale (a verdict verb: the speaker accuses its subject, here the owner of the plan)."""
    text = '"Tom Hale\'s plan discriminates against single fathers," Ada Brook said.'
    assert _found(extractor, text) == [("Ada Brook", "accuse", "Tom Hale")]


def test_saying_a_party_defrauded_others_accuses_it(extractor):
    """'"Tom Hale has defrauded the farmers for years," Brook said' → Brook accuses Hale."""
    text = '"Tom Hale has defrauded the farmers for years," Ada Brook said.'
    assert _found(extractor, text) == [("Ada Brook", "accuse", "Tom Hale")]


def test_saying_you_defrauded_nobody_is_no_accusation(extractor):
    """'"I never defrauded anyone," Brook said' is the speaker's own denial, no accusation."""
    text = '"I never defrauded anyone," Ada Brook said.'
    assert [c for _, c, _ in _found(extractor, text)] != ["accuse"]


def test_a_party_s_mishandling_in_someone_s_words_is_their_accusation(extractor):
    """'"Hale's mishandling of the budget is plain to see," Brook said' → Brook accuses Hale."""
    text = '"Tom Hale\'s mishandling of the budget is plain to see," Ada Brook said.'
    assert _found(extractor, text) == [("Ada Brook", "accuse", "Tom Hale")]


def test_digging_in_against_a_plan_rejects_it(extractor):
    """ "Ardenia dug in against Hale's plan" → Ardenia rejects Hale's plan."""
    text = "Ardenia dug in against Tom Hale's plan on Monday."
    assert _found(extractor, text) == [("Ardenia", "reject", "Tom Hale")]


def test_an_accusation_inside_a_demand_is_a_second_record(extractor):
    """'"You should return the money you took while this scam went on," Brook told Hale'
    → a demand and an accusation, two classes and two records (GUIDE rule 9)."""
    text = (
        '"You should return the money you took while this scam went on," Ada Brook told Tom Hale.'
    )
    found = {(a, c) for a, c, _ in _found(extractor, text)}
    assert {("Ada Brook", "demand"), ("Ada Brook", "accuse")} <= found


def test_a_criticism_label_inside_a_demand_stays_part_of_it(extractor):
    """ "insisted that Solvaria stop its reckless raids": one demand (the label describes
    what is demanded)."""
    text = "Ada Brook insisted that Solvaria stop its reckless raids on Kell."
    assert [c for _, c, _ in _found(extractor, text)] == ["demand"]


def test_a_program_plagued_by_fraud_is_judged(extractor):
    """'"The program is plagued by fraud," Brook said' of Hale's program → Brook accuses
    (the label says what the program is)."""
    text = (
        "Tom Hale has run the visa program since 2010.\n\n"
        '"The program is plagued by fraud," Ada Brook said.'
    )
    assert [(a, c) for a, c, _ in _found(extractor, text)] == [("Ada Brook", "accuse")]


def test_troubled_by_that_in_someone_s_words_protests_the_act_told_before(extractor):
    """'Hale shelled Kell. "I'm very troubled by that," Brook said' → Brook protests
    against Hale, whose act "that" points at."""
    text = (
        "Tom Hale ordered the shelling of Kell on Monday.\n\n"
        '"I am very troubled by that," Ada Brook said.'
    )
    assert _found(extractor, text) == [("Ada Brook", "protest", "Tom Hale")]


def test_troubled_by_a_situation_protests_nobody(extractor):
    """'"I am very troubled by the situation," Brook said' names no party: nothing."""
    text = (
        'Tom Hale visited Kell on Monday.\n\n"I am very troubled by the situation," Ada Brook said.'
    )
    assert _found(extractor, text) == []


def test_suspending_one_s_own_campaign_rejects_nobody(extractor):
    """ "Olsen, who has campaigned for Hale since he suspended his own campaign, …" and
    "Ardenia scrapped its own plan": giving up one's own plan opposes nobody."""
    text = (
        "Peter Olsen, who has campaigned for Tom Hale since he suspended his own campaign in "
        "February, blasted Ada Brook."
    )
    assert _found(extractor, text) == [("Peter Olsen", "criticise", "Ada Brook")]
    assert _found(extractor, "Ardenia scrapped its own plan for the dam on Monday.") == []


def test_a_participle_with_an_object_is_no_label(extractor):
    """'"… It is one of the things worrying them."' → "worrying" is a verb here, no label."""
    text = (
        "Tom Hale leads the race.\n\n"
        "\u201cThis is in their heads. This is in their consciousness,\u201d said Ada Brook, "
        "speaking of Hale\u2019s health issue. "
        "\u201cIt is one of the things worrying them. And that can be deadly.\u201d"
    )
    assert _found(extractor, text) == []


def test_a_paper_calling_for_sanctions_is_its_issuer_s_demand(extractor):
    """ "it issued a paper welcoming the plans and calling for sanctions against Russia",
    "it" the coalition named before → the coalition demands (not "paper")."""
    text = (
        "The Central and East European Coalition wants to keep its policy. Recently, however, "
        "it issued a paper welcoming the plans and calling for sanctions against Russia."
    )
    assert _found(extractor, text) == [("Central and East European Coalition", "demand", "Russia")]


def test_a_demand_after_a_criticism_in_one_sentence_is_made_of_the_party_criticised(extractor):
    """ "she called Solvaria's behaviour 'outrageous' and called for pay to be 'clawed
    back'" → Brook criticises Solvaria and demands of Solvaria."""
    text = (
        "Ada Brook spoke on Monday.\n\n"
        'Though she called Solvaria\'s behavior "outrageous" and called for pay to be '
        '"clawed back" for its executives, Brook said little more.'
    )
    assert ("Ada Brook", "demand", "Solvaria") in _found(extractor, text)


def test_a_demand_after_criticising_a_thing_has_no_party(extractor):
    """ "Brook attacked loopholes and called for lower taxes": no party was criticised, so
    the demand has none and is no dispute."""
    text = "Ada Brook has attacked loopholes and has called for lower taxes."
    assert [c for _, c, _ in _found(extractor, text)] != ["criticise", "demand"]
    assert "demand" not in {c for _, c, _ in _found(extractor, text)}


def test_rating_claims_as_false_is_a_denial_by_the_rater(extractor):
    """ "Factcheck Ardenia rated 32% of Hale's claims as 'false'" → the rater denies (the
    lemmatiser reads "rated" as "rat", so frames match their written forms too)."""
    text = 'Factcheck Ardenia rated 32% of Tom Hale\'s claims as "false" last year.'
    assert [(a, c) for a, c, _ in _found(extractor, text)] == [("Factcheck Ardenia", "deny")]


def test_him_after_a_description_in_the_same_sentence_is_the_person_described(extractor):
    """ "the president's own party … with Democrats digging in against him" → him is the
    president (Tom Hale), not the man named last in the sentence before (Peter Olsen)."""
    text = (
        "President Tom Hale proposed the dam in May. Peter Olsen, the minister, spoke later."
        "\n\nBut the president's own party would not unify even around that, with Democrats "
        "from industrial states digging in against him."
    )
    assert _found(extractor, text) == [("Democrats", "reject", "Tom Hale")]


def test_withholding_defence_from_a_party_is_a_threat(extractor):
    """ "Hale said he would not automatically come to the defense of Ardenia" → Hale
    threatens Ardenia (protection withheld)."""
    text = "Tom Hale has said he would not automatically come to the defense of Ardenia."
    assert _found(extractor, text) == [("Tom Hale", "threaten", "Ardenia")]


def test_not_coming_to_a_meeting_threatens_nobody(extractor):
    """ "Hale said he would not come to the meeting in Kell": no one's protection withheld."""
    assert _found(extractor, "Tom Hale said he would not come to the meeting in Kell.") == []


def test_not_defending_one_s_record_threatens_nobody(extractor):
    """ "he cannot defend his own record" withholds no protection from a party."""
    text = "Ada Brook said Tom Hale cannot defend his own record on the dam."
    assert "threaten" not in {c for _, c, _ in _found(extractor, text)}


def test_a_punishing_act_promised_on_a_party_s_conduct_is_a_threat(extractor):
    """ "Hale said he'll tear up the treaty if Ardenia doesn't pay" → Hale threatens Ardenia
    (the hypothetical "if" is the threat's condition, not a reason to drop it)."""
    text = "Tom Hale said he'll tear up the treaty if Ardenia doesn't pay its share."
    assert _found(extractor, text) == [("Tom Hale", "threaten", "Ardenia")]


def test_taking_a_walk_if_a_party_agrees_threatens_nobody(extractor):
    """ "Hale said he will take a walk if Ardenia agrees": no punishing act."""
    text = "Tom Hale said he will take a walk if Ardenia agrees to the plan."
    assert "threaten" not in {c for _, c, _ in _found(extractor, text)}


def test_feeling_insulted_if_a_party_does_not_vote_threatens_nobody(extractor):
    """ "would consider it a personal insult if they did not vote" is no punishing act."""
    text = "Tom Hale said he would consider it a personal insult if Ardenia did not vote."
    assert "threaten" not in {c for _, c, _ in _found(extractor, text)}


def test_a_provocation_that_cannot_be_left_without_consequences_is_a_demand(extractor):
    """'Varga said Solvaria's latest "provocation cannot be left without consequences"' →
    Varga demands of Solvaria."""
    text = (
        "Jean Varga, the foreign minister of Ardenia, said Solvaria's latest "
        '"provocation cannot be left without consequences."'
    )
    assert _found(extractor, text) == [("Jean Varga", "demand", "Solvaria")]


def test_a_crime_that_went_unpunished_is_no_demand(extractor):
    """ "the crime went unpunished for years" reports, demands nothing (no negation)."""
    assert _found(extractor, "Tom Hale said the crime went unpunished for years.") == []


def test_declining_an_offer_made_in_the_same_sentence_rejects_its_maker(extractor):
    """ "Brook offered talks, but Hale declined" → Hale rejects Brook's offer."""
    text = "Ada Brook offered talks in Kell, but Tom Hale declined."
    assert _found(extractor, text) == [("Tom Hale", "reject", "Ada Brook")]


def test_declining_with_no_offer_made_rejects_nothing(extractor):
    """ "Sales fell and Tom Hale declined" (no offer in the sentence): nothing."""
    assert _found(extractor, "Sales fell in May, and Tom Hale declined.") == []


def test_a_letter_sent_to_someone_opposing_a_plan_is_the_sender_s_rejection(extractor):
    """ "Brook sent a letter to Senate leaders opposing Hale's plan" → Brook rejects Hale's
    plan (the parser hangs "opposing" on the recipients)."""
    text = "Ada Brook sent a letter on Thursday to Senate leaders opposing Tom Hale's plan."
    assert _found(extractor, text) == [("Ada Brook", "reject", "Tom Hale")]


def test_seizing_on_a_party_s_remarks_criticises_the_party(extractor):
    """ "Brook seized on Hale's remarks about the dam" → Brook criticises Hale."""
    text = "Ada Brook seized on Tom Hale's remarks about the dam."
    assert _found(extractor, text) == [("Ada Brook", "criticise", "Tom Hale")]


def test_voting_against_a_law_with_no_owner_opposes_no_one_else(extractor):
    """ "Hale voted against the Justice for Farmers Act" after Brook is named: the law is
    what is opposed, so no party is guessed from the article."""
    text = (
        "Ada Brook praised the farmers of Kell on Monday.\n\n"
        "Tom Hale voted against the Justice for Farmers Act of 2015 because it created new "
        "taxes."
    )
    assert _found(extractor, text) == [("Tom Hale", "reject", None)]


def test_opponents_of_an_act_oppose_the_act_not_a_party_named_beside_it(extractor):
    """ "Ardenian leaders, the fiercest opponents of taking in migrants, warned that
    Solvaria's exit …" → the leaders oppose the act; Solvaria is not their target."""
    text = (
        "Ardenian leaders who have been the fiercest opponents of taking in migrants have "
        "backed the plan, noting that Solvaria's exit will weaken the union."
    )
    assert ("Ardenian leaders", "reject", "Solvaria") not in _found(extractor, text)
    assert ("Ardenian leaders", "reject", None) in _found(extractor, text)
