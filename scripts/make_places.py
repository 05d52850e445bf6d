"""Regenerate ``ontologies/gazetteer/places.jsonl`` from pycountry and the curated tables below.

Places are sub-national: the first-level subdivisions (states, provinces, prefectures, Länder ...)
of the economies that matter for supply chains, taken from ISO 3166-2 via pycountry, and a
hand-made list of cities, industrial and port hubs, mines and regions. Every place names the
country it lies in, so "a fab in Kumamoto" resolves to Japan. pycountry supplies the subdivision
codes and ISO names (kept as aliases); the English label news uses, its other forms and every
omission are curated here, so a reviewer sees each hand-made choice in one place. A dev-time
tool: kg never imports it.

    python scripts/make_places.py            # rewrite the file
    python scripts/make_places.py --check    # exit 1 if the file is not what would be written
"""

# Place names are written as their countries write them, with letters ruff finds ambiguous
# (Turkish dotless i, the en dash of North Ossetia-Alania).
# ruff: noqa: RUF001, RUF002

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pycountry


def codes(text: str) -> list[str]:
    """The whitespace-separated codes of a table cell.

    >>> codes("US CN  JP")
    ['US', 'CN', 'JP']
    """
    return text.split()


# A place record as written to the file; pycountry's subdivision objects are untyped (Any).
Record = dict[str, Any]

GAZETTEER = Path(__file__).resolve().parent.parent / "ontologies" / "gazetteer"
OUTPUT = GAZETTEER / "places.jsonl"
COUNTRIES = GAZETTEER / "countries.jsonl"

# The economies whose subdivisions are listed (Singapore is a city-state and has none worth
# listing). Cities elsewhere (ports, mines) are in CITIES below.
ECONOMIES = codes(
    "US CN JP KR TW IN DE FR GB NL IT ES PL CZ HU SE FI CA MX BR CL AR AU ID MY VN TH PH RU UA "
    "TR SA AE ZA CD ZM IL"
)

# The ISO 3166-2 level taken as "first level", where it is not pycountry's top level: Indonesia's
# top level is seven geographical units (provinces sit below them); Hungary's lists its cities with
# county rights beside the counties.
LEVELS: dict[str, set[str]] = {
    "ID": {"Province", "Special region", "Capital district"},
    "HU": {"County", "Capital city"},
}

# How a subdivision's English short name becomes its label and generated aliases, by country or
# by "country:ISO type". "{}" is the short name; a bare "{}" alias gives the short name itself.
STYLES: dict[str, tuple[str, tuple[str, ...]]] = {
    "CN": ("{}", ("{} Province", "{} province")),
    "CN:Municipality": ("{}", ("{} Municipality",)),
    "JP": ("{} Prefecture", ("{} prefecture", "{}")),
    "KR": ("{} Province", ("{} province", "{}")),
    "KR:Metropolitan city": ("{}", ("{} Metropolitan City",)),
    "KR:Special self-governing city": ("{}", ("{} City",)),
    "TW:County": ("{} County", ("{} county", "{}")),
    "TW:City": ("{}", ("{} City",)),
    "TW:Special municipality": ("{}", ("{} City",)),
    "PL": ("{} Voivodeship", ("{} voivodeship",)),
    "CZ": ("{} Region", ("{} region",)),
    "HU": ("{} County", ("{} county",)),
    "SE": ("{} County", ("{} county",)),
    "CL": ("{} Region", ("{} region", "{}")),
    "AR": ("{} Province", ("{} province", "{}")),
    "VN": ("{}", ("{} Province", "{} province")),
    "VN:Municipality": ("{}", ("{} City",)),
    "TH": ("{}", ("{} Province", "{} province")),
    "RU:Administrative region": ("{} Oblast", ("{} oblast", "{} Region", "{} region")),
    "RU:Administrative territory": ("{} Krai", ("{} krai", "{} Territory")),
    "RU:Republic": ("{}", ("Republic of {}",)),
    "UA:Region": ("{} Oblast", ("{} oblast", "{} Region", "{} region")),
    "TR": ("{}", ("{} Province", "{} province")),
    "SA": ("{} Province", ("{} province", "{} Region", "{} region")),
    "AE": ("{}", ("Emirate of {}",)),
    "CD": ("{}", ("{} Province", "{} province")),
    "ZM": ("{} Province", ("{} province",)),
    "IL": ("{} District", ("{} district",)),
}
PLAIN_STYLE: tuple[str, tuple[str, ...]] = ("{}", ())

