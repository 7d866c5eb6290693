"""Which statements are forecasts, whose and how hedged: forecasts by the publication (issue
14's eighth error class) and the markers that make a forecast, one made-up case (or a few)
per shape seen on unseen articles."""

from __future__ import annotations

import pytest

from seedsum.rules import extract

from .rules_helpers import _prediction


def test_the_texts_leading_clause_before_someones_reported_words_is_its_forecast() -> None:
    result = extract(
        "The National Chamber votes on the decree next week. The decree is almost certain to "
        "pass, although the Liberal Centre, the smallest coalition partner, has said it will "
        "back the rise only if the government cuts employers' contributions."
    )
    own = _prediction(result, "The decree is almost certain to pass")
    assert (own.source, own.likelihood, own.quote) == (
        "the author",
        "certain",
        "The decree is almost certain to pass",
    )
    assert _prediction(result, "it will back the rise").source == "Liberal Centre"


def test_a_clause_after_someones_words_stays_theirs() -> None:
    result = extract(
        "The Liberal Centre said on Monday that the decree would pass, although the vote "
        "will be close."
    )
    assert {p.source for p in result.predictions} == {"Liberal Centre"}


def test_looks_set_to_is_a_likely_forecast_by_the_text() -> None:
    result = extract(
        "Norrack Metals runs the mine. With no new offer on the table, the ballot looks set "
        "to deliver a strike mandate."
    )
    forecast = _prediction(result, "With no new offer")
    assert (forecast.source, forecast.likelihood) == ("the author", "likely")


MINE = (
    "Norrack Metals, the mine's operator, offered 4%. Norrack Metals said in a statement that "
    "its offer was generous. A spokesperson for the company said Norrack had contingency plans "
    "to keep its smelter supplied for about three weeks. Analysts at Greyfield Capital expect a "
    "strike. Norrack is likely to improve its offer only once a walkout date has been named, "
    "one person close to the company said."
)


def test_the_company_named_before_a_company_it_fits_is_the_last_one_named() -> None:
    # "Greyfield Capital" is a company by its name, Norrack Metals by what the text says of
    # it; "the company" before Greyfield is first named is Norrack.
    assert _prediction(extract(MINE), "Norrack had contingency plans").source == "Norrack Metals"


def test_a_person_close_to_a_company_is_an_unnamed_source_not_the_company() -> None:
    assert _prediction(extract(MINE), "Norrack is likely to improve").source == "unnamed"


def test_a_ministry_spokesman_speaks_for_the_ministry_named_just_before() -> None:
    result = extract(
        "Miners in Dravenia are voting on a strike. The Ministry of Mines and Energy, which "
        "collects royalties on Haldvik's output, urged both sides to settle. A ministry "
        "spokesman said the government would appoint a mediator if miners voted to strike."
    )
    assert _prediction(result, "the government would appoint").source == (
        "Ministry of Mines and Energy"
    )


def test_a_ministry_spokesman_with_no_ministry_named_speaks_for_the_state() -> None:
    result = extract(
        "Dravenia raised its tariff on Monday. Dravenia's exports fell last year. A ministry "
        "spokesman said the tariff would stay until prices fell."
    )
    assert _prediction(result, "the tariff would stay").source == "Dravenia"


def test_a_second_reported_clause_with_estimate_or_think_is_a_forecast_of_its_own() -> None:
    result = extract(
        "Analysts at Greyfield Capital expect any strike to run into June, and estimate that "
        "each week of lost output would shave about 0.1 percentage point off growth. "
        "Economists at Harwick Lowe expect the rise to push inflation up, and they think the "
        "central bank will probably hold its main rate until at least June."
    )
    assert _prediction(result, "each week of lost output").source == "Greyfield Capital"
    held = _prediction(result, "the central bank will probably hold")
    assert (held.source, held.timeframe) == ("Harwick Lowe", "until at least June")


