"""The rules extractor on the error classes of issue 14, one hand-made case (or a few) per
class. The sentences are made up for these tests, in the shapes seen on unseen articles."""

from __future__ import annotations

import pytest

import seedsum
from seedsum.rules import extract
from seedsum.schema import ChunkExtraction

from .rules_helpers import _names, _prediction

# -- 4. a title glued into a name ---------------------------------------------------------------


def test_a_demonym_and_title_before_a_name_are_its_role() -> None:
    text = (
        "Varnian Trade Minister Ola Brandt said the tariff would be scrapped by 2028. "
        "Brandt spoke in Tallor."
    )
    result = extract(text)
    brandt = [a for a in result.actors if a.name == "Ola Brandt"]
    assert brandt, _names(result)
    assert brandt[0].role == "Varnian Trade Minister"


# -- 5. named actors missed ---------------------------------------------------------------------


COUNCIL = (
    "The council's chief engineer, Osric Talbridge, defended the design. Brackenfold Town "
    "Council voted on Tuesday. Council leader Margit Ashdown said work would start in April. "
    "Deputy council leader Emrys Fallon said council tax would rise next year. Talbridge said "
    "the first section could be finished by June."
)


def test_the_government_of_an_unknown_name_makes_it_a_state() -> None:
    result = extract(
        "The government of Caldrea will rule on the plan next year. Transport Minister "
        "Selwyn Krall has kept his distance."
    )
    assert {a.name: a.kind for a in result.actors}.get("Caldrea") == "state"
    assert _prediction(result, "The government of Caldrea").subjects == ["Caldrea"]


def test_a_bodys_last_words_are_its_short_name() -> None:
    result = extract(
        "The town applied for a grant from the Halvorian Rivers Agency, which has not yet "
        "ruled. The Green group said it would ask the Rivers Agency to attach conditions."
    )
    agencies = [a for a in result.actors if "Agency" in a.name]
    assert [(a.name, a.aliases) for a in agencies] == [
        ("Halvorian Rivers Agency", ["Rivers Agency"])
    ]


def test_a_role_before_a_name_with_an_honorific() -> None:
    actors = extract(
        "The health ministry met on Monday. The chief medical officer, Dr Margarethe Morrow, "
        "said the delay had not yet shown up in hospital figures."
    ).actors
    assert [(a.name, a.role) for a in actors if a.kind == "person"] == [
        ("Margarethe Morrow", "chief medical officer")
    ]


def test_a_council_leaders_title_keeps_the_council() -> None:
    roles = {a.name: a.role for a in extract(COUNCIL).actors}
    assert roles["Margit Ashdown"] == "Council leader"
    assert roles["Emrys Fallon"] == "Deputy council leader"


def test_the_councils_engineer_forecasts_the_councils_work() -> None:
    result = extract(COUNCIL)
    assert _prediction(result, "the first section").subjects == ["Brackenfold Town Council"]


def test_the_council_leader_speaks_for_the_council() -> None:
    result = extract(
        "Brackenfold Town Council voted on Tuesday for a grant bid to the Halvorian Rivers "
        "Agency. Council leader Margit Ashdown said work on the wall would start in April "
        '"whatever the agency decides".'
    )
    assert _prediction(result, "work on the wall").subjects == ["Brackenfold Town Council"]


AIRPORT = (
    "Kelmstad Airport handled 14.2 million passengers last year. Ragna Marenholt, its chief "
    "executive since 2022, wants a second runway. Aerovane backs the plan. Their chief "
    "executive, Teo Salceda, sat in that chair in October. “We will not cut routes,” "
    "Marenholt said."
)


def test_an_airport_is_an_organization_and_its_officers_forecast_its_future() -> None:
    result = extract(AIRPORT)
    kinds = {a.name: a.kind for a in result.actors}
    assert kinds["Kelmstad Airport"] == "organization"
    assert _prediction(result, "We will not cut routes").subjects == ["Kelmstad Airport"]


def test_its_chief_executive_is_a_role_and_a_verb_after_a_named_apposition_is_not() -> None:
    roles = {a.name: a.role for a in extract(AIRPORT).actors}
    assert roles["Ragna Marenholt"] == "chief executive"
    assert roles["Teo Salceda"] != "sat in that chair in October"
    actors = extract(
        "Veska is a ferry state. Its ports minister, Oona Leskinen, wants the fund to pay for "
        "shore power at its ferry terminals first, and says Veska will support the plan."
    ).actors
    assert [(a.kind, a.role) for a in actors if a.name == "Oona Leskinen"] == [
        ("person", "ports minister")
    ]


def test_a_title_and_name_without_a_speech_verb_is_an_actor() -> None:
    text = (
        "Competition Commissioner Irena Malt opened a review of the merger on Tuesday. "
        "The companies declined to comment."
    )
    result = extract(text)
    malt = [a for a in result.actors if a.name == "Irena Malt"]
    assert malt, _names(result)
    assert malt[0].role == "Competition Commissioner"


def test_a_name_after_analysts_at_or_a_lawyer_for_is_an_organization() -> None:
    # Names that say nothing of what they are: the person's noun before them does.
    text = (
        "Tomas Ferro, a lawyer for Arkos Midstream, said the company would appeal. "
        "Arkos Midstream, the pipeline's builder, may keep the finished sections. "
        "Analysts at Penrose Hale expect first gas to slip into 2030."
    )
    kinds = {a.name: a.kind for a in extract(text).actors}
    assert kinds.get("Arkos Midstream") == "organization", kinds
    assert kinds.get("Penrose Hale") == "organization", kinds


def test_a_possessive_inside_a_name_keeps_the_name_whole() -> None:
    text = (
        "The Torvish Fishermen's Association, which represents 2,100 boat owners, called the "
        "vote a funeral. The Liberal People's Party said it would table an amendment."
    )
    names = _names(extract(text))
    assert {"Torvish Fishermen's Association", "Liberal People's Party"} <= names, names


def test_an_organization_in_a_role_is_an_actor_once_its_short_form_is_talked_about() -> None:
    text = (
        "Amadou Feld, chief executive of Northgate University Hospital, was more upbeat. "
        "Northgate is likely to clear its backlog within nine months, Feld said."
    )
    result = extract(text)
    hospital = [a for a in result.actors if a.name == "Northgate University Hospital"]
    assert hospital and hospital[0].kind == "organization"
    assert "Northgate" in hospital[0].aliases
    assert _prediction(result, "Northgate is likely").subjects == ["Northgate University Hospital"]


def test_an_organization_only_in_a_role_is_not_an_actor() -> None:
    text = "Amadou Feld, chief executive of Northgate University Hospital, said waits were long."
    assert "Northgate University Hospital" not in _names(extract(text))


def test_a_place_in_two_names_is_the_short_form_of_neither() -> None:
    text = (
        "The figure, published by Statistics Caldria, is 9 percent higher than a year ago. "
        "The Caldria Health Service said it would open its theatres at night. "
        "Caldria spends less on surgery than its neighbours, the service said."
    )
    actors = {a.name: a for a in extract(text).actors}
    assert "Caldria" not in actors["Caldria Health Service"].aliases, actors


def test_a_demonym_opening_a_name_makes_the_place_a_state() -> None:
    text = (
        "Homeowners in Dravonia have stopped talking about a soft landing. The Dravonian "
        "Builders' Federation wants the levy scrapped. Prices will almost certainly keep "
        "falling into next spring."
    )
    result = extract(text)
    assert {a.name: a.kind for a in result.actors}.get("Dravonia") == "state"
    assert _prediction(result, "Prices will almost certainly").subjects == ["Dravonia"]


def test_with_no_state_found_the_word_naming_two_institutions_is_the_state() -> None:
    text = (
        "The figure, published by Statistics Caldria, is 9 percent higher. The Caldria Health "
        "Service runs the country's hospitals. Caldria's waiting list is the longest on record, "
        "and Health Minister Dorota Fennick said the government would pay surgeons to operate "
        "at night."
    )
    result = extract(text)
    assert {a.name: a.kind for a in result.actors}.get("Caldria") == "state"
    assert _prediction(result, "the government would pay").subjects == ["Caldria"]


def test_a_governor_speaks_for_the_central_bank_not_the_last_firm_named() -> None:
    text = (
        "Much depends on the Bank of Dravonia. Economists at Tornquist Capital expect the "
        "central bank to hold rates until March. Governor Emil Sarkany has given little away. "
        "“We will not cut until we are confident that inflation is falling,” he said."
    )
    result = extract(text)
    assert _prediction(result, "We will not cut").subjects == ["Bank of Dravonia"]


def test_its_in_a_persons_report_is_the_body_the_person_speaks_for() -> None:
    text = (
        "The court let Arkos Midstream keep the finished sections. Daniel Ferro, a lawyer for "
        "Arkos Midstream, said outside the court that the ruling was wrong. He said its crews "
        "would stay off the site until May."
    )
    result = extract(text)
    assert _prediction(result, "its crews would stay").subjects == ["Arkos Midstream"]


def test_a_town_named_as_a_place_is_not_an_organizations_short_form() -> None:
    text = (
        "The Sellin Tenants' Union wants a rent cap. Tomas Reyl, its spokesman, said rents in "
        "Sellin would rise by another 8% next year."
    )
    union = [a for a in extract(text).actors if a.name == "Sellin Tenants' Union"]
    assert union and "Sellin" not in union[0].aliases


@pytest.mark.parametrize(
    ("sentence", "name", "role"),
    [
        ("Arkos Midstream, the pipeline's builder, may keep the pipe.", "Arkos Midstream",
         "pipeline's builder"),
        ("Stellamar Shipping, Tovara’s largest container line, says traffic could double.",
         "Stellamar Shipping", "Tovara’s largest container line"),
    ],
)  # fmt: skip
def test_an_organizations_apposition_is_its_role(sentence: str, name: str, role: str) -> None:
    actors = {a.name: a for a in extract(sentence + " It said it would decide in May.").actors}
    assert actors[name].role == role, actors


AIRLINE = (
    "TORRANO, Veskaria, March 4 (Halcyon News) - Pilots at Veskair, Veskaria's national "
    "airline, will walk out for 72 hours from March 18, the Airline Pilots Union of Veskaria "
    "said on Tuesday. Sonja Brandauer, Veskair's spokeswoman, said the strike was unaffordable. "
    "The airline plans to lease crews from charter operators, Brandauer said. Veskaria's "
    "transport ministry urged both sides to accept mediation. Several travel agents in "
    "Torrano said bookings had fallen."
)


def test_a_wire_dateline_names_no_actor_and_a_surname_alone_is_the_person() -> None:
    actors = {a.name: a for a in extract(AIRLINE).actors}
    assert "Halcyon News" not in actors and "Torrano" not in actors, actors
    assert "Brandauer" in actors["Sonja Brandauer"].aliases, actors
    assert actors["Veskaria"].kind == "state"
    assert actors["Veskair"].kind == "organization"


def test_a_first_word_used_alone_is_the_organizations_short_form() -> None:
    text = (
        "Vireon Telecom raised its dividend. A pension fund that holds a stake in Vireon said "
        "it was pleased. Brio Mobile, the second-largest operator, said it would cut prices. "
        "Brio has cut prices twice this year. Vireon's chief executive, Ingrid Falkenrath, "
        "said she would not follow. Falkenrath said Vireon would keep building fibre."
    )
    result = extract(text)
    actors = {a.name: a for a in result.actors}
    assert "Vireon" in actors["Vireon Telecom"].aliases and "Brio" not in actors, actors
    assert "Brio" in actors["Brio Mobile"].aliases
    assert _prediction(result, "Vireon would keep").subjects == ["Vireon Telecom"]


def test_the_head_word_after_the_is_the_organizations_short_form() -> None:
    text = (
        "For forty years the Farmers’ League has run the province. Two League councillors, "
        "speaking privately, were less sure. Arvid Pirk, a spokesman for the Farmers’ League, "
        "said the League would not reopen the permit rules."
    )
    result = extract(text)
    names = _names(result)
    assert "Two League" not in names, names
    assert _prediction(result, "the League would not").subjects == ["Farmers’ League"]


def test_the_council_is_the_council_named_not_the_mayor() -> None:
    text = (
        "Havrenn City Council will decide this spring whether to sell its water utility. Mayor "
        "Celia Dunmore wants the sale done by June. The full council is set to vote on May 14."
    )
    assert _prediction(extract(text), "The full council").subjects == ["Havrenn City Council"]


