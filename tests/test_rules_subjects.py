"""Whose future a forecast is about (`subjects`): issue 14's first error class, one made-up
case (or a few) per shape seen on unseen articles."""

from __future__ import annotations

from seedsum.rules import extract
from seedsum.rules.actors import find_actors
from seedsum.rules.affiliation import Affiliation
from seedsum.rules.sentences import Document

from .rules_helpers import _prediction

# -- not the speaker by default ------------------------------------------------------------------

BANK = (
    "The National Bank of Varnia kept its main rate at 4 percent on Thursday. Governor Ilse "
    "Maar said the decision was unanimous. Petra Lund, chief economist at Halden Partners, "
    "said she expects the first rate cut to come in June. “We will not cut rates until wage "
    "growth slows,” Maar said. Lund said the bank is likely to wait."
)


def test_members_named_by_a_body_are_that_bodys_subject() -> None:
    result = extract(
        "The Varrel Shipowners’ Association opposes the levy. The Blue Keel Coalition backs "
        "it. Its director, Mira Stolt, is unconvinced. “At that level, shipowners will pay "
        "and carry on burning the same fuel,” she said."
    )
    assert _prediction(result, "At that level").subjects == ["Varrel Shipowners’ Association"]


def test_a_demonym_in_the_object_is_no_subject_and_in_the_subject_or_a_condition_is() -> None:
    result = extract(
        "Norvland and Veska are at odds over the levy. Veska’s minister, Ola Brandt, spoke "
        "on Monday. “Veska will support the Norvlandic timetable provided that ferries get a "
        "grace period,” Brandt said. Brandt said the Norvlandic plan would fail if Veskan "
        "ferries stayed out."
    )
    assert _prediction(result, "Veska will support").subjects == ["Veska"]
    assert set(_prediction(result, "the Norvlandic plan").subjects) == {"Norvland", "Veska"}


def test_a_rate_forecast_is_about_the_central_bank() -> None:
    result = extract(BANK)
    assert _prediction(result, "she expects the first rate cut").subjects == [
        "National Bank of Varnia"
    ]


def test_we_in_a_quotation_is_the_speakers_organization() -> None:
    result = extract(BANK)
    assert _prediction(result, "We will not cut rates").subjects == ["National Bank of Varnia"]


TALKS = (
    "Negotiators from Varnia and Oskland met in Tallor on Monday. Varnia’s envoy, Ada Rinne, "
    "said the two sides would exchange their maps within weeks. Oskland’s foreign minister, "
    "Jonas Aro, said the talks had been useful. Rinne said both governments would meet again "
    "in Tallor before the end of the year."
)


def test_the_two_sides_are_the_two_states_of_the_text() -> None:
    result = extract(TALKS)
    subjects = set(_prediction(result, "the two sides would exchange").subjects)
    assert subjects == {"Varnia", "Oskland"}


def test_a_place_named_as_a_location_is_not_a_subject() -> None:
    result = extract(TALKS)
    subjects = set(_prediction(result, "both governments would meet").subjects)
    assert "Tallor" not in subjects
    assert subjects == {"Varnia", "Oskland"}


MARKET = (
    "Copper rose 3 percent on the Harlow Metals Exchange on Monday, and the Harlow Metals "
    "Exchange said trading was orderly. Analysts at Tallis & Crane, the commodities broker, "
    "expect copper to average $12,300 a tonne in the fourth quarter. Varnia’s government cut "
    "its growth forecast. Sorrel Capital, an investment bank, cut its forecasts too. Ada Brenn, "
    "a trader at Sorrel Capital, said she expects the strike to end next year."
)


def test_a_commodity_price_forecast_is_about_the_exchange_not_the_analysts() -> None:
    result = extract(MARKET)
    assert _prediction(result, "expect copper to average").subjects == ["Harlow Metals Exchange"]


