"""What a clerk checks first, on the pages LibreOffice makes of every example and of
documents built to put a page break where a keep rule must act: no page holds the 落款
alone, 署名 and 成文日期 stay together, no page ends with a heading, full pages hold 22
lines and a page ends early only where a keep rule moves lines to the next one.

All documents are converted in one LibreOffice run (the ``laid_out`` fixture)."""

from __future__ import annotations

import pytest
import review
from conftest import Laid
from layout_cases import CASES

LINES = review.LINES_PER_PAGE


@pytest.fixture(scope="module")
def examples(laid_out: dict[str, Laid]) -> dict[str, Laid]:
    found = {name: doc for name, doc in laid_out.items() if name not in CASES}
    assert len(found) >= 38  # 5 examples, 31 of the district, long_body, office_reference
    return found


def line(row: review.Row) -> int:
    """The grid line (1–22) a printed line of body text sits on."""
    assert review.on_grid(row), row
    return round(review.line_number(row))


def test_no_page_holds_the_signature_alone_nor_splits_it(examples: dict[str, Laid]) -> None:
    flagged = {
        name: flags
        for name, doc in examples.items()
        if (flags := review.signature_flags(doc.pages, doc.paragraphs))
    }
    assert flagged == {}
    # The check finds a 落款 in every example that has one.
    assert sum(bool(doc.paragraphs.texts("date")) for doc in examples.values()) >= 36


def test_no_page_ends_with_a_heading(examples: dict[str, Laid]) -> None:
    flagged = {
        name: flags
        for name, doc in examples.items()
        if (flags := review.heading_flags(doc.pages, doc.paragraphs))
    }
    assert flagged == {}


def test_pages_end_early_only_where_a_keep_rule_applies(examples: dict[str, Laid]) -> None:
    flagged = {
        name: flags
        for name, doc in examples.items()
        if (flags := review.early_page_flags(doc.pages, doc.paragraphs))
    }
    assert flagged == {}
    # Full pages of body text hold 22 lines.
    text_pages = [
        page
        for doc in examples.values()
        for page in doc.pages[:-1]
        if page.body and all(map(review.on_grid, page.body))
    ]
    assert len(text_pages) > 40
    assert max(line(page.body[-1]) for page in text_pages) == LINES
    full = [page for page in text_pages if line(page.body[-1]) == LINES]
    assert len(full) > len(text_pages) / 3


# -- each keep rule, where a page break falls on it ---------------------------------


def pages(laid_out: dict[str, Laid], name: str) -> list[review.Page]:
    return laid_out[name].pages


def test_a_full_page_holds_22_lines(laid_out: dict[str, Laid]) -> None:
    first, second = pages(laid_out, "full")
    assert len(first.body) == LINES and line(first.body[-1]) == LINES
    assert len(second.body) == 1 and line(second.body[0]) == 1


def test_a_paragraphs_first_line_is_not_left_alone_at_the_foot(laid_out: dict[str, Laid]) -> None:
    # Its first line would be line 22: the whole paragraph starts page 2.
    first, second = pages(laid_out, "orphan")
    assert line(first.body[-1]) == LINES - 1
    assert [review.indented(row) for row in second.body] == [True, False, False]


def test_a_paragraphs_last_line_is_not_left_alone_at_the_head(laid_out: dict[str, Laid]) -> None:
    # Lines 20–23: line 22 goes along with line 23, page 2 holds two lines of it.
    first, second = pages(laid_out, "widow")
    assert line(first.body[-1]) == LINES - 1 and not review.indented(first.body[-1])
    assert review.indented(first.body[-2])
    assert [review.indented(row) for row in second.body] == [False, False]


def test_a_heading_starts_the_page_of_its_text(laid_out: dict[str, Laid]) -> None:
    first, second = pages(laid_out, "heading")
    assert line(first.body[-1]) == LINES - 1
    assert second.body[0].text == "一、工作目标" and line(second.body[0]) == 1
    assert len(second.body) == 4


def test_the_signature_takes_the_last_lines_of_the_body_along(laid_out: dict[str, Laid]) -> None:
    # A 2-line paragraph on lines 19–20, the 落款 (2 empty lines, 署名, 成文日期) after
    # it: the paragraph goes to page 2 with the 落款.
    first, second = pages(laid_out, "signature")
    assert line(first.body[-1]) == LINES - 4
    start, end, name, date = second.body
    assert review.indented(start) and not review.indented(end)
    assert (name.text, date.text) == ("教务处", "2026年2月21日")
    assert [line(row) for row in second.body] == [1, 2, 5, 6]


def test_the_signature_keeps_at_least_two_lines_of_a_long_paragraph(
    laid_out: dict[str, Laid],
) -> None:
    # A 4-line paragraph on lines 17–20: at least its last two lines go to page 2 with
    # the 落款 (Word moves two; LibreOffice moves the whole paragraph), and nothing else.
    first, second = pages(laid_out, "signature_long")
    *body, name, date = second.body
    assert (name.text, date.text) == ("教务处", "2026年2月21日")
    assert len(body) >= 2 and not review.indented(body[-1])
    assert line(first.body[-1]) + len(body) == 20


def test_every_punctuation_mark_of_the_docx_reaches_the_pdf(examples: dict[str, Laid]) -> None:
    """LibreOffice leaves out a closing mark that hangs past the margin at the end of a
    justified line; each mark must be on the page as often as it is in the document."""
    lost = {
        name: flags
        for name, doc in examples.items()
        if (flags := review.punctuation_flags(doc.pages, doc.paragraphs))
    }
    assert lost == {}


def test_a_mark_after_a_full_line_is_printed(laid_out: dict[str, Laid]) -> None:
    """A paragraph whose every 29th character is a comma: each comma falls where a full
    line of 28 ends, the case LibreOffice used to drop."""
    doc = laid_out["every_29th_a_comma"]
    printed = "".join(row.text for page in doc.pages for row in page.body)
    assert printed.count("，") == 20
    assert review.punctuation_flags(doc.pages, doc.paragraphs) == []
