"""IMS QTI 2.1: a content package (zip with imsmanifest.xml) or one assessmentItem's XML.

The package's items are those its manifest lists as `imsqti_item_xmlv2p1` resources, in the
manifest's order (with no manifest: every XML file whose root is an assessmentItem). The zip
is read in memory, never unpacked, within limits on its files and unpacked size. Each item
holds one interaction:

- `choiceInteraction` with one correct choice: multiple choice (true/false when the choices
  are True and False); with several (`maxChoices` other than 1): skipped;
- `textEntryInteraction`: typed answers (the `mapping`'s keys with full credit, else the
  correct response) or, for a float or integer response, a number (the tolerance of an
  absolute `equal` test in the response processing);
- `orderInteraction`: ordering; `matchInteraction`: matching (the correct pairs);
- `extendedTextInteraction` (an essay) and every other interaction: skipped.

The prompt is the interaction's `prompt`, else the item body's text around it (an inline text
entry becomes the blank). The first `modalFeedback` is the explanation; a choice's
`feedbackInline` is that option's feedback.
"""

from __future__ import annotations

import io
import posixpath
import zipfile

from quizgen.imports import (
    BLANK,
    IMPORT_XML_OTHER,
    IMPORT_ZIP_DAMAGED,
    IMPORT_ZIP_NOT_QTI,
    IMPORT_ZIP_TOO_LARGE,
    MAX_PACKAGE_FILES,
    MAX_UNPACKED_BYTES,
    NO_FULL_ANSWER,
    NOT_A_KIND,
    NOT_A_NUMBER,
    SEVERAL_CORRECT,
    UNREADABLE,
    ImportRefused,
    Reading,
    ReadQuestion,
    Skipped,
    is_true_false,
    plain,
    text_kind,
)
from quizgen.imports import xml as safe_xml

_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr"}
_SKIPPED_IN_TEXT = {"feedbackInline", "feedbackBlock", "rubricBlock", "templateInline"}


def read(content: bytes) -> Reading:
    reading = Reading(import_format="qti")
    if content.startswith(b"PK"):
        for where, item_content in _package_items(content):
            _read_item(reading, where, item_content)
    else:
        _read_item(reading, "the item", content)
    return reading


def _package_items(content: bytes):
    try:
        package = zipfile.ZipFile(io.BytesIO(content))
        infos = package.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise ImportRefused(IMPORT_ZIP_DAMAGED, code="damaged") from error
    if len(infos) > MAX_PACKAGE_FILES or sum(i.file_size for i in infos) > MAX_UNPACKED_BYTES:
        raise ImportRefused(IMPORT_ZIP_TOO_LARGE, code="too_large")
    names = {info.filename for info in infos if not info.is_dir()}

    def member(name: str) -> bytes:
        try:
            with package.open(name) as handle:
                data = handle.read(MAX_UNPACKED_BYTES + 1)
        except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError) as error:
            raise ImportRefused(IMPORT_ZIP_DAMAGED, code="damaged") from error
        if len(data) > MAX_UNPACKED_BYTES:
            raise ImportRefused(IMPORT_ZIP_TOO_LARGE, code="too_large")
        return data

    manifest_name = next(
        (n for n in sorted(names) if n.rsplit("/", 1)[-1] == "imsmanifest.xml"), None
    )
    hrefs: list[str] = []
    if manifest_name is not None:
        manifest = safe_xml.parse(member(manifest_name))
        base = posixpath.dirname(manifest_name)
        for resource in manifest.iter():
            if safe_xml.local_name(resource) != "resource":
                continue
            if not (resource.get("type") or "").startswith("imsqti_item_xmlv2p1"):
                continue
            href = resource.get("href") or ""
            path = posixpath.normpath(posixpath.join(base, href)) if href else ""
            if path in names:
                hrefs.append(path)
    else:
        for name in sorted(names):
            if name.lower().endswith(".xml"):
                head = member(name)[:2000]
                if b"assessmentItem" in head:
                    hrefs.append(name)
    if not hrefs:
        raise ImportRefused(IMPORT_ZIP_NOT_QTI, code="not_qti")
    for href in dict.fromkeys(hrefs):
        yield href, member(href)


def _children(element, name: str) -> list:
    return [child for child in element if safe_xml.local_name(child) == name]


def _descendants(element, name: str) -> list:
    return [node for node in element.iter() if safe_xml.local_name(node) == name]


def _text_of(element, *, skip=None, blank_for=None) -> str:
    """The text a student reads in `element`: `skip` subtrees left out, `blank_for` (an
    interaction inside a sentence) read as the blank, block elements on their own lines."""
    parts: list[str] = []

    def walk(node) -> None:
        name = safe_xml.local_name(node)
        if node is blank_for:
            parts.append(BLANK)
        elif (
            node is not skip
            and (node is element or name not in _SKIPPED_IN_TEXT)
            and not name.endswith("Interaction")
        ):
            if name in _BLOCKS:
                parts.append("\n")
            parts.append(node.text or "")
            for child in node:
                walk(child)
            if name in _BLOCKS:
                parts.append("\n")
        if node is not element:
            parts.append(node.tail or "")

    walk(element)
    return plain("".join(parts))


def _read_item(reading: Reading, where: str, content: bytes) -> None:
    item = safe_xml.parse(content)
    if safe_xml.local_name(item) != "assessmentItem":
        raise ImportRefused(IMPORT_XML_OTHER.format(root=safe_xml.local_name(item)))
    result = _item(item, where)
    if isinstance(result, Skipped):
        reading.skipped.append(result)
    else:
        reading.questions.append(result)


