"""Append the countries of the PETRARCH2 Phoenix actor dictionary to data/actors.csv.

Run: ``python training/convert_phoenix_countries.py [SHARED_DIR]`` (default ``../shared/dev``). Takes each
top-level entry with a current three-letter country code and keeps only the aliases a news text writes: the
name, demonyms derived from it (``NIGERIA`` -> ``Nigerian``, ``Nigerians``), official long names (``Republic of
X``), the capital when the dictionary lists it, plurals of demonyms, and an explicit allow-list of irregular demonyms and common
alternative names. Misspellings, foreign spellings, nicknames, other cities and provinces are dropped, as is any
alias already in the gazetteer or in AMBIGUOUS (an ordinary word, a first name or a US place; noted in the role).
Countries already in the gazetteer are skipped, so re-running adds nothing. Source: PETRARCH2 (github
openeventdata/petrarch2), MIT licence, copied to data/licences/petrarch2-LICENSE.txt.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from training.actors_csv import convert_main  # noqa: E402

SOURCE = "PETRARCH2 Phoenix"
# Codes the dictionary files as countries that are not current sovereign states: fictional (Kinakuta, from a
# novel), defunct (East Germany, the Soviet Union) or a French overseas part coded FRA.
SKIP_CODES = {"KNT", "DDR", "SUN", "YUG", "CSK", "FRA"}
TERRITORIES = {"AIA", "ABW", "BMU", "CYM", "COK", "GGY", "HKG", "TWN", "PSE"}
NAMES = {  # the dictionary's heading -> the name a news text writes
    "MADAGASKAR": "Madagascar",
    "BRUNEI_DARUSSALAM": "Brunei",
    "COTE_D'IVOIRE": "Côte d'Ivoire",
    "CONGO": "Republic of the Congo",
    "DEMOCRATIC_REPUBLIC_OF_THE_CONGO": "Democratic Republic of the Congo",
    "FEDERATION_OF_SAINT_KITTS_AND_NEVIS": "Saint Kitts and Nevis",
    "REPUBLIC_OF_SOUTH_AFRICA": "South Africa",
    "UNITED_REPUBLIC_OF_TANZANIA": "Tanzania",
    "GUINEA_BISSAU": "Guinea-Bissau",
    "TIMOR_LESTE": "Timor-Leste",
    "MACEDONIA": "North Macedonia",
    "SWAZILAND": "Eswatini",
    "RUSSIAN_FEDERATION": "Russia",
    "UNITED_STATES_OF_AMERICA": "United States",
}
SUFFIXES = ("n", "an", "ian", "ean", "ese", "i", "ish", "er", "ese")  # demonym endings after the name's stem
# Irregular demonyms and alternative names news texts write, when the dictionary lists them.
ALLOW = {
    "Afghan", "Danish", "Finnish", "Swedish", "Swiss", "Dutch", "Netherlander", "Filipino", "Philippine",
    "Polish", "Spanish", "Spaniard", "Portuguese", "French", "Greek", "Hellenic Republic", "Turkish", "Turk",
    "Croat", "Czech", "Czechs", "Czechia", "Slovak", "Slovene", "Slovak Republic", "Thai", "Burmese", "Burma",
    "Malagasy", "Motswana", "Batswana", "Basotho", "Mosotho", "Swazi", "Swaziland", "Togolese", "Ivorian",
    "Ivory Coast", "Congolese", "DR Congo", "DRC", "Congo-Brazzaville", "Burkinabe", "Salvadoran", "Salvadorean",
    "Argentine", "Cypriot", "Iraqi", "Yemeni", "Kuwaiti", "Somali", "Monegasque", "Kiribati", "I-Kiribati",
    "Ni-Vanuatu", "Lao", "Laotian", "Lao PDR", "Bosnia", "Bosnian", "Bosnians", "Bosnia-Herzegovina", "Kosovar",
    "Montenegrin", "Guinea-Bissau", "East Timor", "Timorese", "Emirati", "Trinidadian", "Trinidad", "Tobago",
    "Vincentian", "Kittitian", "Saint Lucian", "Sao Tomean", "Equatoguinean", "Seychellois", "Malawian",
    "North Korean", "DPRK", "Macedonian", "Macedonia", "Kyrgyz", "Tajik", "Uzbek", "Turkmen", "Kazakh", "Azeri",
    "Azerbaijani", "Belarusian", "Moldovan", "Estonian", "Latvian", "Lithuanian", "Armenian", "Eritrean",
    "Solomon Islander", "Cook Islander", "Marshallese", "Palauan", "Tuvaluan", "Tongan", "Samoan", "Fijian",
    "Icelander", "Luxembourger", "Liechtensteiner", "Sammarinese", "Andorran", "Maltese", "Guyanese", "Surinamese",
    "Bahamian", "Barbadian", "Jamaican", "Haitian", "Dominican", "Nigerien", "Senegalese", "Gabonese", "Beninese",
    "Cape Verdean", "Cabo Verde", "Comoran", "Djiboutian", "Ethiopian", "Sudanese", "South Sudanese", "Libyan",
    "Tunisian", "Moroccan", "Algerian", "Egyptian", "Saudi", "Omani", "Qatari", "Bahraini", "Lebanese",
    "Syrian", "Israeli", "Israelis", "Palestinian", "Palestinians", "West Bank", "Iranian", "Pakistani",
    "Bangladeshi", "Nepalese", "Bhutanese", "Sri Lankan", "Maldivian", "Mongolian", "Vietnamese", "Viet Nam",
    "Cambodian", "Malaysian", "Singaporean", "Bruneian", "Brunei", "Papua New Guinean", "New Zealander",
    "Venezuelan", "Colombian", "Ecuadorian", "Ecuadorean", "Peruvian", "Bolivian", "Paraguayan", "Uruguayan",
    "Chilean", "Mexican", "Guatemalan", "Honduran", "Nicaraguan", "Costa Rican", "Panamanian", "Cuban", "Belizean",
    "Dane", "Swede", "Finn", "Irish", "Eire", "Welsh", "Norwegian", "Austrian", "Belgian", "Hungarian",
    "Romanian", "Bulgarian", "Serbian", "Croatian", "Slovenian", "Slovakian", "Albanian", "Ukrainian", "Georgian",
    "Jordanian", "Chadian", "Central African", "Equatorial Guinean", "Sierra Leonean", "Liberian", "Ghanaian",
    "Guinean", "Gambian", "Malian", "Mauritanian", "Mauritian", "Kenyan", "Ugandan", "Tanzanian", "Rwandan",
    "Burundian", "Zambian", "Zimbabwean", "Mozambican", "Namibian", "Angolan", "Cameroonian", "Nigerian",
    "Ethiopians", "Somalis", "Kenyans", "Nigerians", "Italian", "Italians", "Japanese", "Korean", "Chinese",
    "Holland", "South African", "South Africans", "Tanzania", "Zaire", "Ceylon", "Persia", "Siam", "Dahomey",
    "Republic of Korea", "Democratic People's Republic of Korea", "Federated States of Micronesia",
    "Hashemite Kingdom of Jordan", "State of Israel", "Micronesian", "Aruban", "Bermudian", "Caymans", "Anguillans",
    "Antiguan", "Antiguans", "Barbudans", "Antigua", "Barbuda", "Grenadian", "Grenadines", "Saint Vincent",
    "Saint Kitts", "St. Kitts", "St. Lucia", "Saint Lucia", "St. Vincent", "Bahrain", "UAE", "U.A.E.", "Kyrgyzstan",
}  # fmt: skip
# Standard demonyms the dictionary lacks (it lists many misspellings but not "Swedish").
EXTRA = {"SWE": ["Swedish"], "KAZ": ["Kazakh"], "ISL": ["Icelandic"], "NPL": ["Nepali"], "MDV": ["Maldivian"]}
# Capitals, kept when the dictionary gives them as the country's alias (cities otherwise are not the country).
CAPITALS = {
    "Kabul", "Tirana", "Algiers", "Andorra la Vella", "Luanda", "Yerevan", "Vienna", "Baku", "Manama", "Dhaka",
    "Bridgetown", "Minsk", "Brussels", "Belmopan", "Porto-Novo", "Thimphu", "La Paz", "Sarajevo", "Gaborone",
    "Bandar Seri Begawan", "Sofia", "Ouagadougou", "Bujumbura", "Phnom Penh", "Yaounde", "Praia", "Bangui",
    "N'Djamena", "Santiago", "Bogota", "Moroni", "Brazzaville", "Kinshasa", "San Jose", "Abidjan", "Yamoussoukro",
    "Zagreb", "Havana", "Nicosia", "Prague", "Copenhagen", "Djibouti", "Roseau", "Santo Domingo", "Quito",
    "Cairo", "San Salvador", "Malabo", "Asmara", "Tallinn", "Addis Ababa", "Suva", "Helsinki", "Libreville",
    "Banjul", "Tbilisi", "Accra", "Athens", "Guatemala City", "Conakry", "Bissau", "Port-au-Prince", "Port au Prince",
    "Tegucigalpa", "Budapest", "Reykjavik", "Tehran", "Baghdad", "Dublin", "Jerusalem", "Rome", "Amman", "Astana",
    "Nairobi", "Tarawa", "Pristina", "Kuwait City", "Bishkek", "Vientiane", "Riga", "Beirut", "Maseru", "Monrovia",
    "Tripoli", "Vaduz", "Vilnius", "Luxembourg", "Skopje", "Antananarivo", "Lilongwe", "Kuala Lumpur", "Bamako",
    "Valletta", "Majuro", "Nouakchott", "Port Louis", "Mexico City", "Palikir", "Chisinau", "Ulaanbaatar",
    "Ulan Bator", "Podgorica", "Rabat", "Maputo", "Naypyidaw", "Windhoek", "Kathmandu", "Amsterdam", "The Hague",
    "Wellington", "Managua", "Niamey", "Abuja", "Pyongyang", "Oslo", "Muscat", "Islamabad", "Melekeok", "Ramallah",
    "Panama City", "Port Moresby", "Asuncion", "Lima", "Manila", "Warsaw", "Lisbon", "Doha", "Bucharest", "Kigali",
    "Castries", "Kingstown", "Apia", "Sao Tome", "Dakar", "Belgrade", "Freetown", "Ljubljana", "Bratislava",
    "Honiara", "Mogadishu", "Juba", "Madrid", "Colombo", "Khartoum", "Paramaribo", "Mbabane", "Stockholm", "Bern",
    "Damascus", "Dushanbe", "Bangkok", "Dili", "Lome", "Nuku'alofa", "Port of Spain", "Tunis", "Ankara",
    "Ashgabat", "Kampala", "Montevideo", "Tashkent", "Port Vila", "Caracas", "Hanoi", "Sanaa", "Lusaka", "Harare",
    "Dodoma", "Ottawa", "Canberra", "Seoul", "Tokyo", "Moscow", "Kyiv", "Kiev", "Berlin", "Paris", "London",
    "Brasilia", "Beijing", "Jakarta", "Riyadh", "Abu Dhabi", "Buenos Aires", "New Delhi", "Pretoria", "Basseterre",
    "Nassau", "Kingston", "Georgetown", "Male", "Victoria", "Saint John's", "St. John's", "Rangoon",
    "Yangon", "Funafuti", "Yaren", "Monaco", "San Marino", "Singapore", "Dar es Salaam",
}  # fmt: skip
# Aliases an English text uses for something else, checked on PolNeAR (US political news): the country keeps
# its row and its other aliases; the role names what was left out.
AMBIGUOUS = {
    "Georgia": "the US state", "Georgian": "the US state", "Georgians": "the US state",
    "Jordan": "a first name and surname", "Chad": "a first name", "Male": "the word", "Victoria": "a first name",
    "Kingston": "towns in the US, Canada and the UK", "Georgetown": "the university and town",
    "Nassau": "the county in New York", "Santiago": "a first name", "Lima": "towns in the US",
    "Lebanon": "towns in the US", "Dane": "a first name", "Finn": "a first name", "Pole": "the word",
    "Holland": "a surname", "Monaco": "", "Singapore": "", "Djibouti": "", "Luxembourg": "", "San Marino": "",
    "Guinea": "", "Niger": "", "Dominican": "the Dominican Republic", "Turkey": "the bird",
    "Macedonia": "the Greek region", "Macedonian": "the Greek region", "Korean": "either Korea",
    "Congo": "either Congo", "Congolese": "either Congo", "Trinidad": "", "Bosnia": "",
    "Bern": "Feel the Bern", "Jerusalem": "a contested capital", "Spanish": "the language",
    "Jamaica": "Jamaica, Queens", "Samoa": "American Samoa, a US territory", "Sofia": "a first name",
    "Wellington": "a first name",
}  # fmt: skip
# Spellings the demonym rule lets through that are misspellings or not English.
MISSPELT = {
    "Argentinan", "Bangladeish", "Barbadan", "Belizian", "Bhutani", "Burundis", "Fijis", "Grenadan", "Israelian",
    "Maldivan", "Myanmer", "Paraguai", "Portugali", "Sierra Leon", "Sierra Leonian", "Sierra Leonians", "Turkei",
    "Uruguai", "Yemens", "Zimbabwei", "Zimbabwian", "Cape Verdian", "San Marinese", "Nigerie", "Monacan",
}  # fmt: skip
DROP = {name for name, what in AMBIGUOUS.items() if what and name not in {"Turkey", "Lebanon"}}


LONG_NAME = (
    r"(?:islamic |federal |united |democratic |people's |hashemite )?"
    r"(?:republic|kingdom|state|states|sultanate|principality|grand duchy|commonwealth)"
)


def _title(alias: str) -> str:
    """``COTE_D'IVOIRE`` -> ``Cote d'Ivoire``; ``BOSNIA_AND_HERZEGOVINA`` -> ``Bosnia and Herzegovina``."""
    words = []
    for index, word in enumerate(alias.replace("_", " ").split()):
        low = word.lower()
        if index and low in {"and", "of", "the", "es", "la", "de", "da", "e"}:
            words.append(low)
        elif low.startswith("d'"):
            words.append("d'" + low[2:].capitalize())
        else:
            words.append("-".join(part.capitalize() for part in low.split("-")))
    return " ".join(words)


def entries(path: Path) -> list[tuple[str, str, list[str]]]:
    """(heading, code, aliases) of the dictionary's top-level entries with a current three-letter code."""
    blocks: list[tuple[str, list[str], list[str]]] = []
    for line in path.read_text(encoding="latin-1").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("+"):
            if blocks:
                blocks[-1][1].append(line[1:].split("#")[0].strip().rstrip("_"))
            continue
        codes = re.findall(r"\[([A-Z]{3,6})(?:\s+([^\]]*))?\]", line)
        if line[0] in " \t":
            if blocks:
                blocks[-1][2].extend(c for c, when in codes if len(c) == 3 and (not when or when.startswith(">")))
            continue
        head = line.split("#")[0].split("[")[0].strip().rstrip("_")
        blocks.append((head, [], [c for c, when in codes if len(c) == 3 and (not when or when.startswith(">"))]))
    found: dict[str, tuple[str, str, list[str]]] = {}
    for head, aliases, codes in blocks:
        if len(set(codes)) != 1 or codes[0] in SKIP_CODES or not re.fullmatch(r"[A-Z][A-Z_'-]*", head):
            continue
        code = codes[0]
        if code in found:  # a second heading for the same code (SAINT_KITTS_AND_NEVIS twice): merge
            name, _, old = found[code]
            found[code] = (name if len(old) >= len(aliases) else head, code, [*old, head, *aliases])
        else:
            found[code] = (head, code, aliases)
    return sorted(found.values(), key=lambda entry: entry[1])


