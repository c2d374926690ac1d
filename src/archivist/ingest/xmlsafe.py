"""One safe way to parse untrusted XML and HTML (hOCR, ALTO).

Scanned-document XML comes from anywhere, so the parsers never expand entities
in element text, never load a DTD or any external entity (no XXE, no network) and
refuse huge trees. libxml2 still substitutes internal entities inside *attribute*
values (where ALTO keeps its words) whatever the flags say, so a document whose
DTD declares any entity is refused outright (`UnsafeXML`): OCR output never needs
one, and a "billion laughs" or an entity-smuggled word is then impossible.
"""

from __future__ import annotations

import re

from lxml import etree

from ..errors import InputError


class UnsafeXML(InputError):
    """XML that declares entities: refused rather than half-trusted."""


ENTITY_REFUSAL = "declares XML entities in its DTD; refused (OCR files never need them)"


class TooBig(InputError):
    """XML beyond the safe parser's limits (a 10 MB text or attribute, 256 levels)."""


TOO_BIG = ("is beyond the safe XML parser's limits (a text or attribute over 10 MB, or "
           "nesting deeper than 256 levels)")
_LIMIT = re.compile(r"Resource limit exceeded|Excessive depth|XML_PARSE_HUGE|[Hh]uge input")
_LIMIT_HINT = re.compile(r",? (?:try|use) XML_PARSE_HUGE(?: option)?")


def xml_parser() -> etree.XMLParser:
    """A fresh XML parser that expands no declared entities and fetches nothing."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           huge_tree=False, remove_comments=True, remove_pis=True)


def html_parser(encoding: str | None = None) -> etree.HTMLParser:
    """A forgiving HTML parser for hOCR that is not well-formed XHTML.

    libxml2's HTML parser ignores entity declarations altogether; it knows only
    the HTML named entities (``&nbsp;``...).
    """
    return etree.HTMLParser(no_network=True, huge_tree=False, remove_comments=True,
                            remove_pis=True, encoding=encoding)


def parse_xml(path: str, data: bytes) -> etree._Element:
    """Parse well-formed XML or raise InputError naming the first problem."""
    try:
        root = etree.fromstring(data, xml_parser())
    except etree.XMLSyntaxError as exc:
        msg = _first_line(str(exc))
        if "amplification" in msg or "entity loop" in msg.lower():
            raise UnsafeXML(path, ENTITY_REFUSAL) from exc
        if _LIMIT.search(msg):
            raise TooBig(path, f"{TOO_BIG} ({_LIMIT_HINT.sub('', msg)})") from exc
        raise InputError(path, f"is not well-formed XML ({msg})") from exc
    except ValueError as exc:  # e.g. an unknown encoding declaration
        raise InputError(path, f"cannot be parsed as XML ({_first_line(str(exc))})") from exc
    if root is None:
        raise InputError(path, "is not well-formed XML (no root element)")
    if declared_entities(root):
        raise UnsafeXML(path, ENTITY_REFUSAL)
    return root


def parse_markup(path: str, data: bytes) -> tuple[etree._Element, bool]:
    """Parse XHTML/XML, falling back to the HTML parser for tag soup.

    Returns (root, parsed_as_xml). Raises InputError when neither parser yields
    a document.
    """
    try:
        return parse_xml(path, data), True
    except (UnsafeXML, TooBig):
        raise  # the HTML parser has the same limits and would silently drop the rest
    except InputError as xml_err:
        if not re.search(rb"<\s*(html|body|div|span|p)\b", data[:65536], re.I):
            raise xml_err from None
    encoding = None
    try:
        data.decode("utf-8")
        encoding = "utf-8"  # lxml's HTML parser otherwise assumes latin-1
    except UnicodeDecodeError:
        pass
    parser = html_parser(encoding)
    try:
        root = etree.fromstring(data, parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise InputError(path, f"cannot be parsed as HTML ({_first_line(str(exc))})") from exc
    # past a limit the HTML parser stops quietly and returns what it had: the words
    # after that point would be lost without a word
    limit = [e.message for e in parser.error_log if e.type_name == "ERR_RESOURCE_LIMIT"]
    if limit:
        raise TooBig(path, f"{TOO_BIG} ({_LIMIT_HINT.sub('', _first_line(limit[0]))})")
    if root is None:
        raise InputError(path, "cannot be parsed as HTML (no root element)")
    return root, False


def declared_entities(root: etree._Element) -> list[str]:
    """Names of the entities a document's internal DTD declares (never expanded)."""
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is None:
        return []
    return [e.name for e in dtd.iterentities()]


def local_name(el: etree._Element) -> str:
    """Tag without namespace: ``{http://www.loc.gov/standards/alto/ns-v4#}Page`` -> ``Page``.

    >>> from lxml import etree
    >>> local_name(etree.fromstring('<a:Page xmlns:a="urn:x"/>'))
    'Page'
    """
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def element_text(el: etree._Element) -> str:
    """All text inside `el`, skipping unexpanded entity references and comments.

    (``itertext()`` would return an unexpanded ``&name;`` as literal text.)
    """
    parts = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str):
            parts.append(element_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _first_line(msg: str) -> str:
    return msg.strip().splitlines()[0] if msg.strip() else "unknown error"