def test_a_public_bodys_first_word_is_its_place_not_its_short_form() -> None:
    text = (
        "The Quessland Water Services Authority said it would examine any bid. Quessland’s "
        "environment ministry said the sale was a matter for the city."
    )
    actors = {a.name: a for a in extract(text).actors}
    assert "Quessland" not in actors["Quessland Water Services Authority"].aliases, actors
    assert actors["Quessland"].kind == "state"


def test_a_name_after_said_with_its_own_verb_is_what_was_said_about() -> None:
    text = (
        "The most striking offer came from Norvasse, whose coal plants make it the biggest "
        "emitter among developing nations. Its chief negotiator, Imran Desvaux, said Norvasse "
        "would close 40 of its coal plants by 2035. The pledge is aimed at men like Ruud "
        "Mensing, a dairy farmer outside Wethering, who lost money on every litre he sold."
    )
    kinds = {a.name: a.kind for a in extract(text).actors}
    assert kinds.get("Norvasse") == "state" and "Wethering" not in kinds, kinds


def test_a_role_stated_with_has_been_and_the_state_of_a_central_bank() -> None:
    text = (
        "Teodora Vanek has been deputy governor of the Bank of Tarsenia since 2022. The bank "
        "raised its main rate last autumn. The Fund said Tarsenia should raise taxes.\n\n"
        "Interviewer: Will you cut rates?\n\nVanek: We are not going to cut rates in a hurry."
    )
    result = extract(text)
    actors = {a.name: a for a in result.actors}
    assert actors["Teodora Vanek"].role == "deputy governor of the Bank of Tarsenia", actors
    assert "Vanek" not in actors and actors["Tarsenia"].kind == "state"
    assert _prediction(result, "We are not going to cut").source == "Teodora Vanek"


def test_the_state_in_a_dateline_is_not_a_person_with_the_lead_as_role() -> None:
    text = (
        "MIREN, Estrava, June 12 - Judge Marta Ilic of the Miren High Court on Tuesday "
        "quashed the permit for the pipeline. The Estravan Energy Board said it would "
        "appeal. “The ruling is wrong,” its chair, Ines Kallas, said."
    )
    actors = {a.name: a for a in extract(text).actors}
    assert "Estrava" not in actors or actors["Estrava"].kind == "state", actors
    assert all(a.role is None or "June" not in a.role for a in actors.values())


# -- 6. timeframes --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "timeframe"),
    [
        ("Rinne said the port would reopen before next June.", "before next June"),
        ("Rinne said works would shut it for most of next summer.", "for most of next summer"),
        ("Rinne said ships would pay before the decade is out.", "before the decade is out"),
        ("Rinne said Castrel would not agree before that election.", "before that election"),
        ("Rinne said the levy would stay until May.", "until May"),
        ("Rinne said the plant would close by the end of the year.", "by the end of the year"),
        # The preposition belongs to the expression (GUIDELINES), a sentence's first word too.
        ("Rinne said prices would keep falling into next spring.", "into next spring"),
        ("Rinne said first gas would slip into 2030.", "into 2030"),
        ("Rinne said the ban would apply from March 1.", "from March 1"),
        ("Rinne said she would ask for funds before Christmas.", "before Christmas"),
        ("Rinne said no pipe would be laid before the autumn of next year.",
         "before the autumn of next year"),
        ("Rinne said the curbs would stay before the findings are published.",
         "before the findings are published"),
        ("Rinne said the lost sales would return within two years.", "within two years"),
        ("Rinne said the contract would not be extended beyond March 2027.",
         "beyond March 2027"),
        ("Rinne said the boats would stay in the harbour for the winter.", "for the winter"),
        ("Rinne said she would ask for money before the winter storms.",
         "before the winter storms"),
        ("“In a few years the boats will be bigger,” Rinne said.", "In a few years"),
        ("“If the showers are fixed, I’ll go tomorrow,” Rinne said.", "tomorrow"),
        ("“By the end of next year they will stop,” Rinne said.", "By the end of next year"),
        # A past period in another sentence of the quote does not date the forecast.
        ("“We laid more pipe in the first quarter. Those workers will be sent home,” Rinne said.",
         None),
    ],
)  # fmt: skip
def test_timeframes(sentence: str, timeframe: str) -> None:
    result = extract(f"Ada Rinne is Varnia’s envoy. {sentence}")
    assert [p.timeframe for p in result.predictions] == [timeframe]


@pytest.mark.parametrize(
    ("sentence", "timeframe"),
    [
        (
            "Rinne said the ministry would publish its plan before the hearing.",
            "before the hearing",
        ),
        ("Rinne said no clinic would shut before the new wing opens.", "before the new wing opens"),
        (
            "Rinne said the ferry is likely to resume only after the storm season ends in March.",
            "only after the storm season ends in March",
        ),
        ("Rinne said tariffs would fall once the talks end.", "once the talks end"),
        ("Rinne said the bridge would open in two years.", "in two years"),
        # Not events or dates: a person, a clause of its own, a record, "until" + event.
        ("Rinne said she would decide after the minister calls her.", None),
        ("Rinne said the shortest delay in a decade would not last.", None),
        ("Rinne said the school would stay shut until the inquiry reports.", None),
    ],
)
def test_an_event_dates_a_forecast(sentence: str, timeframe: str | None) -> None:
    result = extract(f"Ada Rinne is Varnia’s envoy. {sentence}")
    assert [p.timeframe for p in result.predictions] == [timeframe]


# -- 8. forecasts by the publication ---------------------------------------------------------


def test_a_plain_will_in_the_authors_voice_is_a_publication_forecast() -> None:
    result = extract(
        "Ada Rinne is Varnia’s envoy. Rinne said the talks were useful. The levy will lapse on "
        "30 June. The most likely outcome is a gradual cut."
    )
    quotes = [(p.source, p.quote) for p in result.predictions]
    assert ("the author", "The levy will lapse on 30 June") in quotes, quotes
    assert ("the author", "The most likely outcome is a gradual cut") in quotes, quotes


@pytest.mark.parametrize(
    "sentence",
    [
        "Q: When will you decide?",
        "Scientists ask how long the dry spell will last.",
        "We will keep watching that market.",
        "The political will to act is missing.",
    ],
)
def test_a_will_that_is_no_forecast_of_the_author(sentence: str) -> None:
    result = extract(f"Ada Rinne is Varnia’s envoy. Rinne said the talks were useful. {sentence}")
    assert [p.quote for p in result.predictions if p.source == "the author"] == []


def test_a_deadline_is_not_a_condition() -> None:
    result = extract(
        "Ada Rinne is Varnia’s envoy. Rinne said the levy would stay until May. "
        "Rinne said the plant would close by the end of the year."
    )
    assert [p.conditions for p in result.predictions] == [[], []]


def test_a_past_period_is_not_a_forecasts_timeframe() -> None:
    result = extract(
        "Ada Rinne is Varnia’s envoy. Rinne said exports, which fell in the first quarter, "
        "would recover by 2027."
    )
    assert [p.timeframe for p in result.predictions] == ["by 2027"]


# -- 10. conditions at decimals and currency --------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "condition"),
    [
        (
            "Rinne said rates would rise if inflation stays above 4.5% in May.",
            "if inflation stays above 4.5% in May",
        ),
        (
            "Rinne said the mine would close unless copper stays above $12,000 a tonne.",
            "unless copper stays above $12,000 a tonne",
        ),
        (
            "Rinne said the port would reopen if the strike ends and the ships would sail.",
            "if the strike ends",
        ),
    ],
)
def test_conditions_are_not_cut_at_numbers_nor_run_across_clauses(
    sentence: str, condition: str
) -> None:
    result = extract(f"Ada Rinne is Varnia’s envoy. {sentence}")
    assert [p.conditions for p in result.predictions] == [[condition]]


# -- no attributed statement -------------------------------------------------------------------


def test_a_text_with_no_statement_has_no_author_actor() -> None:
    result = extract(
        "The harbour in Tallor was quiet on Sunday. Fishing boats stayed in port and the "
        "market hall was closed for the holiday."
    )
    assert "the author" not in _names(result)


# -- 8. forecasts by the publication -------------------------------------------------------------


def test_a_forecast_by_the_publication_is_found() -> None:
    result = extract(
        "The new terminal in Tallor was due to open in 2026. The opening will almost "
        "certainly slip into 2028. Builders blame the weather."
    )
    item = _prediction(result, "The opening will almost certainly slip into 2028")
    assert item.source == "the author"
    assert item.likelihood == "certain"


@pytest.mark.parametrize(
    "sentence",
    [
        "If mortgage rates stay above 5.25%, the average price could slip below €300,000.",
        "A cut in March could well come too late to rescue the spring selling season.",
        "The appeal is almost certain to end up before the Supreme Court.",
        "The bank’s next rate decision is due on July 9.",
        # "support" after "the" is a noun, "to be agreed" a passive: nobody speaks.
        "The support fund is unlikely to be agreed before the spring.",
    ],
)
def test_a_hedged_forecast_by_the_publication_is_found(sentence: str) -> None:
    result = extract(f"House prices fell again in October. {sentence} Sellers are waiting.")
    assert [p.source for p in result.predictions] == ["the author"], result.predictions


def test_a_permission_or_past_could_by_the_publication_is_no_forecast() -> None:
    result = extract(
        "Under the judgment, the company may keep the finished sections patrolled. The board "
        "could have required a full study in 2023."
    )
    assert result.predictions == []


def test_the_most_likely_compromise_is_the_publications_forecast() -> None:
    result = extract(
        "The Varrel Sea Council meets next week. A start in 2029, with a lower rate for "
        "ferries for the first two years, is the most likely compromise."
    )
    forecast = _prediction(result, "A start in 2029")
    assert (forecast.source, forecast.likelihood) == ("the author", "likely")


# -- 2. stances and plans without a speech verb --------------------------------------------------


def test_its_government_is_the_state_named_before() -> None:
    result = extract(
        "Castrel, the region's largest port state, holds elections in May. Its government "
        "has refused to commit to a start date."
    )
    assert [(p.actor, p.quote) for p in result.positions] == [
        ("Castrel", "has refused to commit to a start date")
    ]


def test_a_refusal_and_a_regard_as_are_stances() -> None:
    result = extract(
        "Castrel, the region's largest port state, has refused to commit to a start date. "
        "Analysts at Tidemark Analytics regard that burden as manageable for most cargo."
    )
    assert [(p.actor, p.quote) for p in result.positions] == [
        ("Castrel", "has refused to commit to a start date"),
        ("Tidemark Analytics", "regard that burden as manageable for most cargo"),
    ]


@pytest.mark.parametrize(
    ("text", "actor", "start"),
    [
        (
            "Oskland’s government buys most of its grain abroad. Oskland opposes any cap on "
            "wheat exports, and the talks stalled.",
            "Oskland",
            "opposes any cap on wheat exports",
        ),
        (
            "Halden Partners advises exporters. Economists at Halden Partners expect the deal "
            "to exclude fuel.",
            "Halden Partners",
            "expect the deal to exclude fuel",
        ),
        (
            "Varnia’s envoy, Ada Rinne, arrived on Monday. Varnia wants the tariff scrapped by "
            "2028.",
            "Varnia",
            "wants the tariff scrapped by 2028",
        ),
    ],
)
def test_stances_without_a_speech_verb_are_attributed(text: str, actor: str, start: str) -> None:
    result = extract(text)
    items = [(p.actor, p.quote) for p in result.positions]
    items += [(p.source, p.quote) for p in result.predictions]
    assert (actor, start) in items, items


def test_a_stance_is_a_position_even_about_the_future_and_a_plan_a_prediction() -> None:
    # GUIDELINES.md (v2): "Varnia wants the tariff scrapped by 2028" is a stance.
    result = extract(
        "Varnia’s envoy, Ada Rinne, arrived on Monday. Varnia wants the tariff scrapped by "
        "2028. Tallor Shipping, which carries most of the grain, plans to buy two ships."
    )
    assert [p.quote for p in result.positions] == ["wants the tariff scrapped by 2028"]
    assert [(p.source, p.quote, p.likelihood) for p in result.predictions] == [
        ("Tallor Shipping", "plans to buy two ships", "unspecified")
    ]


def test_analysts_at_a_firm_with_an_apposition_are_the_firm() -> None:
    text = (
        "Copper rose again. Analysts at Tallis & Crane, the commodities broker, expect copper "
        "to average $12,300 a tonne in the fourth quarter."
    )
    assert _prediction(extract(text), "expect copper to average").source == "Tallis & Crane"