COCOA = (
    "Cocoa rose on the Westerholt Commodity Exchange. Ambera is the world's largest grower, "
    "and Ambera’s government sets the farm price. Dellacorte Confections, one of the largest "
    "chocolate makers, said it would raise prices by 9% from July. Analysts at Greywell said "
    "prices would almost certainly stay above $9,000 until May, when estimates of the Ambera "
    "mid-crop are published."
)


def test_prices_of_an_exchange_are_not_also_the_growing_states() -> None:
    item = _prediction(extract(COCOA), "prices would almost certainly stay")
    assert item.subjects == ["Westerholt Commodity Exchange"]


def test_a_seller_raising_its_own_prices_is_not_the_exchange() -> None:
    item = _prediction(extract(COCOA), "it would raise prices")
    assert item.subjects == ["Dellacorte Confections"]


def test_id_expect_inflation_is_about_the_economy_not_the_speakers_bank() -> None:
    text = (
        "Teodora Vanek has been deputy governor of the Bank of Tarsenia since 2022. The bank "
        "raised its main rate last autumn. Tarsenia's government wants lower rates.\n\n"
        "Interviewer: When will inflation fall?\n\n"
        "Vanek: I’d expect inflation to be back at 2% by the second half of 2027.\n\n"
        "Interviewer: And rates?\n\n"
        "Vanek: We will cut when we are sure.\n"
    )
    assert _prediction(extract(text), "I’d expect inflation").subjects == ["Tarsenia"]


def test_the_government_expected_the_pipeline_is_about_the_pipelines_builder() -> None:
    text = (
        "Estrava wants the gas, and Estrava's government backs the line. Arkos Midstream, the "
        "pipeline's builder, said it would appeal. "
        "Energy Minister Karel Dusek said the government still expected the pipeline to carry "
        "its first gas in 2029."
    )
    item = _prediction(extract(text), "the government still expected")
    assert item.subjects == ["Arkos Midstream"]


def test_an_analysts_expectation_is_not_about_the_analysts_firm() -> None:
    result = extract(MARKET)
    assert _prediction(result, "she expects the strike").subjects == ["Varnia"]


def test_an_analysts_firms_forecast_about_a_place_is_the_states() -> None:
    text = (
        "Teveria’s government wants the plant closed. Economists at Marlow & Finch, an energy "
        "consultancy, expect carbon prices to stay high. In a report last month, they said "
        "that no lignite plant in Teveria would make money after next year."
    )
    found = _prediction(extract(text), "no lignite plant")
    assert found.source == "Marlow & Finch"
    assert found.subjects == ["Teveria"]


def test_a_unions_forecast_about_workers_somewhere_stays_the_unions() -> None:
    text = (
        "Dock workers at Varnia's two biggest ports will walk out on Monday unless employers "
        "improve their pay offer, the Varnian Dockers' Federation said on Thursday."
    )
    found = _prediction(extract(text), "Dock workers at")
    assert found.subjects == ["Varnian Dockers' Federation"]


def test_a_word_in_a_bodys_introduction_names_it_only_as_the_head_noun() -> None:
    text = (
        "The Patients’ Rights Trust, a charity that campaigns for people on waiting lists, "
        "called the plan timid. Health Minister Dora Fenn of Caldria said she expects the "
        "waiting list to fall below 300,000 by June."
    )
    subjects = _prediction(extract(text), "expects the waiting list").subjects
    assert "Patients’ Rights Trust" not in subjects


# -- a country's economic figures, and what odds and surprise are put on ------------------------

GRID = (
    "Tessaro Grid, the company that runs Vellmark's power lines, wants to build a second cable "
    "to Sundra. The government of Vellmark has not said whether it will help. “Wholesale "
    "prices in the north could fall by a fifth by 2032, according to our own models,” said "
    "Solveig Holloway, Tessaro's chief executive. “I’d be surprised if household bills went "
    "up by more than 40 daler a year,” she added."
)


