"""IMS QTI 2.1 content package: one item per question, an assessment test, imsmanifest.xml."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Sequence

from learning.matching import DocumentKeys
from quizgen.exports import (
    Export,
    accepted_texts,
    clean_text,
    clean_tree,
    correct_index,
    left_out_note,
    matching_pairs,
    numeric_answer,
    option_texts,
    register,
    slug,
)
from quizgen.models import Question

QTI = "http://www.imsglobal.org/xsd/imsqti_v2p1"
CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
MD = "http://www.imsglobal.org/xsd/imsmd_v1p2"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "xml:lang"
CHOICE_FEEDBACK = "CHOICE_FEEDBACK"  # the outcome that shows an option's feedback
QTI_LOCATION = f"{QTI} http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd"
CP_LOCATION = (
    f"{CP} http://www.imsglobal.org/xsd/imscp_v1p1.xsd "
    f"{MD} http://www.imsglobal.org/xsd/imsmd_v1p2p4.xsd"
)

# ElementTree cannot write a default namespace with unprefixed attributes, so the documents
# are built with literal names and their namespace declarations written as attributes.


def _q(tag: str) -> str:
    return tag


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes) -> ET.Element:
    element = ET.SubElement(parent, _q(tag), {k: str(v) for k, v in attributes.items()})
    if text is not None:
        element.text = text
    return element


def _values(parent: ET.Element, values: Sequence[str]) -> None:
    for value in values:
        _sub(parent, "value", value)


def item_identifier(question: Question) -> str:
    return f"Q{question.pk}"


def _response(item: ET.Element, cardinality: str, base_type: str, correct: Sequence[str]):
    declaration = _sub(
        item,
        "responseDeclaration",
        identifier="RESPONSE",
        cardinality=cardinality,
        baseType=base_type,
    )
    _values(_sub(declaration, "correctResponse"), correct)
    return declaration


def _score(item: ET.Element) -> None:
    outcome = _sub(item, "outcomeDeclaration", identifier="SCORE", cardinality="single")
    outcome.set("baseType", "float")
    _values(_sub(outcome, "defaultValue"), ["0"])


def qti_item(question: Question, keys=None) -> ET.Element | None:
    """The question as an assessmentItem, or None when it cannot be expressed."""
    item = ET.Element(
        _q("assessmentItem"),
        {
            "xmlns": QTI,
            "xmlns:xsi": XSI,
            "xsi:schemaLocation": QTI_LOCATION,
            "identifier": item_identifier(question),
            "title": " ".join(question.prompt.split())[:200] or item_identifier(question),
            "adaptive": "false",
            "timeDependent": "false",
        },
    )
    kind = question.kind
    template = "match_correct"
    choice_feedback = False
    if kind in (Question.Kind.MULTIPLE_CHOICE, Question.Kind.TRUE_FALSE):
        index = correct_index(question)
        if index is None:
            return None
        _response(item, "single", "identifier", [f"C{index + 1}"])
        _score(item)
        body = _sub(item, "itemBody")
        interaction = _sub(
            body, "choiceInteraction", responseIdentifier="RESPONSE", shuffle="true", maxChoices=1
        )
        _sub(interaction, "prompt", question.prompt)
        feedbacks = [clean_text(option.get("feedback") or "") for option in question.options]
        for number, (text, feedback) in enumerate(
            zip(option_texts(question), feedbacks, strict=True), start=1
        ):
            choice = _sub(interaction, "simpleChoice", text, identifier=f"C{number}")
            if feedback.strip():
                # Shown beside the choice once it is the one answered (CHOICE_FEEDBACK below).
                _sub(
                    choice,
                    "feedbackInline",
                    feedback,
                    outcomeIdentifier=CHOICE_FEEDBACK,
                    identifier=f"C{number}",
                    showHide="show",
                )
        choice_feedback = any(feedback.strip() for feedback in feedbacks)
    elif kind in (Question.Kind.FILL_BLANK, Question.Kind.SHORT_ANSWER):
        accepted = accepted_texts(question, keys)
        if not accepted:
            return None
        declaration = _response(item, "single", "string", accepted[:1])
        mapping = _sub(declaration, "mapping", defaultValue="0")
        for text in dict.fromkeys(accepted):
            _sub(mapping, "mapEntry", mapKey=text, mappedValue="1", caseSensitive="false")
        _score(item)
        body = _sub(item, "itemBody")
        _sub(body, "p", question.prompt)
        paragraph = _sub(body, "p")
        _sub(paragraph, "textEntryInteraction", responseIdentifier="RESPONSE", expectedLength=30)
        template = "map_response"
    elif kind == Question.Kind.NUMERIC:
        number = numeric_answer(question)
        if number is None:
            return None
        value, tolerance = number
        _response(item, "single", "float", [repr(value)])
        _score(item)
        body = _sub(item, "itemBody")
        _sub(body, "p", question.prompt)
        paragraph = _sub(body, "p")
        _sub(paragraph, "textEntryInteraction", responseIdentifier="RESPONSE", expectedLength=15)
        template = f"equal {tolerance!r}"
    elif kind == Question.Kind.ORDERING:
        order = [clean_text(entry) for entry in question.answer or []]
        shown = option_texts(question) or sorted(order)
        ids = {text: f"I{number}" for number, text in enumerate(shown, start=1)}
        if len(order) < 2 or any(text not in ids for text in order):
            return None
        _response(item, "ordered", "identifier", [ids[text] for text in order])
        _score(item)
        body = _sub(item, "itemBody")
        interaction = _sub(body, "orderInteraction", responseIdentifier="RESPONSE", shuffle="true")
        _sub(interaction, "prompt", question.prompt)
        for text in shown:
            _sub(interaction, "simpleChoice", text, identifier=ids[text])
    elif kind == Question.Kind.MATCHING:
        pairs = matching_pairs(question)
        if len(pairs) < 2:
            return None
        _response(
            item,
            "multiple",
            "directedPair",
            [f"L{n} R{n}" for n in range(1, len(pairs) + 1)],
        )
        _score(item)
        body = _sub(item, "itemBody")
        interaction = _sub(
            body,
            "matchInteraction",
            responseIdentifier="RESPONSE",
            shuffle="true",
            maxAssociations=len(pairs),
        )
        _sub(interaction, "prompt", question.prompt)
        lefts, rights = _sub(interaction, "simpleMatchSet"), _sub(interaction, "simpleMatchSet")
        for number, (left, right) in enumerate(pairs, start=1):
            _sub(lefts, "simpleAssociableChoice", left, identifier=f"L{number}", matchMax=1)
            _sub(rights, "simpleAssociableChoice", right, identifier=f"R{number}", matchMax=1)
    else:
        return None
    _processing(item, template, choice_feedback=choice_feedback)
    if question.explanation:
        _explanation(item, question.explanation)
    return item


def _processing(item: ET.Element, rule: str, *, choice_feedback: bool = False) -> None:
    """Scoring written out (not by template URL) so the explanation can be added beside it:
    one point for the correct response, within the tolerance for numbers; for texts, the
    mapped value of the accepted answers. With option feedback, CHOICE_FEEDBACK is set to
    the choice answered, which shows that choice's feedbackInline."""
    processing = _sub(item, "responseProcessing")
    if choice_feedback:
        outcome = ET.Element(
            _q("outcomeDeclaration"),
            {"identifier": CHOICE_FEEDBACK, "cardinality": "single", "baseType": "identifier"},
        )
        item.insert(list(item).index(item.find(_q("itemBody"))), outcome)
        shown = _sub(processing, "setOutcomeValue", identifier=CHOICE_FEEDBACK)
        _sub(shown, "variable", identifier="RESPONSE")
    if rule == "map_response":
        score = _sub(processing, "setOutcomeValue", identifier="SCORE")
        _sub(score, "mapResponse", identifier="RESPONSE")
        return
    condition = _sub(_sub(processing, "responseCondition"), "responseIf")
    if rule.startswith("equal "):
        tolerance = rule.split()[1]
        test = _sub(
            condition, "equal", toleranceMode="absolute", tolerance=f"{tolerance} {tolerance}"
        )
    else:
        test = _sub(condition, "match")
    _sub(test, "variable", identifier="RESPONSE")
    _sub(test, "correct", identifier="RESPONSE")
    score = _sub(condition, "setOutcomeValue", identifier="SCORE")
    _sub(score, "baseValue", "1", baseType="float")