# One line per subdivision: code | English short name | aliases | QID. A blank name takes the ISO
# name; a name written "=X" is the whole label and gets no generated aliases. Lists are
# "; "-separated; an alias written "-X" drops X (an ISO name or a generated form) with its
# spelling variants. A line holding only the code takes everything from the ISO name and style;
# a backslash ends a line that goes on below.
SUBDIVISIONS = """
US-AK | Alaska
US-AL | Alabama | Ala.
US-AR | Arkansas | Ark.
US-AZ | Arizona | Ariz.
US-CA | California | Calif.
US-CO | Colorado | Colo.
US-CT | Connecticut | Conn.
US-DE | Delaware | Del.
US-FL | Florida | Fla.
US-HI | Hawaii
US-IA | Iowa
US-ID | Idaho
US-IL | Illinois | Ill.
US-IN | Indiana
US-KS | Kansas | Kan.
US-KY | Kentucky | Ky.
US-LA | Louisiana | La.
US-MA | Massachusetts | Mass.
US-MD | Maryland | Md.
US-ME | Maine
US-MI | Michigan | Mich.
US-MN | Minnesota | Minn.
US-MO | Missouri | Mo.
US-MS | Mississippi
US-MT | Montana | Mont.
US-NC | North Carolina | N.C.
US-ND | North Dakota | N.D.
US-NE | Nebraska | Neb.
US-NH | New Hampshire | N.H.
US-NJ | New Jersey | N.J.
US-NM | New Mexico | N.M.
US-NV | Nevada | Nev.
US-NY | New York | New York State; New York state; N.Y.
US-OH | Ohio
US-OK | Oklahoma | Okla.
US-OR | Oregon | Ore.
US-PA | Pennsylvania | Pa.
US-RI | Rhode Island | R.I.
US-SC | South Carolina | S.C.
US-SD | South Dakota | S.D.
US-TN | Tennessee | Tenn.
US-TX | Texas | Tex.
US-UT | Utah
US-VA | Virginia | Va.
US-VT | Vermont | Vt.
US-WA | =Washington State | Washington state; Wash.; -Washington
US-WI | Wisconsin | Wis.
US-WV | West Virginia | W.Va.; W. Va.
US-WY | Wyoming | Wyo.
CN-AH | Anhui
CN-CQ | Chongqing
CN-FJ | Fujian
CN-GD | Guangdong
CN-GS | Gansu
CN-GX | =Guangxi Zhuang Autonomous Region | Guangxi; Guangxi Autonomous Region
CN-GZ | Guizhou
CN-HA | Henan
CN-HB | Hubei
CN-HE | Hebei
CN-HI | Hainan
CN-HL | Heilongjiang
CN-HN | Hunan
CN-JL | Jilin
CN-JS | Jiangsu
CN-JX | Jiangxi
CN-LN | Liaoning
CN-NM | =Inner Mongolia Autonomous Region | Inner Mongolia
CN-NX | =Ningxia Hui Autonomous Region | Ningxia; Ningxia Autonomous Region
CN-QH | Qinghai
CN-SC | Sichuan
CN-SD | Shandong
CN-SH | Shanghai
CN-SN | Shaanxi
CN-SX | Shanxi
CN-TJ | Tianjin
CN-XJ | =Xinjiang Uyghur Autonomous Region | Xinjiang; XUAR; Xinjiang Uighur Autonomous Region; \
Xinjiang Autonomous Region; Xinjiang region
CN-XZ | =Tibet Autonomous Region | Tibet; Xizang; Xizang Autonomous Region
CN-YN | Yunnan
CN-ZJ | Zhejiang
JP-01 | =Hokkaido
JP-02 | Aomori
JP-03 | Iwate
JP-04 | Miyagi
JP-05 | Akita
JP-06 | Yamagata | -Yamagata
JP-07 | Fukushima
JP-08 | Ibaraki
JP-09 | Tochigi
JP-10 | Gunma
JP-11 | Saitama
JP-12 | Chiba | -Chiba
JP-14 | Kanagawa
JP-15 | Niigata
JP-16 | Toyama | -Toyama
JP-17 | Ishikawa | -Ishikawa
JP-18 | Fukui | -Fukui
JP-19 | Yamanashi
JP-20 | Nagano | -Nagano
JP-21 | Gifu
JP-22 | Shizuoka
JP-23 | Aichi
JP-24 | Mie
JP-25 | Shiga
JP-26 | Kyoto
JP-27 | Osaka
JP-28 | Hyogo | Hyōgo
JP-29 | Nara
JP-30 | Wakayama
JP-31 | Tottori
JP-32 | Shimane
JP-33 | Okayama
JP-34 | Hiroshima
JP-35 | Yamaguchi | -Yamaguchi
JP-36 | Tokushima
JP-37 | Kagawa | -Kagawa
JP-38 | Ehime
JP-39 | Kochi | Kōchi; -Kochi
JP-40 | Fukuoka
JP-41 | Saga | -Saga
JP-42 | Nagasaki
JP-43 | Kumamoto
JP-44 | Oita | Ōita
JP-45 | Miyazaki | -Miyazaki
JP-46 | Kagoshima
JP-47 | Okinawa
KR-26 | Busan | Pusan
KR-27 | Daegu | Taegu
KR-28 | Incheon | Inchon
KR-29 | Gwangju | Kwangju
KR-30 | Daejeon | Taejon
KR-31 | Ulsan
KR-41 | Gyeonggi | Gyeonggi-do; Kyonggi
KR-42 | =Gangwon Province | Gangwon; Gangwon State; Gangwon-do; Gangwon province
KR-43 | North Chungcheong | Chungcheongbuk-do; Chungbuk
KR-44 | South Chungcheong | Chungcheongnam-do; Chungnam
KR-45 | North Jeolla | Jeollabuk-do; Jeonbuk; Jeonbuk State
KR-46 | South Jeolla | Jeollanam-do; Jeonnam
KR-47 | North Gyeongsang | Gyeongsangbuk-do; Gyeongbuk
KR-48 | South Gyeongsang | Gyeongsangnam-do; Gyeongnam
KR-49 | =Jeju Province | Jeju; Jeju Island; Jeju-do; Jeju province
KR-50 | Sejong
TW-CHA | Changhua
TW-CYI | =Chiayi | Chiayi City
TW-CYQ | =Chiayi County | Chiayi county; -Chiayi
TW-HSQ | =Hsinchu County | Hsinchu county; -Hsinchu
TW-HSZ | =Hsinchu | Hsinchu City
TW-HUA | Hualien
TW-ILA | Yilan
TW-KEE | Keelung
TW-KHH | Kaohsiung
TW-KIN | Kinmen | Quemoy
TW-LIE | =Lienchiang County | Matsu Islands
TW-MIA | Miaoli
TW-NAN | Nantou
TW-NWT | New Taipei
TW-PEN | Penghu | Pescadores
TW-PIF | Pingtung
TW-TAO | Taoyuan
TW-TNN | Tainan
TW-TTT | Taitung
TW-TXG | Taichung
TW-YUN | Yunlin
IN-AN | Andaman and Nicobar Islands | Andaman and Nicobar
IN-AP | Andhra Pradesh
IN-AR | Arunachal Pradesh
IN-AS | Assam
IN-BR | Bihar
IN-CG | Chhattisgarh
IN-CH | Chandigarh
IN-DH | Dadra and Nagar Haveli and Daman and Diu
IN-GA | Goa
IN-GJ | Gujarat
IN-HP | Himachal Pradesh
IN-HR | Haryana
IN-JH | Jharkhand
IN-JK | Jammu and Kashmir | J&K
IN-KA | Karnataka
IN-KL | Kerala
IN-LA | Ladakh
IN-LD | Lakshadweep
IN-MH | Maharashtra
IN-ML | Meghalaya
IN-MN | Manipur
IN-MP | Madhya Pradesh
IN-MZ | Mizoram
IN-NL | Nagaland
IN-OD | Odisha | Orissa
IN-PB | =Punjab, India | Indian Punjab; -Punjab
IN-PY | Puducherry | Pondicherry
IN-RJ | Rajasthan
IN-SK | Sikkim
IN-TN | Tamil Nadu
IN-TR | Tripura
IN-TS | Telangana
IN-UK | Uttarakhand | Uttaranchal
IN-UP | Uttar Pradesh
IN-WB | West Bengal
DE-BB | Brandenburg
DE-BW | Baden-Württemberg
DE-BY | Bavaria | Free State of Bavaria; -Bayern
DE-HB | Bremen | Free Hanseatic City of Bremen
DE-HE | Hesse | Hessen
DE-HH | Hamburg | Free and Hanseatic City of Hamburg
DE-MV | Mecklenburg-Western Pomerania | Mecklenburg-West Pomerania
DE-NI | Lower Saxony
DE-NW | North Rhine-Westphalia | North Rhine Westphalia; NRW
DE-RP | Rhineland-Palatinate
DE-SH | Schleswig-Holstein
DE-SL | Saarland
DE-SN | Saxony | Free State of Saxony
DE-ST | Saxony-Anhalt
DE-TH | Thuringia | Free State of Thuringia
FR-20R | Corsica
FR-ARA | Auvergne-Rhône-Alpes
FR-BFC | Bourgogne-Franche-Comté | Burgundy-Franche-Comté
FR-BRE | Brittany
FR-CVL | Centre-Val de Loire
FR-GES | Grand Est
FR-HDF | Hauts-de-France
FR-IDF | Île-de-France | Paris region; Paris Region
FR-NAQ | Nouvelle-Aquitaine
FR-NOR | Normandy
FR-OCC | Occitanie | Occitania
FR-PAC | Provence-Alpes-Côte d'Azur | PACA
FR-PDL | Pays de la Loire
GB-ENG | England
GB-NIR | Northern Ireland
GB-SCT | Scotland
GB-WLS | Wales
NL-DR | Drenthe
NL-FL | Flevoland
NL-FR | Friesland
NL-GE | Gelderland
NL-GR | Groningen
NL-LI | =Limburg, Netherlands | Dutch Limburg; -Limburg
NL-NB | North Brabant
NL-NH | North Holland
NL-OV | Overijssel
NL-UT | Utrecht
NL-ZE | Zeeland
NL-ZH | South Holland
IT-21 | Piedmont
IT-23 | Aosta Valley | Vallée d'Aoste
IT-25 | Lombardy
IT-32 | Trentino-South Tyrol | Trentino-Alto Adige/Südtirol
IT-34 | Veneto
IT-36 | Friuli-Venezia Giulia
IT-42 | Liguria
IT-45 | Emilia-Romagna
IT-52 | Tuscany
IT-55 | Umbria
IT-57 | Marche
IT-62 | Lazio | Latium
IT-65 | Abruzzo
IT-67 | Molise
IT-72 | Campania
IT-75 | Apulia
IT-77 | Basilicata
IT-78 | Calabria
IT-82 | Sicily
IT-88 | Sardinia
ES-AN | Andalusia
ES-AR | Aragon
ES-AS | Asturias | Principality of Asturias
ES-CB | Cantabria
ES-CE | Ceuta
ES-CL | Castile and León
ES-CM | Castilla-La Mancha | Castile-La Mancha
ES-CN | Canary Islands | Canaries
ES-CT | Catalonia
ES-EX | Extremadura
ES-GA | Galicia
ES-IB | Balearic Islands | Balearics
ES-MC | =Region of Murcia | Región de Murcia; Murcia region; Murcia
ES-MD | =Community of Madrid | Comunidad de Madrid; Madrid region
ES-ML | Melilla
ES-NC | Navarre | Navarra
ES-PV | Basque Country | Euskadi
ES-RI | La Rioja
ES-VC | =Valencian Community | Comunitat Valenciana; Comunidad Valenciana; Valencia region
PL-02 | Lower Silesian | Lower Silesia
PL-04 | Kuyavian-Pomeranian
PL-06 | Lublin
PL-08 | Lubusz
PL-10 | Łódź
PL-12 | Lesser Poland | Małopolska
PL-14 | Masovian | Masovia; Mazovia
PL-16 | Opole
PL-18 | Subcarpathian | Subcarpathia
PL-20 | Podlaskie
PL-22 | Pomeranian
PL-24 | Silesian
PL-26 | Świętokrzyskie
PL-28 | Warmian-Masurian | Warmia-Masuria
PL-30 | Greater Poland | Wielkopolska
PL-32 | West Pomeranian
CZ-20 | Central Bohemian
CZ-31 | South Bohemian
CZ-32 | Plzeň | Pilsen Region
CZ-41 | Karlovy Vary
CZ-42 | Ústí nad Labem
CZ-51 | Liberec
CZ-52 | Hradec Králové
CZ-53 | Pardubice
CZ-63 | =Vysočina Region | Vysočina
CZ-64 | South Moravian
CZ-71 | Olomouc
CZ-72 | Zlín
CZ-80 | Moravian-Silesian
HU-BA | Baranya
HU-BE | Békés
HU-BK | Bács-Kiskun
HU-BZ | Borsod-Abaúj-Zemplén
HU-CS | Csongrád-Csanád
HU-FE | Fejér
HU-GS | Győr-Moson-Sopron
HU-HB | Hajdú-Bihar
HU-HE | Heves
HU-JN | Jász-Nagykun-Szolnok
HU-KE | Komárom-Esztergom
HU-NO | Nógrád
HU-PE | Pest | -Pest
HU-SO | Somogy
HU-SZ | Szabolcs-Szatmár-Bereg
HU-TO | Tolna
HU-VA | Vas | -Vas
HU-VE | Veszprém
HU-ZA | Zala
SE-AB | Stockholm
SE-AC | Västerbotten
SE-BD | Norrbotten
SE-C | Uppsala
SE-D | Södermanland
SE-E | Östergötland
SE-F | Jönköping
SE-G | Kronoberg
SE-H | Kalmar
SE-I | Gotland | Gotland
SE-K | Blekinge
SE-M | Skåne | Skåne
SE-N | Halland
SE-O | Västra Götaland
SE-S | Värmland
SE-T | Örebro
SE-U | Västmanland
SE-W | Dalarna
SE-X | Gävleborg
SE-Y | Västernorrland
SE-Z | Jämtland
FI-02 | South Karelia
FI-03 | South Ostrobothnia
FI-04 | South Savo
FI-05 | Kainuu
FI-06 | Kanta-Häme | Tavastia Proper
FI-07 | Central Ostrobothnia
FI-08 | Central Finland
FI-09 | Kymenlaakso
FI-10 | =Lapland, Finland | Finnish Lapland
FI-11 | Pirkanmaa
FI-12 | Ostrobothnia
FI-13 | North Karelia
FI-14 | North Ostrobothnia
FI-15 | North Savo
FI-16 | Päijät-Häme
FI-17 | Satakunta
FI-18 | Uusimaa
FI-19 | Southwest Finland | Finland Proper
CA-AB | Alberta
CA-BC | British Columbia | B.C.
CA-MB | Manitoba
CA-NB | New Brunswick
CA-NL | Newfoundland and Labrador | Newfoundland
CA-NS | Nova Scotia
CA-NT | Northwest Territories
CA-NU | Nunavut
CA-ON | Ontario
CA-PE | Prince Edward Island | P.E.I.
CA-QC | Quebec | Québec
CA-SK | Saskatchewan
CA-YT | Yukon
MX-AGU | Aguascalientes
MX-BCN | Baja California
MX-BCS | Baja California Sur
MX-CAM | Campeche
MX-CHH | Chihuahua
MX-CHP | Chiapas
MX-COA | Coahuila
MX-COL | Colima
MX-DUR | Durango
MX-GRO | =Guerrero State | Guerrero state; State of Guerrero; -Guerrero
MX-GUA | Guanajuato
MX-HID | =Hidalgo State | Hidalgo state; State of Hidalgo; -Hidalgo
MX-JAL | Jalisco
MX-MEX | =State of Mexico | Estado de México; Edomex; -México
MX-MIC | Michoacán
MX-MOR | Morelos
MX-NAY | Nayarit
MX-NLE | Nuevo León
MX-OAX | Oaxaca
MX-PUE | Puebla
MX-QUE | Querétaro
MX-ROO | Quintana Roo
MX-SIN | Sinaloa
MX-SLP | San Luis Potosí
MX-SON | Sonora
MX-TAB | Tabasco
MX-TAM | Tamaulipas
MX-TLA | Tlaxcala
MX-VER | Veracruz
MX-YUC | Yucatán
MX-ZAC | Zacatecas
BR-AC | =Acre State | Acre state; State of Acre; -Acre
BR-AL | Alagoas
BR-AM | Amazonas
BR-AP | Amapá
BR-BA | Bahia
BR-CE | Ceará
BR-ES | Espírito Santo
BR-GO | Goiás
BR-MA | Maranhão
BR-MG | Minas Gerais
BR-MS | Mato Grosso do Sul
BR-MT | Mato Grosso
BR-PA | Pará | -Para
BR-PB | Paraíba
BR-PE | Pernambuco
BR-PI | Piauí
BR-PR | Paraná
BR-RJ | =Rio de Janeiro State | Rio de Janeiro state; State of Rio de Janeiro
BR-RN | Rio Grande do Norte
BR-RO | Rondônia
BR-RR | Roraima
BR-RS | Rio Grande do Sul
BR-SC | Santa Catarina
BR-SE | Sergipe
BR-SP | =São Paulo State | São Paulo state; State of São Paulo
BR-TO | Tocantins
CL-AI | Aysén
CL-AN | Antofagasta
CL-AP | Arica y Parinacota
CL-AR | Araucanía | La Araucanía
CL-AT | Atacama | -Atacama
CL-BI | Biobío | Bío Bío
CL-CO | Coquimbo
CL-LI | O'Higgins | -O'Higgins
CL-LL | Los Lagos
CL-LR | Los Ríos
CL-MA | Magallanes
CL-ML | Maule
CL-NB | Ñuble
CL-RM | =Santiago Metropolitan Region | Metropolitan Region of Santiago
CL-TA | Tarapacá
CL-VS | Valparaíso
AR-A | Salta
AR-B | Buenos Aires | -Buenos Aires
AR-D | San Luis | -San Luis
AR-E | Entre Ríos
AR-F | La Rioja | -La Rioja
AR-G | Santiago del Estero
AR-H | Chaco | -Chaco
AR-J | San Juan | -San Juan
AR-K | Catamarca
AR-L | La Pampa
AR-M | Mendoza | -Mendoza
AR-N | Misiones
AR-P | Formosa | -Formosa
AR-Q | Neuquén
AR-R | Río Negro | -Río Negro
AR-S | Santa Fe | -Santa Fe
AR-T | Tucumán
AR-U | Chubut
AR-V | Tierra del Fuego | -Tierra del Fuego
AR-W | Corrientes
AR-X | Córdoba | -Córdoba
AR-Y | Jujuy
AR-Z | Santa Cruz | -Santa Cruz
AU-NSW | New South Wales | NSW | Q3224
AU-NT | Northern Territory |  | Q3235
AU-QLD | Queensland |  | Q36074
AU-SA | South Australia |  | Q35715
AU-TAS | Tasmania |  | Q34366
AU-VIC | =State of Victoria | Victoria, Australia; Victoria state; -Victoria | Q36687
AU-WA | Western Australia |  | Q3206
ID-AC | Aceh
ID-BA | Bali
ID-BB | Bangka Belitung Islands | Bangka Belitung; Bangka-Belitung
ID-BE | Bengkulu
ID-BT | Banten
ID-GO | Gorontalo
ID-JA | Jambi
ID-JB | West Java
ID-JI | East Java
ID-JT | Central Java
ID-KB | West Kalimantan
ID-KI | East Kalimantan
ID-KR | Riau Islands
ID-KS | South Kalimantan
ID-KT | Central Kalimantan
ID-KU | North Kalimantan
ID-LA | Lampung
ID-MA | Maluku | Moluccas
ID-MU | North Maluku
ID-NB | West Nusa Tenggara
ID-NT | East Nusa Tenggara
ID-PA | Papua
ID-PB | West Papua
ID-PD | Southwest Papua
ID-PE | Highland Papua
ID-PS | South Papua
ID-PT | Central Papua
ID-RI | Riau
ID-SA | North Sulawesi
ID-SB | West Sumatra
ID-SG | Southeast Sulawesi
ID-SN | South Sulawesi
ID-SR | West Sulawesi
ID-SS | South Sumatra
ID-ST | Central Sulawesi
ID-SU | North Sumatra
ID-YO | Yogyakarta | Special Region of Yogyakarta
MY-01 | Johor
MY-02 | Kedah
MY-03 | Kelantan
MY-04 | Malacca
MY-05 | Negeri Sembilan
MY-06 | Pahang
MY-07 | Penang
MY-08 | Perak
MY-09 | Perlis
MY-10 | Selangor
MY-11 | Terengganu
MY-12 | Sabah
MY-13 | Sarawak
MY-15 | Labuan | Federal Territory of Labuan
VN-01 | Lai Chau
VN-02 | Lao Cai
VN-03 | Ha Giang
VN-04 | Cao Bang
VN-05 | Son La
VN-06 | Yen Bai
VN-07 | Tuyen Quang
VN-09 | Lang Son
VN-13 | Quang Ninh
VN-14 | Hoa Binh
VN-18 | Ninh Binh
VN-20 | Thai Binh
VN-21 | Thanh Hoa
VN-22 | Nghe An
VN-23 | Ha Tinh
VN-24 | Quang Binh
VN-25 | Quang Tri
VN-26 | Thua Thien Hue
VN-27 | Quang Nam
VN-28 | Kon Tum
VN-29 | Quang Ngai
VN-30 | Gia Lai
VN-31 | Binh Dinh
VN-32 | Phu Yen
VN-33 | Dak Lak
VN-34 | Khanh Hoa
VN-35 | Lam Dong
VN-36 | Ninh Thuan
VN-37 | Tay Ninh
VN-39 | Dong Nai
VN-40 | Binh Thuan
VN-41 | Long An
VN-43 | Ba Ria-Vung Tau | Ba Ria Vung Tau
VN-44 | An Giang
VN-45 | Dong Thap
VN-46 | Tien Giang
VN-47 | Kien Giang
VN-49 | Vinh Long
VN-50 | Ben Tre
VN-51 | Tra Vinh
VN-52 | Soc Trang
VN-53 | Bac Kan
VN-54 | Bac Giang
VN-55 | Bac Lieu
VN-56 | Bac Ninh
VN-57 | Binh Duong
VN-58 | Binh Phuoc
VN-59 | Ca Mau
VN-61 | Hai Duong
VN-63 | Ha Nam
VN-66 | Hung Yen
VN-67 | Nam Dinh
VN-68 | Phu Tho
VN-69 | Thai Nguyen
VN-70 | Vinh Phuc
VN-71 | Dien Bien
VN-72 | Dak Nong
VN-73 | Hau Giang
VN-CT | Can Tho
VN-DN | Da Nang | Danang
VN-HP | Haiphong | Hai Phong
VN-SG | =Ho Chi Minh City | HCMC; Saigon; -Hồ Chí Minh
TH-11 | Samut Prakan
TH-12
TH-13 | Pathum Thani
TH-14 | Ayutthaya
TH-15 | Ang Thong
TH-16 | Lopburi
TH-17 | Sing Buri
TH-18 | Chai Nat
TH-19 | Saraburi
TH-20 | Chonburi
TH-21 | Rayong
TH-22 | Chanthaburi
TH-23 | Trat
TH-24 | Chachoengsao
TH-25 | Prachinburi
TH-26 | Nakhon Nayok
TH-27 | Sa Kaeo
TH-30 | Nakhon Ratchasima | Korat
TH-31 | Buriram
TH-32 | Surin
TH-33 | Sisaket
TH-34 | Ubon Ratchathani
TH-35 | Yasothon
TH-36 | Chaiyaphum
TH-37 | Amnat Charoen
TH-38 | Bueng Kan
TH-39 | Nong Bua Lamphu
TH-40 | Khon Kaen
TH-41 | Udon Thani
TH-42 | Loei
TH-43 | Nong Khai
TH-44 | Maha Sarakham
TH-45 | Roi Et
TH-46 | Kalasin
TH-47 | Sakon Nakhon
TH-48 | Nakhon Phanom
TH-49 | Mukdahan
TH-50 | Chiang Mai
TH-51 | Lamphun
TH-52 | Lampang
TH-53 | Uttaradit
TH-54 | Phrae
TH-55 | =Nan Province | Nan province; -Nan
TH-56 | Phayao
TH-57 | Chiang Rai
TH-58 | Mae Hong Son
TH-60 | Nakhon Sawan
TH-61 | Uthai Thani
TH-62 | Kamphaeng Phet
TH-63 | =Tak Province | Tak province; -Tak
TH-64 | Sukhothai
TH-65 | Phitsanulok
TH-66 | Phichit
TH-67 | Phetchabun
TH-70 | Ratchaburi
TH-71 | Kanchanaburi
TH-72 | Suphanburi
TH-73 | Nakhon Pathom
TH-74 | Samut Sakhon
TH-75 | Samut Songkhram
TH-76 | Phetchaburi
TH-77 | Prachuap Khiri Khan
TH-80 | Nakhon Si Thammarat
TH-81 | Krabi
TH-82 | Phang Nga
TH-83 | Phuket
TH-84 | Surat Thani
TH-85 | Ranong
TH-86 | Chumphon
TH-90 | Songkhla
TH-91 | Satun
TH-92 | Trang
TH-93 | Phatthalung
TH-94 | Pattani
TH-95 | Yala
TH-96 | Narathiwat
TH-S | =Pattaya | Pattaya City
PH-01 | =Ilocos Region
PH-02 | Cagayan Valley
PH-03 | Central Luzon
PH-05 | =Bicol Region | Bicol
PH-06 | Western Visayas
PH-07 | Central Visayas
PH-08 | Eastern Visayas
PH-09 | Zamboanga Peninsula
PH-10 | Northern Mindanao
PH-11 | =Davao Region
PH-12 | Soccsksargen | SOCCSKSARGEN
PH-13 | Caraga
PH-14 | =Bangsamoro | BARMM; Bangsamoro Autonomous Region in Muslim Mindanao; ARMM
PH-15 | =Cordillera Administrative Region
PH-40 | Calabarzon | CALABARZON
PH-41 | Mimaropa | MIMAROPA
RU-AD | Adygea
RU-AL | =Altai Republic
RU-ALT | Altai
RU-AMU | Amur
RU-ARK | Arkhangelsk
RU-AST | Astrakhan
RU-BA | Bashkortostan | Bashkiria
RU-BEL | Belgorod
RU-BRY | Bryansk
RU-BU | Buryatia
RU-CE | =Chechnya | Chechen Republic
RU-CHE | Chelyabinsk
RU-CHU | =Chukotka | Chukotka Autonomous Okrug
RU-CU | =Chuvashia | Chuvash Republic
RU-DA | Dagestan
RU-IN | Ingushetia
RU-IRK | Irkutsk
RU-IVA | Ivanovo
RU-KAM | Kamchatka
RU-KB | =Kabardino-Balkaria | Kabardino-Balkar Republic
RU-KC | =Karachay-Cherkessia | Karachay-Cherkess Republic
RU-KDA | Krasnodar
RU-KEM | Kemerovo | Kuzbass
RU-KGD | Kaliningrad
RU-KGN | Kurgan
RU-KHA | Khabarovsk
RU-KHM | =Khanty-Mansi Autonomous Okrug | Khanty-Mansi; Yugra
RU-KIR | Kirov
RU-KK | Khakassia
RU-KL | Kalmykia
RU-KLU | Kaluga
RU-KO | =Komi Republic | Komi
RU-KOS | Kostroma
RU-KR | Karelia
RU-KRS | Kursk
RU-KYA | Krasnoyarsk
RU-LEN | Leningrad
RU-LIP | Lipetsk
RU-MAG | Magadan
RU-ME | =Mari El | Mari El Republic
RU-MO | Mordovia
RU-MOS | Moscow
RU-MUR | Murmansk
RU-NEN | =Nenets Autonomous Okrug
RU-NGR | Novgorod
RU-NIZ | Nizhny Novgorod
RU-NVS | Novosibirsk
RU-OMS | Omsk
RU-ORE | Orenburg
RU-ORL | Oryol
RU-PER | Perm
RU-PNZ | Penza
RU-PRI | Primorsky | Primorye
RU-PSK | Pskov
RU-ROS | Rostov
RU-RYA | Ryazan
RU-SA | =Sakha Republic | Yakutia; Sakha
RU-SAK | Sakhalin | Sakhalin
RU-SAM | Samara
RU-SAR | Saratov
RU-SE | =North Ossetia–Alania | North Ossetia; North Ossetia-Alania
RU-SMO | Smolensk
RU-SPE | =Saint Petersburg | St. Petersburg; St Petersburg
RU-STA | Stavropol
RU-SVE | Sverdlovsk
RU-TA | Tatarstan
RU-TAM | Tambov
RU-TOM | Tomsk
RU-TUL | Tula
RU-TVE | Tver
RU-TY | =Tuva | Tyva; Tuva Republic
RU-TYU | Tyumen
RU-UD | =Udmurtia | Udmurt Republic
RU-ULY | Ulyanovsk
RU-VGG | Volgograd
RU-VLA | Vladimir
RU-VLG | Vologda
RU-VOR | Voronezh
RU-YAN | =Yamalo-Nenets Autonomous Okrug | Yamalo-Nenets
RU-YAR | Yaroslavl
RU-YEV | =Jewish Autonomous Oblast
RU-ZAB | Zabaykalsky | Transbaikalia
UA-05 | Vinnytsia
UA-07 | Volyn
UA-09 | Luhansk
UA-12 | Dnipropetrovsk
UA-14 | Donetsk
UA-18 | Zhytomyr
UA-21 | Zakarpattia
UA-23 | Zaporizhzhia
UA-26 | Ivano-Frankivsk
UA-32 | Kyiv
UA-35 | Kirovohrad
UA-40 | =Sevastopol
UA-43 | =Crimea | Autonomous Republic of Crimea; Crimean Peninsula
UA-46 | Lviv
UA-48 | Mykolaiv
UA-51 | Odesa
UA-53 | Poltava
UA-56 | Rivne
UA-59 | Sumy
UA-61 | Ternopil
UA-63 | Kharkiv
UA-65 | Kherson
UA-68 | Khmelnytskyi
UA-71 | Cherkasy
UA-74 | Chernihiv
UA-77 | Chernivtsi
TR-01
TR-02
TR-03 | Afyonkarahisar | Afyon
TR-04 | Ağrı | -Agri
TR-05
TR-06 | =Ankara Province | Ankara province; -Ankara
TR-07
TR-08
TR-09
TR-10
TR-11
TR-12
TR-13
TR-14
TR-15
TR-16
TR-17
TR-18
TR-19
TR-20
TR-21
TR-22
TR-23
TR-24
TR-25
TR-26
TR-27
TR-28
TR-29
TR-30
TR-31
TR-32
TR-33
TR-34 | Istanbul
TR-35 | Izmir
TR-36
TR-37
TR-38
TR-39
TR-40
TR-41 | Kocaeli | İzmit
TR-42
TR-43
TR-44
TR-45
TR-46
TR-47
TR-48
TR-49 | Muş | -Mus
TR-50
TR-51
TR-52
TR-53
TR-54
TR-55
TR-56
TR-57
TR-58
TR-59
TR-60
TR-61
TR-62
TR-63 | Şanlıurfa | Urfa
TR-64
TR-65 | =Van Province | Van province; -Van
TR-66
TR-67
TR-68
TR-69
TR-70
TR-71
TR-72 | =Batman Province | Batman province; -Batman
TR-73
TR-74
TR-75
TR-76
TR-77
TR-78
TR-79
TR-80
TR-81
SA-01 | Riyadh
SA-02 | Makkah | Mecca Province; Mecca Region
SA-03 | Medina | Al Madinah Province; Madinah Province
SA-04 | =Eastern Province | Eastern Province of Saudi Arabia; Ash Sharqiyah
SA-05 | Al-Qassim | Qassim Province; Qassim Region; Qassim
SA-06 | Ha'il | Hail Province; Hail Region
SA-07 | Tabuk | Tabuk
SA-08 | Northern Borders
SA-09 | Jazan | Jizan Province; Jazan
SA-10 | Najran | Najran
SA-11 | Al-Bahah | Al Bahah Province
SA-12 | Al-Jawf | Al Jouf Province; -Al Jawf
SA-14 | Asir | Asir
AE-AJ | Ajman
AE-AZ | =Emirate of Abu Dhabi | Abu Dhabi emirate
AE-DU | Dubai
AE-FU | Fujairah
AE-RK | Ras Al Khaimah | Ras al-Khaimah; Ras al Khaimah
AE-SH | Sharjah
AE-UQ | Umm Al Quwain | Umm al-Quwain
ZA-EC | Eastern Cape
ZA-FS | Free State
ZA-GP | Gauteng
ZA-KZN | KwaZulu-Natal | KZN
ZA-LP | Limpopo
ZA-MP | Mpumalanga
ZA-NC | Northern Cape
ZA-NW | =North West Province | North West province; -North-West
ZA-WC | Western Cape
CD-BC | Kongo Central | Bas-Congo
CD-BU | Bas-Uélé
CD-EQ | Équateur
CD-HK | Haut-Katanga | Upper Katanga
CD-HL | Haut-Lomami
CD-HU | Haut-Uélé
CD-IT | Ituri
CD-KC | Kasai-Central | Kasai Central
CD-KE | Kasai-Oriental | Kasai Oriental
CD-KG | Kwango
CD-KL | Kwilu
CD-KS | Kasai
CD-LO | Lomami
CD-LU | Lualaba
CD-MA | Maniema
CD-MN | Mai-Ndombe
CD-MO | Mongala
CD-NK | North Kivu | Nord-Kivu
CD-NU | Nord-Ubangi | North Ubangi
CD-SA | Sankuru
CD-SK | South Kivu | Sud-Kivu
CD-SU | Sud-Ubangi | South Ubangi
CD-TA | =Tanganyika Province | Tanganyika province; -Tanganyika
CD-TO | Tshopo
CD-TU | Tshuapa
ZM-04 | Luapula
ZM-06 | North-Western | -North-Western
ZM-08 | Copperbelt | -Copperbelt
ZM-09 | Lusaka | -Lusaka
ZM-10 | Muchinga
IL-HA | Haifa
IL-TA | Tel Aviv
"""