def test_a_stance_keeps_all_it_wants_and_stops_at_a_new_clause() -> None:
    text = (
        "The Brenna Mineworkers’ Union wants a 12% raise and an independent inspection of the "
        "dam. Pasquaria wants the curbs withdrawn and has asked Morvath to return to talks. "
        "Pasquarian carmakers buy Morvathi chips."
    )
    quotes = [p.quote for p in extract(text).positions]
    assert "wants a 12% raise and an independent inspection of the dam" in quotes, quotes
    assert "wants the curbs withdrawn" in quotes, quotes


def test_a_quotation_then_role_and_name_between_commas_is_the_persons() -> None:
    text = (
        "The Brenna Mineworkers’ Union called the strike. “We will stay out until the company "
        "listens,” its general secretary, Amos Dube, told a rally outside the mine on Monday."
    )
    result = extract(text)
    assert _prediction(result, "We will stay out").source == "Amos Dube"
    assert result.positions == [], result.positions


def test_unnamed_sources_speak_as_unnamed() -> None:
    text = (
        "Veskair will cancel 1,100 flights, Sonja Brandauer said. Several travel agents in "
        "Torrano said bookings for April had already fallen by a fifth. “People will simply "
        "drive across the border,” one agent said."
    )
    result = extract(text)
    items = [(p.actor, p.quote) for p in result.positions]
    items += [(p.source, p.quote) for p in result.predictions]
    assert ("unnamed", "bookings for April had already fallen by a fifth") in items, items
    assert ("unnamed", "People will simply drive across the border") in items, items


# -- 3. Q&A answers -----------------------------------------------------------------------------

INTERVIEW = """Ilse Maar, the governor of the National Bank of Varnia, has run it for six \
years. We spoke to her on Friday.

Q: Will you cut rates this year?

A: I'd be surprised if we cut before the autumn. Wage growth is still too strong.

Q: What about the currency?

A: The currency has held up well, and I see no reason for that to change.
"""


def test_qa_answers_are_the_interviewees_statements() -> None:
    result = extract(INTERVIEW)
    assert "I’d" not in _names(result) and "I'd" not in _names(result)
    items = [(p.actor, p.quote) for p in result.positions]
    items += [(p.source, p.quote) for p in result.predictions]
    owners = {
        owner for owner, quote in items if quote.startswith(("I'd be surprised", "The currency"))
    }
    assert owners == {"Ilse Maar"}, items


def test_no_sentence_of_a_long_answer_is_the_publications_forecast() -> None:
    text = INTERVIEW + (
        "\nQ: Does the shipping line matter?\n\nA: A great deal. Its chief sat in that chair. "
        "“We go where the water is deep,” he told me. If we do not deepen the channel, the "
        "line will move its ships to another port.\n"
    )
    result = extract(text)
    assert "the author" not in {p.source for p in result.predictions}, result.predictions


def test_im_not_planning_to_is_about_the_interviewee_not_her_company() -> None:
    text = (
        "Norgrid, the state grid operator, wants to build a new line. Sara Vint became "
        "Norgrid's chief executive in 2022. She spoke to us in the control room.\n\n"
        "Q: Will you stay?\n\nA: I'm not planning to go anywhere. I want to open that line.\n"
    )
    assert _prediction(extract(text), "I'm not planning").subjects == ["Sara Vint"]


MAYOR = (
    "Mayor Noor Castellan wants a $2.3 billion plan drawn up with the Saltrey Port "
    "Authority, whose board she chairs. Stellamar Shipping, Tovara’s largest container line, "
    "backs it. She spoke to us in her office.\n\n"
    "Q: Will fees rise?\n\n"
    "A: No. We are not going to raise port fees to pay for the expansion.\n\n"
    "Q: Will you stand again?\n\n"
    "A: Yes. I’m going to run, and the port will be at the centre of my campaign.\n"
)


def test_we_is_the_body_whose_board_the_interviewee_chairs() -> None:
    item = _prediction(extract(MAYOR), "No. We are not going")
    assert item.subjects == ["Saltrey Port Authority"]


def test_yes_im_going_to_run_is_about_the_interviewee() -> None:
    assert _prediction(extract(MAYOR), "Yes. I’m going to run").subjects[0] == "Noor Castellan"


def test_the_interviewee_is_whom_the_introduction_says_spoke_to_us() -> None:
    # The minister is named more often, but the introduction says who gave the interview.
    text = (
        "Energy Minister Arno Pell said in October that Minister Pell's budget was fixed, and "
        "Pell repeated it last week. Sara Vint, an engineer who built the first cable, became "
        "Norgrid's chief executive in 2022. She spoke to us in the control room.\n\n"
        "Q: Could it happen again?\n\n"
        "A: It could, yes. We will start building the line in 2027 if the plan is approved.\n\n"
        "Q: Who pays?\n\n"
        "A: Consumers do, through grid charges. Nobody should pretend otherwise.\n"
    )
    result = extract(text)
    items = [(p.actor, p.quote) for p in result.positions]
    items += [(p.source, p.quote) for p in result.predictions]
    owners = {owner for owner, quote in items if quote.startswith(("It could", "Consumers do"))}
    assert owners == {"Sara Vint"}, items
    roles = {a.name: a.role for a in result.actors}
    assert roles["Sara Vint"] == "Norgrid's chief executive", roles


def test_answered_our_questions_names_the_interviewee_and_questions_state_nothing() -> None:
    text = (
        "The Dock Workers' Union opposes the plan. Its leader, Bo Marsh, says members will "
        "strike. Marsh has said so since May, and Marsh repeated it on Monday. The port's "
        "director, Ines Kalm, answered our questions in Tovara.\n\n"
        "Q: The union says it will strike. Is the plan dead?\n\n"
        "A: No. I would expect to sign the contract in October unless a bidder goes to court.\n"
    )
    result = extract(text)
    found = [(p.source, p.quote) for p in result.predictions]
    assert (
        "Ines Kalm",
        "No. I would expect to sign the contract in October unless a bidder goes to court",
    ) in found, found
    assert not any(quote.startswith("it will strike") for _, quote in found), found


def test_id_be_surprised_is_an_unlikely_forecast() -> None:
    item = _prediction(extract(INTERVIEW), "I'd be surprised")
    assert item.likelihood == "unlikely"
    assert item.source == "Ilse Maar"


# -- 7. title-only speakers, 9. wrong speaker --------------------------------------------------


def test_a_title_ending_in_master_is_a_persons_role_and_speaks_for_her() -> None:
    text = (
        "“The channel was back within eighteen months,” said Maud Teague, the harbourmaster, "
        "who has run the port since 2016.\n\n"
        "“If a storm comes, we could lose a boat on the bar,” the harbourmaster said."
    )
    result = extract(text)
    assert {a.name: a.role for a in result.actors} == {"Maud Teague": "harbourmaster"}
    assert _prediction(result, "If a storm comes").source == "Maud Teague"


def test_her_office_is_the_person_not_her_employer() -> None:
    text = (
        "The Brennick Harbour Board said on Monday that the channel was silting up. Maud "
        "Teague, its harbourmaster, said her office would ask the ministry for money."
    )
    assert _prediction(extract(text), "her office would ask").subjects == ["Maud Teague"]


def test_she_said_after_a_paragraph_she_spoke_in_is_the_same_speaker() -> None:
    text = (
        "Fisheries Minister Senna Kaldor came to Brennick in September.\n\n"
        "“Brennick will not be abandoned,” she told the meeting.\n\n"
        "She said the ministry would publish the final plan by the end of January."
    )
    item = _prediction(extract(text), "the ministry would publish")
    assert item.source == "Senna Kaldor"


def test_she_said_after_someone_named_since_is_not_the_last_speaker() -> None:
    text = (
        "“The Alliance will win,” Rosa Sorrel, a pollster, said.\n\n"
        "The challenge comes from Ilse Dornbach, who leads the Water Party. She wants the "
        "permit rules scrapped."
    )
    result = extract(text)
    assert [(p.actor, p.quote) for p in result.positions] == [
        ("Ilse Dornbach", "wants the permit rules scrapped")
    ]


def test_a_pronoun_reaches_back_over_a_quotation_run_on_across_paragraphs() -> None:
    text = (
        "For Annika Velt, who runs the last fish plant, the move is not about berths.\n\n"
        "“If the boats go, my lorries go with them. I have told the ministry that twice.\n\n"
        "“I will move the whole plant up the coast by 2028,” she said."
    )
    item = _prediction(extract(text), "I will move the whole plant")
    assert item.source == "Annika Velt"


def test_a_title_alone_speaks_for_the_person_who_holds_it() -> None:
    text = (
        "Competition Commissioner Irena Malt opened a review of the merger on Tuesday. "
        "“We will look at every market they share,” the commissioner said."
    )
    result = extract(text)
    assert [(p.source, p.quote) for p in result.predictions] == [
        ("Irena Malt", "We will look at every market they share")
    ]


def test_its_chairman_in_apposition_is_the_speaker() -> None:
    text = (
        "Tallor Shipping carries a third of the region’s grain. Its chairman, Piet Aro, said "
        "the company would buy two more ships next year."
    )
    result = extract(text)
    assert [p.source for p in result.predictions] == ["Piet Aro"]


def test_according_to_x_with_an_apposition_quotes_the_clause_after_it() -> None:
    text = (
        "Freight rates doubled in May. According to Lars Holm, a freight broker in Tallor, "
        "the rates will fall again by the end of the year."
    )
    result = extract(text)
    assert [(p.source, p.quote) for p in result.predictions] == [
        ("Lars Holm", "the rates will fall again by the end of the year")
    ]


def test_according_to_x_keeps_a_clause_that_has_a_verb() -> None:
    text = "According to Lars Holm, the rates will fall again, which worries shippers."
    result = extract(text)
    assert [p.quote for p in result.predictions] == [
        "the rates will fall again, which worries shippers"
    ]


WIRE = (
    "ELSIN, Jan 9 - Morvath will bar exports of advanced chipmaking equipment to Pasquaria "
    'from March 1, the trade ministry said on Thursday. "These measures are narrow and '
    "targeted,\" a ministry spokeswoman told reporters in Elsin. Teranic, the country's "
    "largest chipmaker, said the rules would cut its revenue. The company said it would apply "
    "for licences. Pasquaria wants the curbs withdrawn and has asked Morvath to return to "
    "talks. Vantari Motors accused the ministry of ignoring carmakers. Pasquarian carmakers "
    "buy most of their chips from Morvathi suppliers."
)


def test_a_states_ministry_and_its_spokesperson_speak_for_the_state() -> None:
    result = extract(WIRE)
    assert _prediction(result, "Morvath will bar exports").source == "Morvath"
    owners = {p.actor for p in result.positions if p.quote.startswith("These measures")}
    assert owners == {"Morvath"}, result.positions


def test_the_company_said_is_the_last_organization_named() -> None:
    assert _prediction(extract(WIRE), "it would apply for licences").source == "Teranic"


def test_has_asked_and_accused_state_positions_without_a_speech_verb() -> None:
    positions = {(p.actor, p.quote.split()[0]) for p in extract(WIRE).positions}
    assert {("Pasquaria", "has"), ("Vantari Motors", "accused")} <= positions, positions


@pytest.mark.parametrize(
    "sentence",
    [
        "She said she expected both sides to present new proposals by Monday.",
        "He said he expected at least two shareholders, Corrandia and Vendria, to back it.",
        "Rinne said she put the chance of the League keeping its majority at about 35 percent.",
        "She said the minister has promised a budget with spending cuts in October.",
    ],
)
def test_expectations_probabilities_and_promises_are_predictions(sentence: str) -> None:
    result = extract(f"Ada Rinne is Varnia’s envoy. Rinne met the press. {sentence}")
    assert len(result.predictions) == 1 and not result.positions, result


@pytest.mark.parametrize(
    ("quote", "forecast"),
    [
        # Someone else's words quoted inside the quotation are not the speaker's forecast.
        ("When I started, the foreman told us, ‘This mine will feed your grandchildren.’ "
         "Nobody told us they would have to leave", False),
        ("People here have been patient, far more patient than I had any right to expect", False),
        ("If they close the lane all summer, I don't know if I'll still be here", False),
        ("The runway is not a foregone conclusion, whatever the airport may hope", False),
        ("Whatever happens, the runway will be built", True),
        ("I am not sure if they will listen, but we will keep asking", True),
        ("We could have moved faster. And we could not, under the law as it stood then, look "
         "at the prices", False),
        ("There is a real chance we see $13,000 before Christmas", True),
    ],
)  # fmt: skip
def test_what_makes_a_quotation_a_forecast(quote: str, forecast: bool) -> None:
    result = extract(f"Ada Rinne runs the mine. “{quote},” Rinne said.")
    assert bool(result.predictions) == forecast, result


