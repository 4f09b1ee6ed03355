"""Where a sentence stands in a document: the running text, or one of the parts around it.

Articles and chapters carry more than their running text: a title and headings, a dateline
and a byline, captions under pictures and the credits of those pictures, lists of references
and sources, notes to the reader, and in textbooks boxes of worked examples, exercises and
learning objectives. A quiz asks about the running text; a question about a photo credit or a
reference list is trivia. This module names the part every line belongs to, with rules of
English typography that hold for texts the rules were not written from:

- The first line of a text is its title when it is set like one (short, no full stop).
- A short line without closing punctuation is a heading; one that names a box ("Example 2.1",
  "Review questions", "References", "Learning objectives") opens that box, which runs to the
  next heading (a list box such as learning objectives ends at the first real paragraph).
- A line opening with "Figure 3.2", "Table 1", "Photo:" or holding "Image:" is a caption; the
  sentence that starts at the marker ("Image: ...", "(Credit: ...)") is the credit.
- A line that is only a date ("Monday, March 5, 2007") is the dateline, and so is the place
  and agency that open a wire story ("LONDON (Reuters) —").
- "By Jane Doe" is a byline; a line shaped like a citation (authors with initials and a
  year, a DOI, "Retrieved", "pp.") or a footnote ("See Smith (2019).", a numbered note that
  does not start a list at 1) belongs to the references or notes.
- What a news page appends to its article is not the article: readers' comments, under a
  heading of their own ("Have your say", "Your comments", "Send us your comments", "12
  comments") or without one, as a run of short paragraphs each signed on its own line with a
  name and a place ("Anna, Leeds", "John Smith, London, UK"), at least one in the first
  person; lists of links ("Related stories", "Read more", "More on this story"), which end at
  the first paragraph of running text; "Share this" and newsletter blocks, notes to readers.

`line_regions(text)` names the region of each line; `sentence_region` refines it for one
sentence (a credit or a dateline inside a line of running text).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass


class Region:
    BODY = "body"
    TITLE = "title"
    HEADING = "heading"
    DATELINE = "dateline"
    BYLINE = "byline"
    CAPTION = "caption"
    CREDIT = "credit"
    REFERENCES = "references"
    NOTE = "note"
    EXAMPLE = "example"
    EXERCISE = "exercise"
    COMMENTS = "comments"
    LINKS = "links"


REGIONS = (
    Region.BODY,
    Region.TITLE,
    Region.HEADING,
    Region.DATELINE,
    Region.BYLINE,
    Region.CAPTION,
    Region.CREDIT,
    Region.REFERENCES,
    Region.NOTE,
    Region.EXAMPLE,
    Region.EXERCISE,
    Region.COMMENTS,
    Region.LINKS,
)

HEADING_MAX_WORDS = 12
# A heading may ask ("Are there Moral Facts?") or exclaim ("Remember the Alamo!") when short.
HEADING_QUESTION_MAX_WORDS = 8
TITLE_MAX_WORDS = 25
# A list box (learning objectives, questions to consider) ends at the first line that is a
# paragraph of running text: a statement this long ending in a full stop.
LIST_ITEM_MAX_WORDS = 24

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?"
_DATE_LINE = re.compile(
    rf"^(?:(?:Published|Updated|Posted|Last updated|Dated?)\s*:?\s*(?:on\s+)?)?"
    rf"(?:{_WEEKDAY},?\s+)?"
    rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+"
    rf"{_MONTH},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|{_MONTH}\s+\d{{4}})"
    r"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?)?\.?$",
    re.IGNORECASE,
)
# "LONDON (Reuters) —", "KABUL, Afghanistan (AP) -", "WASHINGTON —": a capitalised place,
# perhaps an agency in brackets, then a dash before the story's first sentence.
# A hyphen counts only with spaces around it ("ISIS-K claimed" is a name, not a dateline).
DATELINE_PREFIX = re.compile(
    r"^[A-Z][A-Z.'\- ]*[A-Z.](?:,\s+[A-Z][A-Za-z.'\- ]+)*(?:\s+\([A-Za-z .&/-]+\))?"
    r"(?:\s*[—–]\s*|\s+--?\s*)(?=[A-Z“\"‘']|$)"
)
_BYLINE = re.compile(
    r"^(?:By|Written by|Words by|Reporting by|Reported by|Story by|Edited by)\s+"
    r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,4}"
    r"(?:\s*(?:,|and|&)\s*[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,4})*"
    r"(?:\s*[,|/–—-]\s*[A-Z][\w'’. -]*)?$"
)
# A journalist's role closing a byline ("By Jane Doe, BBC News correspondent."): with it a
# byline may end in a full stop, and stand as the first sentence of a paragraph.
_BYLINE_ROLE = re.compile(
    r"\b(?:correspondent|reporter|editor|writer|journalist|columnist|contributor|producer|"
    r"analyst|staff|bureau chief)s?\.?$",
    re.IGNORECASE,
)
# What opens a byline, and what parts its names ("By Jane Doe and John Roe, in Leeds").
BYLINE_OPENING = re.compile(
    r"^(?:By|Written by|Words by|Reporting by|Reported by|Story by|Edited by)\s+"
)
BYLINE_NAME_SEPARATORS = re.compile(r"\s*(?:,|\band\b|&)\s*")
_CAPTION_START = re.compile(
    r"^(?:Figure|Fig\.|Table|Chart|Map|Diagram|Illustration|Plate|Exhibit|Graph)\s+"
    r"[A-Z]?\d+(?:[.\-]\d+)*[a-z]?\s*(?:[:.|—–-]\s*)?(?=[A-Z\"“‘(])",
)
# A marker that opens a picture's credit: "Image: ...", "Photo by ...", "(Credit: ...)".
_CREDIT_MARKER = re.compile(
    r"(?:^|(?<=\s)|(?<=\())(?:Image|Photo|Photograph|Picture|Illustration|Video|Image credit|"
    r"Photo credit|Credits?|Source|Courtesy)\s*(?::|by\b|of\b)",
)
_CREDIT_START = re.compile(
    r"^[(\[]?(?:(?:Image|Photo|Photograph|Picture|Illustration|Video|Image credit|"
    r"Photo credit|Credits?|Source|Sources|Courtesy)\s*(?::|by\b|of\b)|"
    r"\(?(?:AP|AFP|Reuters|PA|UPI|Getty Images)\s+Photo\b)",
)
_AGENCY_ONLY = re.compile(r"^[(\[]?(?:AP|AFP|Reuters|PA|UPI|dpa|Xinhua)[)\]]?\.?$")
_SIGNATURE = re.compile(r"^(?:—|--)\s*[A-Z]")
_NOTE_START = re.compile(
    r"^(?:Note|Notes|N\.?B\.?|Editor['’]s note|Editors['’] note|Correction|Clarification|"
    r"Disclaimer|Update)\s*[:.—–-]",
    re.IGNORECASE,
)
_OBJECTIVES_LEAD = re.compile(
    r"^(?:By the end of this (?:section|chapter|lesson|module|unit), you will be able to|"
    r"After (?:reading|studying) this (?:section|chapter|lesson|module|unit), you (?:will|should)"
    r" be able to|In this (?:section|chapter|lesson), you will learn)",
    re.IGNORECASE,
)
# Citation shapes: "Pell, A. L.;", "doi:", "ISBN", "Retrieved 3 May", "pp. 12–19",
# "vol. 14", a journal's "92 (6): 1087–1101".
_CITATION_MARKS = re.compile(
    r"\bdoi:\s*10\.|\bhttps?://\S|\b(?:ISBN|ISSN|PMID)(?:-1[03])?:?\s*\d|\barXiv:|"
    r"\bRetrieved (?:on |from |\d)|\bAccessed (?:on |\d)|\b\d+\s*\(\d+\):\s*\d+"
)
# The end of a sentence, also one glued to the next ("self-interested.Jane Roe").
PROSE_SENTENCE_END = re.compile(r"(?<=[a-z]{2}[.!?])\s*(?=[A-Z])")
PROSE_MIN_WORDS = 8
_AUTHOR_START = re.compile(r"^[A-Z][A-Za-z'’-]+,\s+(?:[A-Z]\.\s*){1,3}(?:[;,&]|and\b|\()")
_CITED_YEAR = re.compile(r"\((?:[A-Za-z]+\.? )?\d{4}[a-z]?\)")
_SHORT_CITATION = re.compile(
    r"^(?:See(?: also)?|E\.\s?g\.|Cf\.|Ibid\.?|Compare)\s+"
    r"[A-Z][\w'’-]+.*\(?\d{4}[a-z]?\)?[.,;)]*$"
)
SHORT_CITATION_MAX_WORDS = 8
_NUMBERED = re.compile(r"^(\d{1,3})[.)]\s+\S")
_BULLET = re.compile(r"^[•◦▪‣*·–-]\s")

REFERENCE_HEADINGS = {
    "references",
    "reference list",
    "sources",
    "source",
    "bibliography",
    "works cited",
    "works consulted",
    "literature",
    "literature cited",
    "citations",
    "see also",
    "external links",
    "further reading",
    "sister links",
}
# Lists of other stories a news page links to. Unlike a reference list, such a list may stand
# inside the article: it ends at the first paragraph of running text.
LINK_HEADINGS = {
    "related news",
    "related articles",
    "related stories",
    "related story",
    "related links",
    "related content",
    "related coverage",
    "related",
    "read more",
    "read more on this",
    "read also",
    "also read",
    "more on this story",
    "more on this",
    "more stories",
    "more from this section",
    "more news",
    "top stories",
    "most read",
    "most popular",
    "most viewed",
    "you may also like",
    "you might also like",
    "recommended",
    "recommended stories",
    "in other news",
    "elsewhere on the web",
    "related internet links",
}
NOTE_HEADINGS = {
    "notes",
    "note",
    "footnotes",
    "endnotes",
    "learning objectives",
    "learning outcomes",
    "objectives",
    "link to learning",
    "links to learning",
    "editor's note",
    "editor’s note",
    "share this",
    "share this article",
    "share this story",
    "share this page",
    "share",
    "newsletter",
    "sign up to our newsletter",
    "sign up for our newsletter",
    "get our newsletter",
}
# Headings of readers' comments: "Have your say", "Your comments", "Comments (12)", "12 comments".
_COMMENT_HEADING = re.compile(
    r"^(?:\d+\s+|showing\s+\d+\s+)?(?:(?:readers?|users?)['’]?\s*|your\s+|latest\s+|"
    r"send\s+us\s+your\s+|add\s+your\s+|post\s+a\s+|leave\s+a\s+|top\s+)?"
    r"comments?(?:\s*\(\d+\))?$|"
    r"^(?:have\s+your\s+say|your\s+say|your\s+(?:views|thoughts|reactions)|"
    r"what\s+you\s+(?:think|said)|tell\s+us\s+what\s+you\s+think|"
    r"join\s+the\s+(?:debate|discussion|conversation)|leave\s+a\s+reply|readers\s+respond)$",
    re.IGNORECASE,
)
# The sentence a page opens its readers' comments with: "Send us your comments using the form
# below.", "This debate is now closed.", "The following comments reflect the balance of views".
_COMMENTS_LEAD = re.compile(
    r"^(?:Send us your (?:comments|views|thoughts)|Tell us what you think|Have your say\b|"
    r"This debate is (?:now )?closed|Comments are (?:now )?closed|"
    r"The following comments\b|Here (?:is|are) (?:a selection of )?(?:some of )?your "
    r"(?:comments|views)|A selection of your (?:comments|views)|Your comments?:|"
    r"Add your comment|Post a comment|Leave a comment|Readers['’]? comments?:)",
    re.IGNORECASE,
)
# The furniture of a comment thread, which does not end it: "Reply", "Report abuse",
# "Recommend (12)", "Posted by Anna at 10:32".
_COMMENT_FURNITURE = re.compile(
    r"^(?:Reply|Replies|Report(?: abuse| this comment)?|Recommend(?:ed)?|Like|Flag|Share|"
    r"Load more comments|Show more comments|View all comments|\d+\s+(?:replies|likes|"
    r"recommendations))(?:\s*\(\d+\))?$|^(?:Posted|Submitted|Written) by\s+\S",
    re.IGNORECASE,
)
# A reader's signature on a line of its own: a name, then a place ("Anna, Leeds", "John Smith,
# London, UK", "Mike T, Newcastle upon Tyne", "Anna from Leeds", "Anna (Leeds)"), with no
# verb and no full stop. A place needs a capital; "upon", "on", "de" may join its words.
_CAP_WORD = r"[A-Z][\w'’.-]*"
_PLACE = rf"{_CAP_WORD}(?:\s+(?:(?:upon|on|de|del|la|le|am|of)\s+)?{_CAP_WORD}){{0,3}}"
_SIGNATURE_NAME = rf"{_CAP_WORD}(?:\s+{_CAP_WORD}){{0,3}}"
SIGNATURE_LINE = re.compile(
    rf"^[—–-]*\s*{_SIGNATURE_NAME}(?:,\s+{_PLACE}(?:,\s+{_PLACE})?|\s+from\s+{_PLACE}|"
    rf"\s+\({_PLACE}(?:,\s+{_PLACE})?\))$"
)
SIGNATURE_MAX_WORDS = 8
# A comment signed on its own line is short: longer paragraphs are an article's.
COMMENT_MAX_WORDS = 150
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I’m|I've|I’ve|I'd|I’d|me|my|we|our|us)\b")
# A list of links, a share line or a newsletter box inside running text, on a line of its own.
_LINK_LINE = re.compile(
    r"^(?:Read more|Read also|Also read|Related|Related stories|See also|More on this story|"
    r"Watch|Listen)\s*:\s*\S",
    re.IGNORECASE,
)
_READER_NOTE_LINE = re.compile(
    r"^(?:Share (?:this|on)\b|Follow us (?:on|@)|Click here\b|Advertisement$)|"
    r"^(?:Sign up|Subscribe|Get|Join|Receive|Enter your email)\b.*\bnewsletters?\b",
    re.IGNORECASE,
)
EXERCISE_HEADINGS = {
    "exercise",
    "exercises",
    "review questions",
    "questions to consider",
    "discussion questions",
    "critical thinking questions",
    "critical thinking",
    "check your understanding",
    "check your learning",
    "test yourself",
    "self-check",
    "self check",
    "try it",
    "your turn",
    "practice problems",
}
EXAMPLE_HEADINGS = {"example", "examples", "worked example", "worked examples", "sample problem"}
# Sub-headings inside a box that do not end it.
BOX_PARTS = {
    "solution",
    "strategy",
    "answer",
    "answers",
    "problem",
    "discussion",
    "significance",
    "check your answer",
}
# Boxes that list short items and end at the first paragraph of running text.
LIST_BOXES = {Region.NOTE, Region.EXERCISE, Region.LINKS}
_BOX_NUMBER = re.compile(r"\s*\d+(?:[.\-]\d+)*[a-z]?\s*[:.—–-]?.*$")


@dataclass(frozen=True)
class Line:
    """One non-empty line of a text with its offsets and the region it belongs to."""

    start: int
    end: int
    text: str
    region: str


def text_lines(text: str) -> list[tuple[int, int, str]]:
    """The non-empty lines of `text` as (start, end, stripped text), in order."""
    lines = []
    position = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        stripped = body.strip()
        if stripped:
            start = position + (len(body) - len(body.lstrip()))
            lines.append((start, start + len(stripped), stripped))
        position += len(raw)
    return lines


def _words(line: str) -> int:
    return len(line.split())


def ends_a_sentence(line: str) -> bool:
    return line.rstrip().endswith((".", ",", ";", ":", '"', "”", "'", "’", "…", "—", "–", "-"))


def looks_like_heading(line: str) -> bool:
    """A short line set apart without closing punctuation: "Early life", "Remember the Alamo!"."""
    words = _words(line)
    if not line or words > HEADING_MAX_WORDS or not re.search(r"[A-Za-z]", line):
        return False
    if not (line[0].isupper() or line[0].isdigit()) or _BULLET.match(line):
        return False
    if line.endswith(("?", "!")):
        return words <= HEADING_QUESTION_MAX_WORDS
    return not ends_a_sentence(line)


def _box_name(line: str) -> str:
    """The box a heading names, in lower case without its number ("Example 2.1: Speed")."""
    name = line.strip().rstrip(":").strip().lower()
    if name in BOX_PARTS:
        return name
    bare = _BOX_NUMBER.sub("", name).strip() if re.match(r"[a-z -]+\s*\d", name) else name
    return bare


def box_region(line: str) -> str | None:
    """The region a heading opens when it names a box, else None."""
    if _words(line) > 6 or (ends_a_sentence(line) and not line.rstrip().endswith(":")):
        return None
    name = _box_name(line)
    if _COMMENT_HEADING.match(name):
        return Region.COMMENTS
    if name in REFERENCE_HEADINGS:
        return Region.REFERENCES
    if name in LINK_HEADINGS:
        return Region.LINKS
    if name in NOTE_HEADINGS:
        return Region.NOTE
    if name in EXERCISE_HEADINGS:
        return Region.EXERCISE
    if name in EXAMPLE_HEADINGS:
        return Region.EXAMPLE
    return None


def is_citation(line: str) -> bool:
    """A reference-list entry or a bare citation: "Smith, J. (2010). Title. Journal 4 (2): 1-9."."""
    if _CITATION_MARKS.search(line):
        return True
    if _AUTHOR_START.match(line) and _CITED_YEAR.search(line):
        return True
    return bool(_SHORT_CITATION.match(line)) and _words(line) <= SHORT_CITATION_MAX_WORDS


def is_dateline(line: str) -> bool:
    return bool(_DATE_LINE.match(line.strip()))


def is_byline(text: str) -> bool:
    """ "By Jane Doe", "By Jane Doe, BBC News correspondent." (a full stop only after a role:
    "By Monday, Parliament had voted." is running text)."""
    text = text.strip()
    return bool(_BYLINE.match(text)) and (not text.endswith(".") or bool(_BYLINE_ROLE.search(text)))


def byline_names(text: str) -> list[str]:
    """The names a byline credits: "By Jane Doe and John Roe, BBC News" -> both names."""
    opening = BYLINE_OPENING.match(text.strip())
    if opening is None:
        return []
    rest = text.strip()[opening.end() :].split("\n")[0]
    rest = re.split(r"\s*[|/–—]\s*|\s+-\s+", rest)[0].rstrip(".")
    names = []
    for part in BYLINE_NAME_SEPARATORS.split(rest):
        words = part.split()
        if 2 <= len(words) <= 4 and all(word[:1].isupper() for word in words):
            names.append(part)
        elif names:
            break  # "BBC News correspondent": the names are over
    return names


def _line_region(line: str) -> str | None:
    """The region a line has by its own shape, whatever surrounds it (None: decide by place)."""
    if _CAPTION_START.match(line):
        return Region.CAPTION
    if _CREDIT_START.match(line) or _AGENCY_ONLY.match(line):
        return Region.CREDIT
    if is_dateline(line):
        return Region.DATELINE
    if is_byline(line):
        return Region.BYLINE
    if _NOTE_START.match(line) or _READER_NOTE_LINE.match(line):
        return Region.NOTE
    if _LINK_LINE.match(line):
        return Region.LINKS
    if _OBJECTIVES_LEAD.match(line):
        return Region.NOTE
    if is_citation(line) and not _opens_with_prose(line):
        return Region.REFERENCES
    if _SIGNATURE.match(line) and _words(line) <= 12:
        return Region.CREDIT
    if _CREDIT_MARKER.search(line) and not _CREDIT_MARKER.match(line):
        # Running text that ends in "Image: Jane Doe." is the caption of that image.
        marker = _CREDIT_MARKER.search(line)
        if marker is not None and _words(line[marker.start() :]) <= 12:
            return Region.CAPTION
    return None


def _opens_with_prose(line: str) -> bool:
    """A paragraph of running text with a citation inside it ("… are not always
    kind.Jane Roe, “Title,” Journal 7, no. 2 (2004): 1–9."), not a reference-list
    entry: its first sentence is long, mostly lower-case words, with no quotation mark, year
    in brackets or author opening; the citation sentence alone is a reference
    (`sentence_region`)."""
    first = PROSE_SENTENCE_END.split(line, maxsplit=1)[0]
    words = first.split()
    if len(words) < PROSE_MIN_WORDS or _AUTHOR_START.match(line) or is_citation(first):
        return False
    if re.search(r"[“”\"]|\(\d{4}", first):
        return False
    lower = sum(word[:1].islower() for word in words)
    return lower * 2 > len(words)


def _footnotes(lines: list[tuple[int, int, str]]) -> set[int]:
    """Numbered lines that are notes, not a list: a run of numbers that does not start at 1."""
    notes: set[int] = set()
    previous: int | None = None
    run_is_list = False
    for index, (_, _, text) in enumerate(lines):
        match = _NUMBERED.match(text)
        if match is None:
            continue
        number = int(match.group(1))
        # The run goes on across paragraphs between its items ("1. ...", text, "2. ...").
        if previous is None or number != previous + 1:
            run_is_list = number == 1
        if not run_is_list:
            notes.add(index)
        previous = number
    return notes


def line_regions(text: str) -> list[Line]:
    """Every non-empty line of `text` with the region it belongs to."""
    lines = text_lines(text)
    notes = _footnotes(lines)
    found: list[Line] = []
    box: str | None = None
    # The first line of each comment box, for the lines the box holds.
    comment_boxes: dict[int, int] = {}
    box_start = 0
    for index, (start, end, line) in enumerate(lines):
        region = _line_region(line)
        heading_box = box_region(line)
        if box == Region.COMMENTS and heading_box is None and _comment_part(line):
            region = Region.COMMENTS  # a signature or the thread's furniture, not a heading
            comment_boxes[index] = box_start
        elif heading_box is not None:
            box = heading_box
            box_start = index
            region = Region.HEADING
        elif region is None and _COMMENTS_LEAD.match(line):
            box, box_start, region = Region.COMMENTS, index, Region.COMMENTS
            comment_boxes[index] = box_start
        elif region is None and index in notes:
            region = Region.NOTE
        elif region is None and box == Region.COMMENTS and _short_comment(lines, index):
            region = Region.COMMENTS
            comment_boxes[index] = box_start
        elif region is None and looks_like_heading(line):
            if box is not None and _box_name(line) not in BOX_PARTS:
                # A heading ends a box, except a list box or a reference list, whose items
                # are short lines themselves.
                if box not in LIST_BOXES | {Region.REFERENCES}:
                    box = None
            region = Region.TITLE if index == 0 else (box or Region.HEADING)
        elif region is None and index == 0 and _is_title(line):
            region = Region.TITLE
        elif region is None and box is not None:
            if box in LIST_BOXES and _is_paragraph(line):
                box = None
            else:
                region = box
                if box == Region.COMMENTS:
                    comment_boxes[index] = box_start
        found.append(Line(start, end, line, region or Region.BODY))
    return _signed_comments(_after_last_signature(found, comment_boxes))


def is_signature(line: str) -> bool:
    """A reader's name and place on a line of its own: "Anna, Leeds", "John Smith, London, UK"."""
    return _words(line) <= SIGNATURE_MAX_WORDS and bool(SIGNATURE_LINE.match(line.strip()))


def _short_comment(lines: list[tuple[int, int, str]], index: int) -> bool:
    """A short line in a comment box that is a comment, not a heading that ends the box: an
    exclamation or a question ("Well done, Leeds!"), or a line a signature follows."""
    line = lines[index][2]
    if line.endswith(("?", "!")):
        return True
    return index + 1 < len(lines) and is_signature(lines[index + 1][2])


def _comment_part(line: str) -> bool:
    return is_signature(line) or bool(_COMMENT_FURNITURE.match(line))


def _after_last_signature(found: list[Line], comment_boxes: dict[int, int]) -> list[Line]:
    """A comment box whose comments are signed ends at its last signature: the paragraphs
    after it are the article going on (a "Have your say" quote set inside the article)."""
    by_box: dict[int, list[int]] = {}
    for index, first in comment_boxes.items():
        by_box.setdefault(first, []).append(index)
    for indexes in by_box.values():
        signed = [i for i in indexes if is_signature(found[i].text)]
        if not signed:
            continue
        for i in indexes:
            line = found[i]
            opens = _COMMENTS_LEAD.match(line.text)
            if i > signed[-1] and not _comment_part(line.text) and not opens:
                found[i] = Line(line.start, line.end, line.text, Region.BODY)
    return found


def _signed_comment(found: list[Line], index: int) -> bool:
    """Whether line `index` is a signature under a short paragraph of the body."""
    if index < 1 or found[index].region not in {Region.HEADING, Region.BODY}:
        return False
    paragraph = found[index - 1]
    return (
        paragraph.region == Region.BODY
        and _words(paragraph.text) <= COMMENT_MAX_WORDS
        and paragraph.text.rstrip().endswith((".", "!", "?", '"', "”", "’"))
        and is_signature(found[index].text)
    )


def _signed_comments(found: list[Line]) -> list[Line]:
    """Readers' comments with no heading over them: two or more short paragraphs in a row,
    each signed on the next line with a name and a place, at least one in the first person,
    the run closed by the text's end or by a line that is not running text. Not section
    headings that name places ("Kyoto, Japan" over its paragraph): a heading stands before
    its paragraph, so their run opens with one and goes on with a paragraph after the last."""
    signed = [i for i in range(1, len(found)) if _signed_comment(found, i)]
    runs: list[list[int]] = []
    for index in signed:
        if runs and index == runs[-1][-1] + 2:
            runs[-1].append(index)
        else:
            runs.append([index])
    for run in runs:
        first, last = run[0] - 1, run[-1]
        if len(run) < 2:
            continue
        if first > 0 and is_signature(found[first - 1].text):
            continue
        if last + 1 < len(found) and found[last + 1].region == Region.BODY:
            continue
        if not any(_FIRST_PERSON.search(found[i - 1].text) for i in run):
            continue
        for i in range(first, last + 1):
            line = found[i]
            found[i] = Line(line.start, line.end, line.text, Region.COMMENTS)
    return found


def _is_title(line: str) -> bool:
    """A first line set as a headline: not too long, no full stop at the end."""
    return _words(line) <= TITLE_MAX_WORDS and not ends_a_sentence(line)


def _is_paragraph(line: str) -> bool:
    """Running text: a line that ends like a sentence and is longer than a list item."""
    return line.rstrip().endswith((".", '"', "”")) and (
        _words(line) > LIST_ITEM_MAX_WORDS or len(re.findall(r"[.!?][\"”’)]?\s+[A-Z]", line)) >= 1
    )


def sentence_region(sentence: str, line_region: str) -> str:
    """The region of one sentence in a line of `line_region`: a credit or a dateline may stand
    inside running text or a caption ("... in Washington. Image: United States Navy.")."""
    text = sentence.strip()
    if _CREDIT_START.match(text) or _AGENCY_ONLY.match(text):
        return Region.CREDIT
    if line_region in {Region.BODY, Region.CAPTION}:
        prefix = DATELINE_PREFIX.match(text)
        if prefix is not None and prefix.end() >= len(text):
            return Region.DATELINE
    if line_region == Region.BODY:
        if is_byline(text) and _BYLINE_ROLE.search(text):
            return Region.BYLINE  # "By Jane Doe, BBC News correspondent. The mayor ..."
        if is_citation(text):
            return Region.REFERENCES
        if _NOTE_START.match(text):
            return Region.NOTE
    return line_region


class Regions:
    """The regions of one text's lines, looked up by character offset."""

    def __init__(self, text: str) -> None:
        self.lines = line_regions(text)
        self.starts = [line.start for line in self.lines]

    def at(self, start: int) -> str:
        """The region of the line holding the character at `start`."""
        index = bisect_right(self.starts, start) - 1
        if index < 0:
            return Region.BODY
        line = self.lines[index]
        return line.region if start < max(line.end, line.start + 1) else Region.BODY

    def of_sentence(self, text: str, start: int) -> str:
        return sentence_region(text, self.at(start))