# Subdivisions left out, and why. Each is reported in the README.
CAPITAL = "the capital: countries.jsonl lists it as the country's metonym"
OWN_ENTRY = "an ISO 3166-1 entry of its own in countries.jsonl"
GENERIC = "a generic name (Central, Eastern, Southern ...) that names places in many countries"
SKIPPED: dict[str, str] = {
    **dict.fromkeys(
        codes(
            "US-DC CN-BJ JP-13 KR-11 TW-TPE IN-DL DE-BE CZ-10 HU-BU MX-CMX BR-DF AR-C AU-ACT "
            "ID-JK MY-14 MY-16 VN-HN TH-10 PH-00 RU-MOW UA-30 CD-KN"
        ),
        CAPITAL,
    ),
    **dict.fromkeys(
        codes(
            "US-AS US-GU US-MP US-PR US-UM US-VI CN-HK CN-MO CN-TW FR-971 FR-972 FR-973 FR-974 "
            "FR-976 FR-BL FR-MF FR-NC FR-PF FR-PM FR-TF FR-WF NL-AW NL-CW NL-SX FI-01"
        ),
        OWN_ENTRY,
    ),
    **dict.fromkeys(codes("ZM-01 ZM-02 ZM-03 ZM-05 ZM-07 IL-D IL-M IL-Z"), GENERIC),
    "US-GA": "'Georgia' is the country Georgia (countries.jsonl); the state cannot share the name",
    "NL-BQ1": "part of the ISO 3166-1 entry Caribbean Netherlands",
    "NL-BQ2": "part of the ISO 3166-1 entry Caribbean Netherlands",
    "NL-BQ3": "part of the ISO 3166-1 entry Caribbean Netherlands",
    "FR-CP": "Clipperton: an uninhabited atoll",
    "IL-JM": "Jerusalem: its status is disputed and countries.jsonl gives Israel no capital",
}