# -- position or prediction -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Rinne said the ministry could not reach the shippers last week.",
        "Rinne said the port could have stayed open in 2019.",
        "Rinne said members may apply for the fund from any branch.",
        "Rinne said the talks had gone further than she would like.",
    ],
)
def test_past_could_and_permission_may_are_positions(sentence: str) -> None:
    result = extract(f"Ada Rinne is Varnia’s envoy. {sentence}")
    assert result.predictions == []
    assert len(result.positions) == 1


def test_what_nobody_can_predict_is_no_forecast_and_a_prediction_is() -> None:
    result = extract(
        "The Lusenian Nurses’ Union met on Monday. “Nurses cannot plan clinics around "
        "deliveries that nobody can predict,” they said. Its leader, Ada Rinne, said she "
        "predicts a recovery next year."
    )
    assert [p.quote for p in result.predictions] == ["she predicts a recovery next year"]


def test_an_official_who_asked_not_to_be_named_speaks_with_the_said_after() -> None:
    result = extract(
        "Health Minister Anton Ekholt spoke on Monday. A senior official who asked not to "
        "be named said the company had warned that the consignment could slip into January."
    )
    (forecast,) = result.predictions
    assert forecast.source == "unnamed"
    assert forecast.quote.startswith("the company had warned")


def test_id_be_surprised_if_is_the_unlikely_claim_not_a_condition() -> None:
    result = extract(
        "Ragna Marenholt runs the airport. “I’d be surprised if the ministry approved the "
        "runway without a cap,” she said."
    )
    (forecast,) = result.predictions
    assert (forecast.likelihood, forecast.conditions) == ("unlikely", [])


def test_a_plan_in_the_present_under_a_condition_is_a_forecast() -> None:
    result = extract(
        "Margit Ashdown leads the council. “If the grant comes, we build the whole wall in two "
        "years,” Ashdown said. “If it rains, we are ready,” she said."
    )
    (forecast,) = result.predictions
    assert forecast.quote.startswith("If the grant comes")
    assert (forecast.likelihood, forecast.timeframe) == ("unspecified", "in two years")
    assert [p.quote for p in result.positions] == ["If it rains, we are ready"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Exporters may sell forward up to 60% of next season’s crop, the board said.",
        "“Bidders must hold fares at today's level until the cap expires, and after that they "
        "may raise them only in line with inflation,” Rinne said.",
    ],
)
def test_a_rule_stated_with_may_is_a_position_whatever_its_dates(sentence: str) -> None:
    result = extract(f"Ada Rinne chairs the Varnia Grain Board. {sentence}")
    assert result.predictions == []
    assert len(result.positions) == 1


@pytest.mark.parametrize(
    "sentence",
    [
        "Exporters may lose their contracts if the crop fails, the board said.",
        "Rinne said the board may raise the farmgate price again in October.",
        "“Prices must fall first, and then rates may well come down,” Rinne said.",
        "Rinne said the ministry may offer relocation grants of up to 40,000 marks per boat.",
    ],
)
def test_a_may_that_befalls_or_is_one_bodys_choice_stays_a_forecast(sentence: str) -> None:
    result = extract(f"Ada Rinne chairs the Varnia Grain Board. {sentence}")
    assert len(result.predictions) == 1


# -- topics ---------------------------------------------------------------------------------------


def test_a_topic_is_a_phrase_of_the_statement_not_a_keyword_pair() -> None:
    result = extract(
        "Oskland’s government buys most of its grain abroad. Oskland opposes any cap on "
        "wheat exports. Wheat exports rose in May."
    )
    (position,) = [p for p in result.positions if p.actor == "Oskland"]
    assert " and " not in position.topic
    assert position.topic in position.quote.lower()
    assert "wheat" in position.topic


def test_told_reporters_without_that_reports_the_clause_and_the_person() -> None:
    text = (
        "Oskland’s government bought more grain. Ada Rinne, Varnia’s envoy, met officials "
        "in Oskland. She told reporters the talks would resume in May."
    )
    result = extract(text)
    assert [(p.source, p.quote) for p in result.predictions] == [
        ("Ada Rinne", "the talks would resume in May")
    ]


# -- 5. organizations introduced with a relative clause --------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Halvard Freight, which runs most of the barges on the river, said the strike "
            "would cost it dearly.",
            "Halvard Freight",
        ),
        (
            "Dockwise, which has 4,000 members, said it wants a 9 percent raise.",
            "Dockwise",
        ),
        (
            "Brennan & Holt, a law firm that advises exporters, said the ruling would be appealed.",
            "Brennan & Holt",
        ),
    ],
)
def test_organizations_with_a_relative_clause_or_an_ampersand_are_actors(
    text: str, name: str
) -> None:
    result = extract(text)
    assert [(a.name, a.kind) for a in result.actors] == [(name, "organization")]
    owners = {p.actor for p in result.positions} | {p.source for p in result.predictions}
    assert owners == {name}


def test_a_negated_intention_is_a_prediction() -> None:
    # GUIDELINES.md (v2): "we are not going to declare victory" keeps its negation, likely.
    result = extract(
        "Ada Rinne is Varnia’s envoy. “We are not going to declare victory over the strike,” "
        "Rinne said."
    )
    assert [(p.quote, p.likelihood) for p in result.predictions] == [
        ("We are not going to declare victory over the strike", "likely")
    ]


@pytest.mark.parametrize(
    ("sentence", "timeframe"),
    [
        ("Rinne said the plant would shut in December next year.", "in December next year"),
        ("Rinne said the duty would lapse at the end of June.", "at the end of June"),
        ("Rinne said growth would slow in the second quarter.", "in the second quarter"),
        (
            "Rinne said prices would stay high for the rest of the month.",
            "for the rest of the month",
        ),
        ("Rinne said the fund would grow over five years.", "over five years"),
        ("Rinne said she would sell the land if there is no rain by the spring.", None),
    ],
)
def test_more_timeframes_and_none_inside_a_condition(sentence: str, timeframe: str | None) -> None:
    result = extract(f"Ada Rinne is Varnia’s envoy. {sentence}")
    assert [p.timeframe for p in result.predictions] == [timeframe]


def test_a_price_forecast_is_about_the_exchange() -> None:
    text = (
        "Copper on the Harlow Metals Exchange rose 4 percent. Helga Brandvik, a trader, said "
        "prices would stay above $11,000 a tonne."
    )
    assert _prediction(extract(text), "prices would stay").subjects == ["Harlow Metals Exchange"]


def test_the_noun_with_a_relative_clause_is_the_subject_of_a_stance() -> None:
    text = (
        "The Varnian Dockers' Federation called the strike. The federation, which represents "
        "6,800 dockers, rejected a 3.2% raise and is demanding 6.5% a year."
    )
    result = extract(text)
    quotes = [(p.actor, p.quote) for p in result.positions]
    assert ("Varnian Dockers' Federation", "rejected a 3.2% raise") in quotes, quotes


@pytest.mark.parametrize(
    ("sentence", "likelihood"),
    [
        ("Rinne said there was a 40 percent chance that the port would reopen.", "possible"),
        (
            "Rinne said she would put the odds at about 80 percent that talks would resume.",
            "likely",
        ),
        ("Rinne said the ministry is ready to extend the levy.", "unspecified"),
        ("Rinne said prices will almost certainly rise next year.", "certain"),
        ("Rinne said prices will rise next year.", "likely"),
        ("Rinne said nobody believes the strike will end this week.", "unlikely"),
        ("Rinne said the ministry does not expect a deal before May.", "unlikely"),
    ],
)
def test_likelihood_follows_the_guidelines(sentence: str, likelihood: str) -> None:
    result = extract(f"Ada Rinne is Varnia’s envoy. {sentence}")
    assert [p.likelihood for p in result.predictions] == [likelihood]


def test_a_persons_own_plan_is_about_that_person() -> None:
    text = "Energy Minister Sara Lind said she would visit the town next month."
    assert _prediction(extract(text), "she would visit").subjects == ["Sara Lind"]


def test_we_of_a_chairman_is_the_organization_just_named() -> None:
    text = (
        "The Varnian Dockers' Federation called the strike. Its chairman, Piet Aro, said: "
        "“We did not choose this fight, but we will not lose it.”"
    )
    item = _prediction(extract(text), "We did not choose")
    assert item.source == "Piet Aro"
    assert item.subjects == ["Varnian Dockers' Federation"]


# -- quotes split across paragraphs --------------------------------------------------------------


def test_a_quotation_continued_across_paragraphs_gives_one_unit_per_paragraph() -> None:
    text = (
        "Its president, Milan Zupan, has worked in the mine for thirty years.\n\n"
        "“Nobody told us the grandchildren would have to leave. We are not against clean "
        "energy.\n\n"
        "“If the company will not talk, we will strike in the spring,” Zupan said.\n"
    )
    result = extract(text)
    items = [(p.actor, p.quote) for p in result.positions]
    items += [(p.source, p.quote) for p in result.predictions]
    assert (
        "Milan Zupan",
        "Nobody told us the grandchildren would have to leave. We are not against clean energy",
    ) in items, items
    assert ("Milan Zupan", "If the company will not talk, we will strike in the spring") in items


def test_a_bodys_role_before_its_name_makes_it_an_actor() -> None:
    result = extract(
        "The city plans a new grid. The drivers’ union, United Road Workers (URW), opposes "
        "the new shift patterns. Two bids came in. The other bidder, Ferrovale Utilities, "
        "runs the water networks of three towns."
    )
    roles = {a.name: (a.kind, a.role) for a in result.actors}
    assert roles["United Road Workers"] == ("organization", "drivers’ union"), roles
    assert roles["Ferrovale Utilities"] == ("organization", "other bidder"), roles
    assert [(p.actor, p.quote) for p in result.positions] == [
        ("United Road Workers", "opposes the new shift patterns")
    ]


def test_counted_people_of_any_trade_are_an_unnamed_source() -> None:
    text = (
        "Several skippers, speaking privately, said they would sell their licences if the "
        "move went ahead."
    )
    assert [(p.source, p.quote) for p in extract(text).predictions] == [
        ("unnamed", "they would sell their licences if the move went ahead")
    ]
    summary = seedsum.summarize(text, backend=seedsum.RulesBackend(), cache=False)
    assert [p.source_description for p in summary.predictions] == ["Several skippers"]


def test_a_state_whose_next_sentence_names_its_ministry_is_an_actor() -> None:
    result = extract(
        "Smugglers carry beans to Coravia. Coravia is the second-largest producer. Its "
        "agriculture ministry said it expects output to rise 12% next season."
    )
    assert {a.name: a.kind for a in result.actors} == {"Coravia": "state"}
    assert [p.source for p in result.predictions] == ["Coravia"]


def test_one_of_the_largest_makers_is_an_organization() -> None:
    result = extract(
        "Dellacorte Confections, one of the largest chocolate makers in the north, said it "
        "would raise prices by 9% from July."
    )
    assert {a.name: a.kind for a in result.actors} == {"Dellacorte Confections": "organization"}


def test_a_full_name_a_pronoun_speaks_for_is_a_person_and_said_in_the_middle() -> None:
    result = extract(
        "Brokers are divided. Leopold Farrell, an independent cocoa broker in Westerholt, is "
        "cautious. “Prices may ease a little in June,” he said. In early 2025, he said, "
        "traders had to hedge at any cost."
    )
    assert {a.name: a.kind for a in result.actors} == {"Leopold Farrell": "person"}
    assert [(p.actor, p.quote) for p in result.positions] == [
        ("Leopold Farrell", "traders had to hedge at any cost")
    ]


MINISTRY = (
    "ORVENNA, Talvora, Oct 14 (Corda News) - Talvora will impose a 12% tariff on fertiliser "
    "to shield its producer from cheaper shipments from neighbouring Selvaria, the government "
    "said on Tuesday. Talvora's farmers imported 410,000 tonnes last year.\n\n"
    "A spokesperson for the Ministry of Agriculture and Rural Development said the duty was "
    "aimed at unfair competition. The spokesperson also said the tariff would be suspended if "
    "urea prices stay above $640 a tonne.\n\n"
    "In Marrest, Selvaria's trade ministry said it regretted the decision. \"Selvaria regrets a "
    'step that punishes farmers," the ministry said in a statement.'
)


