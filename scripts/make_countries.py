"""Regenerate ``ontologies/gazetteer/countries.jsonl`` from pycountry and the curated table below.

pycountry supplies the ISO 3166-1 codes and the ISO names (kept as aliases); everything news-shaped
(the label news uses, the Wikidata QID, short forms, demonyms, capitals, metonyms) is curated here,
so a reviewer sees every hand-made choice in one place. A dev-time tool: kg never imports it.

    python scripts/make_countries.py            # rewrite the file
    python scripts/make_countries.py --check    # exit 1 if the file is not what would be written
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import pycountry

OUTPUT = Path(__file__).resolve().parent.parent / "ontologies" / "gazetteer" / "countries.jsonl"

# One line per country: iso2 | qid | label (blank: pycountry's common or ISO name) | aliases |
# demonyms | capitals. Lists are "; "-separated. An alias written "-X" drops the ISO name X
# (used where an ISO name belongs to another entity, e.g. "Congo", which news uses for the DRC).
# QIDs were checked against OWID's country table (wikidata_uri column); NL is Q55 (the country,
# not Q29999 the Kingdom), AQ is Q51 (the continent). Capitals are seats of government used as
# metonyms; ambiguous ones (Victoria, Kingston, Georgetown, Hamilton, Santiago, San José, Brussels)
# are left out. Demonyms that fit two countries ("Korean", "Congolese", "Guinean", "Dominican")
# are left out.
TABLE = """
AD | Q228 |  |  | Andorran | Andorra la Vella
AE | Q878 |  | UAE; U.A.E. | Emirati | Abu Dhabi
AF | Q889 |  |  | Afghan | Kabul
AG | Q781 |  |  | Antiguan
AI | Q25228 |  |  | Anguillan
AL | Q222 |  |  | Albanian | Tirana
AM | Q399 |  |  | Armenian | Yerevan
AO | Q916 |  |  | Angolan | Luanda
AQ | Q51
AR | Q414 |  |  | Argentine; Argentinian | Buenos Aires
AS | Q16641 |  |  | American Samoan
AT | Q40 |  |  | Austrian | Vienna
AU | Q408 |  | Commonwealth of Australia | Australian | Canberra
AW | Q21203 |  |  | Aruban
AX | Q5689 |  | Aland Islands | Ålander
AZ | Q227 |  |  | Azerbaijani; Azeri | Baku
BA | Q225 |  | Bosnia-Herzegovina; Bosnia | Bosnian | Sarajevo
BB | Q244 |  |  | Barbadian | Bridgetown
BD | Q902 |  |  | Bangladeshi | Dhaka
BE | Q31 |  |  | Belgian
BF | Q965 |  |  | Burkinabe; Burkinabè | Ouagadougou
BG | Q219 |  |  | Bulgarian | Sofia
BH | Q398 |  |  | Bahraini | Manama
BI | Q967 |  |  | Burundian | Gitega
BJ | Q962 |  |  | Beninese | Porto-Novo; Cotonou
BL | Q25362 |  | Saint-Barthélemy; St. Barts
BM | Q23635 |  |  | Bermudian
BN | Q921 | Brunei | Brunei Darussalam | Bruneian | Bandar Seri Begawan
BO | Q750 |  |  | Bolivian | La Paz; Sucre
BQ | Q27561 | Caribbean Netherlands | BES Islands
BR | Q155 |  |  | Brazilian | Brasília; Brasilia
BS | Q778 |  |  | Bahamian | Nassau
BT | Q917 |  |  | Bhutanese | Thimphu
BV | Q23408
BW | Q963 |  |  | Botswanan; Motswana | Gaborone
BY | Q184 |  | Byelorussia | Belarusian | Minsk
BZ | Q242 |  |  | Belizean | Belmopan
CA | Q16 |  |  | Canadian | Ottawa
CC | Q36004 | Cocos (Keeling) Islands | Cocos Islands; Keeling Islands
CD | Q974 | Democratic Republic of the Congo | (see ALIASES) |  | Kinshasa
CF | Q929 |  | CAR | Central African | Bangui
CG | Q971 | Republic of the Congo | Republic of Congo; Congo-Brazzaville; -Congo |  | Brazzaville
CH | Q39 |  |  | Swiss | Bern; Berne
CI | Q1008 | Ivory Coast | Cote d'Ivoire | Ivorian | Yamoussoukro; Abidjan
CK | Q26988
CL | Q298 |  |  | Chilean
CM | Q1009 |  |  | Cameroonian | Yaoundé; Yaounde
CN | Q148 |  | (see ALIASES) | Chinese | Beijing
CO | Q739 |  |  | Colombian | Bogotá; Bogota
CR | Q800 |  |  | Costa Rican
CU | Q241 |  |  | Cuban | Havana
CV | Q1011 | Cape Verde |  | Cape Verdean; Cabo Verdean | Praia
CW | Q25279 |  | Curacao |  | Willemstad
CX | Q31063
CY | Q229 |  |  | Cypriot | Nicosia
CZ | Q213 | Czechia | Czech Republic | Czech | Prague
DE | Q183 |  |  | German | Berlin
DJ | Q977 |  |  | Djiboutian
DK | Q35 |  |  | Danish | Copenhagen
DM | Q784 |  |  |  | Roseau
DO | Q786 |  |  |  | Santo Domingo
DZ | Q262 |  |  | Algerian | Algiers
EC | Q736 |  |  | Ecuadorian | Quito
EE | Q191 |  |  | Estonian | Tallinn
EG | Q79 |  |  | Egyptian | Cairo
EH | Q6250 |  |  | Sahrawi
ER | Q986 |  |  | Eritrean | Asmara
ES | Q29 |  |  | Spanish | Madrid
ET | Q115 |  |  | Ethiopian | Addis Ababa
FI | Q33 |  |  | Finnish | Helsinki
FJ | Q712 |  |  | Fijian | Suva
FK | Q9648 | Falkland Islands | Falklands; Malvinas | Falkland Islander
FM | Q702 | Micronesia |  | Micronesian | Palikir
FO | Q4628 |  | Faeroe Islands | Faroese
FR | Q142 |  |  | French | Paris
GA | Q1000 |  |  | Gabonese | Libreville
GB | Q145 | United Kingdom | UK; U.K.; Britain; Great Britain | British | London
GD | Q769 |  |  | Grenadian
GE | Q230 |  |  | Georgian | Tbilisi
GF | Q3769
GG | Q25230
GH | Q117 |  |  | Ghanaian | Accra
GI | Q1410 |  |  | Gibraltarian
GL | Q223 |  |  | Greenlandic | Nuuk
GM | Q1005 |  |  | Gambian | Banjul
GN | Q1006 |  | Guinea-Conakry |  | Conakry
GP | Q17012
GQ | Q983 |  |  | Equatorial Guinean; Equatoguinean | Malabo
GR | Q41 |  |  | Greek | Athens
GS | Q35086
GT | Q774 |  |  | Guatemalan | Guatemala City
GU | Q16635 |  |  | Guamanian
GW | Q1007 |  |  | Bissau-Guinean | Bissau
GY | Q734 |  |  | Guyanese
HK | Q8646 |  | Hong Kong SAR; HKSAR
HM | Q131198
HN | Q783 |  |  | Honduran | Tegucigalpa
HR | Q224 |  |  | Croatian | Zagreb
HT | Q790 |  |  | Haitian | Port-au-Prince
HU | Q28 |  |  | Hungarian | Budapest
ID | Q252 |  |  | Indonesian | Jakarta
IE | Q27 |  | Republic of Ireland; Eire; Éire | Irish | Dublin
IL | Q801 |  |  | Israeli
IM | Q9676 |  |  | Manx
IN | Q668 |  | Bharat | Indian | New Delhi
IO | Q43448 |  | Chagos Islands
IQ | Q796 |  |  | Iraqi | Baghdad
IR | Q794 |  |  | Iranian | Tehran
IS | Q189 |  |  | Icelandic | Reykjavik; Reykjavík
IT | Q38 |  |  | Italian | Rome
JE | Q785
JM | Q766 |  |  | Jamaican
JO | Q810 |  |  | Jordanian | Amman
JP | Q17 |  |  | Japanese | Tokyo
KE | Q114 |  |  | Kenyan | Nairobi
KG | Q813 |  | Kirghizia | Kyrgyz; Kyrgyzstani | Bishkek
KH | Q424 |  |  | Cambodian | Phnom Penh
KI | Q710 |  |  | I-Kiribati | Tarawa
KM | Q970 |  |  | Comoran; Comorian | Moroni
KN | Q763 |  | St. Kitts and Nevis; St Kitts and Nevis | Kittitian | Basseterre
KP | Q423 | North Korea | DPRK; D.P.R.K. | North Korean | Pyongyang
KR | Q884 | South Korea | ROK; Republic of Korea; Korea | South Korean | Seoul
KW | Q817 |  |  | Kuwaiti | Kuwait City
KY | Q5785 |  |  | Caymanian
KZ | Q232 |  |  | Kazakh; Kazakhstani | Astana; Nur-Sultan
LA | Q819 | Laos | Lao PDR | Laotian; Lao | Vientiane
LB | Q822 |  |  | Lebanese | Beirut
LC | Q760 |  | St. Lucia; St Lucia | Saint Lucian | Castries
LI | Q347 |  |  | Liechtensteiner | Vaduz
LK | Q854 |  | Ceylon | Sri Lankan | Colombo; Sri Jayawardenepura Kotte
LR | Q1014 |  |  | Liberian | Monrovia
LS | Q1013 |  |  | Basotho | Maseru
LT | Q37 |  |  | Lithuanian | Vilnius
LU | Q32 |  |  | Luxembourgish
LV | Q211 |  |  | Latvian | Riga
LY | Q1016 |  |  | Libyan | Tripoli
MA | Q1028 |  |  | Moroccan | Rabat
MC | Q235 |  |  | Monegasque
MD | Q217 |  |  | Moldovan | Chișinău; Chisinau
ME | Q236 |  |  | Montenegrin | Podgorica
MF | Q126125 | Saint Martin | Saint-Martin; St. Martin
MG | Q1019 |  |  | Malagasy | Antananarivo
MH | Q709 |  |  | Marshallese | Majuro
MK | Q221 |  | Macedonia | Macedonian | Skopje
ML | Q912 |  |  | Malian | Bamako
MM | Q836 |  | Burma | Burmese | Naypyidaw; Nay Pyi Taw; Naypyitaw
MN | Q711 |  |  | Mongolian | Ulaanbaatar; Ulan Bator
MO | Q14773 |  | Macau; Macao SAR; Macau SAR | Macanese
MP | Q16644
MQ | Q17054
MR | Q1025 |  |  | Mauritanian | Nouakchott
MS | Q13353
MT | Q233 |  |  | Maltese | Valletta
MU | Q1027 |  |  | Mauritian | Port Louis
MV | Q826 |  |  | Maldivian | Malé
MW | Q1020 |  |  | Malawian | Lilongwe
MX | Q96 |  |  | Mexican | Mexico City
MY | Q833 |  |  | Malaysian | Kuala Lumpur; Putrajaya
MZ | Q1029 |  |  | Mozambican | Maputo
NA | Q1030 |  |  | Namibian | Windhoek
NC | Q33788
NE | Q1032 |  |  | Nigerien | Niamey
NF | Q31057
NG | Q1033 |  |  | Nigerian | Abuja
NI | Q811 |  |  | Nicaraguan | Managua
NL | Q55 |  | Holland | Dutch | The Hague; Amsterdam
NO | Q20 |  |  | Norwegian | Oslo
NP | Q837 |  |  | Nepali; Nepalese | Kathmandu
NR | Q697 |  |  | Nauruan
NU | Q34020
NZ | Q664 |  | Aotearoa | New Zealander | Wellington
OM | Q842 |  |  | Omani | Muscat
PA | Q804 |  |  | Panamanian
PE | Q419 |  |  | Peruvian | Lima
PF | Q30971
PG | Q691 |  | PNG | Papua New Guinean | Port Moresby
PH | Q928 |  |  | Filipino; Philippine | Manila
PK | Q843 |  |  | Pakistani | Islamabad
PL | Q36 |  |  | Polish | Warsaw
PM | Q34617
PN | Q35672 | Pitcairn Islands | Pitcairn
PR | Q1183 |  |  | Puerto Rican
PS | Q219060 | Palestine | Palestinian territories; Palestinian Territories | Palestinian
PT | Q45 |  |  | Portuguese | Lisbon
PW | Q695 |  |  | Palauan
PY | Q733 |  |  | Paraguayan | Asunción; Asuncion
QA | Q846 |  |  | Qatari | Doha
RE | Q17070 |  | Reunion
RO | Q218 |  |  | Romanian | Bucharest
RS | Q403 |  |  | Serbian | Belgrade
RU | Q159 | Russia |  | Russian | Moscow
RW | Q1037 |  |  | Rwandan | Kigali
SA | Q851 |  | KSA | Saudi; Saudi Arabian | Riyadh
SB | Q685 |  |  |  | Honiara
SC | Q1042 |  |  | Seychellois
SD | Q1049 |  |  | Sudanese | Khartoum
SE | Q34 |  |  | Swedish | Stockholm
SG | Q334 |  |  | Singaporean
SH | Q192184 |  | Saint Helena
SI | Q215 |  |  | Slovenian; Slovene | Ljubljana
SJ | Q842829
SK | Q214 |  |  | Slovak; Slovakian | Bratislava
SL | Q1044 |  |  | Sierra Leonean | Freetown
SM | Q238 |  |  | Sammarinese
SN | Q1041 |  |  | Senegalese | Dakar
SO | Q1045 |  |  | Somali | Mogadishu
SR | Q730 |  |  | Surinamese | Paramaribo
SS | Q958 |  |  | South Sudanese | Juba
ST | Q1039 |  | São Tomé and Príncipe | Santomean
SV | Q792 |  |  | Salvadoran | San Salvador
SX | Q26273 | Sint Maarten
SY | Q858 |  |  | Syrian | Damascus
SZ | Q1050 |  | Swaziland | Swazi | Mbabane; Lobamba
TC | Q18221
TD | Q657 |  |  | Chadian | N'Djamena
TF | Q129003 |  | French Southern and Antarctic Lands
TG | Q945 |  |  | Togolese | Lomé; Lome
TH | Q869 |  |  | Thai | Bangkok
TJ | Q863 |  |  | Tajik; Tajikistani | Dushanbe
TK | Q36823
TL | Q574 | East Timor | Timor-Leste | Timorese; East Timorese | Dili
TM | Q874 |  |  | Turkmen | Ashgabat
TN | Q948 |  |  | Tunisian | Tunis
TO | Q678 |  |  | Tongan | Nuku'alofa
TR | Q43 | Turkey | Turkiye | Turkish | Ankara
TT | Q754 |  | Trinidad | Trinidadian | Port of Spain
TV | Q672 |  |  | Tuvaluan | Funafuti
TW | Q865 |  | Republic of China; ROC; R.O.C.; Chinese Taipei | Taiwanese | Taipei
TZ | Q924 |  |  | Tanzanian | Dodoma
UA | Q212 |  |  | Ukrainian | Kyiv; Kiev
UG | Q1036 |  |  | Ugandan | Kampala
UM | Q16645
US | Q30 | United States | (see ALIASES) | American | (see CAPITALS)
UY | Q77 |  |  | Uruguayan | Montevideo
UZ | Q265 |  |  | Uzbek; Uzbekistani | Tashkent
VA | Q237 | Vatican City | Holy See; Vatican; Vatican City State
VC | Q757 |  | St. Vincent and the Grenadines | Vincentian | Kingstown
VE | Q717 |  |  | Venezuelan | Caracas
VG | Q25305
VI | Q11703 | U.S. Virgin Islands | US Virgin Islands; United States Virgin Islands
VN | Q881 | Vietnam | Socialist Republic of Vietnam | Vietnamese | Hanoi
VU | Q686 |  |  | Ni-Vanuatu | Port Vila
WF | Q35555
WS | Q683 |  |  | Samoan | Apia
XK | Q1246 | Kosovo | Republic of Kosovo | Kosovar; Kosovan | Pristina; Priština
YE | Q805 |  |  | Yemeni | Sanaa; Sana'a
YT | Q17063
ZA | Q258 |  |  | South African | Pretoria
ZM | Q953 |  |  | Zambian | Lusaka
ZW | Q954 |  |  | Zimbabwean | Harare
"""

# Rows whose lists are too long for one table line ("(see ALIASES)" / "(see CAPITALS)" there).
ALIASES: dict[str, tuple[str, ...]] = {
    "CD": (
        "Democratic Republic of Congo",
        "DRC",
        "D.R.C.",
        "DR Congo",
        "D.R. Congo",
        "Congo-Kinshasa",
        "Congo",
    ),
    "CN": ("PRC", "P.R.C.", "mainland China", "Mainland China", "Chinese mainland"),
    "US": ("US", "U.S.", "USA", "U.S.A.", "America"),
}
CAPITALS: dict[str, tuple[str, ...]] = {
    "US": ("Washington", "Washington, D.C.", "Washington D.C.", "Washington, DC"),
}

# Codes outside ISO 3166-1 that news treats as countries (user-assigned codes).
NON_ISO = {"XK"}

# Phrases that stand for a government as an actor, for the large economies; "<Demonym> government"
# is added for every country with a demonym.
METONYMS: dict[str, tuple[str, ...]] = {
    "US": (
        "White House",
        "U.S. government",
        "US government",
        "United States government",
        "U.S. administration",
        "US administration",
        "Biden administration",
        "Biden-Harris Administration",
        "Biden-Harris administration",
        "Trump administration",
        "Obama administration",
        "Bush administration",
        "Clinton administration",
        "Federal Government of the United States",
    ),
    "CN": (
        "Zhongnanhai",
        "Chinese Communist Party",
        "Communist Party of China",
        "CCP",
        "CPC",
        "PRC government",
        "Chinese authorities",
        "Government of China",
    ),
    "JP": (
        "Japanese administration",
        "Kantei",
        "Government of Japan",
        "Kishida administration",
        "Abe administration",
        "Suga administration",
        "Ishiba administration",
        "Takaichi administration",
        "Japanese authorities",
    ),
    "GB": (
        "Downing Street",
        "Number 10",
        "No 10",
        "No. 10",
        "Whitehall",
        "UK government",
        "U.K. government",
        "HM Government",
        "Her Majesty's Government",
        "His Majesty's Government",
        "British authorities",
    ),
    "RU": ("Kremlin", "Russian authorities", "Putin administration"),
    "FR": (
        "Élysée",
        "Elysee",
        "Élysée Palace",
        "Elysee Palace",
        "Matignon",
        "Macron administration",
    ),
    "DE": (
        "German Chancellery",
        "Bundesregierung",
        "Federal Government of Germany",
        "Berlin government",
    ),
    "KR": (
        "Blue House",
        "Cheong Wa Dae",
        "Yongsan presidential office",
        "Seoul government",
        "Yoon administration",
        "Moon administration",
        "Lee Jae-myung administration",
    ),
    "KP": ("Pyongyang regime", "North Korean regime"),
    "TW": (
        "Taipei government",
        "Tsai administration",
        "Lai administration",
        "Presidential Office of Taiwan",
    ),
    "IN": ("Government of India", "Modi government", "Modi administration", "Indian authorities"),
    "NL": ("Dutch cabinet", "Government of the Netherlands", "Dutch authorities"),
    "CA": ("Government of Canada", "Trudeau government", "Carney government"),
    "AU": ("Albanese government",),
    "IT": ("Palazzo Chigi", "Meloni government"),
    "ES": ("Moncloa", "Spanish authorities"),
    "BR": ("Planalto", "Lula administration", "Bolsonaro administration"),
    "MX": ("Sheinbaum administration", "López Obrador administration"),
    "TR": ("Erdogan administration", "Erdoğan administration"),
    "IR": ("Iranian regime",),
    "SA": ("Saudi authorities",),
    "UA": ("Zelensky administration", "Ukrainian authorities"),
}


@dataclass(frozen=True, slots=True)
class Curated:
    """The hand-made part of one country's record."""

    qid: str
    label: str
    aliases: tuple[str, ...]
    dropped: frozenset[str]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]