# Cities, industrial and port hubs, mines and regions: label | ISO alpha-2 | aliases | QID.
# Capitals are not repeated (countries.jsonl has them). Names that are common words or personal
# names carry their state or province ("Taylor, Texas", "Mobile, Alabama"); a bare name shared
# with a subdivision of the same country belongs to the city (see yield_to_cities).
CITIES = """
Albany | US
Albuquerque | US
Anchorage | US
Atlanta | US
Austin | US | Austin, Texas
Bakersfield | US
Baltimore | US
Baton Rouge | US
Baytown | US
Beaumont | US
Bentonville | US
Bingham Canyon | US
Boise | US
Boston | US
Bowling Green | US
Brownsville | US
Cambridge, Massachusetts | US
Canton, Mississippi | US
Cartersville, Georgia | US
Chandler | US | Chandler, Arizona; Chandler, Ariz.
Charleston | US | Charleston, South Carolina
Charlotte, North Carolina | US
Chattanooga | US
Chicago | US
Cincinnati | US
Clarksville | US
Clay, New York | US
Cleveland | US
Colorado Springs | US
Columbus | US | Columbus, Ohio
Commerce, Georgia | US
Corpus Christi | US
Cupertino | US
Dallas | US
Dalton, Georgia | US
De Soto, Kansas | US
Dearborn | US
Denver | US
Detroit | US
Durham, North Carolina | US
El Paso | US
Ellabell | US
Fort Worth | US
Fremont | US | Fremont, California
Freeport, Texas | US
Georgetown, Kentucky | US
Glendale, Kentucky | US
Greensboro | US
Greer, South Carolina | US
Hartford | US
Hillsboro | US | Hillsboro, Oregon
Honolulu | US
Houston | US
Huntsville | US
Indianapolis | US
Irvine | US
Jacksonville | US
Kansas City | US
Kings Mountain | US
Kokomo | US
Lake Charles | US
Lansing | US
Laredo | US
Las Vegas | US
Lehi | US
Liberty, North Carolina | US
Livermore | US
Long Beach | US
Lordstown | US
Los Angeles | US | L.A.
Louisville | US
Manassas | US
Marshall, Michigan | US
Marysville | US | Marysville, Ohio
Memphis | US
Menlo Park | US
Miami | US
Milpitas | US
Milwaukee | US
Minneapolis | US
Mobile, Alabama | US
Montgomery, Alabama | US
Moses Lake | US
Mount Pleasant, Wisconsin | US
Mountain Pass | US
Mountain View | US
Nashville | US
New Albany | US | New Albany, Ohio
New Carlisle | US
New Orleans | US
New York City | US | NYC
Newark | US
Newport News | US
Norfolk, Virginia | US
Normal, Illinois | US
Oakland | US
Oklahoma City | US
Omaha | US
Palo Alto | US
Permian Basin | US
Philadelphia | US
Phoenix | US
Pittsburgh | US
Port Arthur | US
Portland | US | Portland, Oregon
Princeton | US
Raleigh | US
Redmond, Washington | US
Reno | US
Research Triangle | US | Research Triangle Park
Richardson, Texas | US
Rio Rancho | US
Rochester | US
Sabine Pass | US
Sacramento | US
Salt Lake City | US
Salton Sea | US
San Antonio | US
San Diego | US
San Francisco | US
San Jose | US | San Jose, California
Santa Clara | US
Savannah | US
Seattle | US
Sherman, Texas | US
Silicon Valley | US
Silver Peak | US
Smyrna, Tennessee | US
Spartanburg | US
Sparks, Nevada | US
Spring Hill, Tennessee | US
Spruce Pine | US
St. Louis | US | St Louis
Stanton, Tennessee | US
Starbase | US
Sunnyvale | US
Syracuse | US
Tacoma | US
Tampa | US
Taylor, Texas | US
Thacker Pass | US
Tucson | US
Tulsa | US
Tuscaloosa | US
Vidalia | US | Vidalia, Louisiana
Warren, Michigan | US
West Lafayette | US
Wichita | US
Baoding | CN
Baotou | CN
Bayan Obo | CN
Caofeidian | CN
Changchun | CN
Changsha | CN
Changzhou | CN
Chengdu | CN
Dalian | CN
Dongguan | CN
Foshan | CN
Fuzhou | CN
Ganzhou | CN
Greater Bay Area | CN | Guangdong-Hong Kong-Macao Greater Bay Area
Guangzhou | CN
Guiyang | CN
Haikou | CN
Hangzhou | CN
Harbin | CN
Hefei | CN
Hohhot | CN
Huizhou | CN
Jiangyin | CN
Jiaxing | CN
Jinan | CN
Jinchang | CN
Kashgar | CN | Kashi
Kunming | CN
Kunshan | CN
Lanzhou | CN
Lhasa | CN
Lianyungang | CN
Lingang | CN
Liuzhou | CN
Luoyang | CN
Mianyang | CN
Nanchang | CN
Nanjing | CN
Nanning | CN
Nansha | CN
Nantong | CN
Ningbo | CN | Ningbo-Zhoushan
Ningde | CN
Ordos | CN
Pearl River Delta | CN
Pudong | CN
Qingdao | CN
Quanzhou | CN
Rizhao | CN
Shantou | CN
Shaoxing | CN
Shenyang | CN
Shenzhen | CN
Shihezi | CN
Shijiazhuang | CN
Suining | CN
Suzhou | CN
Taiyuan | CN
Tangshan | CN
Tongling | CN
Urumqi | CN | Ürümqi
Weifang | CN
Wenzhou | CN
Wuhan | CN
Wuhu | CN
Wuxi | CN
Xi'an | CN | Xian
Xiamen | CN
Xining | CN
Xiong'an | CN | Xiong'an New Area; Xiongan
Xuzhou | CN
Yancheng | CN
Yangshan | CN
Yangtze River Delta | CN
Yantai | CN
Yantian | CN
Yibin | CN
Yichun | CN
Yinchuan | CN
Zhangjiagang | CN
Zhanjiang | CN
Zhaoqing | CN
Zhengzhou | CN
Zhongshan | CN
Zhuhai | CN
Zhuzhou | CN
Chitose | JP
Chubu | JP
Fukuoka | JP
Himeji | JP
Hiroshima | JP
Honshu | JP
Isahaya | JP
Kadoma | JP
Kameyama | JP
Kanazawa | JP
Kansai | JP
Kanto | JP
Kariya | JP
Kashiwazaki-Kariwa | JP
Kikuyo | JP
Kitakami | JP
Kitakyushu | JP
Kobe | JP
Kumamoto | JP
Kurashiki | JP
Kyoto | JP
Kyushu | JP
Nagasaki | JP
Nagoya | JP
Osaka | JP
Rokkasho | JP
Sakai | JP
Sapporo | JP
Sendai | JP
Shikoku | JP
Tohoku | JP
Tomakomai | JP
Toyota City | JP
Tsukuba | JP
Yokkaichi | JP
Yokohama | JP
Yokosuka | JP
Asan | KR
Changwon | KR
Cheonan | KR
Cheongju | KR
Dangjin | KR
Geoje | KR
Giheung | KR
Gumi | KR
Gunsan | KR
Gwangyang | KR
Hwaseong | KR
Icheon | KR
Mokpo | KR
Ochang | KR
Okpo | KR
Paju | KR
Pangyo | KR
Pohang | KR
Pyeongtaek | KR
Saemangeum | KR
Seosan | KR
Songdo | KR
Suwon | KR
Yeosu | KR
Yongin | KR
Central Taiwan Science Park | TW
Hsinchu Science Park | TW
Longtan | TW
Southern Taiwan Science Park | TW
Zhubei | TW
Zhunan | TW
Ahmedabad | IN
Bengaluru | IN | Bangalore
Bhubaneswar | IN
Bidadi | IN
Chakan | IN
Chennai | IN | Madras
Coimbatore | IN
Dahej | IN
Dholera | IN
GIFT City | IN | Gujarat International Finance Tec-City
Gandhinagar | IN
Greater Noida | IN
Gurugram | IN | Gurgaon
Guwahati | IN
Hazira | IN
Hosur | IN
Hyderabad | IN
Indore | IN
Jaipur | IN
Jamnagar | IN
Jamshedpur | IN
Kandla | IN
Kanpur | IN
Kochi | IN | Cochin
Kolkata | IN | Calcutta
Lucknow | IN
Ludhiana | IN
Mangaluru | IN | Mangalore
Manesar | IN
Morigaon | IN
Mumbai | IN | Bombay
Mundra | IN
Mysuru | IN | Mysore
Nagpur | IN
Nhava Sheva | IN | Jawaharlal Nehru Port; JNPT
Noida | IN
Oragadam | IN
Paradip | IN
Pune | IN
Sanand | IN
Sri City | IN
Sriperumbudur | IN
Surat | IN
Thoothukudi | IN | Tuticorin
Vadodara | IN | Baroda
Visakhapatnam | IN | Vizag
Aachen | DE
Arnstadt | DE
Augsburg | DE
Bitterfeld | DE | Bitterfeld-Wolfen
Bremerhaven | DE
Brunsbüttel | DE
Chemnitz | DE
Cologne | DE | Köln
Dortmund | DE
Dresden | DE
Duisburg | DE
Düsseldorf | DE
Eisenhüttenstadt | DE
Emden | DE
Erfurt | DE
Essen | DE
Frankfurt | DE | Frankfurt am Main
Grünheide | DE
Guben | DE
Hanover | DE | Hannover
Heide | DE
Ingolstadt | DE
Jena | DE
Karlsruhe | DE
Kiel | DE
Leipzig | DE
Leverkusen | DE
Lubmin | DE
Ludwigshafen | DE
Magdeburg | DE
Mannheim | DE
Munich | DE | München
Nuremberg | DE | Nürnberg
Oberkochen | DE
Regensburg | DE
Rostock | DE
Rüsselsheim | DE
Schwedt | DE
Stade | DE
Stuttgart | DE
Walldorf | DE
Wilhelmshaven | DE
Wolfsburg | DE
Zwickau | DE
Bernin | FR
Bordeaux | FR
Crolles | FR
Douai | FR
Douvrin | FR
Dunkirk | FR | Dunkerque
Flamanville | FR
Fos-sur-Mer | FR
Gravelines | FR
Grenoble | FR
Le Havre | FR
Lille | FR
Lyon | FR
Marseille | FR
Mulhouse | FR
Nantes | FR
Rousset | FR
Saclay | FR | Paris-Saclay
Saint-Nazaire | FR
Sochaux | FR
Strasbourg | FR
Toulouse | FR
Valenciennes | FR
Aberdeen | GB
Barrow-in-Furness | GB
Belfast | GB
Birmingham | GB
Bristol | GB
Cambridge | GB
Cardiff | GB
Cornwall | GB
Coventry | GB
Crewe | GB
Derby | GB
Dover | GB
Edinburgh | GB
Ellesmere Port | GB
Felixstowe | GB
Glasgow | GB
Grangemouth | GB
Greater Manchester | GB
Hinkley Point | GB
Immingham | GB
Leeds | GB
Liverpool | GB
Manchester | GB
Middlesbrough | GB
Milford Haven | GB
Newcastle upon Tyne | GB
Newport | GB | Newport, Wales
Nottingham | GB
Oxford | GB
Port Talbot | GB
Scunthorpe | GB
Sellafield | GB
Sheffield | GB
Sizewell | GB
Southampton | GB
Sunderland | GB
Swindon | GB
Teesside | GB
Delft | NL
Eindhoven | NL
Europoort | NL
IJmuiden | NL
Maasvlakte | NL
Maastricht | NL
Nijmegen | NL
Rotterdam | NL
Schiphol | NL
Terneuzen | NL
Veldhoven | NL
Vlissingen | NL
Agrate Brianza | IT | Agrate
Bologna | IT
Catania | IT
Genoa | IT | Genova
Gioia Tauro | IT
La Spezia | IT
Maranello | IT
Melfi | IT
Milan | IT | Milano
Mirafiori | IT
Modena | IT
Naples | IT | Napoli
Piombino | IT
Priolo Gargallo | IT | Priolo
Ravenna | IT
Taranto | IT
Termoli | IT
Trieste | IT
Turin | IT | Torino
Venice | IT | Venezia
Algeciras | ES
Almussafes | ES
Barcelona | ES
Bilbao | ES
Figueruelas | ES
Huelva | ES
Málaga | ES
Martorell | ES
Pamplona | ES
Sagunto | ES
Seville | ES | Sevilla
Tarragona | ES
Valencia | ES
Vigo | ES
Zaragoza | ES | Saragossa
Bełchatów | PL
Gdańsk | PL
Gdynia | PL
Głogów | PL
Jawor | PL
Katowice | PL
Kobierzyce | PL
Kraków | PL | Cracow
Lubin | PL
Łódź | PL
Polkowice | PL
Poznań | PL
Rzeszów | PL
Szczecin | PL
Świnoujście | PL
Tychy | PL
Wrocław | PL
Brno | CZ
Dukovany | CZ
Kolín | CZ
Mladá Boleslav | CZ
Nošovice | CZ
Ostrava | CZ
Plzeň | CZ | Pilsen
Temelín | CZ
Debrecen | HU
Göd | HU | -God
Győr | HU
Iváncsa | HU
Kecskemét | HU
Komárom | HU
Miskolc | HU
Nyíregyháza | HU
Paks | HU
Pécs | HU
Székesfehérvár | HU
Szeged | HU
Boden | SE
Gothenburg | SE | Göteborg
Gällivare | SE
Kiruna | SE
Linköping | SE
Luleå | SE
Malmö | SE
Oxelösund | SE
Skellefteå | SE
Södertälje | SE
Uppsala | SE
Västerås | SE
Espoo | FI
Hamina | FI
Harjavalta | FI
Kokkola | FI
Kotka | FI
Olkiluoto | FI
Oulu | FI
Porvoo | FI
Sotkamo | FI
Tampere | FI
Turku | FI
Vaasa | FI
Alliston | CA
Brampton | CA
Bécancour | CA
Calgary | CA
Edmonton | CA
Fort McMurray | CA
Halifax | CA
Ingersoll, Ontario | CA
Kitimat | CA
Mississauga | CA
Montreal | CA | Montréal
Oakville | CA
Prince Rupert | CA
Quebec City | CA | Québec City
Saskatoon | CA
Sept-Îles | CA
St. Thomas, Ontario | CA
Sudbury | CA | Greater Sudbury
Thunder Bay | CA
Toronto | CA
Vancouver | CA
Waterloo, Ontario | CA
Windsor, Ontario | CA
Apodaca | MX
Bacanora | MX
Cananea | MX
Celaya | MX
Ciudad Juárez | MX
Guadalajara | MX
Hermosillo | MX
Irapuato | MX
Manzanillo | MX
Matamoros | MX
Mexicali | MX
Monterrey | MX
Nuevo Laredo | MX
Ramos Arizpe | MX
Reynosa | MX
Saltillo | MX
Silao | MX
Tijuana | MX
Toluca | MX
Araxá | BR
Belo Horizonte | BR
Betim | BR
Camaçari | BR
Campinas | BR
Carajás | BR
Curitiba | BR
Fortaleza | BR
Itaguaí | BR
Manaus | BR
Paranaguá | BR
Pecém | BR
Porto Alegre | BR
Recife | BR
Rio de Janeiro | BR
São José dos Campos | BR
São Paulo | BR
Suape | BR
Antofagasta | CL
Calama | CL
Chuquicamata | CL
Concepción | CL
Copiapó | CL
Escondida | CL
Iquique | CL
Mejillones | CL
Punta Arenas | CL
Salar de Atacama | CL | Atacama salt flat
Valparaíso | CL
Bahía Blanca | AR
Rosario | AR
Salar del Hombre Muerto | AR
Ushuaia | AR
Vaca Muerta | AR
Zárate | AR
Adelaide | AU
Bowen Basin | AU
Brisbane | AU
Broken Hill | AU
Dampier | AU
Darwin | AU
Geelong | AU
Gladstone | AU
Greenbushes | AU
Hobart | AU
Kalgoorlie | AU
Karratha | AU
Kemerton | AU
Kwinana | AU
Melbourne | AU
Mount Isa | AU
Mount Weld | AU
Olympic Dam | AU
Perth | AU
Pilbara | AU
Port Hedland | AU
Port Kembla | AU
Sydney | AU
Townsville | AU
Weipa | AU
Whyalla | AU
Balikpapan | ID
Bandung | ID
Batam | ID
Bekasi | ID
Bintan | ID
Cikarang | ID
Cilegon | ID
Grasberg | ID
Gresik | ID
Halmahera | ID
Kalimantan | ID
Karawang | ID
Kendari | ID
Medan | ID
Morowali | ID
Pomalaa | ID
Semarang | ID
Sorowako | ID
Sulawesi | ID
Sumatra | ID
Surabaya | ID
Tanjung Priok | ID
Weda Bay | ID
Batu Kawan | MY
Bayan Lepas | MY
Bintulu | MY
Cyberjaya | MY
Gebeng | MY
Ipoh | MY
Johor Bahru | MY
Kuantan | MY
Kuching | MY
Kulim | MY
Pasir Gudang | MY
Port Klang | MY
Seremban | MY
Shah Alam | MY
Tanjung Pelepas | MY
Cai Mep | VN
Cam Ranh | VN
Dung Quat | VN
Mekong Delta | VN
Nghi Son | VN
Vung Tau | VN
Yen Phong | VN
Eastern Economic Corridor | TH
Hat Yai | TH
Laem Chabang | TH
Lat Krabang | TH
Map Ta Phut | TH
Batangas | PH
Cavite | PH
Cebu | PH | Cebu City
Clark Freeport Zone | PH | Clark Freeport
Davao | PH | Davao City
Dinagat Islands | PH
Laguna | PH
Mactan | PH
Makati | PH
Palawan | PH
Quezon City | PH
Subic Bay | PH | Subic
Surigao | PH
Taguig | PH
Chelyabinsk | RU
Irkutsk | RU
Kaliningrad | RU
Kazan | RU
Krasnoyarsk | RU
Magnitogorsk | RU
Murmansk | RU
Nizhny Novgorod | RU
Novorossiysk | RU
Novosibirsk | RU
Primorsk | RU
Russian Far East | RU
Sabetta | RU
Samara | RU
Siberia | RU
Tolyatti | RU | Togliatti
Urals | RU | Ural Mountains
Ust-Luga | RU
Vladivostok | RU
Yamal Peninsula | RU
Yekaterinburg | RU
Zelenograd | RU
Chornomorsk | UA
Dnipro | UA
Donbas | UA | Donbass
Izmail | UA
Kharkiv | UA | Kharkov
Kherson | UA
Kryvyi Rih | UA | Krivoy Rog
Lviv | UA
Mariupol | UA
Mykolaiv | UA
Odesa | UA | Odessa
Pivdennyi | UA | Yuzhny
Zaporizhzhia | UA | Zaporizhzhia Nuclear Power Plant
Akkuyu | TR
Aliağa | TR
Ambarlı | TR
Bosporus | TR | Bosphorus
Ceyhan | TR
Dardanelles | TR
Gebze | TR
Gemlik | TR
Iskenderun | TR
Abqaiq | SA
Dammam | SA
Dhahran | SA
Ghawar | SA
Jeddah | SA
Jubail | SA
King Abdullah Economic City | SA
NEOM | SA | Neom
Ras Al-Khair | SA
Ras Tanura | SA
Yanbu | SA
Jebel Ali | AE
Khalifa Port | AE
Khor Fakkan | AE
Ruwais | AE
Bushveld | ZA | Bushveld Complex
Cape Town | ZA
Coega | ZA
Durban | ZA
Gqeberha | ZA | Port Elizabeth
Johannesburg | ZA | Joburg
Kathu | ZA
Mogalakwena | ZA
Richards Bay | ZA
Rustenburg | ZA
Saldanha Bay | ZA
Sasolburg | ZA
Secunda | ZA
eMalahleni | ZA | Witbank
Bisie | CD
Bukavu | CD
Goma | CD
Kamoa-Kakula | CD
Kamoto | CD
Katanga | CD
Kolwezi | CD
Likasi | CD
Lubumbashi | CD
Manono | CD
Matadi | CD
Mutanda | CD
Rubaya | CD
Tenke Fungurume | CD
Chambishi | ZM
Chingola | ZM
Kalumbila | ZM
Kansanshi | ZM
Kitwe | ZM
Lumwana | ZM
Mufulira | ZM
Ndola | ZM
Solwezi | ZM
Ashdod | IL
Beersheba | IL
Dimona | IL
Eilat | IL
Haifa | IL
Herzliya | IL
Kiryat Gat | IL
Migdal HaEmek | IL
Petah Tikva | IL
Tel Aviv | IL
Yokneam | IL
Antwerp | BE | Antwerpen; Port of Antwerp-Bruges
Ghent | BE
Leuven | BE
Zeebrugge | BE
Piraeus | GR
Graz | AT
Linz | AT
Villach | AT
Basel | CH
Davos | CH
Geneva | CH
Zug | CH
Zurich | CH | Zürich
Cork | IE
Leixlip | IE
Kalundborg | DK
Sines | PT
Constanța | RO
Klaipėda | LT
Koper | SI
Rijeka | HR
Nitra | SK
Jadar | RS
Smederevo | RS
Hambantota | LK
Gwadar | PK
Karachi | PK
Chittagong | BD | Chattogram
Duqm | OM
Salalah | OM
Sohar | OM
Ain Sokhna | EG
Port Said | EG
Suez Canal | EG
Panama Canal | PA
Dar es Salaam | TZ
Mombasa | KE
Lobito | AO
Walvis Bay | NA
Tema | GH
Lagos | NG
Beira | MZ
Cabo Delgado | MZ
Nacala | MZ
Boké | GN
Kamsar | GN
Simandou | GN
Callao | PE
Chancay | PE
Las Bambas | PE
Buenaventura | CO
Potosí | BO
Salar de Uyuni | BO
Sihanoukville | KH
Kyaukphyu | MM
Yangon | MM | Rangoon
Almaty | KZ
Tengiz | KZ
Bandar Abbas | IR
Chabahar | IR
Kharg Island | IR
Basra | IQ
Ras Laffan | QA
Aden | YE
Hodeidah | YE
Port Sudan | SD
Jorf Lasfar | MA
Khouribga | MA
Tanger Med | MA
"""


