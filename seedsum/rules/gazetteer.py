"""A small built-in gazetteer: states, their capitals and metonyms, demonyms, and a few
international organizations.

Each state line reads `Name | capitals | demonyms | other names`, the last three comma-separated
and possibly empty; a line repeating the previous name continues it. "Other names" are forms
that stand for the state in news prose (short names, metonyms like "the Kremlin"). Nothing is
downloaded; the table is deliberately small.
"""

from __future__ import annotations

from dataclasses import dataclass

from .lexicon import words

_STATES = """
Afghanistan | Kabul | Afghan |
Albania | Tirana | Albanian |
Algeria | Algiers | Algerian |
Angola | Luanda | Angolan |
Argentina | Buenos Aires | Argentine, Argentinian | the Casa Rosada
Armenia | Yerevan | Armenian |
Australia | Canberra | Australian |
Austria | Vienna | Austrian |
Azerbaijan | Baku | Azerbaijani, Azeri |
Bahrain | Manama | Bahraini |
Bangladesh | Dhaka | Bangladeshi |
Barbados | Bridgetown | Barbadian |
Belarus | Minsk | Belarusian |
Belgium | | Belgian |
Belize | Belmopan | Belizean |
Bolivia | La Paz, Sucre | Bolivian |
Bosnia and Herzegovina | Sarajevo | Bosnian | Bosnia
Botswana | Gaborone | Botswanan |
Brazil | Brasília, Brasilia | Brazilian | Planalto
Bulgaria | Sofia | Bulgarian |
Burkina Faso | Ouagadougou | Burkinabe |
Cambodia | Phnom Penh | Cambodian |
Cameroon | Yaoundé | Cameroonian |
Canada | Ottawa | Canadian |
Chad | N'Djamena | Chadian |
Chile | Santiago | Chilean |
China | Beijing | Chinese | the People's Republic of China, PRC, Zhongnanhai
Colombia | Bogotá, Bogota | Colombian |
Congo | Brazzaville | Congolese |
Costa Rica | San José | Costa Rican |
Croatia | Zagreb | Croatian |
Cuba | Havana | Cuban |
Cyprus | Nicosia | Cypriot |
Czech Republic | Prague | Czech | Czechia
Democratic Republic of the Congo | Kinshasa | | DRC, DR Congo
Denmark | Copenhagen | Danish |
Dominican Republic | Santo Domingo | Dominican |
Ecuador | Quito | Ecuadorian |
Egypt | Cairo | Egyptian |
El Salvador | San Salvador | Salvadoran |
Eritrea | Asmara | Eritrean |
Estonia | Tallinn | Estonian |
Ethiopia | Addis Ababa | Ethiopian |
Finland | Helsinki | Finnish |
France | Paris | French | the Élysée, the Elysee, the Élysée Palace
Gabon | Libreville | Gabonese |
Georgia | Tbilisi | Georgian |
Germany | Berlin | German |
Ghana | Accra | Ghanaian |
Greece | Athens | Greek |
Guatemala | Guatemala City | Guatemalan |
Guinea | Conakry | Guinean |
Guyana | Georgetown | Guyanese |
Haiti | Port-au-Prince | Haitian |
Honduras | Tegucigalpa | Honduran |
Hungary | Budapest | Hungarian |
Iceland | Reykjavik | Icelandic |
India | New Delhi | Indian |
Indonesia | Jakarta | Indonesian |
Iran | Tehran | Iranian |
Iraq | Baghdad | Iraqi |
Ireland | Dublin | Irish |
Israel | Jerusalem | Israeli |
Italy | Rome | Italian | Palazzo Chigi
Ivory Coast | Yamoussoukro, Abidjan | Ivorian | Côte d'Ivoire
Jamaica | Kingston | Jamaican |
Japan | Tokyo | Japanese |
Jordan | Amman | Jordanian |
Kazakhstan | Astana | Kazakh |
Kenya | Nairobi | Kenyan |
Kosovo | Pristina | Kosovar |
Kuwait | Kuwait City | Kuwaiti |
Kyrgyzstan | Bishkek | Kyrgyz |
Laos | Vientiane | Lao, Laotian |
Latvia | Riga | Latvian |
Lebanon | Beirut | Lebanese |
Libya | Tripoli | Libyan |
Lithuania | Vilnius | Lithuanian |
Luxembourg | | Luxembourgish |
Madagascar | Antananarivo | Malagasy |
Malawi | Lilongwe | Malawian |
Malaysia | Kuala Lumpur | Malaysian |
Mali | Bamako | Malian |
Malta | Valletta | Maltese |
Mauritania | Nouakchott | Mauritanian |
Mexico | Mexico City | Mexican |
Moldova | Chisinau, Chișinău | Moldovan |
Mongolia | Ulaanbaatar | Mongolian |
Montenegro | Podgorica | Montenegrin |
Morocco | Rabat | Moroccan |
Mozambique | Maputo | Mozambican |
Myanmar | Naypyidaw | Burmese | Burma
Namibia | Windhoek | Namibian |
Nepal | Kathmandu | Nepali, Nepalese |
Netherlands | Amsterdam, The Hague | Dutch | Holland
New Zealand | Wellington | | Aotearoa
Nicaragua | Managua | Nicaraguan |
Niger | Niamey | Nigerien |
Nigeria | Abuja | Nigerian |
North Korea | Pyongyang | North Korean | DPRK
North Macedonia | Skopje | Macedonian | Macedonia
Norway | Oslo | Norwegian |
Oman | Muscat | Omani |
Pakistan | Islamabad | Pakistani |
Palestine | Ramallah | Palestinian | the Palestinian Authority
Panama | Panama City | Panamanian |
Paraguay | Asunción, Asuncion | Paraguayan |
Peru | Lima | Peruvian |
Philippines | Manila | Philippine, Filipino | Malacañang
Poland | Warsaw | Polish |
Portugal | Lisbon | Portuguese |
Qatar | Doha | Qatari |
Romania | Bucharest | Romanian |
Russia | Moscow | Russian | the Kremlin, Russian Federation
Rwanda | Kigali | Rwandan |
Saudi Arabia | Riyadh | Saudi | the Kingdom
Senegal | Dakar | Senegalese |
Serbia | Belgrade | Serbian |
Singapore | | Singaporean |
Slovakia | Bratislava | Slovak, Slovakian |
Slovenia | Ljubljana | Slovenian, Slovene |
Somalia | Mogadishu | Somali |
South Africa | Pretoria | South African |
South Korea | Seoul | South Korean | Korea
South Sudan | Juba | South Sudanese |
Spain | Madrid | Spanish | La Moncloa
Sri Lanka | Colombo | Sri Lankan |
Sudan | Khartoum | Sudanese |
Suriname | Paramaribo | Surinamese |
Sweden | Stockholm | Swedish |
Switzerland | Bern | Swiss |
Syria | Damascus | Syrian |
Taiwan | Taipei | Taiwanese |
Tajikistan | Dushanbe | Tajik |
Tanzania | Dodoma | Tanzanian |
Thailand | Bangkok | Thai |
Trinidad and Tobago | Port of Spain | Trinidadian |
Tunisia | Tunis | Tunisian |
Turkey | Ankara | Turkish | Türkiye
Turkmenistan | Ashgabat | Turkmen |
Uganda | Kampala | Ugandan |
Ukraine | Kyiv, Kiev | Ukrainian |
United Arab Emirates | Abu Dhabi | Emirati | UAE
United Kingdom | London | British | Britain, Great Britain, the UK, the U.K., UK, U.K.
United Kingdom | | | Downing Street, Whitehall
United States | Washington | American | the United States of America, the U.S., the US, U.S.
United States | | | US, USA, America, the White House
Uruguay | Montevideo | Uruguayan |
Uzbekistan | Tashkent | Uzbek |
Venezuela | Caracas | Venezuelan | Miraflores
Vietnam | Hanoi | Vietnamese |
Yemen | Sanaa | Yemeni |
Zambia | Lusaka | Zambian |
Zimbabwe | Harare | Zimbabwean |
"""