def test_a_ministry_of_two_portfolios_is_one_name_and_its_spokesperson_speaks_for_it() -> None:
    result = extract(MINISTRY)
    assert "Ministry of Agriculture and Rural Development" in _names(result)
    assert "Rural Development" not in _names(result)
    item = _prediction(result, "the tariff would be suspended")
    assert item.source == "Ministry of Agriculture and Rural Development"


def test_the_government_is_not_a_state_named_as_a_place_and_the_ministry_its_state() -> None:
    result = extract(MINISTRY)
    assert _prediction(result, "Talvora will impose").source == "Talvora"
    owners = {p.quote: p.actor for p in result.positions}
    assert owners["Selvaria regrets a step that punishes farmers"] == "Selvaria", owners


@pytest.mark.parametrize(
    ("text", "name", "kind", "role"),
    [
        (
            "According to Fenna Wendt, a transport planner at the University of Callowmere, "
            "the grid will cost more.",
            "Fenna Wendt",
            "person",
            "transport planner at the University of Callowmere",
        ),
        (
            "Davy Orlow, her skipper for 22 years, stands on the quay. “The harbour decides "
            "when I go,” he said.",
            "Davy Orlow",
            "person",
            "skipper",
        ),
        (
            "The Skerry Residents’ Group opposes night-time dredging. The Skerry Residents’ "
            "Group said it would go to court.",
            "Skerry Residents’ Group",
            "group",
            None,
        ),
    ],
)
def test_roles_and_kinds_of_people_and_residents(
    text: str, name: str, kind: str, role: str | None
) -> None:
    actors = {a.name: (a.kind, a.role) for a in extract(text).actors}
    assert actors[name] == (kind, role), actors
    assert "University of Callowmere" not in actors  # only an employer in a role


def test_people_who_asked_not_to_be_named_and_one_of_them_are_unnamed_sources() -> None:
    text = (
        "Hotel owners in the old town, who asked not to be named, said bookings for September "
        "had fallen by half. Several skippers, speaking privately, said they would sell their "
        "licences. One of them said a licence had fetched twice as much five years ago."
    )
    summary = seedsum.summarize(text, backend=seedsum.RulesBackend(), cache=False)
    assert [(p.actor, p.source_description) for p in summary.positions] == [
        ("unnamed", "Hotel owners in the old town"),
        ("unnamed", "One of them"),
    ]


def test_ruling_that_is_the_judges_finding_but_a_ruling_is_a_noun() -> None:
    text = (
        "MIREN, Estrava, June 12 - Judge Marta Ilic of the Miren High Court on Tuesday quashed "
        "the permit, ruling that the Energy Board had approved the route without assessing the "
        "risk. A ruling on the appeal is unlikely before 2028."
    )
    result = extract(text)
    assert [(p.actor, p.quote) for p in result.positions] == [
        ("Marta Ilic", "the Energy Board had approved the route without assessing the risk")
    ]
    assert _prediction(result, "A ruling on the appeal").source == "the author"


def test_asked_x_to_is_a_demand_and_calling_x_a_fragment_of_the_sentences_subject() -> None:
    text = (
        "The Riders’ Alliance, a passenger group, backs the grid, and last month it asked the "
        "CTA to guarantee step-free access. Trade Minister Dario Feng went further, calling the "
        'curbs "a declaration of economic war". Feng asked whether the talks would go on.'
    )
    items = [(p.actor, p.quote) for p in extract(text).positions]
    assert ("Riders’ Alliance", "asked the CTA to guarantee step-free access") in items, items
    assert ("Dario Feng", "a declaration of economic war") in items, items
    assert not any(q.startswith("asked whether") for _, q in items), items


def test_the_publications_could_joined_to_its_forecast_and_whatever_it_says() -> None:
    text = (
        "Lorvania's ministry wants the quay built. Whatever the plan says, the first boats are "
        "unlikely to tie up at Gallow Point before 2029. The dispute is likely to run into the "
        "summer, and the start date could slip to the new year."
    )
    found = {p.quote: (p.source, p.timeframe) for p in extract(text).predictions}
    assert found == {
        "Whatever the plan says, the first boats are unlikely to tie up at Gallow Point before "
        "2029": ("the author", "before 2029"),
        "The dispute is likely to run into the summer": ("the author", "into the summer"),
        "the start date could slip to the new year": ("the author", "to the new year"),
    }, found


def test_the_example_articles_shapes_surprised_plural_demonym_and_next_seasons() -> None:
    text = (
        "Russia and Turkey met in Ankara. “It is conceivable that the Russians end up "
        "accepting Turkish inspectors,” said Mara Lindqvist, a senior fellow at the Nordic "
        "Institute. “I would be surprised to see Russia sign anything before the winter,” she "
        "said. "
        "Oksana Hrytsenko, who heads an exporters' union, said next season’s winter wheat "
        "would go unplanted."
    )
    result = extract(text)
    assert "Russia" in _prediction(result, "It is conceivable").subjects
    assert "Mara Lindqvist" not in _prediction(result, "I would be surprised").subjects
    assert _prediction(result, "next season’s winter wheat").timeframe == "next season"


# -- 7. group speakers ----------------------------------------------------------------------------


def test_a_joint_statement_goes_to_the_first_named() -> None:
    text = (
        "Varnia’s envoy and Oskland’s foreign minister met in Tallor. Varnia and Oskland said "
        "in a joint statement that talks would resume in May."
    )
    assert [p.source for p in extract(text).predictions] == ["Varnia"]


def test_they_in_a_joint_statement_is_the_group_named_before() -> None:
    text = (
        "The Drava Valley Coalition groups eleven towns along the river. “We will not accept "
        "a closure without a plan,” they said in a joint statement."
    )
    assert [p.source for p in extract(text).predictions] == ["Drava Valley Coalition"]


def test_they_after_a_body_of_members_is_that_body_but_not_the_second_of_a_pair() -> None:
    formed = (
        "In October, 19 owners of inshore boats formed the Brennick Small Boats Alliance. "
        "“We will not leave the inner harbour,” they said in a joint statement."
    )
    assert [p.source for p in extract(formed).predictions] == ["Brennick Small Boats Alliance"]
    paired = (
        "The Lower Sarn Irrigation Consortium manages the canals. On Friday the consortium and "
        "the Sarn Winegrowers’ Union issued a joint appeal. “We will not accept the cuts,” they "
        "said."
    )
    sources = [p.source for p in extract(paired).predictions]
    assert "Sarn Winegrowers’ Union" not in sources, sources


# -- issue 14, class 1: whose future a forecast is about (`subjects`) -----------------------------
# The predicted clause's own subject decides, before the speaker or a nearby state.


def _subjects(text: str, start: str) -> set[str]:
    return set(_prediction(extract(text), start).subjects)


def test_the_company_is_the_company_last_named_not_an_older_one() -> None:
    text = (
        "Kovel Energy will close its plant in Marsk next year, the company said. Norda, a "
        "battery maker, has bought land near the town. Its head of operations, Lise Arn, said "
        "the company would decide by the end of the year."
    )
    assert _subjects(text, "the company would decide") == {"Norda"}


def test_the_group_is_the_speakers_group_not_the_union_in_its_object() -> None:
    text = (
        "The Marsk Miners’ Union wants retraining money. Clean Air Marsk, a campaign group, "
        "welcomed the closure. Its spokeswoman, Ana Reis, said the group would support the "
        "union’s demand for retraining money."
    )
    assert _subjects(text, "the group would support") == {"Clean Air Marsk"}


def test_a_group_reference_in_the_object_is_not_a_subject() -> None:
    text = (
        "The Civic Union and the Progress Alliance lead the polls. Tobias Wend, a spokesman "
        "for Open Circuit, said Open Circuit is unlikely to endorse either party before the vote."
    )
    assert _subjects(text, "Open Circuit is unlikely") == {"Open Circuit"}


def test_we_of_a_leader_of_a_named_party_is_that_party() -> None:
    text = (
        "Prime Minister Eskil Varn of the Civic Union and opposition leader Sofia Aaltmann of "
        "the Progress Alliance met on Monday. “We plan to set up a regulator by 2027,” "
        "Aaltmann said."
    )
    assert _subjects(text, "We plan to set up") == {"Progress Alliance"}


def test_we_in_a_strike_threat_is_the_union_not_the_company_in_the_condition() -> None:
    text = (
        "Kovel Energy will close the mine. The Marsk Miners’ Union, which represents 900 "
        "workers, opposes the closure. Its president, Milan Roth, said: “If the company will "
        "not talk, we will strike in the spring.”"
    )
    assert _subjects(text, "If the company will not talk") == {"Marsk Miners’ Union"}


def test_the_federation_named_by_a_common_noun_speaks_through_its_chairman() -> None:
    text = (
        "The Varnian Dockers' Federation and the Port Employers' Association met on Monday. "
        "The federation rejected a raise offered by the Port Employers' Association. Its "
        "chairman, Piet Aro, said: “We will not lose this fight.”"
    )
    assert _subjects(text, "We will not lose") == {"Varnian Dockers' Federation"}


def test_talks_and_a_settlement_are_about_both_parties() -> None:
    text = (
        "Talks between Varnia and Oskland ended in Tallor on Friday. Varnia’s envoy, Ada "
        "Rinne, said the talks had been useful. Oskland’s foreign minister, Jonas Aro, agreed. "
        "The next round is likely to take place in Tallor in August, and a settlement "
        "before the end of the decade looks unlikely."
    )
    assert _subjects(text, "The next round") == {"Varnia", "Oskland"}
    assert _subjects(text, "a settlement before") == {"Varnia", "Oskland"}


def test_the_dateline_state_is_not_the_subject() -> None:
    text = (
        "TALLOR, Varnia, March 4 (Wire) - Dock workers at Varnia's two biggest ports will "
        "walk out on Monday unless employers improve their offer, the Varnian Dockers' "
        "Federation said on Thursday."
    )
    subjects = {s for p in extract(text).predictions for s in p.subjects}
    assert subjects == {"Varnian Dockers' Federation"}


def test_a_leading_circumstance_names_no_subject() -> None:
    text = (
        "Copper rose on the Harlow Metals Exchange as the strike at Kolwe Mining Company "
        "entered its second week. With no talks scheduled at Kolwe, prices will almost "
        "certainly stay above $11,000 a tonne for the rest of the month."
    )
    assert _subjects(text, "With no talks scheduled") == {"Harlow Metals Exchange"}


def test_what_an_organization_expects_is_about_the_thing_expected() -> None:
    text = (
        "The National Bank of Lusavia kept rates on hold on Thursday. Lusavia’s finance "
        "minister, Viktor Sandel, welcomed the decision. The bank said it now expects inflation "
        "to return to target by the end of next year."
    )
    assert _subjects(text, "it now expects inflation") == {"Lusavia"}


def test_a_common_noun_is_the_body_whose_introduction_holds_it() -> None:
    text = (
        "The Sarn Valley Water Board, the public body that runs the reservoir, plans to cut "
        "irrigation. Restaurants in the valley serve food on paper plates. Even with average "
        "rain this autumn, the reservoir is unlikely to recover before next summer."
    )
    assert _subjects(text, "Even with average rain") == {"Sarn Valley Water Board"}


def test_the_texts_own_forecast_is_about_the_body_just_named() -> None:
    text = (
        "The Lower Sarn Irrigation Consortium and the Sarn Winegrowers’ Union issued a joint "
        "appeal on Monday. The pressure is unlikely to ease."
    )
    assert _subjects(text, "The pressure is unlikely") == {"Lower Sarn Irrigation Consortium"}


def test_my_office_of_the_head_of_an_authority_is_the_authority() -> None:
    text = (
        "Competition Commissioner Irena Vos spoke to us in her office on Monday. Vos, who has "
        "led the Marsh Competition Authority since 2022, blocked a cement merger last year. "
        "The Marsh Competition Authority said it had opened a review.\n\n"
        "Q: Do you have the resources?\n\n"
        "A: Frankly, no. My office has forty case handlers, and parliament may give us more "
        "money next year.\n\n"
        "Q: When will you decide?\n\n"
        "A: We will publish our provisional findings before the end of the year.\n"
    )
    assert _subjects(text, "We will publish") == {"Marsh Competition Authority"}
    assert "Marsh Competition Authority" in _subjects(text, "Frankly, no")


def test_the_government_of_a_minister_is_the_ministers_state() -> None:
    text = (
        "Varnia’s envoy, Ada Rinne, met Oskland’s foreign minister, Jonas Aro, on Monday. "
        "Varnian Trade Minister Ola Brandt said on Tuesday that the government was ready to "
        "appoint an inspector within days."
    )
    assert _subjects(text, "the government was ready") == {"Varnia"}