def split_list(field: str) -> tuple[str, ...]:
    """Split a "; "-separated table field into its items.

    >>> split_list("UK; U.K. ; ")
    ('UK', 'U.K.')
    """
    return tuple(item.strip() for item in field.split(";") if item.strip())


def parse_table(table: str) -> dict[str, Curated]:
    """Parse the curated table into records keyed by ISO alpha-2 code (trailing blanks optional).

    >>> parse_table("JP | Q17 | | | Japanese | Tokyo")["JP"].capitals
    ('Tokyo',)
    >>> parse_table("US | Q30 | United States | (see ALIASES)")["US"].aliases[:2]
    ('US', 'U.S.')
    """
    curated: dict[str, Curated] = {}
    for number, line in enumerate(table.strip().splitlines(), start=1):
        fields = [field.strip() for field in line.split("|")]
        if not 2 <= len(fields) <= 6:
            raise ValueError(f"table line {number}: expected 2 to 6 fields: {line!r}")
        iso2, qid, label, aliases, demonyms, capitals = fields + [""] * (6 - len(fields))
        alias_items = ALIASES[iso2] if aliases == "(see ALIASES)" else split_list(aliases)
        curated[iso2] = Curated(
            qid=qid,
            label=label,
            aliases=tuple(a for a in alias_items if not a.startswith("-")),
            dropped=frozenset(a[1:] for a in alias_items if a.startswith("-")),
            demonyms=split_list(demonyms),
            capitals=CAPITALS[iso2] if capitals == "(see CAPITALS)" else split_list(capitals),
        )
    return curated


