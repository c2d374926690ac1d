"""An invented corpus for the differential tests (SQLite against PostgreSQL): short
letters and reports with names spelled several ways, dates, accented words, phrases,
apostrophes, hyphens and OCR-like misreadings. Every word here is made up for the
tests (no seed or benchmark text)."""

from __future__ import annotations

from pathlib import Path

# (file name, text): plain text files, ingested as the CLI ingests them
DOCS: list[tuple[str, str]] = [
    ("letter_01.txt",
     "Dear Mr. Quorvel,\n\nOn 14 March 1921 the grain barges left Velmora harbour for "
     "Tassilund. Captain Odrin Quorvel reported that the river ice had broken early.\n"
     "The harbour master, Mrs. Élodie Brannoch, signed the manifest.\n"),
    ("letter_02.txt",
     "Sir,\n\nCaptain Odrin Quorvell (sometimes written Quorvel) arrived at Tassilund "
     "on 2 April 1921. The grain barges were unloaded by the dock company.\n"
     "The harbour dues were paid in full.\n"),
    ("letter_03.txt",
     "Memorandum. The Velmora-Tassilund canal was closed from 3 May 1922 to "
     "9 May 1922 for repairs to the lock gates. Élodie Brannoch's office kept the "
     "keys. The lock-keeper, Mr. Fenwarth, was not consulted.\n"),
    ("letter_04.txt",
     "Report of the harbour commission. Tbe commission met on 1 June 1922 at "
     "Velrnora. Present: Mrs. Elodie Brannoch, Mr. Jorrit Fenwarth, Captain "
     "Quorvel. The commission agreed to deepen the channel.\n"),
    ("letter_05.txt",
     "Notes on the grain trade. In 1920 the barges carried rye and barley; in 1921 "
     "mostly oats. The merchants of Tassilund complained of the dues. Prices rose "
     "in the autumn of 1921.\n"),
    ("letter_06.txt",
     "Dear Élodie,\n\nThe café on the quay has reopened. Madame Sévérine Dulac sends "
     "her regards. The crème brûlée is as good as ever, and the naïve new waiter "
     "still drops the plates.\n"),
    ("letter_07.txt",
     "O'Harran's warehouse burned on the night of 12 August 1923. Mr. Liam O'Harran "
     "and his clerk d'Aubrel escaped. The fire brigade from Velmora arrived late.\n"),
    ("letter_08.txt",
     "The insurance assessor visited O'Harran's yard on 20 August 1923. He found "
     "the rnerchant's books intact. Mr. d'Aubrel kept them in an iron safe.\n"),
    ("letter_09.txt",
     "Minutes. The well-known engineer Hessa Ko-Varrin proposed a steam-driven "
     "dredger for the channel. The commission's vote was postponed until "
     "September 1923.\n"),
    ("letter_10.txt",
     "Dear Hessa,\n\nYour dredger plans were read at the meeting. Mr. Fenwarth "
     "thinks the steam engine too costly; Captain Quorvel supports it. The vote "
     "will be taken on 5 September 1923.\n"),
    ("letter_11.txt",
     "The dredger was launched at Velmora in spring 1924. Hessa Ko-Varrin "
     "supervised the trials. The channel was deepened by two fathoms.\n"),
    ("letter_12.txt",
     "Report on the winter of 1924. Ice closed the river from December to "
     "February. The barges wintered at Tassilund. Food was scarce in the "
     "villages upriver.\n"),
    ("letter_13.txt",
     "A note from Kälberhof: the Swiss buyer Herr Matthäus Grünwald ordered "
     "three hundred sacks of Tassilund oats. Payment in francs, on delivery.\n"),
    ("letter_14.txt",
     "Herr Matthaus Grunwald wrote again on 11 November 1924: the oats arrived "
     "damp. He asks for a discount. Mrs. Brannoch refused.\n"),
    ("letter_15.txt",
     "Søren Ålvik, the Norwegian timber agent, visited Velmora in 1925. He "
     "bought pine from the upriver forests. Søren's partner, Ødegaard, stayed "
     "in Tassilund.\n"),
    ("letter_16.txt",
     "Soren Alvik's second visit (June 1925) ended in a quarrel over the price "
     "of pine. The timber was sold to the dock company instead.\n"),
    ("letter_17.txt",
     "The dock company's annual report, 1925. Profits fell. The grain barges "
     "were repaired. Captain Odrin Quorvel retired in December.\n"),
    ("letter_18.txt",
     "Tlie new harbour master, Mr. Jorrit Fenwarth, took office on 2 January "
     "1926. His first order concerned the lock gates at Velmora.\n"),
    ("letter_19.txt",
     "Letter from Łucja Wrzosek, schoolteacher at Tassilund, asking for books. "
     "The children of the bargemen cannot read. She thanks Mrs. Brannoch.\n"),
    ("letter_20.txt",
     "Lucja Wrzosek's school opened in the old customs house in 1926. Twenty-two "
     "children attended. The books came from Velmora's library.\n"),
    ("letter_21.txt",
     "The flood of 1927 (17-19 April) drowned the lower quay. O'Harran's new "
     "warehouse stood. The dredger was used to clear the channel of debris.\n"),
    ("letter_22.txt",
     "An account of the flood: tlie water rose nine feet at Tassilund; at "
     "Velmora the quay was under water for two days. Nobody drowned.\n"),
    ("letter_23.txt",
     "Receipt. Received from Captain O. Quorvel the sum of forty pounds for the "
     "hire of the barge Marigold, 3 March 1928.\n"),
    ("letter_24.txt",
     "The barge Marigold sank near Tassilund on 8 October 1928. The crew was "
     "saved. Its cargo of oats was lost.\n"),
    ("letter_25.txt",
     "Hessa Ko-Varrin and Jorrit Fenwarth married in 1929. The wedding was held "
     "in Velmora; the café on the quay served the guests.\n"),
    ("letter_26.txt",
     "Dear Sir, I am writing on behalf of the widow Quorvell about her pension. "
     "Her husband served the harbour for thirty years.\n"),
    ("letter_27.txt",
     "The old lock-keeper's cottage was sold in 1930. Its new owner, Mr. Ambrose "
     "Pelliter, keeps bees. The honey is sold at the quay.\n"),
    ("letter_28.txt",
     "Pelliter's bees swarmed into the customs house school in May 1930. The "
     "children were sent home. Miss Wrzosek was stung twice.\n"),
    ("letter_29.txt",
     "Summary of the years 1921-1930: the harbour grew, the grain trade fell, "
     "timber rose. Velmora and Tassilund were joined by a road in 1930.\n"),
    ("letter_30.txt",
     "Postscript. The road from Velmora to Tassilund is called the Quorvel Road "
     "after the old captain. It was opened on 1 October 1930.\n"),
    # one document all about the beacon, one that names it once: whatever the ranking
    # function, a search for it must put the first on top
    ("letter_31.txt",
     "The beacon. The beacon on the mole was lit in 1931; the beacon keeper trimmed "
     "the beacon lamp nightly, and the beacon's light reached Tassilund.\n"),
    ("letter_32.txt",
     "A short note on the new quay wall, finished in 1931 near the beacon, with a "
     "list of the masons, the carters, the labourers and the clerks paid.\n"),
    # odd words: digits in words, ligatures, compatibility forms, other scripts,
    # title-case digraphs, dotted capitals, apostrophes of three kinds
    ("letter_33.txt",
     "Inventory of the customs house, 1931: crate v2x (12th shelf), the ﬁnal ledger, "
     "Straße maps from İzmirli, ǅemal's kw½ gauge, ΣΊΣΥΦΟΣ and Ωμέγα stamped in red, "
     "日本語 labels, co-op tea, O’Brannagh's and Ma'ruf's receipts, l'Ørsted's "
     "compass, Ĳssel charts, an œuvre by Æthel Dørring, Þórr's barrel.\n"),
    # a capitalised file name, dated as letter_10: a timeline orders the two by name
    ("Minutes_1923.txt",
     "Minutes of the harbour commission. The vote on the dredger was taken on "
     "5 September 1923; Captain Quorvel and Mrs. Brannoch voted for it.\n"),
]


def write_corpus(folder: Path) -> Path:
    """The corpus's files written under `folder` (made if missing)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in DOCS:
        (folder / name).write_text(text, encoding="utf-8")
    return folder