def test_a_common_noun_with_a_possessive_is_the_actor_it_describes() -> None:
    text = (
        "The Varnian Dockers' Federation and the Port Employers' Association met on Monday. "
        "Its chairman, Piet Aro, spoke at a rally. He said the dockers' federation would close "
        "the port on Monday unless employers improve their offer."
    )
    assert _subjects(text, "the dockers' federation") == {"Varnian Dockers' Federation"}


def test_a_plural_common_noun_is_the_last_two_actors_it_fits() -> None:
    text = (
        "Kovel Energy said on Monday it would buy Norda Mining Company. Norda Mining Company "
        "said the offer was fair. Piotr Halas, an economist, said the two companies would have "
        "to sell mines."
    )
    assert _subjects(text, "the two companies") == {"Kovel Energy", "Norda Mining Company"}


def test_a_plan_is_the_planners_own_future() -> None:
    text = (
        "Varnia’s envoy, Ada Rinne, met Oskland’s foreign minister, Jonas Aro, on Monday. Aro "
        "plans to visit Tallor before the end of the year."
    )
    assert _subjects(text, "plans to visit") == {"Jonas Aro"}


def test_a_countrys_prices_are_the_speakers_state() -> None:
    text = (
        "Varnia’s envoy, Ada Rinne, met Oskland’s foreign minister, Jonas Aro, on Monday. "
        "Varnian Finance Minister Ola Brandt said fuel prices would rise next year."
    )
    assert _subjects(text, "fuel prices would rise") == {"Varnia"}


def test_both_sides_of_a_labour_dispute_are_the_two_parties_named_together() -> None:
    text = (
        "The Varnian Dockers' Federation and the Port Employers' Association met in Tallor on "
        "Monday. Varnia’s envoy, Ada Rinne, met Oskland’s foreign minister, Jonas Aro. Hanne "
        "Sjoberg, the mediator, said both sides would meet again on Friday."
    )
    assert _subjects(text, "both sides would meet") == {
        "Varnian Dockers' Federation",
        "Port Employers' Association",
    }


def test_her_government_is_the_ministers_state() -> None:
    text = (
        "Varnia’s envoy, Ada Rinne, met Oskland’s foreign minister, Jonas Aro, on Monday. "
        "Varnian Trade Minister Ola Brandt said her government would publish new rules by the "
        "end of the quarter."
    )
    assert _subjects(text, "her government would") == {"Varnia"}


def test_a_business_figure_is_the_speakers_company_not_the_main_state() -> None:
    text = (
        "Varnia’s envoy, Ada Rinne, met Oskland’s foreign minister, Jonas Aro. Norda Mining "
        "Company reported a loss on Monday. Its chief executive, Lise Arn, said sales would "
        "rise next year."
    )
    assert _subjects(text, "sales would rise") == {"Norda Mining Company"}


# == issue 14, classes 4 and 5: actor kinds, names, roles; named actors missed ==============


def _actor(result: ChunkExtraction, name: str) -> tuple[str, str | None]:
    found = [a for a in result.actors if a.name == name]
    assert found, f"no actor {name!r}: {sorted(_names(result))}"
    return found[0].kind, found[0].role


def test_an_apposition_keeps_its_relative_clause_at_a_sentence_end_and_inside_a_role() -> None:
    result = extract(
        "The minister criticized Halvard Mining, a Norwegian company that holds a permit in "
        "the valley. Ola Brenne, chief executive of Tessel Marine, a Varnian startup that builds "
        "ferries, said the yard would open in June. Tessel Marine said orders had doubled."
    )
    assert _actor(result, "Halvard Mining")[1] == (
        "Norwegian company that holds a permit in the valley"
    )
    assert _actor(result, "Tessel Marine")[1] == "Varnian startup that builds ferries"


def test_an_apposition_set_off_by_commas_keeps_its_relative_clause() -> None:
    result = extract(
        "Nordhavn Cement, the private firm that operates the quarry, said it would appeal. "
        "Ilse Varga, a retired teacher who chairs the parents’ council, said the school "
        "would close."
    )
    assert _actor(result, "Nordhavn Cement") == (
        "organization",
        "private firm that operates the quarry",
    )
    assert _actor(result, "Ilse Varga") == (
        "person",
        "retired teacher who chairs the parents’ council",
    )


def test_a_who_clause_says_what_someone_does_and_is_no_role() -> None:
    result = extract(
        "Mirko Halden, who has farmed barley outside the town for thirty years, said the "
        "rain came too late."
    )
    assert _actor(result, "Mirko Halden") == ("person", None)


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        (
            "The Ferry Workers’ Union rejected the offer. “We are not moving,” its treasurer, "
            "Lotte Brask, said.",
            "Lotte Brask",
            "treasurer",
        ),
        (
            "Orlen Shipping will open two routes. Its head of Baltic sales, Jurek Mansa, "
            "said the ships were full.",
            "Jurek Mansa",
            "head of Baltic sales",
        ),
        (
            "The council’s deputy mayor, Hanne Lystad, said the budget was tight.",
            "Hanne Lystad",
            "council’s deputy mayor",
        ),
    ],
)
def test_a_role_before_the_name_drops_the_pronoun_and_keeps_its_complement(
    text: str, name: str, role: str
) -> None:
    assert _actor(extract(text), name) == ("person", role)


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        (
            "According to Selma Radu, a volcanologist at the Northern Survey, the ash "
            "cloud will drift east.",
            "Selma Radu",
            "volcanologist at the Northern Survey",
        ),
        (
            "According to Joss Penner, a grain broker in the port, prices will rise.",
            "Joss Penner",
            "grain broker in the port",
        ),
    ],
)
def test_an_agent_noun_apposition_gives_a_person_and_a_role(
    text: str, name: str, role: str
) -> None:
    result = extract(text)
    assert _actor(result, name) == ("person", role)
    assert "Northern Survey" not in _names(result)


def test_a_coalition_in_apposition_is_a_group_whatever_its_name_says() -> None:
    result = extract(
        "The Upper Lake Alliance, a coalition of nine fishing villages, said the quota was unfair."
    )
    assert _actor(result, "Upper Lake Alliance")[0] == "group"


def test_whose_economy_makes_a_state_and_a_states_name_is_no_company_alias() -> None:
    result = extract(
        "Tarvia, whose economy rests on timber, said it would not sign. Tarvia’s trade "
        "minister, Ola Stenn, said the deal was unfair. The Tarvia Forestry Union, which "
        "speaks for 9,000 loggers, said it would strike."
    )
    kinds = {a.name: (a.kind, a.aliases) for a in result.actors}
    assert kinds["Tarvia"] == ("state", [])
    assert kinds["Tarvia Forestry Union"] == ("organization", [])


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Orvel Grain, which is owned by two farming families, declined to comment.",
            "Orvel Grain",
        ),
        ("Analysts at Pellam & Stroud expect the merger to fail.", "Pellam & Stroud"),
        ("Analysts at Harwick Securities expect the merger to fail.", "Harwick Securities"),
    ],
)
def test_organizations_without_a_speech_verb_or_an_organization_word_are_actors(
    text: str, name: str
) -> None:
    assert _actor(extract(text), name)[0] == "organization"


def test_an_organization_named_in_a_who_clause_is_talked_about() -> None:
    result = extract(
        "Governor Lina Varr, who has led the Tarvian Energy Regulator since 2019, said "
        "prices would fall."
    )
    assert _actor(result, "Tarvian Energy Regulator")[0] == "organization"
    assert _actor(result, "Lina Varr") == ("person", "Governor")


def test_a_river_with_a_relative_clause_is_no_actor() -> None:
    result = extract(
        "The River Olt, which feeds the reservoir, is running low. Mayor Ines Pardo said "
        "rationing would start."
    )
    assert "River Olt" not in _names(result)


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        (
            "Tarvian Trade and Industry Minister Ola Brandt said the quota was unfair.",
            "Ola Brandt",
            "Tarvian Trade and Industry Minister",
        ),
        (
            "The talks went on. Tarvian Trade Minister Ola Brandt and Oskish Foreign "
            "Minister Tor Lund met in Velm.",
            "Tor Lund",
            "Oskish Foreign Minister",
        ),
        (
            "Former Prime Minister Jan Voss said the deal was fair.",
            "Jan Voss",
            "Former Prime Minister",
        ),
        (
            "Tarvia’s Finance Minister Ada Lind said the deal was fair.",
            "Ada Lind",
            "Tarvia’s Finance Minister",
        ),
        (
            "The Tarvian Finance Minister, Ada Lind, said the deal was fair.",
            "Ada Lind",
            "Tarvian Finance Minister",
        ),
    ],
)
def test_a_title_goes_to_the_role_and_never_into_the_name(text: str, name: str, role: str) -> None:
    assert _actor(extract(text), name) == ("person", role)


def test_a_place_after_of_does_not_speak() -> None:
    result = extract("Trade Minister Ola Brandt of Tarvia said the quota was unfair.")
    assert [a.kind for a in result.actors if a.name == "Tarvia"] in ([], ["state"])


@pytest.mark.parametrize(
    "text",
    [
        "Tarvia insisted the quota was unfair. Tarvia says it will not sign. Tarvian "
        "exporters are worried.",
        "Talks between Tarvia, Oskland and Lenmark stalled. Oskland’s government said "
        "the quota was fair. Tarvia insisted it was not.",
    ],
)
def test_a_state_that_speaks_is_no_person(text: str) -> None:
    kinds = {a.name: a.kind for a in extract(text).actors}
    assert kinds["Tarvia"] == "state"
    assert "Tarvian" not in kinds


def test_a_state_only_named_in_its_central_bank_is_an_actor_when_its_demonym_is_used() -> None:
    result = extract(
        "The Central Bank of Tarvia raised rates on Monday. Tarvian inflation is 5 percent. "
        "Governor Ada Lind said the bank would act again."
    )
    assert _actor(result, "Tarvia")[0] == "state"
    assert _actor(result, "Central Bank of Tarvia")[0] == "organization"


def test_names_listed_after_a_plural_noun_take_its_kind() -> None:
    result = extract(
        "The merger of the two largest bakery chains, Brodo and Pane Nuovo, was cleared. "
        "Analysts said prices would rise."
    )
    assert _actor(result, "Brodo")[0] == "organization"
    assert _actor(result, "Pane Nuovo")[0] == "organization"


def test_a_city_and_its_state_in_a_dateline_are_no_list() -> None:
    result = extract(
        "VELMO, Tarvia, May 2 - Dock workers will strike on Monday, Tarvia’s government "
        "said. The Dockers’ Federation said it would not back down."
    )
    assert "VELMO" not in _names(result)


@pytest.mark.parametrize(
    ("text", "name", "kind", "role"),
    [
        (
            "Ines Dall, a nurse who founded a patients’ group called Care for Velm, said "
            "the ward would close.",
            "Care for Velm",
            "group",
            "patients’ group",
        ),
        (
            "The contract went to a small software firm named Orbit of Tarn, which said it "
            "would hire ten people.",
            "Orbit of Tarn",
            "organization",
            "small software firm",
        ),
    ],
)
def test_a_body_introduced_as_a_noun_called_x_is_an_actor(
    text: str, name: str, kind: str, role: str
) -> None:
    assert _actor(extract(text), name) == (kind, role)


@pytest.mark.parametrize(
    ("text", "role"),
    [
        (
            "Lars Berg, Head of Research at Orsa Bank, said rates would rise.",
            "Head of Research at Orsa Bank",
        ),
        (
            "Lars Berg, Chief Economist at Orsa Bank, said rates would rise.",
            "Chief Economist at Orsa Bank",
        ),
        ("Lars Berg, Minister of Finance, said rates would rise.", "Minister of Finance"),
        (
            "The plan was attacked by Orsa Bank’s chief economist, Lars Berg, on Monday.",
            "Orsa Bank’s chief economist",
        ),
    ],
)
def test_a_capitalized_apposition_is_a_role_and_no_second_actor(text: str, role: str) -> None:
    result = extract(text)
    assert [(a.name, a.kind, a.role) for a in result.actors] == [("Lars Berg", "person", role)]