def test_prices_and_bills_of_a_country_are_the_states_whoever_speaks() -> None:
    result = extract(GRID)
    assert _prediction(result, "Wholesale prices in the north").subjects == ["Vellmark"]
    assert _prediction(result, "I’d be surprised if household").subjects == ["Vellmark"]


def test_inflation_in_a_named_country_is_that_countrys_not_the_speakers() -> None:
    result = extract(
        "The Bank of Lystria raised its main rate on Tuesday, the second rise in Lystria this "
        "year. Lystria's finance minister welcomed the move. In Dorvenia, the Dorvenian "
        "National Bank said it expected inflation in Dorvenia to fall below 2% by the autumn."
    )
    assert _prediction(result, "it expected inflation in Dorvenia").subjects == ["Dorvenia"]


def test_odds_and_a_chance_put_on_something_are_about_that_thing() -> None:
    result = extract(
        "Estavia's parliament will vote on the budget next week. The Estavian Fiscal Council "
        "said there was a one-in-three chance that the deficit would overshoot 3.5% of GDP next "
        "year. Its chair, Ida Rask, of the Marlowe Institute, said: “I’d put the odds of a "
        "recession at one in four over the next twelve months.”"
    )
    assert _prediction(result, "there was a one-in-three chance").subjects == ["Estavia"]
    assert _prediction(result, "I’d put the odds of a recession").subjects == ["Estavia"]


def test_a_demonym_in_the_object_is_no_subject_with_or_without_the() -> None:
    result = extract(
        "Talvora raised its tariff on urea from Selvaria on Monday. Selvaria's trade minister, "
        "Jon Aksel, said Selvaria could retaliate with duties on Talvoran cheese. He said "
        "Selvaria would act if Talvoran officials refused to talk."
    )
    assert _prediction(result, "Selvaria could retaliate").subjects == ["Selvaria"]
    assert set(_prediction(result, "Selvaria would act").subjects) == {"Selvaria", "Talvora"}


def test_a_leading_whatever_clause_names_no_subject() -> None:
    result = extract(
        "The Callowmere City Council votes on the new bus grid in March. The Road Workers' "
        "Union opposes it. Whatever Callowmere City Council decides, the union will strike in "
        "May, its leader, Ada Venn, said."
    )
    assert _prediction(result, "Whatever Callowmere").subjects == ["Road Workers' Union"]


def test_both_sides_of_a_dispute_inside_one_country_are_its_two_bodies() -> None:
    result = extract(
        "Pilots at Veskair will strike on Friday, the Airline Pilots Union said. The union "
        "wants the 2023 pay scale restored. Veskair said the demand would cost it 40 million "
        "crowns. The union and the airline met on Tuesday without agreement. The labour "
        "ministry of Veskaria has offered a mediator, Saoirse Lisberg. Lisberg said she "
        "expected both sides to present new proposals by Monday."
    )
    subjects = set(_prediction(result, "she expected both sides").subjects)
    assert subjects == {"Airline Pilots Union", "Veskair"}


def test_an_analysts_the_companies_are_not_the_analysts_own_firm() -> None:
    result = extract(
        "Fresca Group agreed in March to buy Mercato Uno Holdings. Fresca Group said the deal "
        "would cut prices. Mercato Uno Holdings said it backed the deal. The Belmoran "
        "Competition Authority opened a review on Monday. Analysts at Corran Securities expect "
        "the companies to offer to sell at least 60 stores before the findings are published."
    )
    subjects = set(_prediction(result, "expect the companies").subjects)
    assert subjects == {"Fresca Group", "Mercato Uno Holdings"}


def test_we_of_a_person_who_joined_a_company_is_that_company() -> None:
    result = extract(
        "The Northern Trade Commission must approve the subsidy. Chief executive Mathis "
        "Corran, who joined Selbrook Motors from a truck maker in 2023, said: “We will build "
        "the plant by 2029.”"
    )
    assert _prediction(result, "We will build").subjects == ["Selbrook Motors"]