def _explanation(item: ET.Element, text: str) -> None:
    """The explanation as modal feedback, shown once the item is answered."""
    outcome = ET.Element(
        _q("outcomeDeclaration"),
        {"identifier": "FEEDBACK", "cardinality": "single", "baseType": "identifier"},
    )
    body_index = list(item).index(item.find(_q("itemBody")))
    item.insert(body_index, outcome)
    processing = item.find(_q("responseProcessing"))
    feedback = _sub(processing, "setOutcomeValue", identifier="FEEDBACK")
    _sub(feedback, "baseValue", "EXPLANATION", baseType="identifier")
    _sub(
        item,
        "modalFeedback",
        text,
        outcomeIdentifier="FEEDBACK",
        identifier="EXPLANATION",
        showHide="show",
        title="Explanation",
    )


def assessment_test(title: str, identifiers: Sequence[str]) -> ET.Element:
    test = ET.Element(
        _q("assessmentTest"),
        {
            "xmlns": QTI,
            "xmlns:xsi": XSI,
            "xsi:schemaLocation": QTI_LOCATION,
            "identifier": "TEST",
            "title": title,
        },
    )
    part = _sub(test, "testPart", identifier="PART", navigationMode="linear")
    part.set("submissionMode", "individual")
    section = _sub(part, "assessmentSection", identifier="SECTION", title=title, visible="true")
    for identifier in identifiers:
        _sub(section, "assessmentItemRef", identifier=identifier, href=f"items/{identifier}.xml")
    return test


