"""Who the actors are, their kinds and roles: issue 14's fourth and fifth error classes, one
made-up case (or a few) per shape seen on unseen articles."""

from __future__ import annotations

import pytest

from seedsum.rules import extract

from .rules_helpers import _names, _prediction


def _kinds(text: str) -> dict[str, str]:
    return {a.name: a.kind for a in extract(text).actors}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Bluewake Ferries said it would not raise fares this year.", "Bluewake Ferries"),
        ("Lumic Batteries will build a cell plant, its owner said.", "Lumic Batteries"),
        ("Kragvik Seafoods said it would close its plant in March.", "Kragvik Seafoods"),
    ],
)
def test_a_name_ending_in_an_industrys_plural_is_an_organization(text: str, name: str) -> None:
    assert _kinds(text).get(name) == "organization"


def test_a_confederation_keeps_a_first_word_that_could_be_a_title() -> None:
    kinds = _kinds(
        "The General Workers’ Confederation, the largest union federation, backs the rise but "
        "wants it brought forward to July."
    )
    assert kinds.get("General Workers’ Confederation") == "organization"


def test_whose_family_makes_a_person_and_whose_port_a_state() -> None:
    kinds = _kinds(
        "Maris Dunne, whose family has run a café there for three generations, supports the "
        "tax. Oskland, whose port competes with Sarnac's, opposes it."
    )
    assert kinds.get("Maris Dunne") == "person"
    assert kinds.get("Oskland") == "state"


@pytest.mark.parametrize(
    ("text", "role"),
    [
        (
            "Norrack chief executive Tomas Vell was blunter. “We will not pay,” Vell said.",
            "Norrack chief executive",
        ),
        ("Orsa Bank economist Lars Holm said the budget was sound.", "Orsa Bank economist"),
        ("On Monday chief executive Lars Holm said the budget was sound.", "chief executive"),
    ],
)
def test_a_lower_case_title_keeps_the_name_it_begins_with(text: str, role: str) -> None:
    roles = {a.kind: a.role for a in extract(text).actors if a.kind == "person"}
    assert roles == {"person": role}


def test_a_town_named_twice_as_a_subject_outside_quotes_is_an_actor() -> None:
    kinds = _kinds(
        "At seven in the morning, Sarnac belongs to the people who live in it. By ten the "
        "ferries have landed 900 visitors. “Put 3 marks on every bed in Sarnac and the tours "
        "will go elsewhere,” said Anton Grey, who runs a hotel. Sarnac does not have the last "
        "word: the ministry must approve any local tax."
    )
    assert kinds.get("Sarnac") == "other"


def test_a_questions_opening_verb_is_no_first_name() -> None:
    result = extract(
        "Selbrook Motors wants to build a plant at Greywater. Its chief executive, Mathis "
        "Corran, spoke to us.\n\nQ: Will Selbrook still be independent in five years?\n\n"
        "A: We have no plans to sell.\n\nQ: And Will Brandt?\n\nA: Will Brandt said no."
    )
    actors = {a.name: a for a in result.actors}
    assert "Will Selbrook" not in actors
    assert "Selbrook" in actors["Selbrook Motors"].aliases
    assert actors["Will Brandt"].kind == "person"


def test_analysts_at_x_after_a_question_subhead_make_x_an_organization() -> None:
    kinds = _kinds(
        "What do economists expect?\n\nEconomists at Harwick Lowe expect the rise to push "
        "inflation up next year."
    )
    assert kinds.get("Harwick Lowe") == "organization"


def test_a_date_after_a_bodys_name_is_not_part_of_it() -> None:
    kinds = _kinds(
        "Copper for three-month delivery rose 1.8% on the Vennick Metals Exchange on Tuesday. "
        "“Copper on the Vennick Metals Exchange is probably heading back above $11,000 a "
        "tonne,” said Ilse Marrow, a metals analyst at Brightwater Securities."
    )
    assert kinds.get("Vennick Metals Exchange") == "organization"
    assert not any("Tuesday" in name for name in kinds)


def test_a_name_followed_by_her_or_his_in_its_sentence_is_a_person() -> None:
    result = extract(
        "Adèle Rosquin lost 11 of her 16 hectares, including a block of Mourvan vines her "
        "grandfather planted in 1961. The fire took the cellar, the tractor shed and the old "
        "press house that had stood at the bottom of the slope since before the war. The "
        "insurers have sent two assessors, and neither has yet said what the policy will pay "
        "for the press house.\n\n“If the grant money comes before the winter, I will replant "
        "four hectares next spring,” she said."
    )
    assert {a.name: a.kind for a in result.actors}.get("Adèle Rosquin") == "person"
    assert _prediction(result, "If the grant money").source == "Adèle Rosquin"


def test_a_sentences_first_word_used_once_before_a_noun_is_no_name() -> None:
    result = extract(
        "Anton Ekholt is the health minister. Ekholt said clinics would open. Care home "
        "residents have almost all been vaccinated already, he said. Ostrian inflation was "
        "4.7% in October, the Ostria statistics office said. Veritane said premiums would rise."
    )
    names = _names(result)
    assert "Care" not in names
    assert {"Anton Ekholt", "Veritane"} <= names
    assert {p.actor for p in result.positions if p.quote.startswith("Care home")} == {
        "Anton Ekholt"
    }