def test_its_leader_in_a_sentence_opened_by_a_body_leads_that_body() -> None:
    text = (
        "In Haldvik, the Haldvik Traders' Association said a strike would empty the high "
        "street.\n\nThe dispute has also reached parliament. The opposition Social Labour Party "
        "backs the union's claim, and its leader, Oskar Brandl, said he would table a motion."
    )
    doc = Document(text)
    cast = find_actors(doc)
    names = [a.name for a in cast.actors]
    led = Affiliation(doc, cast).speakers_organization(names.index("Oskar Brandl"))
    assert [names[i] for i in led] == ["Social Labour Party"]


def test_members_and_workers_are_the_texts_one_union() -> None:
    result = extract(
        "Norrack Metals offered a 4% rise. The Dravenian Mineworkers' Union rejected it. Its "
        "president, Marit Kolbe, said members would accept nothing below 7%. Two miners who "
        "asked not to be named said many younger workers would vote against a strike."
    )
    union = ["Dravenian Mineworkers' Union"]
    assert _prediction(result, "members would accept").subjects == union
    assert _prediction(result, "many younger workers").subjects == union


def test_workers_in_a_text_with_no_trade_union_are_not_a_bodys() -> None:
    result = extract(
        "The Northern Customs Union meets in May. Halden Partners said workers at the ports "
        "would lose their jobs if the tariff went."
    )
    assert "Northern Customs Union" not in _prediction(result, "workers at the ports").subjects


def test_our_in_another_sentence_of_an_answer_does_not_make_a_subject() -> None:
    result = extract(
        "Selbrook Motors builds cars in Estrania. Its chief executive, Mathis Corran, spoke to "
        "us.\n\nQ: Will interest rates hurt you?\n\nA: It makes them tighter. The Bank of "
        "Estrania will most likely cut twice before next summer. Even without cuts, our "
        "financing costs rise by only about 40 million dalers a year."
    )
    assert _prediction(result, "It makes them tighter").subjects == ["Bank of Estrania"]


def test_actors_named_in_another_sentence_of_an_answer_are_not_its_subjects() -> None:
    result = extract(
        "Selbrook Motors wants a subsidy from Estrania. Its chief executive, Mathis Corran, "
        "spoke to us.\n\nQ: How likely is the subsidy to pass?\n\nA: Clara Voss has been "
        "straight with us. Parliament will probably approve it in October. The Green Alliance "
        "wants the money tied to recycling."
    )
    subjects = _prediction(result, "Clara Voss has been straight").subjects
    assert "Clara Voss" not in subjects and "Green Alliance" not in subjects


def test_an_unnamed_group_is_its_states_not_the_speakers_body() -> None:
    result = extract(
        "Calveria will raise its minimum wage in April. Paulo Venn, the leader of the General "
        "Workers’ Confederation, said many low-paid families would struggle this winter. "
        "Henrik Solm of the Calverian Chamber of Trade said as many as 40,000 jobs could "
        "disappear within two years."
    )
    assert _prediction(result, "many low-paid families").subjects == ["Calveria"]
    assert _prediction(result, "as many as 40,000 jobs").subjects == ["Calveria"]


def test_businesses_an_association_speaks_of_are_its_members() -> None:
    result = extract(
        "Lusavia's central bank raised rates again. The Lusavian Employers’ Federation said "
        "manufacturers would cut jobs within weeks unless credit conditions eased."
    )
    assert _prediction(result, "manufacturers would cut").subjects == [
        "Lusavian Employers’ Federation"
    ]


def test_visitors_are_the_town_the_text_is_about() -> None:
    result = extract(
        "SARNAC, Keriva — Sarnac wants a visitor levy. Sarnac has 9,000 residents and Sarnac "
        "fills every summer. The Keriva Hoteliers’ Association opposes the levy. Its chair, "
        "Anton Grey, said most guests would never notice a charge of three marks."
    )
    assert _prediction(result, "most guests").subjects == ["Sarnac"]