def manifest(title: str, identifiers: Sequence[str], titles: dict[str, str]) -> ET.Element:
    root = ET.Element(
        "manifest",
        {
            "xmlns": CP,
            "xmlns:imsmd": MD,
            "xmlns:xsi": XSI,
            "xsi:schemaLocation": CP_LOCATION,
            "identifier": "MANIFEST",
        },
    )
    metadata = ET.SubElement(root, "metadata")
    ET.SubElement(metadata, "schema").text = "QTIv2.1 Package"
    ET.SubElement(metadata, "schemaversion").text = "1.0.0"
    ET.SubElement(root, "organizations")
    resources = ET.SubElement(root, "resources")
    test = ET.SubElement(
        resources,
        "resource",
        identifier="TEST",
        type="imsqti_test_xmlv2p1",
        href="assessment.xml",
    )
    _lom(test, title)
    ET.SubElement(test, "file", href="assessment.xml")
    for identifier in identifiers:
        ET.SubElement(test, "dependency", identifierref=identifier)
    for identifier in identifiers:
        href = f"items/{identifier}.xml"
        resource = ET.SubElement(
            resources,
            "resource",
            identifier=identifier,
            type="imsqti_item_xmlv2p1",
            href=href,
        )
        _lom(resource, titles[identifier])
        ET.SubElement(resource, "file", href=href)
    return root


def _lom(resource: ET.Element, title: str) -> None:
    metadata = ET.SubElement(resource, "metadata")
    lom = ET.SubElement(metadata, "imsmd:lom")
    general = ET.SubElement(lom, "imsmd:general")
    title_element = ET.SubElement(general, "imsmd:title")
    langstring = ET.SubElement(title_element, "imsmd:langstring", {XML_LANG: "en"})
    langstring.text = title


def _xml(element: ET.Element) -> bytes:
    clean_tree(element)
    ET.indent(element)
    return ET.tostring(element, encoding="utf-8", xml_declaration=True)


@register("qti")
def export_qti(questions: Sequence[Question], title: str) -> Export:
    title = " ".join(title.split()) or "Questions"
    buffer = io.BytesIO()
    identifiers, titles, left_out = [], {}, []
    keys = DocumentKeys.of_questions(questions)  # the documents' people, in one query
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for question in questions:
            item = qti_item(question, keys)
            if item is None:
                left_out.append(left_out_note(question, "it has no answer to export"))
                continue
            identifier = item_identifier(question)
            identifiers.append(identifier)
            titles[identifier] = item.get("title")
            package.writestr(f"items/{identifier}.xml", _xml(item))
        package.writestr("assessment.xml", _xml(assessment_test(title, identifiers)))
        package.writestr("imsmanifest.xml", _xml(manifest(title, identifiers, titles)))
    return Export(
        content=buffer.getvalue(),
        filename=f"{slug(title)}.qti21.zip",
        media_type="application/zip",
        left_out=tuple(left_out),
    )