def test_lobbying_and_proposing_are_stances_without_a_speech_verb() -> None:
    result = extract(
        "The Calverian Employers’ Federation is lobbying for a two-step rise, with 7% in "
        "January and the rest a year later. Mayor Lucia Fenn is proposing a charge of 3 marks "
        "a night for every visitor."
    )
    held = {(p.actor, p.quote.split()[1]) for p in result.positions}
    assert held == {("Calverian Employers’ Federation", "lobbying"), ("Lucia Fenn", "proposing")}
    assert result.predictions == []


def test_said_its_president_name_is_the_name_after_the_role() -> None:
    result = extract(
        "The Retail Union represents 90,000 workers. “Fourteen percent sounds big,” said its "
        "president, Dalia Orsk. “Prices rose faster,” said the union's treasurer, Ana Pell."
    )
    assert {(p.actor, p.quote) for p in result.positions} == {
        ("Dalia Orsk", "Fourteen percent sounds big"),
        ("Ana Pell", "Prices rose faster"),
    }


def test_who_asked_not_to_be_named_makes_an_unnamed_source_with_or_without_commas() -> None:
    result = extract(
        "The Keriva Hoteliers’ Association opposes the tax. A hotel owner who asked not to be "
        "named said the charge was bearable. A hotel owner who asked not to be named, because "
        "she sits on the association’s board, said most guests would never notice it."
    )
    assert [p.actor for p in result.positions if p.quote == "the charge was bearable"] == [
        "unnamed"
    ]
    assert _prediction(result, "most guests would never").source == "unnamed"


@pytest.mark.parametrize(
    ("text", "timeframe"),
    [
        (
            "The charge will take effect on 1 April next year, Lucia Fenn said.",
            "on 1 April next year",
        ),
        ("The tours will be sleeping in Port Aldo by next Easter, Grey said.", "by next Easter"),
        ("In two summers nobody will remember the fuss, Dunne said.", "In two summers"),
        (
            "Norrack Metals said its stockpiles would keep the smelter supplied for about three "
            "weeks.",
            "for about three weeks",
        ),
        (
            "The Aurenian Flour Millers' Association said bread prices would rise by 5 percent "
            "over the summer.",
            "over the summer",
        ),
        (
            "Analysts at Lattimer Economics expect the flat fare to lift ridership by 6% in "
            "the first year.",
            "in the first year",
        ),
        (
            "Jonas Mettler, Tessel's finance director, said: \"For the full year we now expect "
            'revenue of 8.4 billion kronar. We will book a charge in the second quarter."',
            "For the full year",
        ),
        ("Moira Keane said people here would be stranded for two years.", "for two years"),
        (
            "The Confederation of Ardesian Workers said the strike would be the largest since "
            "2019, when protests closed roads for nine days.",
            None,
        ),
        (
            "Ragna Marenholt said construction would bring about 3,000 jobs for six years.",
            "for six years",
        ),
        (
            "Piet Aro said the federation would close both ports for 48 hours on Monday.",
            "on Monday",
        ),
        (
            "The Fiscal Council said the fund's board would decide at its meeting on 30 June.",
            "at its meeting on 30 June",
        ),
        (
            "Adrian Cole expects the cranes to lift productivity within two years of the "
            "switch-over.",
            "within two years of the switch-over",
        ),
        (
            "The Fiscal Council said those born in 1962 would have to work two months longer "
            "from next year.",
            "from next year",
        ),
    ],
)
def test_timeframes_with_a_year_a_holiday_seasons_or_a_rough_duration(
    text: str, timeframe: str | None
) -> None:
    assert [p.timeframe for p in extract(text).predictions] == [timeframe]


def test_a_group_that_fears_something_holds_that_forecast_not_the_text() -> None:
    result = extract(
        "Murrin Junction has the country's best depot. It won no outside contract last year, "
        "and local councillors fear a private operator will send its trains elsewhere."
    )
    assert _prediction(result, "a private operator will send").source == "unnamed"


def test_a_person_of_a_body_speaks_not_the_body() -> None:
    result = extract(
        "Calveria will raise its minimum wage in April. Henrik Solm of the Calverian Chamber "
        "of Trade said as many as 40,000 jobs could disappear within two years."
    )
    found = _prediction(result, "as many as 40,000 jobs could disappear")
    assert found.source == "Henrik Solm"
    assert found.timeframe == "within two years"