STRIKE = (
    "Members of the Dravenian Mineworkers' Union will vote on a strike at Norrack Metals. "
    "Norrack Metals runs the mine at Haldvik. The Vennick Metals Exchange is watching, and "
    "the Vennick Metals Exchange said copper rose. Norrack Metals said it could not pay more. "
    "A walkout is unlikely to begin before the middle of May. Analysts said the strike could "
    "run into June. The dispute could drag on until July."
)


def test_a_strikes_start_is_the_unions_and_its_length_both_sides() -> None:
    result = extract(STRIKE)
    union, company = "Dravenian Mineworkers' Union", "Norrack Metals"
    assert _prediction(result, "A walkout is unlikely").subjects == [union]
    assert set(_prediction(result, "the strike could run").subjects) == {union, company}
    assert set(_prediction(result, "The dispute could drag").subjects) == {union, company}


def test_a_currency_and_a_governing_coalition_are_the_states() -> None:
    result = extract(
        "The Bank of Lystria raised rates on Thursday. Lystria's currency has fallen for a "
        "month. Economists said the florin was likely to stay under pressure until the "
        "board's next meeting in May. Lystria's coalition government defended its budget. "
        "With 78 of the 141 seats, the coalition is likely to get the budget through, the "
        "Lystrian Fiscal Council said."
    )
    assert _prediction(result, "the florin was likely").subjects == ["Lystria"]
    assert _prediction(result, "With 78 of the 141 seats").subjects == ["Lystria"]


def test_the_coalition_is_a_body_named_coalition_when_there_is_one() -> None:
    result = extract(
        "The Blue Keel Coalition backs the levy. Its director, Mira Stolt, spoke in Varrel. "
        "Stolt said the coalition would campaign for it all summer."
    )
    assert _prediction(result, "the coalition would").subjects == ["Blue Keel Coalition"]


def test_an_expected_figure_with_no_verb_is_about_that_figure_not_our_staff() -> None:
    result = extract(
        "Teodora Vanek is governor of the Bank of Tarsenia. Tarsenia's economy slowed last "
        "year. “Our staff expect growth of about 1.1% this year,” Vanek said. “I’d expect "
        "diggers on the site before Christmas,” she added."
    )
    assert _prediction(result, "Our staff expect growth").subjects == ["Tarsenia"]
    assert _prediction(result, "I’d expect diggers").subjects == ["Bank of Tarsenia"]


def test_a_levys_fate_is_the_body_that_sets_it_not_what_it_does_to_others() -> None:
    result = extract(
        "Three years after the Varrel Sea Council first promised to make ships pay, its levy "
        "on emissions is back on the table. The Blue Keel Coalition backs it. Norvland owns "
        "the busiest ports. Tidemark Analytics said the levy would add 3% to freight costs in "
        "Norvland. The levy will almost certainly be delayed."
    )
    assert _prediction(result, "The levy will almost").subjects == ["Varrel Sea Council"]
    assert _prediction(result, "the levy would add").subjects != ["Varrel Sea Council"]


def test_a_commodity_traded_on_a_board_of_trade_is_that_exchanges() -> None:
    result = extract(
        "Wheat futures on the Pellamy Board of Trade rose 4% this week. The Pellamy Board of "
        "Trade said volumes were high. Analysts at Brightwater Commodities said July wheat "
        "would test $6.50 before the end of the month. The Aurenian Grain Board may raise "
        "its levy, officials said. The Aurenian Wheat Board may cut its fee, officials said."
    )
    assert _prediction(result, "July wheat would test").subjects == ["Pellamy Board of Trade"]
    assert _prediction(result, "The Aurenian Wheat Board may").subjects == ["Aurenian Wheat Board"]