def test_utilities_and_wind_farms_are_organizations_and_mps_is_no_one() -> None:
    kinds = _kinds(
        "The regulator would fine Northmere Water, several MPs said. Northmere Water said it "
        "accepts the criticism. Farrowsea Wind said it had waited four years."
    )
    assert {k: v for k, v in kinds.items() if k != "unnamed"} == {
        "Northmere Water": "organization",
        "Farrowsea Wind": "organization",
    }


def test_an_acronym_in_parentheses_names_the_body_spelled_out_before_it() -> None:
    result = extract(
        "Ilse Marrow, the chief executive of the Dravonian Water Services Authority (DWSA), "
        "spoke for three hours. She said the DWSA had opened eleven investigations."
    )
    actors = {a.name: a for a in result.actors}
    assert actors["Dravonian Water Services Authority"].aliases == ["DWSA"]
    assert "DWSA" not in actors


def test_a_name_of_a_party_is_a_person() -> None:
    result = extract(
        "Ostberg got a lead over Klara Menn of the Social Progress Party. Menn was defiant."
    )
    assert {"Klara Menn", "Social Progress Party"} <= _names(result)


def test_a_ministry_of_two_portfolios_after_a_demonym_is_one_name() -> None:
    names = _names(
        extract(
            "Across the border, the Kastovian Ministry of Farming and Rural Affairs expects a "
            "record harvest, it said."
        )
    )
    assert "Kastovian Ministry of Farming and Rural Affairs" in names
    assert "Rural Affairs" not in names


def test_two_hospitals_joined_by_and_and_their_short_names() -> None:
    result = extract(
        "The trust runs Brenlow General Hospital and St Aldric's Hospital in Callowmere. St "
        "Aldric's was rebuilt in 2011. Brenlow General opened in 1932. The trust said the "
        "Digital Services and Algorithms Bill would pass."
    )
    assert _names(result) == {"Brenlow General Hospital", "St Aldric's Hospital"}


def test_a_hospital_ward_is_no_actor() -> None:
    result = extract(
        "Brenlow's maternity unit, Larch Ward, will close in April. Larch Ward delivered 1,180 "
        "babies last year, and Larch Ward is due to stop taking bookings on April 1."
    )
    assert "Larch Ward" not in _names(result)


def test_the_x_campaign_is_a_group_named_x() -> None:
    result = extract(
        "The trust runs Brenlow General Hospital. The Save Brenlow General campaign, set up in "
        "February, has collected 60,000 signatures. Derek Fallon, its chair, said it would go "
        "to court."
    )
    assert {a.name: a.kind for a in result.actors}["Save Brenlow General"] == "group"
    assert _prediction(result, "it would go to court").subjects == ["Save Brenlow General"]


def test_a_word_for_a_kind_of_body_or_a_plural_with_a_relative_clause_is_no_actor() -> None:
    result = extract(
        "Tessel Freight Group said road volumes had turned. “Rail is another story,” said "
        "Annika Brevik, its chief executive. Rail is harder, she added. Lashers, who fix the "
        "containers on deck, will still be needed, Brevik said."
    )
    names = _names(result)
    assert "Rail" not in names and "Lashers" not in names
    assert {"Tessel Freight Group", "Annika Brevik"} <= names


def test_friends_of_a_place_is_one_campaign_group() -> None:
    result = extract(
        "The Friends of Kell Park Woods, a campaign group formed last year, said the council "
        "had chosen the worst route. “We will challenge this decision,” they said."
    )
    [group] = [a for a in result.actors if "Kell Park Woods" in a.name]
    assert (group.name, group.kind) == ("Friends of Kell Park Woods", "group")


def test_a_quay_is_a_place_not_an_actor() -> None:
    result = extract(
        "Baltus Terminals, which runs East Quay under a concession, is spending 640 million "
        "crowns on new cranes. Adrian Cole, its managing director, expects the new cranes to "
        "lift East Quay's productivity to 36 moves an hour within two years. Whatever the "
        "union decides, the number of people working above East Quay is almost certain to "
        "fall."
    )
    assert "East Quay" not in _names(result)
    assert "East Quay" not in _prediction(result, "expects the new cranes").subjects


def test_parties_named_by_their_family_and_a_drug_maker_are_organizations() -> None:
    result = extract(
        "The Social Democrats and the Greens, who together run the council, voted for the "
        "scheme. The opposition Democratic Left opposes the bill outright. Halvard "
        "Therapeutics said the drug would reach patients within eight weeks."
    )
    kinds = {a.name: a.kind for a in result.actors}
    for name in ("Social Democrats", "Greens", "Democratic Left", "Halvard Therapeutics"):
        assert kinds.get(name) == "organization", (name, kinds)
    assert any(p.actor == "Democratic Left" for p in result.positions)