HEARING = """Ilse Marrow, the regulator's chief executive, appeared before the committee of Rowan \
Pettit, its chair, and Oksana Vey, an MP.

Pettit: Your authority approved every one of those dividends.

Marrow: The rules change in July. I intend to use that power, and Northmere will be the first \
to find that out.

Vey: So you are telling this committee that the company is too big to punish.

Marrow: I am telling you it is too big to nationalise by accident. Punishment is coming.
"""


def test_a_hearings_transcript_lines_are_their_speakers_statements() -> None:
    result = extract(HEARING)
    held = {(p.actor, p.quote.split()[0]) for p in result.positions}
    assert {("Rowan Pettit", "Your"), ("Oksana Vey", "So")} <= held
    assert {p.source for p in result.predictions} == {"Ilse Marrow"}


def test_title_only_speakers_with_a_possessive_body_and_a_states_department() -> None:
    result = extract(
        "Morrow Valley Health Trust runs both hospitals in Westrava. Westrava’s government "
        "pays for it. Gareth Molyneux, its finance director, spoke first. The Morrow Valley "
        "Ambulance Service covers both towns. Asked what would happen if the savings failed, "
        "the trust's finance director said the board would look again at the site. Later, "
        "the trust's board said it would publish a travel plan by March. Westrava's health "
        "department said in a statement that it would not intervene."
    )
    sources = {p.quote.split()[-1]: p.source for p in result.predictions}
    assert sources == {
        "site": "Gareth Molyneux",
        "March": "Morrow Valley Health Trust",
        "intervene": "Westrava",
    }


def test_a_threat_and_a_hope_are_forecasts_of_ones_own_action() -> None:
    result = extract(
        "The Westravan Health Workers' Union opposes any transfer of staff and has threatened "
        "industrial action if the trust imposes new rotas. Helena Varga, the trust's chief "
        "executive, hopes to recruit 40 nurses before the end of the year."
    )
    threat = _prediction(result, "has threatened industrial action")
    assert threat.source == "Westravan Health Workers' Union"
    assert threat.conditions == ["if the trust imposes new rotas"]
    hope = _prediction(result, "hopes to recruit")
    assert (hope.source, hope.timeframe) == ("Helena Varga", "before the end of the year")


def test_the_closing_paragraph_of_a_quote_run_on_across_paragraphs_is_the_same_speakers() -> None:
    result = extract(
        "Derek Fallon chairs the campaign.\n\n“People in this town are not against change,” he "
        "said. “They are against being the last to know.\n\n“If the trust goes ahead in April, "
        "we will see it in court.”\n\nThe trust declined to comment."
    )
    assert _prediction(result, "If the trust goes ahead").source == "Derek Fallon"


def test_a_will_in_a_question_is_no_forecast() -> None:
    result = extract(
        "Rowan Pettit chairs the committee. “Your authority approved every one of those "
        "dividends. Why should anyone believe you will be tougher now?” Pettit asked."
    )
    assert result.predictions == []
    assert [p.actor for p in result.positions] == ["Rowan Pettit"]


def test_its_chair_said_is_the_chair_named_after_and_its_spokesman_the_body() -> None:
    result = extract(
        "The Pellorian Electoral Commission will finish a full recount by Friday, its chair "
        "said on Thursday. Ines Tavola, the commission's chair, said 41,200 ballots were being "
        "counted. The Varnian Dockers' Federation will strike on Monday, its spokesman said."
    )
    assert _prediction(result, "The Pellorian Electoral").source == "Ines Tavola"
    assert _prediction(result, "The Varnian Dockers").source == "Varnian Dockers' Federation"


def test_a_stance_after_but_is_its_own_and_a_demanded_guarantee_no_forecast() -> None:
    result = extract(
        "The Morrow Valley Patients' Forum, which speaks for users of both hospitals, says it "
        "is neutral on the merger but wants a guarantee that no patient will wait more than an "
        "hour."
    )
    assert [p.quote.split()[0] for p in result.positions] == ["it", "wants"]
    assert result.predictions == []