@dataclass(frozen=True, slots=True)
class Row:
    """One curated table line: an ISO code or label, the extra aliases, the drops, the QID."""

    key: str
    name: str
    aliases: tuple[str, ...]
    dropped: tuple[str, ...]
    qid: str | None


def split_list(field: str) -> tuple[str, ...]:
    """Split a "; "-separated table field into its items.

    >>> split_list("Ala.; -Alabama ; ")
    ('Ala.', '-Alabama')
    """
    return tuple(item.strip() for item in field.split(";") if item.strip())


def parse_rows(table: str) -> list[Row]:
    """Parse a curated table: key | name | aliases | qid, the last three optional.

    >>> parse_rows("US-WA | =Washington State | Wash.; -Washington")[0].dropped
    ('Washington',)
    >>> parse_rows("TR-01")[0].name
    ''
    """
    rows = []
    for number, line in enumerate(table.strip().splitlines(), start=1):
        fields = [field.strip() for field in line.split("|")]
        if len(fields) > 4:
            raise ValueError(f"table line {number}: expected at most 4 fields: {line!r}")
        key, name, aliases, qid = fields + [""] * (4 - len(fields))
        items = split_list(aliases)
        rows.append(
            Row(
                key=key,
                name=name,
                aliases=tuple(a for a in items if not a.startswith("-")),
                dropped=tuple(a[1:] for a in items if a.startswith("-")),
                qid=qid or None,
            )
        )
    return rows


