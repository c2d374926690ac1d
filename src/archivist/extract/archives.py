"""Major archives by the abbreviations historians cite them by, with their full names.

A citation such as "RGAE, f. 1, op. 2, d. 3" names its archive by initials that a
reader outside the field cannot expand. This module is a small hand-made table of the
widely used abbreviations of the major national, state, military, diplomatic, party,
church and international archives and manuscript libraries consulted for modern
(19th-20th century) political, diplomatic and military history: Russian/Soviet,
Ukrainian, Belarusian, Baltic, Polish, German, Austrian, French, British, US (NARA and
the presidential libraries), Japanese, Chinese, Italian, Spanish, Dutch, Belgian,
Hungarian, Commonwealth, Vatican and international ones.

Sources: general knowledge of these archives, written down by hand: each archive's
official name as it styles itself and the English name it uses in its own guides,
and the abbreviations in common citation practice (including names before a renaming,
such as TsGAOR for GARF or PRO for TNA). It was not copied from a published list and
no entry comes from any particular document. Names in non-Latin scripts are romanised:
Russian, Ukrainian and Belarusian by the Library of Congress system without diacritics,
Japanese by modified Hepburn, Chinese by pinyin. The places are where the records are
kept (a reading room's town), not the archive's postal address.

Besides the archives, three small tables read the first element of a reference code
where it names the records' department or series: The National Archives' (TNA, PRO)
department letter codes ("FO 371/1234" -> Foreign Office), NARA record groups
("RG 59" -> General Records of the Department of State) and the India Office Records'
series at the British Library ("IOR/L/PS/12/3" -> Political and Secret Department).
The German Federal Archives keep their record series in three places; `place_of`
answers Berlin, Koblenz or Freiburg by the series letters ("R 43" -> Berlin).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Archive:
    """One archive: its key abbreviation, full name in its own language (romanised),
    English name, town (where it keeps its records) and ISO 3166 country code."""

    key: str
    name: str
    en: str
    place: str
    country: str


# (abbreviations as cited, first the usual one; name in its own language; English name;
# place; country). An empty place: the archive is a kind with many seats ("AD").
_TABLE: tuple[tuple[tuple[str, ...], str, str, str, str], ...] = (
    # Russia and the Soviet Union (former Soviet names point to today's archive)
    (("GARF", "ГАРФ"), "Gosudarstvennyi arkhiv Rossiiskoi Federatsii",
     "State Archive of the Russian Federation", "Moscow", "RU"),
    (("TsGAOR", "ЦГАОР"), "Tsentral'nyi gosudarstvennyi arkhiv Oktiabr'skoi revoliutsii",
     "Central State Archive of the October Revolution (now GARF)", "Moscow", "RU"),
    (("RGASPI", "РГАСПИ"), "Rossiiskii gosudarstvennyi arkhiv sotsial'no-politicheskoi istorii",
     "Russian State Archive of Socio-Political History", "Moscow", "RU"),
    (("RTsKhIDNI", "РЦХИДНИ"),
     "Rossiiskii tsentr khraneniia i izucheniia dokumentov noveishei istorii",
     "Russian Centre for the Preservation and Study of Documents of Recent History "
     "(now RGASPI)", "Moscow", "RU"),
    (("RGVA", "РГВА"), "Rossiiskii gosudarstvennyi voennyi arkhiv",
     "Russian State Military Archive", "Moscow", "RU"),
    (("TsGASA", "ЦГАСА"), "Tsentral'nyi gosudarstvennyi arkhiv Sovetskoi Armii",
     "Central State Archive of the Soviet Army (now RGVA)", "Moscow", "RU"),
    (("RGAE", "РГАЭ"), "Rossiiskii gosudarstvennyi arkhiv ekonomiki",
     "Russian State Archive of the Economy", "Moscow", "RU"),
    (("TsGANKh", "ЦГАНХ"), "Tsentral'nyi gosudarstvennyi arkhiv narodnogo khoziaistva",
     "Central State Archive of the National Economy (now RGAE)", "Moscow", "RU"),
    (("RGANI", "РГАНИ"), "Rossiiskii gosudarstvennyi arkhiv noveishei istorii",
     "Russian State Archive of Contemporary History", "Moscow", "RU"),
    (("TsKhSD", "ЦХСД"), "Tsentr khraneniia sovremennoi dokumentatsii",
     "Centre for the Preservation of Contemporary Documentation (now RGANI)", "Moscow", "RU"),
    (("AVP RF", "AVPRF", "АВП РФ", "АВПРФ"), "Arkhiv vneshnei politiki Rossiiskoi Federatsii",
     "Foreign Policy Archive of the Russian Federation", "Moscow", "RU"),
    (("AVPRI", "АВПРИ"), "Arkhiv vneshnei politiki Rossiiskoi imperii",
     "Foreign Policy Archive of the Russian Empire", "Moscow", "RU"),
    (("TsAMO", "TsAMO RF", "ЦАМО", "ЦАМО РФ"),
     "Tsentral'nyi arkhiv Ministerstva oborony Rossiiskoi Federatsii",
     "Central Archive of the Ministry of Defence of the Russian Federation", "Podolsk", "RU"),
    (("RGIA", "РГИА"), "Rossiiskii gosudarstvennyi istoricheskii arkhiv",
     "Russian State Historical Archive", "St Petersburg", "RU"),
    (("RGALI", "РГАЛИ"), "Rossiiskii gosudarstvennyi arkhiv literatury i iskusstva",
     "Russian State Archive of Literature and Art", "Moscow", "RU"),
    (("RGVIA", "РГВИА"), "Rossiiskii gosudarstvennyi voenno-istoricheskii arkhiv",
     "Russian State Military History Archive", "Moscow", "RU"),
    (("RGAVMF", "РГАВМФ"), "Rossiiskii gosudarstvennyi arkhiv Voenno-Morskogo Flota",
     "Russian State Archive of the Navy", "St Petersburg", "RU"),
    (("RGADA", "РГАДА"), "Rossiiskii gosudarstvennyi arkhiv drevnikh aktov",
     "Russian State Archive of Ancient Acts", "Moscow", "RU"),
    (("APRF", "AP RF", "АПРФ", "АП РФ"), "Arkhiv Prezidenta Rossiiskoi Federatsii",
     "Archive of the President of the Russian Federation", "Moscow", "RU"),
    (("TsA FSB", "ЦА ФСБ"), "Tsentral'nyi arkhiv Federal'noi sluzhby bezopasnosti",
     "Central Archive of the Federal Security Service", "Moscow", "RU"),
    (("TsGAIPD SPb", "ЦГАИПД СПб"),
     "Tsentral'nyi gosudarstvennyi arkhiv istoriko-politicheskikh dokumentov Sankt-Peterburga",
     "Central State Archive of Historical and Political Documents of St Petersburg",
     "St Petersburg", "RU"),
    # Ukraine, Belarus, the Baltic states
    (("TsDAVO", "TsDAVOU", "ЦДАВО"),
     "Tsentral'nyi derzhavnyi arkhiv vyshchykh orhaniv vlady ta upravlinnia Ukrainy",
     "Central State Archive of the Supreme Bodies of Power and Government of Ukraine",
     "Kyiv", "UA"),
    (("TsDAHO", "TsDAGO", "ЦДАГО"), "Tsentral'nyi derzhavnyi arkhiv hromads'kykh ob'iednan' Ukrainy",
     "Central State Archive of Public Organisations of Ukraine", "Kyiv", "UA"),
    (("TsDIAK", "ЦДІАК"), "Tsentral'nyi derzhavnyi istorychnyi arkhiv Ukrainy, m. Kyiv",
     "Central State Historical Archive of Ukraine in Kyiv", "Kyiv", "UA"),
    (("TsDIAL", "ЦДІАЛ"), "Tsentral'nyi derzhavnyi istorychnyi arkhiv Ukrainy, m. L'viv",
     "Central State Historical Archive of Ukraine in Lviv", "Lviv", "UA"),
    (("HDA SBU", "SBU", "ГДА СБУ"), "Haluzevyi derzhavnyi arkhiv Sluzhby bezpeky Ukrainy",
     "Sectoral State Archive of the Security Service of Ukraine", "Kyiv", "UA"),
    (("DALO", "ДАЛО"), "Derzhavnyi arkhiv L'vivs'koi oblasti", "State Archive of Lviv Oblast",
     "Lviv", "UA"),
    (("NARB", "НАРБ"), "Natsyianal'ny arkhiu Respubliki Belarus'",
     "National Archives of the Republic of Belarus", "Minsk", "BY"),
    (("ERA",), "Rahvusarhiiv, Riigiarhiiv", "National Archives of Estonia, State Archives",
     "Tallinn", "EE"),
    (("LVVA",), "Latvijas Valsts vēstures arhīvs", "Latvian State Historical Archives",
     "Riga", "LV"),
    (("LCVA",), "Lietuvos centrinis valstybės archyvas", "Lithuanian Central State Archives",
     "Vilnius", "LT"),
    # Poland
    (("AAN",), "Archiwum Akt Nowych", "Central Archives of Modern Records", "Warsaw", "PL"),
    (("AGAD",), "Archiwum Główne Akt Dawnych", "Central Archives of Historical Records",
     "Warsaw", "PL"),
    (("CAW",), "Centralne Archiwum Wojskowe", "Central Military Archives", "Warsaw", "PL"),
    (("AIPN", "IPN"), "Archiwum Instytutu Pamięci Narodowej",
     "Archive of the Institute of National Remembrance", "Warsaw", "PL"),
    (("AMSZ",), "Archiwum Ministerstwa Spraw Zagranicznych",
     "Archive of the Polish Ministry of Foreign Affairs", "Warsaw", "PL"),
    (("PISM",), "Instytut Polski i Muzeum im. gen. Sikorskiego",
     "Polish Institute and Sikorski Museum", "London", "GB"),
    # Germany and Austria
    (("BArch", "BA", "Bundesarchiv"), "Bundesarchiv", "German Federal Archives", "Koblenz",
     "DE"),
    (("BArch-MA", "BA-MA", "BAMA"), "Bundesarchiv-Militärarchiv",
     "German Federal Archives, Military Archives", "Freiburg im Breisgau", "DE"),
    (("SAPMO-BArch", "SAPMO"),
     "Stiftung Archiv der Parteien und Massenorganisationen der DDR im Bundesarchiv",
     "Foundation Archives of the Parties and Mass Organisations of the GDR in the Federal "
     "Archives", "Berlin", "DE"),
    (("PA AA", "PAAA"), "Politisches Archiv des Auswärtigen Amts",
     "Political Archive of the Federal Foreign Office", "Berlin", "DE"),
    (("BayHStA",), "Bayerisches Hauptstaatsarchiv", "Bavarian Main State Archives", "Munich",
     "DE"),
    (("GStA PK", "GStA", "GStAPK"), "Geheimes Staatsarchiv Preußischer Kulturbesitz",
     "Secret State Archives of Prussian Cultural Heritage", "Berlin", "DE"),
    (("IfZ",), "Institut für Zeitgeschichte, Archiv", "Institute of Contemporary History, "
     "Archive", "Munich", "DE"),
    (("BStU",), "Stasi-Unterlagen-Archiv (Der Bundesbeauftragte für die Unterlagen des "
     "Staatssicherheitsdienstes)", "Stasi Records Archive", "Berlin", "DE"),
    (("AdsD",), "Archiv der sozialen Demokratie der Friedrich-Ebert-Stiftung",
     "Archive of Social Democracy (Friedrich Ebert Foundation)", "Bonn", "DE"),
    (("HHStA",), "Haus-, Hof- und Staatsarchiv", "Household, Court and State Archives",
     "Vienna", "AT"),
    (("ÖStA", "OeStA"), "Österreichisches Staatsarchiv", "Austrian State Archives", "Vienna",
     "AT"),
    # France
    (("AN", "Archives nationales"), "Archives nationales", "National Archives of France",
     "Paris and Pierrefitte-sur-Seine", "FR"),
    (("AD",), "Archives départementales", "Departmental Archives", "", "FR"),
    (("SHD",), "Service historique de la Défense", "Defence Historical Service", "Vincennes",
     "FR"),
    (("SHAT",), "Service historique de l'armée de terre", "Army Historical Service (now SHD)",
     "Vincennes", "FR"),
    (("AMAE", "MAE"), "Archives du ministère des Affaires étrangères",
     "Archives of the French Ministry of Foreign Affairs", "La Courneuve", "FR"),
    (("CADN",), "Centre des Archives diplomatiques de Nantes", "Diplomatic Archives Centre of "
     "Nantes", "Nantes", "FR"),
    (("ANOM", "CAOM"), "Archives nationales d'outre-mer", "National Overseas Archives",
     "Aix-en-Provence", "FR"),
    (("APP",), "Archives de la Préfecture de police", "Archives of the Paris Police Prefecture",
     "Paris", "FR"),
    (("BnF", "BNF"), "Bibliothèque nationale de France", "National Library of France", "Paris",
     "FR"),
    # United Kingdom
    (("TNA", "The National Archives"), "The National Archives",
     "The National Archives of the United Kingdom", "Kew, London", "GB"),
    (("PRO", "Public Record Office"), "Public Record Office",
     "Public Record Office (now The National Archives)", "Kew, London", "GB"),
    (("BL", "British Library"), "British Library", "British Library", "London", "GB"),
    (("IOR", "India Office Records"), "India Office Records, British Library",
     "India Office Records, British Library", "London", "GB"),
    (("Bodl", "Bodleian Library"), "Bodleian Library", "Bodleian Library, University of "
     "Oxford", "Oxford", "GB"),
    (("CUL",), "Cambridge University Library", "Cambridge University Library", "Cambridge",
     "GB"),
    (("CAC", "CCAC"), "Churchill Archives Centre, Churchill College",
     "Churchill Archives Centre, Churchill College", "Cambridge", "GB"),
    (("LHCMA",), "Liddell Hart Centre for Military Archives, King's College London",
     "Liddell Hart Centre for Military Archives, King's College London", "London", "GB"),
    (("IWM",), "Imperial War Museum", "Imperial War Museum", "London", "GB"),
    (("PA", "PArch"), "Parliamentary Archives", "Parliamentary Archives (Houses of "
     "Parliament)", "London", "GB"),
    (("NRS", "NAS"), "National Records of Scotland", "National Records of Scotland "
     "(formerly National Archives of Scotland)", "Edinburgh", "GB"),
    (("NLS",), "National Library of Scotland", "National Library of Scotland", "Edinburgh",
     "GB"),
    (("PRONI",), "Public Record Office of Northern Ireland", "Public Record Office of "
     "Northern Ireland", "Belfast", "GB"),
    (("NLW",), "Llyfrgell Genedlaethol Cymru", "National Library of Wales", "Aberystwyth",
     "GB"),
    (("LMA",), "London Metropolitan Archives", "London Metropolitan Archives", "London", "GB"),
    (("RA",), "Royal Archives", "Royal Archives", "Windsor", "GB"),
    # United States
    (("NARA", "National Archives and Records Administration"),
     "National Archives and Records Administration",
     "National Archives and Records Administration", "College Park, Maryland", "US"),
    (("LOC", "LC", "Library of Congress"), "Library of Congress, Manuscript Division",
     "Library of Congress, Manuscript Division", "Washington, DC", "US"),
    (("FDRL",), "Franklin D. Roosevelt Presidential Library",
     "Franklin D. Roosevelt Presidential Library", "Hyde Park, New York", "US"),
    (("HSTL",), "Harry S. Truman Presidential Library", "Harry S. Truman Presidential Library",
     "Independence, Missouri", "US"),
    (("DDEL",), "Dwight D. Eisenhower Presidential Library",
     "Dwight D. Eisenhower Presidential Library", "Abilene, Kansas", "US"),
    (("JFKL",), "John F. Kennedy Presidential Library", "John F. Kennedy Presidential Library",
     "Boston, Massachusetts", "US"),
    (("LBJL",), "Lyndon Baines Johnson Presidential Library",
     "Lyndon Baines Johnson Presidential Library", "Austin, Texas", "US"),
    (("HIA", "HILA"), "Hoover Institution Library & Archives",
     "Hoover Institution Library & Archives", "Stanford, California", "US"),
    (("USHMM",), "United States Holocaust Memorial Museum",
     "United States Holocaust Memorial Museum", "Washington, DC", "US"),
    (("RAC",), "Rockefeller Archive Center", "Rockefeller Archive Center",
     "Sleepy Hollow, New York", "US"),
    (("USAHEC",), "US Army Heritage and Education Center", "US Army Heritage and Education "
     "Center", "Carlisle, Pennsylvania", "US"),
    # Japan, China and Taiwan
    (("JACAR",), "Ajia rekishi shiryō sentā", "Japan Center for Asian Historical Records "
     "(National Archives of Japan)", "Tokyo", "JP"),
    (("DAMFA", "Gaimushō gaikō shiryōkan", "Gaimusho gaiko shiryokan"),
     "Gaimushō gaikō shiryōkan", "Diplomatic Archives of the Ministry of Foreign Affairs of "
     "Japan", "Tokyo", "JP"),
    (("NIDS",), "Bōei kenkyūjo senshi kenkyū sentā", "National Institute for Defense Studies, "
     "Center for Military History", "Tokyo", "JP"),
    (("NAJ",), "Kokuritsu kōbunshokan", "National Archives of Japan", "Tokyo", "JP"),
    (("NDL",), "Kokuritsu kokkai toshokan", "National Diet Library", "Tokyo", "JP"),
    (("SHAC",), "Zhongguo di er lishi dang'anguan", "Second Historical Archives of China",
     "Nanjing", "CN"),
    (("FHAC",), "Zhongguo di yi lishi dang'anguan", "First Historical Archives of China",
     "Beijing", "CN"),
    (("SMA",), "Shanghai shi dang'anguan", "Shanghai Municipal Archives", "Shanghai", "CN"),
    (("AH",), "Guoshiguan", "Academia Historica", "Taipei", "TW"),
    # Italy, the Vatican, Spain, the Low Countries, Hungary
    (("ACS", "Archivio Centrale dello Stato"), "Archivio Centrale dello Stato",
     "Central State Archives", "Rome", "IT"),
    (("ASMAE", "ASDMAE"), "Archivio Storico Diplomatico del Ministero degli Affari Esteri",
     "Historical Diplomatic Archive of the Italian Ministry of Foreign Affairs", "Rome", "IT"),
    (("AUSSME",), "Archivio dell'Ufficio Storico dello Stato Maggiore dell'Esercito",
     "Archive of the Historical Office of the Italian Army General Staff", "Rome", "IT"),
    (("AAV", "ASV"), "Archivum Apostolicum Vaticanum (until 2019 Archivum Secretum Vaticanum)",
     "Vatican Apostolic Archive", "Vatican City", "VA"),
    (("ACDF",), "Archivio della Congregazione per la Dottrina della Fede",
     "Archive of the Congregation for the Doctrine of the Faith", "Vatican City", "VA"),
    (("ASRS", "S.RR.SS"), "Archivio Storico della Segreteria di Stato, Sezione per i Rapporti "
     "con gli Stati", "Historical Archive of the Secretariat of State, Section for Relations "
     "with States", "Vatican City", "VA"),
    (("AGA",), "Archivo General de la Administración", "General Archive of the Administration",
     "Alcalá de Henares", "ES"),
    (("AHN",), "Archivo Histórico Nacional", "National Historical Archive", "Madrid", "ES"),
    (("AGS",), "Archivo General de Simancas", "General Archive of Simancas", "Simancas", "ES"),
    (("AGI",), "Archivo General de Indias", "General Archive of the Indies", "Seville", "ES"),
    (("Nationaal Archief",), "Nationaal Archief", "National Archives of the Netherlands",
     "The Hague", "NL"),
    (("NIOD",), "NIOD Instituut voor Oorlogs-, Holocaust- en Genocidestudies",
     "NIOD Institute for War, Holocaust and Genocide Studies", "Amsterdam", "NL"),
    (("IISG", "IISH"), "Internationaal Instituut voor Sociale Geschiedenis",
     "International Institute of Social History", "Amsterdam", "NL"),
    (("AGR", "ARA"), "Archives générales du Royaume / Algemeen Rijksarchief",
     "State Archives of Belgium, General Archives of the Kingdom", "Brussels", "BE"),
    (("MNL OL",), "Magyar Nemzeti Levéltár Országos Levéltára",
     "National Archives of Hungary", "Budapest", "HU"),
    # the Commonwealth
    (("NAA",), "National Archives of Australia", "National Archives of Australia",
     "Canberra", "AU"),
    (("LAC",), "Library and Archives Canada / Bibliothèque et Archives Canada",
     "Library and Archives Canada", "Ottawa", "CA"),
    (("ANZ",), "Archives New Zealand", "Archives New Zealand", "Wellington", "NZ"),
    (("NAI",), "National Archives of India", "National Archives of India", "New Delhi", "IN"),
    # international organisations
    (("LNA", "LON", "UNOG"), "League of Nations Archives, United Nations Office at Geneva",
     "League of Nations Archives, United Nations Office at Geneva", "Geneva", "CH"),
    (("UNA", "UNARMS"), "United Nations Archives and Records Management Section",
     "United Nations Archives", "New York", "US"),
    (("ACICR", "ICRC", "CICR"), "Archives du Comité international de la Croix-Rouge",
     "Archives of the International Committee of the Red Cross", "Geneva", "CH"),
    (("ILO",), "International Labour Office, Archives", "International Labour Office Archives",
     "Geneva", "CH"),
)

# The National Archives (TNA/PRO): department letter codes of the reference ("FO 371/1")
TNA_DEPARTMENTS: dict[str, str] = {
    "ADM": "Admiralty", "AIR": "Air Ministry", "AVIA": "Ministry of Aviation and Supply",
    "BT": "Board of Trade", "C": "Chancery", "CAB": "Cabinet Office",
    "CO": "Colonial Office", "DEFE": "Ministry of Defence", "DO": "Dominions Office",
    "E": "Exchequer", "ED": "Board of Education", "FCO": "Foreign and Commonwealth Office",
    "FO": "Foreign Office", "HO": "Home Office", "HS": "Special Operations Executive",
    "HW": "Government Code and Cypher School and GCHQ", "INF": "Ministry of Information",
    "KV": "Security Service", "LAB": "Ministry of Labour",
    "MAF": "Ministry of Agriculture and Fisheries", "MEPO": "Metropolitan Police Office",
    "MT": "Ministry of Transport", "MUN": "Ministry of Munitions",
    "POWE": "Ministry of Power", "PREM": "Prime Minister's Office",
    "PRO": "Public Record Office: gifts, deposits and copies", "SP": "State Papers",
    "T": "Treasury", "WO": "War Office",
}

# NARA record groups ("RG 59")
NARA_RECORD_GROUPS: dict[str, str] = {
    "38": "Records of the Office of the Chief of Naval Operations",
    "43": "Records of International Conferences, Commissions, and Expositions",
    "59": "General Records of the Department of State",
    "80": "General Records of the Department of the Navy",
    "84": "Records of the Foreign Service Posts of the Department of State",
    "107": "Records of the Office of the Secretary of War",
    "120": "Records of the American Expeditionary Forces (World War I)",
    "151": "Records of the Bureau of Foreign and Domestic Commerce",
    "165": "Records of the War Department General and Special Staffs",
    "169": "Records of the Foreign Economic Administration",
    "208": "Records of the Office of War Information",
    "218": "Records of the U.S. Joint Chiefs of Staff",
    "226": "Records of the Office of Strategic Services",
    "238": "National Archives Collection of World War II War Crimes Records",
    "242": "National Archives Collection of Foreign Records Seized",
    "263": "Records of the Central Intelligence Agency",
    "306": "Records of the U.S. Information Agency",
    "319": "Records of the Army Staff",
    "330": "Records of the Office of the Secretary of Defense",
    "331": "Records of Allied Operational and Occupation Headquarters, World War II",
    "407": "Records of the Adjutant General's Office",
    "457": "Records of the National Security Agency/Central Security Service",
}

# India Office Records series at the British Library ("IOR/L/PS/12/3", "L/P&S/10/1")
IOR_SERIES: dict[str, str] = {
    "L/PS": "Political and Secret Department", "L/MIL": "Military Department",
    "L/PJ": "Public and Judicial Department", "L/E": "Economic and Overseas Department",
    "L/F": "Financial Department", "L/WS": "War Staff", "L/I": "Information Department",
    "R": "Crown Representative and residency records", "P": "Proceedings",
    "V": "Official Publications", "E": "East India Company: General Correspondence",
    "H": "Home Miscellaneous", "MSS EUR": "European Manuscripts",
}

# German Federal Archives: where each record series is kept, by its letters
_BARCH_PLACES: dict[str, str] = {
    **dict.fromkeys(("R", "NS", "DY", "DO", "DC", "DE", "DK", "DR", "DA", "DP"), "Berlin"),
    **dict.fromkeys(("B", "ZSg", "Z"), "Koblenz"),
    "N": "",  # personal papers: in Koblenz, or in Freiburg when military; no town said
    **dict.fromkeys(("RH", "RM", "RL", "RW", "RS", "PH", "BW", "BH", "BM", "BL", "MSg"),
                    "Freiburg im Breisgau"),
}


def _key(name: str) -> str:
    """Lookup key of an archive as cited: dots, hyphens and spacing do not matter
    ("PA-AA", "PA AA"; "Bodl." and "Bodl"; "S.RR.SS.")."""
    return re.sub(r"\s+", " ", re.sub(r"[.\-]", " ", name)).strip()


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, Archive], dict[str, Archive]]:
    """Two lookups: initials by their exact capitals ("AN" is no "An"), names written
    out (with lower-case letters past their first) by case-folded key."""
    exact: dict[str, Archive] = {}
    folded: dict[str, Archive] = {}
    for abbrs, name, en, place, country in _TABLE:
        arch = Archive(abbrs[0], name, en, place, country)
        for a in abbrs:
            k = _key(a)
            if k in exact:
                raise ValueError(f"archive abbreviation twice in the table: {a}")
            exact[k] = arch
            if " " in a.strip() and any(ch.islower() for ch in a):
                folded[k.casefold()] = arch
    return exact, folded


# "PA" is cited for two archives: the Parliamentary Archives in London (references
# "HL/PO/JO/10/1", "LG/F/12/3") and the German Foreign Office's Political Archive (file
# numbers "R 1234", "RZ 201", "Abt. IA"); the reference code tells which, else neither
_PA_PARLIAMENT = re.compile(r"(?:HL|HC|LG|BBK|STR|BL|HIST|PET|ARC|PUR|WIL|DAV|FCP)/")
_PA_FOREIGN_OFFICE = re.compile(r"(?:R|RZ|RAV)\s*\d|Abt\b|Bonn\b|Berlin\b|Gesandtschaft")


# "ARA", the Algemeen Rijksarchief, was the name of both the Belgian General Archives of
# the Kingdom (Brussels) and the Dutch national archives (The Hague, now Nationaal
# Archief): only the place the citation names tells which
_ARA_TOWNS = {"brussels": "AGR", "brussel": "AGR", "bruxelles": "AGR",
              "the hague": "Nationaal Archief", "den haag": "Nationaal Archief",
              "'s-gravenhage": "Nationaal Archief", "’s-gravenhage": "Nationaal Archief"}


def lookup(cited: str, location: str | None = None, place: str = "") -> Archive | None:
    """The archive a citation names by abbreviation or full name, or None. Initials two
    archives share need the reference code, `location` ("PA"), or the place the citation
    names, `place` ("ARA"), to say which; without either, in a citation, none is said.

    >>> lookup("PA", "R 1234").key, lookup("PA", "HL/PO/JO/10/1").key, lookup("PA", "x 1")
    ('PA AA', 'PA', None)
    >>> lookup("ARA", "2.05.03", "Den Haag").en, lookup("ARA", "1", "Brussels").place
    ('National Archives of the Netherlands', 'Brussels')
    >>> lookup("ARA", "2.05.03") is None
    True

    >>> lookup("RGAE").en
    'Russian State Archive of the Economy'
    >>> lookup("PA-AA").key, lookup("Bodl.").place, lookup("AVP RF").place
    ('PA AA', 'Oxford', 'Moscow')
    >>> lookup("archives nationales").key, lookup("An"), lookup("Smith")
    ('AN', None, None)
    """
    exact, folded = _index()
    k = _key(cited)
    if k == "ARA" and location is not None:
        town = _ARA_TOWNS.get(place.strip().lower())
        return exact[_key(town)] if town else None
    if k == "PA" and location is not None:
        if _PA_FOREIGN_OFFICE.match(location):
            return exact["PA AA"]
        if not _PA_PARLIAMENT.match(location):
            return None
    return exact.get(k) or folded.get(k.casefold())


def place_of(arch: Archive, location: str = "") -> str:
    """Where `arch` keeps the records a reference names: the German Federal Archives
    by the series letters ("R 43 I/1" -> Berlin, "RH 2/1" -> Freiburg; "" for papers,
    "N 12", kept in two towns), else its seat.

    >>> place_of(lookup("BArch"), "RM 8/1234"), place_of(lookup("BArch")), place_of(lookup("AD"))
    ('Freiburg im Breisgau', 'Koblenz', '')
    """
    if arch.key == "BArch":
        m = re.match(r"([A-Z][A-Za-z]{0,2})\s*\d", location)
        if m and m.group(1) in _BARCH_PLACES:
            return _BARCH_PLACES[m.group(1)]
    return arch.place


def record_group(arch: Archive, location: str) -> str | None:
    """The department, record group or series a reference code names in `arch`:
    TNA/PRO department letters, NARA record groups, India Office Records series.

    >>> record_group(lookup("TNA"), "CAB 24/9, fol. 2"), record_group(lookup("NARA"), "RG 84, box 1")
    ('Cabinet Office', 'Records of the Foreign Service Posts of the Department of State')
    >>> record_group(lookup("BL"), "IOR/L/P&S/12/3"), record_group(lookup("TNA"), "XY 1/2")
    ('Political and Secret Department', None)
    """
    if arch.key in ("TNA", "PRO"):
        m = re.match(r"([A-Z]{1,4})\s*\d", location)
        return TNA_DEPARTMENTS.get(m.group(1)) if m else None
    if arch.key == "NARA":
        m = re.match(r"RG\s*(\d+)\b", location)
        return NARA_RECORD_GROUPS.get(m.group(1)) if m else None
    if arch.key in ("BL", "IOR"):
        if arch.key == "BL" and not location.startswith("IOR"):
            return None  # another of the Library's collections ("Add MS 1234")
        if re.match(r"(?:IOR\s*/\s*)?Mss\.?\s*Eur\b", location, re.I):
            return IOR_SERIES["MSS EUR"]
        m = re.match(r"(?:IOR\s*/\s*)?(L\s*/\s*[A-Z&]+|[RPVEH])\s*/", location)
        series = re.sub(r"[\s&]", "", m.group(1)) if m else ""
        return IOR_SERIES.get(series)
    return None


def size() -> int:
    """How many archives the table holds.

    >>> size() >= 100
    True
    """
    return len(_TABLE)