def with_apostrophes(names: list[str]) -> list[str]:
    """Each name, followed by its typographic-apostrophe spelling when it has an apostrophe.

    News copy writes both "People's" and "People\u2019s"; the matcher is exact, so both are listed.

    >>> with_apostrophes(["PRC", "People's Republic"])[2] == "People\u2019s Republic"
    True
    """
    return [
        variant for name in names for variant in dict.fromkeys([name, name.replace("'", "\u2019")])
    ]


def is_inverted(name: str, label: str) -> bool:
    """Whether an ISO name is a catalogue form ("Korea, Republic of") never written in prose.

    >>> is_inverted("Korea, Republic of", "South Korea")
    True
    >>> is_inverted("Bonaire, Sint Eustatius and Saba", "Caribbean Netherlands")
    False
    """
    head, comma, _ = name.partition(", ")
    return bool(comma) and head in label and name != label


def iso_names(country: object) -> list[str]:
    """The ISO short, official and common names of a pycountry record, leading "the " removed.

    >>> iso_names(pycountry.countries.get(alpha_2="ER"))
    ['Eritrea', 'State of Eritrea']
    """
    names = []
    for attribute in ("name", "official_name", "common_name"):
        value = getattr(country, attribute, None)
        if value:
            names.append(value.removeprefix("the "))
    return list(dict.fromkeys(names))