def test_a_demonym_that_drops_more_than_land_still_counts_for_its_state() -> None:
    # "Torvish" is Torvenland's, as "Irish" is Ireland's: the fishing debate is Torvenland's,
    # though a neighbour is named more often by its name.
    text = (
        "Torvenland's fisheries minister, Hanne Voss, said the Torvish cod quota would be cut. "
        "Merwen objected. Merwen's envoy said Merwen would ask for talks. Torvish boats stayed "
        "in port and the Torvish fleet would tie up, Voss said. “If we do nothing, there will "
        "be no cod season left by 2030,” she said."
    )
    item = _prediction(extract(text), "If we do nothing")
    assert item.subjects == ["Torvenland"]


def test_a_demonym_is_no_alias_of_a_company() -> None:
    result = extract(
        "Kalda’s government said the mine would reopen. The Kaldan Mining Company said "
        "it would hire. Kaldan officials said little."
    )
    assert _actor(result, "Kaldan Mining Company")[0] == "organization"
    assert _actor(result, "Kalda")[0] == "state"
    assert all("Kaldan" not in a.aliases for a in result.actors)


@pytest.mark.parametrize(
    ("text", "role"),
    [
        (
            "Lars Berg said the dam would hold. Berg, a hydrologist at the Tarn Institute, "
            "said more rain was due.",
            "hydrologist at the Tarn Institute",
        ),
        ("Lars Berg, 54, a sheep farmer, said the dam would hold.", "sheep farmer"),
        ("Lars Berg (the Tarvian envoy) said the talks would resume.", "Tarvian envoy"),
        ("Orsa Bank economist Lars Berg said rates would rise.", "Orsa Bank economist"),
    ],
)
def test_a_role_given_later_after_an_age_in_parentheses_or_with_an_employer(
    text: str, role: str
) -> None:
    result = extract(text)
    assert [(a.name, a.kind, a.role) for a in result.actors] == [("Lars Berg", "person", role)]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Save the Fjord, a local campaign group, said the plan was wrong.", "group"),
        ("Orvel, a Tarvian mining group, said the plan was wrong.", "organization"),
    ],
)
def test_a_campaign_group_is_a_group_and_a_mining_group_a_company(text: str, kind: str) -> None:
    [actor] = extract(text).actors
    assert actor.kind == kind


def test_an_organization_with_a_relative_clause_after_with_or_by_is_an_actor() -> None:
    result = extract("Talks with Halvard Freight, which runs the barges, stalled on Monday.")
    assert _actor(result, "Halvard Freight")[0] == "organization"
    result = extract("The strike hit Harrow Point, which lies on the coast, on Monday.")
    assert "Harrow Point" not in _names(result)


def test_states_listed_as_neighbours_or_trading_partners_are_no_persons() -> None:
    result = extract(
        "Trade with its two largest trading partners, Tarvia and Oskland, fell. Tarvia "
        "said the quota was unfair."
    )
    assert {(a.name, a.kind) for a in result.actors} == {
        ("Tarvia", "state"),
        ("Oskland", "state"),
    }


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("Lenmark, a protectionist state, said the deal was unfair.", "Lenmark", "state"),
        ("According to Eurostat, prices rose. Lars Berg said so too.", "Lars Berg", "person"),
    ],
)
def test_weak_signals_do_not_make_a_person(text: str, name: str, kind: str) -> None:
    assert [(a.name, a.kind) for a in extract(text).actors] == [(name, kind)]


@pytest.mark.parametrize(
    ("text", "role"),
    [
        (
            "Orsa Bank’s chief executive Lars Berg said rates would rise.",
            "Orsa Bank’s chief executive",
        ),
        (
            "The company’s chief executive Lars Berg said rates would rise.",
            "company’s chief executive",
        ),
    ],
)
def test_a_title_before_the_name_keeps_its_owner(text: str, role: str) -> None:
    result = extract(text)
    assert [(a.name, a.kind, a.role) for a in result.actors] == [("Lars Berg", "person", role)]


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        (
            "The cap was set by the regulator, Ofvel, which said bills would fall.",
            "Ofvel",
            "organization",
        ),
        ("Mining company Orvel said the mine would close.", "Orvel", "organization"),
        ("The campaign group Save Velmo said the plan was wrong.", "Save Velmo", "group"),
        (
            "Its coast guard boarded two Oskish trawlers. Oskland called the move illegal.",
            "Oskland",
            "state",
        ),
    ],
)
def test_a_noun_before_the_name_or_an_irregular_demonym_gives_the_kind(
    text: str, name: str, kind: str
) -> None:
    assert _actor(extract(text), name)[0] == kind


def test_a_capital_listed_with_another_is_no_new_state() -> None:
    result = extract(
        "The row cost Tarvia goodwill in both Brussels and Berlin, Ivo Kask said. Tarvia’s "
        "government said talks would resume."
    )
    assert ("Brussels", "state") not in {(a.name, a.kind) for a in result.actors}


@pytest.mark.parametrize(
    ("sentence", "timeframe"),
    [
        ("Rinne said prices would stay high until at least 2031.", "until at least 2031"),
        (
            "Rinne said inflation would be at 2% by the second half of 2028.",
            "by the second half of 2028",
        ),
        ("Rinne said the halls would stay open through the weekend.", "through the weekend"),
        ("Rinne said she would table a draft on Friday morning.", "on Friday morning"),
        ("Rinne said the mine would reopen the next day.", "the next day"),
        ("Rinne said the dispute would not be over in a day.", "in a day"),
        ("Rinne said the cleanup would be measured in decades.", "in decades"),
        (
            "Rinne said the strike would start at the start of the Christmas holiday season.",
            "at the start of the Christmas holiday season",
        ),
        # A year is no span of a record: "first" before it does not make it one.
        ("Rinne said the line would carry its first gas in 2030.", "in 2030"),
        ("Rinne said the plant would have its best output in ten years.", None),
        (
            "Rinne said the krona would weaken by the end of the third quarter.",
            "by the end of the third quarter",
        ),
        ("Rinne said the krona could fall “within a fortnight”.", "within a fortnight"),
        (
            "Rinne said the krona would stay weak until the board’s next meeting on May 8.",
            "until the board’s next meeting on May 8",
        ),
        (
            "Rinne said the award would slip into the first months of 2028.",
            "into the first months of 2028",
        ),
        ("Rinne said the vote would force a retreat before then.", "before then"),
    ],
)
def test_timeframes_with_qualifiers_halves_of_years_and_spans(
    sentence: str, timeframe: str | None
) -> None:
    result = extract(f"Ada Rinne is Varnia’s envoy. {sentence}")
    assert [p.timeframe for p in result.predictions] == [timeframe]


def test_a_time_in_a_leading_circumstance_gives_way_to_the_forecasts() -> None:
    text = (
        "Ada Rinne is Varnia’s envoy. “Even with heavy rain this autumn, the lake will not "
        "refill before next summer,” Rinne said. “Whatever happens in May, bills will rise "
        "after 2033,” she added. “With the vote in June, I will stay,” she said."
    )
    result = extract(text)
    # The last has no other time: the circumstance's dates it.
    assert [p.timeframe for p in result.predictions] == [
        "before next summer",
        "after 2033",
        "in June",
    ]


def test_a_person_speaking_for_a_body_forecasts_its_future_not_the_countrys() -> None:
    text = (
        "Varnia’s economy grew last year. Vireon Telecom said its profit fell. Lena Ostrova, "
        "chief executive of Vireon Telecom, said the next two years would be hard."
    )
    assert _prediction(extract(text), "the next two years").subjects == ["Vireon Telecom"]


def test_im_going_to_is_the_speakers_own_future() -> None:
    text = (
        "Varnia’s economy grew last year. Lena Ostrova is a farmer in Varnia. “I’m going to "
        "sell the land next year,” Ostrova said."
    )
    assert _prediction(extract(text), "I’m going to").subjects == ["Lena Ostrova"]


def test_a_second_verb_of_the_clause_is_its_subjects_stance() -> None:
    result = extract(
        "Finance Minister Aurelio Benn has promised a budget in October and wants lower "
        "borrowing costs in return."
    )
    assert [(p.actor, p.quote) for p in result.positions] == [
        ("Aurelio Benn", "wants lower borrowing costs in return")
    ]


def test_a_ministers_ministry_speaks_for_the_state() -> None:
    result = extract(
        "Varnia’s government fell in March. Trade Minister Ola Brandt visited Tallor in May, "
        "and his ministry is pushing for a two-year transition."
    )
    assert [(p.actor, p.quote) for p in result.positions] == [
        ("Varnia", "is pushing for a two-year transition")
    ]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Caldria’s government is under pressure. Statistics Caldria said the list would grow.",
            "Statistics Caldria",
        ),
        (
            "Teveria’s government is under pressure. Green Teveria, the largest of them, said "
            "the closure was good.",
            "Green Teveria",
        ),
    ],
)
def test_a_name_ending_in_a_states_name_is_an_organization_not_a_person(
    text: str, name: str
) -> None:
    result = extract(text)
    assert _actor(result, name)[0] == "organization"
    assert "state" in {a.kind for a in result.actors}


def test_a_stance_verb_inside_a_condition_is_no_stance() -> None:
    result = extract(
        "Varnia’s government fell in March. Varnia wants the tariff scrapped. If Varnia "
        "rejects the deal, the talks will collapse. Unless Varnia backs the plan, it fails."
    )
    assert [(p.actor, p.quote) for p in result.positions] == [
        ("Varnia", "wants the tariff scrapped")
    ]


def test_the_publications_would_and_could_with_a_future_time_are_forecasts() -> None:
    result = extract(
        "Teveria’s government fell in March. A strike at the mine would halt the plant within "
        "days. A court case could hold up the sale until well into 2029. The plan would have "
        "cost more. The mine would open at dawn in those years."
    )
    assert [(p.source, p.timeframe) for p in result.predictions] == [
        ("the author", "within days"),
        ("the author", "until well into 2029"),
    ]


def test_readiness_and_promises_are_forecasts_and_a_permission_until_a_month_is_not() -> None:
    result = extract(
        "Varnia’s government fell in March. Ola Brandt, the trade minister, said the mediator "
        "was ready to convene talks before the weekend. The Social Union has promised to "
        "scrap the scheme if it wins and to spend the money on homes. The strike could drag "
        "on until May. Under the bill, small boats may go on fishing until April."
    )
    assert [(p.source, p.quote, p.likelihood) for p in result.predictions] == [
        ("Ola Brandt", "the mediator was ready to convene talks before the weekend", "unspecified"),
        (
            "Social Union",
            "has promised to scrap the scheme if it wins and to spend the money on homes",
            "unspecified",
        ),
        ("the author", "The strike could drag on until May", "possible"),
    ]


# -- reported speech: attributions the rules had missed ----------------------------------------


def test_a_time_between_said_and_a_clause_without_that() -> None:
    text = (
        "Brio Mobile, the second-largest operator, said last month it would cut prices by up "
        "to 15% from April. Brio lost customers."
    )
    found = _prediction(extract(text), "it would cut prices")
    assert found.source == "Brio Mobile"
    assert found.timeframe == "from April"


def test_a_stance_in_a_relative_clause_is_the_named_bodys() -> None:
    text = (
        "The Global Monetary Fund (GMF), which expects the economy to grow by just 0.8% this "
        "year, said Tarsenia should raise taxes. Halden Bank, which opposes the tariff, said "
        "nothing."
    )
    result = extract(text)
    assert _prediction(result, "expects the economy to grow").source == "Global Monetary Fund"
    assert any(
        p.actor == "Halden Bank" and p.quote == "opposes the tariff" for p in result.positions
    )


def test_officials_speaking_privately_are_an_unnamed_source() -> None:
    text = (
        "Officials at the Harbour Board, speaking on condition of anonymity because they were "
        "not authorised to talk, said the port would close. Anna Berg, speaking privately, said "
        "she would resign."
    )
    result = extract(text)
    assert _prediction(result, "the port would close").source == "unnamed"
    assert _prediction(result, "she would resign").source == "Anna Berg"


def test_they_after_analysts_at_a_firm_is_the_firm() -> None:
    text = (
        "Analysts at Lowrie & Dunmore were more cautious. A price war could break out in the "
        "second half if Brio Mobile cuts its tariffs, they wrote in a note."
    )
    found = _prediction(extract(text), "A price war could break out")
    assert found.source == "Lowrie & Dunmore"
    assert found.timeframe == "in the second half"


def test_a_plan_inside_a_clause_attributed_after_it_is_the_speakers() -> None:
    text = (
        "Veskair, the national airline, faces a strike. The airline plans to run a reduced "
        "timetable with its non-union pilots, Sonja Brandauer said."
    )
    result = extract(text)
    found = _prediction(result, "The airline plans to run")
    assert found.source == "Sonja Brandauer"
    assert not [p for p in result.predictions if p.quote.startswith("plans to run")]


