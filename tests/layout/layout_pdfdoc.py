"""A multi-page scholarly PDF built with reportlab, for layout tests.

Each page has a running head with the page number ("41 · Rivers of the North"),
body lines set at 11 pt with footnote markers as raised 7 pt digits, and a foot
block of 8 pt numbered notes under a gap and a rule. Note 4 (page 2) continues on
page 3.
"""

from __future__ import annotations

import io

TITLE = "Rivers of the North"
FIRST_PAGE = 41

# (body lines, notes) per page; a marker is written as "^n" after a word.
PAGES: list[tuple[list[str], list[str]]] = [
    (["the survey of the upper valley was finished in the spring of that year.^1",
      "The engineers who walked the banks counted 1,250 fords and 37 mills, and",
      "their reports reached the ministry in 1873 with a map of the lower reaches.",
      "Few of the mills survived the floods that followed in the next decade.^2"],
     ["1 Ministry of Works, Annual Report (London, 1874), 12.",
      "2 Parish records, vol. 3, fol. 18."]),
    (["The second survey was less careful than the first, as its critics said.^3",
      "Its authors were paid by the mile and did not linger at the fords, which",
      "they often mistook for shallows or for the remains of older bridges.",
      "Nobody checked their figures until the railway came to the valley.^4"],
     ["3 Railway Company minutes, 14 May 1880.",
      "4 J. Harker, The Northern Rivers and their Engineers, a Study of the"]),
    (["When the railway engineers arrived they found the maps almost useless.^5",
      "They drew their own, and these are the maps that survive in the archive",
      "of the company, bound in two volumes with the minutes of the board.",
      "The volumes were rebound in 1923 and again after the war of 1939.^6"],
     ["Surveys of 1860 to 1880 (Leeds, 1902), 233-240.",
      "5 Board minutes, 2 June 1881.",
      "6 Archive catalogue, series B, items 40-41."]),
    (["The maps show the river as it was before the great drainage works began.^7",
      "Every ford is marked, and the mills are drawn with their wheels and races.",
      "Historians have used them to date the decline of the small mills, which",
      "were already closing when the maps were drawn, one by one.^8"],
     ["7 Compare the plates in Harker, Northern Rivers, 51-60.",
      "8 M. Dale, Mills and Millers (York, 1931), 77."]),
    (["By the end of the century only three mills were still working on the river.^9",
      "The last of them closed in 1911, and its wheel was sold for scrap.",
      "Its race can still be seen below the bridge at the foot of the valley.^10",
      "The ford beside it was paved over when the new road was built."],
     ["9 Dale, Mills and Millers, 80.",
      "10 Ordnance Survey, sheet 22, revised edition."]),
]


def build_pdf() -> bytes:
    """The PDF as bytes."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    _, height = A4
    for i, (body, notes) in enumerate(PAGES):
        n = FIRST_PAGE + i
        c.setFont("Helvetica", 9)
        c.drawString(72, height - 50, f"{n} · {TITLE}")
        y = height - 90
        for line in body:
            _body_line(c, 72, y, line)
            y -= 15
        y = 160
        c.line(72, y + 14, 200, y + 14)
        c.setFont("Helvetica", 8)
        for note in notes:
            c.drawString(72, y, note)
            y -= 11
        c.showPage()
    c.save()
    return buf.getvalue()


def _body_line(c, x: float, y: float, line: str) -> None:  # noqa: ANN001 - reportlab canvas
    """Draw a body line; "^n" becomes a raised 7 pt marker glued to the word before."""
    parts = line.split("^")
    c.setFont("Helvetica", 11)
    c.drawString(x, y, parts[0])
    x += c.stringWidth(parts[0], "Helvetica", 11)
    for p in parts[1:]:
        num = "".join(ch for ch in p if ch.isdigit())
        c.setFont("Helvetica", 7)
        c.drawString(x, y + 4, num)
        x += c.stringWidth(num, "Helvetica", 7)
        rest = p[len(num):]
        c.setFont("Helvetica", 11)
        c.drawString(x, y, rest)
        x += c.stringWidth(rest, "Helvetica", 11)