# Intergovernmental organizations and a few institutions that news prose names by a short
# form. `Name | other names`.
_ORGANIZATIONS = """
United Nations | UN, U.N., the UN, the U.N.
European Union | EU, E.U., the EU, the E.U.
European Commission | the Commission
European Parliament |
European Central Bank | ECB
Council of Europe |
NATO | the North Atlantic Treaty Organization
International Monetary Fund | IMF
World Bank |
World Trade Organization | WTO
World Health Organization | WHO
International Atomic Energy Agency | IAEA
International Criminal Court | ICC
International Court of Justice | ICJ
Organization for Security and Co-operation in Europe | OSCE
OPEC | Organization of the Petroleum Exporting Countries
African Union | AU
Association of Southeast Asian Nations | ASEAN
Federal Reserve | the Fed
Group of Seven | G7, G-7
Group of 20 | G20, G-20
"""

# A metonym shared by several actors: the first of these that the text itself names wins;
# otherwise the first is used.
SHARED_METONYMS: dict[str, tuple[str, ...]] = {
    "Brussels": ("European Union", "European Commission"),
}

# Regions and bodies of water that look like names but are not actors.
REGIONS = words(
    """
    Europe Asia Africa America Americas Antarctica Arctic Atlantic Pacific Mediterranean
    Caribbean Balkans Baltics Caucasus Sahel Scandinavia Eurasia Oceania Gulf Levant Siberia
    Crimea Donbas Donbass Kashmir Balkan
    """
)


