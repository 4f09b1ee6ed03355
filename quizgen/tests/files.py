"""Small files of each supported type, built in memory for upload tests."""

from __future__ import annotations

import io

ENGLISH_TEXT = (
    "The town council met on 4 March 2021 to discuss the new bridge. "
    "It was the third meeting of the year, and the mayor said that the work would start soon."
)
FRENCH_TEXT = (
    "Le conseil municipal s'est réuni pour discuter du nouveau pont. C'était la troisième "
    "réunion de l'année, et le maire a dit que les travaux commenceraient bientôt."
)


def pdf_bytes(lines: list[str] | None = None, *, password: str | None = None) -> bytes:
    """A one-page PDF whose text layer holds `lines` (no text layer when `lines` is empty)."""
    from pypdf import PdfWriter
    from pypdf.generic import DictionaryObject, NameObject, StreamObject

    writer = PdfWriter()
    page = writer.add_blank_page(612, 792)
    if lines:
        font = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
            }
        )
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
        )
        commands = ["BT /F1 10 Tf 14 TL 40 750 Td"]
        for line in lines:
            escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            commands.append(f"({escaped}) Tj T*")
        commands.append("ET")
        stream = StreamObject()
        stream.set_data("\n".join(commands).encode("latin-1"))
        page[NameObject("/Contents")] = writer._add_object(stream)
    if password:
        writer.encrypt(user_password=password, owner_password=password, algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def wrapped_pdf_bytes(paragraphs: list[str]) -> bytes:
    """A PDF typeset as a word processor prints it: each paragraph wrapped to the column
    (a hard line break at the end of every printed line), a gap between paragraphs, and as
    many pages as the text needs."""
    from fpdf import FPDF

    document = FPDF(format=(148, 210))
    document.set_auto_page_break(auto=True, margin=20)
    document.add_page()
    document.set_font("Helvetica", size=11)
    for paragraph in paragraphs:
        document.multi_cell(0, 5.5, paragraph, new_x="LMARGIN", new_y="NEXT")
        document.ln(3)
    return bytes(document.output())


def docx_bytes(paragraphs: list[str]) -> bytes:
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def png_bytes() -> bytes:
    """The smallest valid PNG: one transparent pixel."""
    import base64

    return base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
    )


def encrypted_office_bytes() -> bytes:
    """The start of an encrypted Office file: an OLE container with an EncryptionInfo stream."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    return header + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 512