def test_the_airline_said_is_the_airline_and_dismissed_as_is_one_stance() -> None:
    text = (
        "Veskair, the national airline, cut its forecast. The airline said it was disappointed "
        "by the vote. The "
        "premier, Hendrik Vossberg, said the party would win, and dismissed the polls as a "
        "snapshot of a bad summer."
    )
    stances = {(p.actor, p.quote) for p in extract(text).positions}
    assert ("Veskair", "it was disappointed by the vote") in stances
    assert ("Hendrik Vossberg", "dismissed the polls as a snapshot of a bad summer") in stances


def test_a_stance_ends_before_a_participle_that_attributes_more() -> None:
    text = (
        "The envoy, Imran Desvaux, rejected the alliance’s demand, arguing that loans had built "
        "most of the region’s solar capacity."
    )
    quotes = {p.quote for p in extract(text).positions}
    assert "rejected the alliance’s demand" in quotes
    assert "loans had built most of the region’s solar capacity" in quotes


def test_a_clause_attributed_after_it_to_a_role_and_a_name() -> None:
    text = (
        "The Green Civic Party opposes the sale. In the council chamber, the party will vote "
        "against the sale, its leader, Fergus Renwick, said."
    )
    found = _prediction(extract(text), "In the council chamber, the party will vote")
    assert found.source == "Fergus Renwick"


def test_according_to_a_bodys_own_department_is_the_body() -> None:
    text = (
        "Havrenn City Council meets on Monday. If the council rejects the sale, the city will "
        "probably have to raise water bills, according to the council’s own finance department."
    )
    found = _prediction(extract(text), "If the council rejects the sale")
    assert found.source == "Havrenn City Council"


def test_she_after_a_title_only_speaker_is_that_speaker() -> None:
    text = (
        "The bill was introduced by Fisheries Minister Sunniva Brekke.\n\n"
        "Cod stocks have halved.\n\n"
        "“If we do nothing, there will be no cod left by 2030,” the fisheries minister said. "
        "She said her ministry would set up a fund for crews before Easter."
    )
    assert _prediction(extract(text), "her ministry would set up").source == "Sunniva Brekke"


def test_a_past_time_in_a_relative_clause_leaves_could_a_forecast() -> None:
    text = (
        "The Farmers’ League has ruled Kaldmoor for decades. The Kaldmoor Dairy Union backs it. "
        "Two League councillors, speaking privately, said the party could lose six seats in "
        "the south, where permits were cut hardest last year."
    )
    found = _prediction(extract(text), "the party could lose")
    assert found.likelihood == "possible"
    assert found.subjects == ["Farmers’ League"]


def test_a_body_named_by_a_word_and_an_unknown_state_is_an_organization() -> None:
    text = (
        "Caldria’s hospital waiting list grew to 412,000, according to figures published by "
        "Statistics Caldria. The Caldria Health Service said it was hiring. Statistics "
        "Caldria’s outlook is bleak. Bruno Salas, health spokesman for the opposition Civic "
        "Renewal party, said the government would fail."
    )
    result = extract(text)
    kinds = {a.name: a.kind for a in result.actors}
    assert kinds.get("Statistics Caldria") == "organization"
    assert kinds.get("Caldria") == "state"
    assert _prediction(result, "the government would fail").subjects == ["Caldria"]


def test_the_publications_going_to_and_cannot_be_ruled_out_are_forecasts() -> None:
    text = (
        "Ada Rinne is Varnia’s envoy. The sale is almost certainly going to become a campaign "
        "issue, and a change of government could stop it altogether. The krona is likely to "
        "stay weak, and a sudden drop below 10 per dollar cannot be ruled out."
    )
    found = {p.quote: (p.source, p.likelihood) for p in extract(text).predictions}
    assert found["The sale is almost certainly going to become a campaign issue"] == (
        "the author",
        "certain",
    )
    assert found["a change of government could stop it altogether"] == ("the author", "possible")
    assert found["a sudden drop below 10 per dollar cannot be ruled out"] == (
        "the author",
        "possible",
    )


def test_putting_the_probability_at_a_figure_is_a_forecast_without_a_speech_verb() -> None:
    text = (
        "Ruan Vell, chief strategist at Quayside Securities, put the probability of a second "
        "hike in May at 65%, down from 80% before the minutes were released. Elin Sturla, an "
        "analyst, spoke on Monday. She puts the chance that the line is sold by 2028 at "
        "“no better than one in four”."
    )
    found = {p.quote: (p.source, p.likelihood) for p in extract(text).predictions}
    assert found[
        "put the probability of a second hike in May at 65%, down from 80% before the "
        "minutes were released"
    ] == ("Ruan Vell", "likely")
    assert found[
        "puts the chance that the line is sold by 2028 at “no better than one in four”"
    ] == ("Elin Sturla", "unlikely")


def test_a_states_name_in_a_bodys_name_stays_the_state_where_its_demonym_is_used() -> None:
    text = (
        "KORSA, Vestria - The Vestrian government wants to sell the regional lines. Track "
        "stays with a new body, Vestria Rail Assets. A general election is due by May 2028, "
        "and the sale will almost certainly become a campaign issue."
    )
    result = extract(text)
    actors = {a.name: (a.kind, a.aliases) for a in result.actors}
    assert actors["Vestria"][0] == "state", actors
    assert "Vestria" not in actors["Vestria Rail Assets"][1], actors


def test_a_negated_going_to_opened_by_a_quotation_is_the_speakers_forecast() -> None:
    text = (
        "Finance Minister Petar Holm spoke on Monday. He said he was “not going to apologise” "
        "for asking pensioners to wait."
    )
    found = _prediction(extract(text), "he was “not going to apologise”")
    assert (found.source, found.subjects, found.likelihood) == (
        "Petar Holm",
        ["Petar Holm"],
        "likely",
    )


def test_adding_that_after_an_inverted_attribution_is_the_same_speakers() -> None:
    text = (
        "Ratings agencies “are watching the pension vote,” said Dana Frisk, chief economist "
        "at Norrholm Bank, adding that markets would read any retreat as a loss of nerve."
    )
    found = _prediction(extract(text), "markets would read any retreat")
    assert found.source == "Dana Frisk"


def test_welcomes_and_has_told_clients_to_are_stances_without_a_speech_verb() -> None:
    text = (
        "The Lystrian Exporters’ Chamber, whose members ship timber, welcomes the weaker "
        "currency but opposes any further rate rise. Brennard Capital is a bank in Venholt. "
        "Brennard has told clients to hedge dollar costs for at least six months."
    )
    found = {(p.actor, p.quote) for p in extract(text).positions}
    assert ("Lystrian Exporters’ Chamber", "welcomes the weaker currency") in found, found
    assert ("Lystrian Exporters’ Chamber", "opposes any further rate rise") in found, found
    assert ("Brennard Capital", "told clients to hedge dollar costs for at least six months") in (
        found
    ), found


def test_a_forecast_quoted_inside_an_answer_does_not_make_the_answer_a_forecast() -> None:
    text = (
        "Oda Vint, the franchise commissioner, answered our questions.\n\n"
        "Q: The union says it will strike. Is the plan dead?\n\n"
        "A: No. I have met Bryn Cole four times, and the last time he told me, 'Put the "
        "pensions in the law and we'll talk.' The pensions are protected in the bill.\n"
    )
    result = extract(text)
    assert [p.quote[:20] for p in result.positions] == ["No. I have met Bryn "]
    assert result.predictions == []


@pytest.mark.parametrize(
    "text",
    [
        # The pronoun opens the next sentence.
        "Ola Rosquin lost 11 hectares to the fire. She said she would replant them.",
        # The surname alone speaks, the full name only appears.
        "Ola Rosquin lost 11 hectares to the fire. Back on the ridge, Rosquin has ordered "
        "vines. Rosquin said she would replant them.",
    ],
)
def test_a_name_with_an_unknown_first_name_is_a_person_when_it_speaks(text: str) -> None:
    result = extract(text)
    assert [(a.name, a.kind) for a in result.actors if a.kind == "person"] == [
        ("Ola Rosquin", "person")
    ]
    assert _prediction(result, "she would replant").source == "Ola Rosquin"


def test_a_town_named_above_and_in_is_no_short_form_of_a_body_named_after_it() -> None:
    text = (
        "The hillsides above Selvac look like a chessboard. In Selvac itself, the anger is "
        "aimed at the capital. The Selvac Growers' Cooperative plans to buy fruit from the "
        "next valley."
    )
    actors = {a.name: a.aliases for a in extract(text).actors}
    assert "Selvac" not in actors.get("Selvac Growers' Cooperative", []), actors


def test_a_guild_is_an_organization() -> None:
    text = (
        "The Estavian Teachers' Union and the Nurses' Guild said in a joint statement that "
        "the budget was unfair."
    )
    kinds = {a.name: a.kind for a in extract(text).actors}
    assert kinds.get("Nurses' Guild") == "organization", kinds


def test_two_bodies_with_the_speaking_together_give_the_first_named_the_statement() -> None:
    text = (
        "The Estavian Teachers' Union and the Nurses' Guild said in a joint statement that "
        "the budget was unfair."
    )
    assert [p.actor for p in extract(text).positions] == ["Estavian Teachers' Union"]


def test_and_urged_after_a_reported_clause_is_a_stance_of_its_own() -> None:
    text = (
        "The Teachers' Union said that the budget was unfair, and urged deputies to reject "
        "the pay ceiling."
    )
    assert [p.quote for p in extract(text).positions] == [
        "the budget was unfair",
        "urged deputies to reject the pay ceiling",
    ]


def test_and_one_of_them_said_starts_a_new_unnamed_statement() -> None:
    text = (
        "Several traders in Venholt said exporters had been selling dollars ahead of the "
        "release, and one of them said the florin could test 10 per dollar “within a "
        "fortnight” if the May decision disappointed."
    )
    result = extract(text)
    assert [(p.actor, p.quote) for p in result.positions] == [
        ("unnamed", "exporters had been selling dollars ahead of the release")
    ]
    found = _prediction(result, "the florin could test")
    assert (found.source, found.timeframe) == ("unnamed", "within a fortnight")


def test_a_town_the_text_talks_about_is_an_actor_of_kind_other() -> None:
    text = (
        "Selvac has landed fish for four centuries. Selvac’s harbour is silting up. Fisheries "
        "Minister Ana Vid came to Selvac in May. “Selvac will not be abandoned,” she said. "
        "Ships sail past Morra, where the new port is."
    )
    kinds = {a.name: a.kind for a in extract(text).actors}
    assert kinds.get("Selvac") == "other", kinds
    assert "Morra" not in kinds, kinds  # only a place


def test_a_name_described_as_a_town_is_a_town_not_an_organization() -> None:
    text = (
        "Nowhere is the argument louder than in Murrin Junction, a town of 9,000 on the "
        "Lakes line. Mayor Hedda Ravn said the town would lose its depot within three years."
    )
    actors = {a.name: (a.kind, a.role) for a in extract(text).actors}
    assert actors.get("Murrin Junction") == ("other", None), actors


def test_an_unnamed_groups_fate_in_a_text_about_a_town_is_the_towns() -> None:
    text = (
        "Selvac has landed fish for four centuries. Selvac’s harbour is silting up, and "
        "Selvac has lost half its boats since Varnia’s government cut the dredging budget. "
        "Several skippers, speaking privately, said the fleet would be gone within five years."
    )
    result = extract(text)
    assert {a.name: a.kind for a in result.actors}.get("Varnia") == "state"
    assert _prediction(result, "the fleet would be gone").subjects == ["Selvac"]


def test_but_that_splits_a_reported_clause_and_be_paid_within_dates_the_forecast() -> None:
    text = (
        "A spokeswoman for Veritane Assurances, the largest insurer in the region, said claims "
        "already lodged would be paid within 60 days, but that the company expected premiums "
        "to rise sharply from January."
    )
    found = {p.quote: p.timeframe for p in extract(text).predictions}
    assert found == {
        "claims already lodged would be paid within 60 days": "within 60 days",
        "the company expected premiums to rise sharply from January": "from January",
    }


def test_is_preparing_to_in_a_reported_clause_is_an_intention() -> None:
    text = "Its director, Ines Baud, said the cooperative is preparing to cut its payments."
    found = _prediction(extract(text), "the cooperative is preparing")
    assert found.likelihood == "unspecified"