@dataclass(frozen=True)
class Place:
    """A state or organization the gazetteer knows: its name, kind and other forms."""

    name: str
    kind: str  # "state" or "organization"
    capitals: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    others: tuple[str, ...] = ()


def _split(field: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in field.split(",") if p.strip())


def _with_curly(forms: tuple[str, ...]) -> tuple[str, ...]:
    """`forms` plus their spellings with a curly apostrophe (People's -> People’s)."""
    return tuple(dict.fromkeys((*forms, *(f.replace("'", "’") for f in forms))))


def _load() -> tuple[Place, ...]:
    places: list[Place] = []
    for line in _STATES.strip().splitlines():
        name, capitals, demonyms, others = (f.strip() for f in line.split("|"))
        if places and places[-1].name == name:  # a continuation line
            last = places.pop()
            capitals = ", ".join((*last.capitals, capitals))
            demonyms = ", ".join((*last.demonyms, demonyms))
            others = ", ".join((*last.others, others))
        places.append(
            Place(name, "state", _split(capitals), _split(demonyms), _with_curly(_split(others)))
        )
    for line in _ORGANIZATIONS.strip().splitlines():
        name, others = (f.strip() for f in line.split("|"))
        places.append(Place(name, "organization", others=_split(others)))
    return tuple(places)


PLACES: tuple[Place, ...] = _load()


def _index() -> tuple[dict[str, Place], dict[str, Place], dict[str, Place]]:
    names: dict[str, Place] = {}
    capitals: dict[str, Place] = {}
    demonyms: dict[str, Place] = {}
    for place in PLACES:
        names[place.name] = place
        for other in place.others:
            names.setdefault(other.removeprefix("the "), place)
        for capital in place.capitals:
            capitals.setdefault(capital, place)
        for demonym in place.demonyms:
            demonyms.setdefault(demonym, place)
    return names, capitals, demonyms


#: Name or other form (without a leading "the") -> place.
BY_NAME, BY_CAPITAL, BY_DEMONYM = _index()


def lookup(form: str) -> tuple[Place, str] | None:
    """The place `form` names and how: "name", "capital" or "demonym"; None if unknown."""
    bare = form.removeprefix("the ").removeprefix("The ")
    if bare in BY_NAME:
        return BY_NAME[bare], "name"
    if form in BY_CAPITAL:
        return BY_CAPITAL[form], "capital"
    if form in BY_DEMONYM:
        return BY_DEMONYM[form], "demonym"
    return None