def test_the_texts_forecast_and_its_though_clause_are_two() -> None:
    result = extract(
        "Roel Ostberg leads by 212 votes. The recount is likely to confirm Ostberg's lead, "
        "though the seat could still change hands if the court orders the ballots counted."
    )
    assert [(p.quote.split()[1], p.likelihood) for p in result.predictions] == [
        ("recount", "likely"),
        ("seat", "possible"),
    ]


@pytest.mark.parametrize("link", [" by saying", ", saying", ", adding"])
def test_a_participle_of_speech_takes_a_clause_without_that(link: str) -> None:
    result = extract(
        "Rowan Pettit chairs the committee. Pettit said the hearing was long. Pettit closed "
        f"the session{link} the committee would publish its report in September."
    )
    found = _prediction(result, "the committee would publish")
    assert (found.source, found.timeframe) == ("Rowan Pettit", "in September")


def test_a_progressive_stance_with_an_adverb_is_a_stance() -> None:
    result = extract(
        "The Aurenian Flour Millers' Association is also lobbying for the levy to be scrapped. "
        "The Aurenian Grain Growers' Union is still pushing for a two-year transition."
    )
    assert {(p.actor, p.quote.split()[2]) for p in result.positions} == {
        ("Aurenian Flour Millers' Association", "lobbying"),
        ("Aurenian Grain Growers' Union", "pushing"),
    }


def test_one_midwife_is_an_unnamed_source() -> None:
    result = extract(
        "On Larch Ward, the mood is bleaker. “We found out from the local paper,” one midwife "
        "said. “The letter came later,” another nurse said."
    )
    assert [p.actor for p in result.positions] == ["unnamed", "unnamed"]


def test_not_told_where_they_would_work_is_no_forecast() -> None:
    result = extract("Nurses at the ward said they had still not been told where they would work.")
    assert result.predictions == []
    assert [p.actor for p in result.positions] == ["unnamed"]


@pytest.mark.parametrize(
    ("said", "source"), [("said privately", "unnamed"), ("said", "Green Union")]
)
def test_a_partys_deputies_speak_for_it_unless_they_speak_privately(said: str, source: str) -> None:
    result = extract(
        f"The Green Union is a coalition partner. Several Green Union deputies {said} that "
        "they could vote against the budget if the amendment failed."
    )
    assert _prediction(result, "they could vote").source == source


def test_an_event_expected_by_a_date_is_a_forecast_with_that_timeframe() -> None:
    result = extract(
        "The Halvorian Rivers Agency met. A spokesperson for the agency said the application "
        "was under review and that decisions were expected by the end of January."
    )
    found = _prediction(result, "decisions were expected")
    assert (found.likelihood, found.timeframe) == ("likely", "by the end of January")


def test_a_bare_spokesman_speaks_for_the_body_before_and_they_for_a_forum() -> None:
    result = extract(
        "Oltavia is a country. Oltavia’s tourism ministry must approve any local tax, and a "
        "spokesman said the ministry would look at the proposal once the council had voted. "
        "Bluewake Ferries and the tour operators formed the Keriva Cruise and Ferry Forum in "
        "March. “A 5-mark fee would make Sarnac the most expensive port of call,” they said in "
        "a joint statement."
    )
    assert _prediction(result, "the ministry would look").source == "Oltavia"
    assert _prediction(result, "A 5-mark fee").source == "Keriva Cruise and Ferry Forum"


def test_its_government_with_a_relative_clause_is_the_state_before_it() -> None:
    result = extract(
        "Castrel holds elections in May. Its government, which faces an election in May, has "
        "refused to commit to a start date. Seven farm groups, which formed the Varnian Export "
        "Coalition in January, urged both sides to talk."
    )
    assert {(p.actor, p.quote.split()[0]) for p in result.positions} == {
        ("Castrel", "has"),
        ("Varnian Export Coalition", "urged"),
    }


