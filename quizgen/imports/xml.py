"""XML from an uploaded file, parsed by lxml with everything that reaches outside the text off.

No DTD is loaded, no entity is expanded, nothing is fetched from the network, and a document
that declares a document type at all (where entity bombs and external entities live) is
refused, as is one nested or sized past libxml2's defaults (`huge_tree` off).
"""

from __future__ import annotations

from lxml import etree

from quizgen.imports import IMPORT_XML_DOCTYPE, IMPORT_XML_MALFORMED, ImportRefused


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def parse(content: bytes) -> etree._Element:
    """The root element of `content`, or ImportRefused saying why it cannot be read."""
    # Declarations are refused before parsing, so no entity is ever defined.
    head = content[:4096].lower()
    if b"<!doctype" in head or b"<!entity" in content.lower() or b"\x00<\x00!" in head:
        raise ImportRefused(IMPORT_XML_DOCTYPE, code="doctype")
    try:
        root = etree.fromstring(content, _parser())
    except etree.XMLSyntaxError as error:
        raise ImportRefused(
            IMPORT_XML_MALFORMED.format(error=error.msg or str(error)), code="malformed"
        ) from error
    if root.getroottree().docinfo.doctype:
        raise ImportRefused(IMPORT_XML_DOCTYPE, code="doctype")
    return root


def local_name(element: etree._Element) -> str:
    tag = element.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""