def unique(items: list[str], exclude: set[str]) -> list[str]:
    """Items in first-seen order, without duplicates or anything in ``exclude``.

    >>> unique(["UK", "Britain", "UK", "United Kingdom"], {"United Kingdom"})
    ['UK', 'Britain']
    """
    return [item for item in dict.fromkeys(items) if item not in exclude]


def country_record(iso2: str, curated: Curated, names: list[str], label: str) -> dict[str, object]:
    """Build one JSON record from the curated row, the ISO names and the label.

    >>> row = parse_table("JP | Q17 | | | Japanese | Tokyo")["JP"]
    >>> country_record("JP", row, ["Japan"], "Japan")["metonyms"][:2]
    ['Japanese government', 'Japanese administration']
    """
    iso_aliases = [n for n in names if not is_inverted(n, label) and n not in curated.dropped]
    demonym_metonyms = [f"{demonym} government" for demonym in curated.demonyms[:1]]
    aliases = with_apostrophes([*iso_aliases, *curated.aliases])
    return {
        "label": label,
        "type": "Country",
        "qid": curated.qid,
        "iso2": iso2,
        "aliases": unique(aliases, {label}),
        "demonyms": list(curated.demonyms),
        "capitals": with_apostrophes(list(curated.capitals)),
        "metonyms": unique(with_apostrophes([*demonym_metonyms, *METONYMS.get(iso2, ())]), {label}),
    }