# Letters that do not decompose into a base letter and a combining mark.
_PLAIN_LETTERS = str.maketrans({"ı": "i", "İ": "I", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D"})


def ascii_fold(name: str) -> str:
    """The name without diacritics, as English copy often writes it.

    >>> ascii_fold("Łódź"), ascii_fold("Şanlıurfa"), ascii_fold("Đồng Nai")
    ('Lodz', 'Sanliurfa', 'Dong Nai')
    """
    decomposed = unicodedata.normalize("NFKD", name.translate(_PLAIN_LETTERS))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def spellings(name: str) -> list[str]:
    """The name, its diacritic-free form, and both apostrophe forms of each.

    >>> spellings("Xi'an")
    ["Xi'an", 'Xi’an']
    >>> spellings("Côte d’Azur")
    ['Côte d’Azur', "Côte d'Azur", 'Cote d’Azur', "Cote d'Azur"]
    """
    forms = [name, ascii_fold(name)]
    return list(
        dict.fromkeys(
            variant
            for form in forms
            for variant in (form, form.replace("’", "'"), form.replace("'", "’"))
        )
    )


def iso_names(name: str) -> list[str]:
    """The forms of an ISO 3166-2 name worth keeping: the name and its bracketed alternatives.

    Parenthesised glosses ("(Region I)") and code references ("[SE-01]") are dropped, and so
    are catalogue forms inverted around a comma ("Madrid, Comunidad de").

    >>> iso_names("Catalunya [Cataluña]")
    ['Catalunya', 'Cataluña']
    >>> iso_names("Wales [Cymru GB-CYM]"), iso_names("Ilocos (Region I)")
    (['Wales', 'Cymru'], ['Ilocos'])
    >>> iso_names("Asturias, Principado de")
    []
    """
    main = re.sub(r"\s*[\[(].*?[\])]", "", name).strip()
    bracketed = re.findall(r"\[(.*?)\]", name)
    alternatives = [re.sub(r"\s*\b[A-Z]{2}-[A-Z0-9]+\b", "", b).strip() for b in bracketed]
    return [form for form in [main, *alternatives] if form and ", " not in form]


def style_for(code: str, kind: str) -> tuple[str, tuple[str, ...]]:
    """The label template and alias templates for a subdivision of one ISO type.

    >>> style_for("JP-43", "Prefecture")
    ('{} Prefecture', ('{} prefecture', '{}'))
    >>> style_for("CN-SH", "Municipality")
    ('{}', ('{} Municipality',))
    """
    country = code.split("-")[0]
    return STYLES.get(f"{country}:{kind}") or STYLES.get(country) or PLAIN_STYLE


def subdivision_forms(row: Row, iso_name: str, kind: str) -> tuple[str, list[str]]:
    """The label and the alias candidates (before drops) of one subdivision.

    >>> subdivision_forms(Row("JP-43", "", (), (), None), "Kumamoto", "Prefecture")
    ('Kumamoto Prefecture', ['Kumamoto prefecture', 'Kumamoto'])
    >>> subdivision_forms(Row("DE-BY", "Bavaria", (), (), None), "Bayern", "Land")
    ('Bavaria', ['Bayern'])
    """
    if row.name.startswith("="):
        label, generated = row.name[1:], []
    else:
        name = row.name or iso_names(iso_name)[0]
        template, alias_templates = style_for(row.key, kind)
        label = template.format(name)
        generated = [alias.format(name) for alias in alias_templates]
    return label, list(dict.fromkeys([*generated, *row.aliases, *iso_names(iso_name)]))


def finish_aliases(label: str, candidates: Iterable[str], dropped: Iterable[str]) -> list[str]:
    """Aliases in first-seen order with their spelling variants, less drops and the label.

    >>> finish_aliases("Łódź Voivodeship", ["Łódzkie"], [])
    ['Lodz Voivodeship', 'Łódzkie', 'Lodzkie']
    >>> finish_aliases("Acre State", ["Acre state", "Acre"], ["Acre"])
    ['Acre state']
    """
    excluded = {variant for form in dropped for variant in spellings(form)} | {label}
    forms = [variant for form in [label, *candidates] for variant in spellings(form)]
    return [form for form in dict.fromkeys(forms) if form not in excluded]


def country_labels(path: Path = COUNTRIES) -> dict[str, str]:
    """ISO alpha-2 code -> country label, from countries.jsonl."""
    with path.open(encoding="utf-8") as lines:
        return {record["iso2"]: record["label"] for record in map(json.loads, lines)}


def first_level(country: str) -> dict[str, Any]:
    """The ISO 3166-2 subdivisions of a country at the level taken as first, by code.

    >>> sorted(first_level("GB"))
    ['GB-ENG', 'GB-NIR', 'GB-SCT', 'GB-WLS']
    """
    subdivisions = pycountry.subdivisions.get(country_code=country) or []
    wanted = LEVELS.get(country)
    return {
        s.code: s
        for s in subdivisions
        if (s.type in wanted if wanted else getattr(s, "parent_code", None) is None)
    }


def check_coverage(rows: list[Row]) -> dict[str, Any]:
    """The subdivisions to list, by code; every one must be curated or skipped, once.

    Raises ValueError when the tables and pycountry disagree (a new pycountry release may add,
    rename or drop subdivisions: review and update the tables).
    """
    iso = {code: s for country in ECONOMIES for code, s in first_level(country).items()}
    curated = [row.key for row in rows]
    repeated = sorted(
        {code for code in curated if curated.count(code) > 1} | (set(curated) & set(SKIPPED))
    )
    missing = sorted(set(iso) - set(curated) - set(SKIPPED))
    unknown = sorted((set(curated) | set(SKIPPED)) - set(iso))
    if repeated or missing or unknown:
        raise ValueError(f"tables out of step with pycountry: {repeated=} {missing=} {unknown=}")
    return iso


def place(label: str, qid: str | None, aliases: list[str], country: str) -> Record:
    """One JSON record, keys in the documented order.

    >>> list(place("Ohio", None, [], "United States"))
    ['label', 'type', 'qid', 'aliases', 'country']
    """
    return {"label": label, "type": "Place", "qid": qid, "aliases": aliases, "country": country}


def city_records(rows: list[Row], countries: dict[str, str]) -> list[Record]:
    """Records for the curated cities, hubs and regions (key = label, name = country code)."""
    return [
        place(
            row.key, row.qid, finish_aliases(row.key, row.aliases, row.dropped), countries[row.name]
        )
        for row in rows
    ]


def subdivision_records(rows: list[Row], countries: dict[str, str]) -> list[Record]:
    """Records for the curated first-level subdivisions."""
    iso = check_coverage(rows)
    records = []
    for row in rows:
        subdivision = iso[row.key]
        label, candidates = subdivision_forms(row, subdivision.name, subdivision.type)
        aliases = finish_aliases(label, candidates, row.dropped)
        records.append(place(label, row.qid, aliases, countries[subdivision.country_code]))
    return records


def yield_to_cities(subdivisions: list[Record], cities: list[Record]) -> list[Record]:
    """Subdivisions without the aliases a city of the same country claims.

    "Osaka" is the city; the prefecture keeps "Osaka Prefecture". Both lie in one country, so
    either would resolve the country, but a name should lead to one entity.

    >>> pref = place("Osaka Prefecture", None, ["Osaka"], "Japan")
    >>> yield_to_cities([pref], [place("Osaka", None, [], "Japan")])[0]["aliases"]
    []
    """
    claimed = {
        (city["country"], form) for city in cities for form in [city["label"], *city["aliases"]]
    }
    return [
        {**s, "aliases": [a for a in s["aliases"] if (s["country"], a) not in claimed]}
        for s in subdivisions
    ]


def check_unique(records: list[Record]) -> None:
    """Raise ValueError if a label or alias names two places."""
    owners: dict[str, set[str]] = defaultdict(set)
    for record in records:
        for form in [record["label"], *record["aliases"]]:
            owners[form].add(str(record["label"]))
    shared = {form: sorted(labels) for form, labels in owners.items() if len(labels) > 1}
    if shared:
        raise ValueError(f"names shared by two places: {shared}")


def build_records() -> list[Record]:
    """All place records, sorted by label."""
    countries = country_labels()
    cities = city_records(parse_rows(CITIES), countries)
    subdivisions = yield_to_cities(subdivision_records(parse_rows(SUBDIVISIONS), countries), cities)
    records = sorted([*subdivisions, *cities], key=lambda record: str(record["label"]))
    check_unique(records)
    return records


def render(records: list[Record]) -> str:
    """JSON Lines text, one record a line, non-ASCII kept as is.

    >>> render([{"label": "Łódź"}])
    '{"label": "Łódź"}\\n'
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
            print(f"{args.output} is out of date: run scripts/make_places.py", file=sys.stderr)
            return 1
        return 0
    args.output.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