def keep(alias: str, name: str) -> bool:
    """Whether a news text writes this alias for the country called name."""
    if alias in MISSPELT:
        return False
    if alias in ALLOW or alias in CAPITALS:
        return True
    lower, stem = alias.lower(), name.lower()
    for cut in (0, 1, 2):
        base = stem[: len(stem) - cut] if cut else stem
        if len(base) >= 3 and any(lower in (base + s, base + s + "s") for s in SUFFIXES):
            return lower != stem
    long_name = LONG_NAME + r" of (?:the )?" + re.escape(stem)
    return bool(re.fullmatch(long_name, lower))


def countries(path: Path, known: set[str]) -> list[tuple[str, str, list[str], list[str]]]:
    """(name, code, kept aliases, ambiguous aliases left out) of the countries not yet in the gazetteer."""
    rows = []
    for head, code, raw in entries(path):
        name = NAMES.get(head, _title(head))
        if name in known or {f"{name} (country)", f"{name} (place)"} & known:  # an ambiguous name's qualified row
            continue
        kept, left_out = [], []
        for alias in dict.fromkeys(_title(a) for a in raw if re.fullmatch(r"[A-Z][A-Z_'. -]*[A-Z.]", a)):
            if alias == name or not keep(alias, name) or alias in known:
                continue
            (left_out if alias in DROP else kept).append(alias)
        kept += [alias for alias in EXTRA.get(code, []) if alias not in kept and alias not in known]
        # A people's plural ("Nigerians said"), for the demonyms in -an and -i that are not a capital or name.
        kept += [
            f"{alias}s"
            for alias in list(kept)
            if alias.endswith(("an", "i"))
            and alias not in CAPITALS | {name, "I-Kiribati"}
            and " of " not in alias
            and f"{alias}s" not in known
        ]
        kept = list(dict.fromkeys(kept))
        if name in DROP:
            left_out.insert(0, name)
        rows.append((name, code, sorted(kept), left_out))
    return sorted(rows)


def actor_rows(source: Path, known: set[str]) -> list[list[str]]:
    """The actors.csv rows of the countries not yet in the gazetteer."""
    new = []
    for name, code, aliases, left_out in countries(source, known):
        kind = "place" if code in TERRITORIES else "country"
        role = f"a {'territory' if kind == 'place' else 'country'} ({SOURCE} {code})"
        if left_out:
            role += "; not matched: " + ", ".join(f"{a} ({AMBIGUOUS.get(a) or 'a misspelling'})" for a in left_out)
        # The gazetteer matches an actor's own name too: an ambiguous name gets a qualifier nobody writes.
        actor, names = (f"{name} ({kind})", aliases) if name in DROP else (name, [name, *aliases])
        new.append([actor, kind, "|".join(names), role, "other", ""])
    return new


def main(argv: list[str] | None = None) -> int:
    """Append the countries not yet in data/actors.csv."""
    return convert_main(ROOT, "convert_phoenix_countries", "countries", actor_rows, argv)


if __name__ == "__main__":
    raise SystemExit(main())