def test_the_authority_is_the_body_spelled_out_in_the_speakers_role_not_its_state() -> None:
    result = extract(
        "Dravonia has fourteen water companies. Ilse Marrow, the chief executive of the "
        "Dravonian Water Services Authority (DWSA), spoke for three hours. The DWSA said "
        "spills rose. Marrow said the authority would not allow fines to be passed on. “We "
        "will not back down,” Marrow said."
    )
    assert _prediction(result, "the authority would not").subjects == [
        "Dravonian Water Services Authority"
    ]
    assert _prediction(result, "We will not").subjects == ["Dravonian Water Services Authority"]


def test_consumer_prices_a_crop_and_households_are_the_states() -> None:
    result = extract(
        "Wheat futures on the Pellamy Board of Trade rose 4%. The Pellamy Board of Trade said "
        "volumes were high. The Aurenian Flour Millers' Association said bread prices would "
        "rise over the summer if wheat stayed above $6. The Aurenian Grain Growers' Union said "
        "yields could fall by a fifth. Aurenia's regulator, Ilse Marrow, said households "
        "should expect increases of about 8% next year."
    )
    assert _prediction(result, "bread prices would").subjects == ["Aurenia"]
    assert _prediction(result, "yields could fall").subjects == ["Aurenia"]
    assert _prediction(result, "households should").subjects == ["Aurenia"]


def test_the_board_in_a_directors_words_is_the_board_of_the_body_he_speaks_for() -> None:
    result = extract(
        "Morrow Valley Health Trust runs two hospitals. Gareth Molyneux, its finance director, "
        "met Ardmore Council on Monday. After the meeting with Ardmore Council, Molyneux said "
        "the board would have to look again."
    )
    assert _prediction(result, "the board would").subjects == ["Morrow Valley Health Trust"]


def test_pilots_at_an_airline_are_their_unions_and_an_acronym_does_not_hide_the_speaker() -> None:
    result = extract(
        "TORRANO, Veskaria, March 4 (Halcyon News) - Pilots at Veskair, Veskaria's national "
        "airline, will walk out for 72 hours from March 18 unless the airline restores the "
        "2023 pay scale, the Airline Pilots Union of Veskaria (APUV) said on Tuesday."
    )
    found = _prediction(result, "Pilots at Veskair")
    assert found.source == "Airline Pilots Union of Veskaria"
    assert found.subjects == ["Airline Pilots Union of Veskaria"]


def test_an_executive_with_no_body_named_near_speaks_for_the_company_the_text_is_about() -> None:
    result = extract(
        "Tessel Freight Group reported a fall in first-quarter profit on Tuesday, its third "
        "in a row. Tessel said road volumes had turned in April, and its shares rose 3% in "
        "Skelde.\n\nLater in the day, after a long call with analysts about the corridor, "
        "the depots and the cost of diesel, chief financial officer Jonas Mettler said the "
        "cut would not touch the dividend."
    )
    assert _prediction(result, "the cut would not").subjects == ["Tessel Freight Group"]


def test_who_puts_the_odds_of_something_is_not_its_subject() -> None:
    result = extract(
        "Analysts at Kerrigan & Voss, a Corvale consultancy, put the chance of a Rural Party "
        "rebellion large enough to sink the bill at one in four."
    )
    odds = _prediction(result, "put the chance")
    assert (odds.source, odds.subjects, odds.likelihood) == (
        "Kerrigan & Voss",
        ["Rural Party"],
        "unlikely",
    )


def test_a_countrys_pension_system_or_public_finances_are_the_states() -> None:
    result = extract(
        "Ardesia's parliament will vote on the pension bill in June. The Ardesian Fiscal "
        "Council, an independent budget watchdog, said the pension system would run a "
        "deficit of 2.3% of output by 2035 unless the rules change."
    )
    assert _prediction(result, "the pension system").subjects == ["Ardesia"]