def build_records(table: str = TABLE) -> list[dict[str, object]]:
    """All country records, sorted by label; every ISO code must have a curated row.

    >>> len(build_records()) == len(pycountry.countries) + len(NON_ISO)
    True
    """
    curated = parse_table(table)
    iso = {country.alpha_2: country for country in pycountry.countries}
    missing = sorted(set(iso) - set(curated))
    unknown = sorted(set(curated) - set(iso) - NON_ISO)
    if missing or unknown:
        raise ValueError(f"curated table out of step with pycountry: {missing=} {unknown=}")
    records = []
    for iso2, row in curated.items():
        country = iso.get(iso2)
        names = iso_names(country) if country else []
        label = row.label or getattr(country, "common_name", None) or country.name
        records.append(country_record(iso2, row, names, label))
    return sorted(records, key=lambda record: str(record["label"]))


def render(records: list[dict[str, object]]) -> str:
    """JSON Lines text, one record a line, non-ASCII kept as is.

    >>> render([{"label": "Åland Islands"}])
    '{"label": "Åland Islands"}\\n'
    """
    return "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)


def main(argv: list[str] | None = None) -> int:
    """Write the file, or with ``--check`` report whether it is up to date."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    parser.add_argument("--output", type=Path, default=OUTPUT, help="file to write or check")
    args = parser.parse_args(argv)
    text = render(build_records())
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            print(f"{args.output} is out of date: run scripts/make_countries.py", file=sys.stderr)
            return 1
        return 0
    args.output.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