def _item(item, where: str) -> ReadQuestion | Skipped:
    bodies = _children(item, "itemBody")
    interactions = [
        node
        for body in bodies
        for node in body.iter()
        if safe_xml.local_name(node).endswith("Interaction")
    ]
    if len(interactions) != 1:
        why = "it has no interaction" if not interactions else "it has several interactions"
        return Skipped(where, "assessmentItem", UNREADABLE.format(why=why))
    interaction = interactions[0]
    name = safe_xml.local_name(interaction)
    declarations = {node.get("identifier"): node for node in _children(item, "responseDeclaration")}
    declaration = declarations.get(interaction.get("responseIdentifier"))
    prompts = _children(interaction, "prompt")
    if prompts:
        prompt = _text_of(prompts[0])
    else:
        parent = interaction.getparent()
        inline = parent is not None and bool(_text_of(parent, skip=interaction))
        inline = inline and safe_xml.local_name(parent) != "itemBody"
        prompt = _text_of(bodies[0], blank_for=interaction if inline else None)
    feedback = _descendants(item, "modalFeedback")
    read = ReadQuestion(
        where=where,
        kind="",
        prompt=prompt,
        explanation=_text_of(feedback[0]) if feedback else "",
        title=plain(item.get("title") or ""),
    )
    correct = _correct_values(declaration)
    if name == "choiceInteraction":
        return _choice(read, interaction, declaration, correct)
    if name == "textEntryInteraction":
        return _text_entry(read, item, declaration, correct)
    if name == "orderInteraction":
        choices = {
            c.get("identifier"): _text_of(c) for c in _descendants(interaction, "simpleChoice")
        }
        if not correct or any(value not in choices for value in correct):
            return Skipped(where, name, NO_FULL_ANSWER)
        read.kind, read.answer = "ordering", [choices[value] for value in correct]
        return read
    if name == "matchInteraction":
        choices = {
            c.get("identifier"): _text_of(c)
            for c in _descendants(interaction, "simpleAssociableChoice")
        }
        pairs = [value.split() for value in correct]
        if not pairs or any(
            len(p) != 2 or p[0] not in choices or p[1] not in choices for p in pairs
        ):
            return Skipped(where, name, NO_FULL_ANSWER)
        read.kind, read.answer = "matching", [[choices[a], choices[b]] for a, b in pairs]
        return read
    kind = "essay (extendedTextInteraction)" if name == "extendedTextInteraction" else name
    return Skipped(where, kind, NOT_A_KIND)


def _correct_values(declaration) -> list[str]:
    if declaration is None:
        return []
    return [
        (value.text or "").strip()
        for response in _children(declaration, "correctResponse")
        for value in _children(response, "value")
    ]


def _choice(read, interaction, declaration, correct) -> ReadQuestion | Skipped:
    cardinality = declaration.get("cardinality") if declaration is not None else "single"
    if interaction.get("maxChoices", "1") != "1" or cardinality != "single" or len(correct) > 1:
        return Skipped(read.where, "choiceInteraction", SEVERAL_CORRECT)
    choices = _descendants(interaction, "simpleChoice")
    options = []
    for choice in choices:
        option = {"text": _text_of(choice), "correct": choice.get("identifier") in correct}
        feedback = "\n".join(
            text
            for text in (_text_of(node) for node in _children(choice, "feedbackInline"))
            if text
        )
        if feedback:
            option["feedback"] = feedback
        options.append(option)
    if not any(option["correct"] for option in options):
        return Skipped(read.where, "choiceInteraction", NO_FULL_ANSWER)
    texts = [option["text"] for option in options]
    read.kind = "true_false" if is_true_false(texts) else "multiple_choice"
    read.options = options
    return read


def _text_entry(read, item, declaration, correct) -> ReadQuestion | Skipped:
    base_type = declaration.get("baseType") if declaration is not None else "string"
    if base_type in ("float", "integer"):
        if not correct:
            return Skipped(read.where, "textEntryInteraction", NO_FULL_ANSWER)
        try:
            value = float(correct[0])
        except ValueError:
            return Skipped(read.where, "textEntryInteraction", NOT_A_NUMBER.format(text=correct[0]))
        tolerance = 0.0
        for test in _descendants(item, "equal"):
            if (test.get("toleranceMode") or "exact") == "absolute" and test.get("tolerance"):
                try:
                    tolerance = abs(float(test.get("tolerance").split()[0]))
                except ValueError:
                    pass
                break
        read.kind, read.answer, read.tolerance = "numeric", {"value": value}, tolerance
        return read
    accepted = []
    mappings = _children(declaration, "mapping") if declaration is not None else []
    if mappings:
        entries = _children(mappings[0], "mapEntry")
        values = [_float(entry.get("mappedValue")) for entry in entries]
        best = max(values, default=0)
        for entry, value in zip(entries, values, strict=True):
            key = plain(entry.get("mapKey") or "")
            if value >= best and value > 0:
                accepted.append(key)
            elif value > 0:
                read.notes.append(f"the partial-credit answer “{key}” was left out")
    else:
        accepted = [plain(value) for value in correct]
    accepted = [text for text in dict.fromkeys(accepted) if text]
    if not accepted:
        return Skipped(read.where, "textEntryInteraction", NO_FULL_ANSWER)
    read.kind, read.accepted_answers = text_kind(read.prompt), accepted
    return read


def _float(value) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0
