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


def docx_with_body(body: bytes) -> bytes:
    """A real DOCX whose main part's body is `body` (WordprocessingML paragraphs)."""
    import zipfile

    base = zipfile.ZipFile(io.BytesIO(docx_bytes(["placeholder"])))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for entry in base.infolist():
            data = base.read(entry.filename)
            if entry.filename == "word/document.xml":
                start = data.index(b"<w:body>") + len(b"<w:body>")
                data = data[:start] + body + data[data.index(b"<w:sectPr") :]
            archive.writestr(entry.filename, data)
    return buffer.getvalue()


def pdf_of_blank_pages(count: int) -> bytes:
    """A PDF of `count` empty pages, written directly (one object per page)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    kids = " ".join(f"{n + 3} 0 R" for n in range(count))
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {count} >>".encode())
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"] * count
    out, offsets = io.BytesIO(), []
    out.write(b"%PDF-1.4\n")
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()