def test_his_group_is_the_group_his_role_names() -> None:
    result = extract(
        "Teodor Raas, a retired engineer who leads a residents’ group called Water for "
        "Mirelle, argues that the town has neglected its pipes. The Sarn Valley Water Board "
        "disagrees. “We lose a third of our water,” Raas said. His group wants the council to "
        "publish the leak surveys."
    )
    wanted = [p for p in result.positions if p.quote.startswith("wants the council")]
    assert [p.actor for p in wanted] == ["Water for Mirelle"]


def test_until_a_dated_event_is_the_timeframe_and_until_an_undated_one_a_condition() -> None:
    result = extract(
        "Sela Markovic, a trader at Orsa Bank, said prices would stay high until the Varnian "
        "export decision in August. She said the mill would stay shut until the owners find "
        "a buyer."
    )
    dated = _prediction(result, "prices would stay high")
    assert (dated.timeframe, dated.conditions) == (
        "until the Varnian export decision in August",
        [],
    )
    undated = _prediction(result, "the mill would stay shut")
    assert (undated.timeframe, undated.conditions) == (None, ["until the owners find a buyer"])


CALL = """Tessel Freight Group reported lower profit on Tuesday. Chief executive Annika Brevik \
said road volumes had turned. Elin Vasquez, an analyst at Kestrel Bank, and Priya Castellan, a \
transport analyst at Orme Hartley, joined the call.

Brevik: Thank you, and good morning. Road volumes grew in April, and we expect growth to \
return in the third quarter.

Vasquez: Thank you. And the drivers: are you expecting a strike before the wage round?

Brevik: We are not. The union has told us it wants to settle, and I expect a deal by June.

Castellan: Good morning. Frankly, the recovery sounds more like hope than evidence to me.

Brevik: It's a fair challenge, and we will show the numbers in July."""


def test_an_analysts_question_on_a_call_is_no_statement_but_her_view_is() -> None:
    result = extract(CALL)
    by = {(p.actor, p.quote.split()[0]) for p in result.positions}
    assert not any(actor == "Elin Vasquez" for actor, _ in by)
    assert any(actor == "Priya Castellan" for actor, _ in by)
    assert "Elin Vasquez" not in {p.source for p in result.predictions}


def test_a_negated_stance_is_a_stance() -> None:
    result = extract(
        "The Tarland Dockworkers' Union does not oppose automation in principle, but it wants "
        "a written guarantee. Mikkel Brand, its general secretary, said the union would strike."
    )
    held = {(p.actor, p.quote) for p in result.positions}
    assert ("Tarland Dockworkers' Union", "does not oppose automation in principle") in held
    assert ("Tarland Dockworkers' Union", "wants a written guarantee") in held


def test_said_so_reports_no_words_of_its_own() -> None:
    result = extract("Oskland opposes any cap on wheat. Oskland said so on Monday.")
    assert [p.quote for p in result.positions] == ["opposes any cap on wheat"]


def test_an_agreement_to_act_and_a_ruling_out_are_unhedged_forecasts_of_ones_own() -> None:
    result = extract(
        "The Grisby Port Authority has agreed to spend 85 million crowns deepening the "
        "approach channel. Labour Minister Irina Solberg has ruled out further concessions."
    )
    agreed = _prediction(result, "has agreed to spend")
    ruled = _prediction(result, "has ruled out")
    assert (agreed.source, agreed.likelihood) == ("Grisby Port Authority", "unspecified")
    assert (ruled.source, ruled.likelihood) == ("Irina Solberg", "unspecified")
    assert not result.positions


def test_the_texts_will_have_to_and_due_by_the_end_of_the_year_are_its_forecasts() -> None:
    result = extract(
        "Varnia raised its levy on Monday. The levy will have to rise again next year. "
        "A ruling is due by the end of the year."
    )
    assert _prediction(result, "The levy will have to").likelihood == "likely"
    ruling = _prediction(result, "A ruling is due")
    assert (ruling.source, ruling.likelihood) == ("the author", "likely")


def test_a_restrictive_relative_clause_is_no_stance() -> None:
    result = extract(
        "The Kestrian Medicines Agency approved the drug on Wednesday. Until the fund "
        "decides, patients who want the drug will have to pay for it themselves."
    )
    assert not any(p.quote.startswith("want") for p in result.positions)
