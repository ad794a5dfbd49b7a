"""Datelines and credits in the claim layer: the dateline is not part of any claim, a credit is not a claim."""

from __future__ import annotations

import pytest
from conftest import annotate_text


@pytest.mark.parametrize("dateline", [
    "UNITED NATIONS, March 14, 2024 (Reuters) -", "SEOUL, Dec 10 (AFP) -", "UNITED NATIONS (AP) —", "SEOUL, Dec. 10 (Yonhap) --",
    "(Reuters) -", "WASHINGTON —",
])
def test_the_claim_starts_after_the_dateline(dateline: str) -> None:
    claims, _ = annotate_text(f"{dateline} North Korea fired a ballistic missile on Tuesday, the military said.\n")
    assert [c["text"] for c in claims] == ["North Korea fired a ballistic missile on Tuesday"]


def test_an_agency_credit_that_ends_a_paragraph_is_not_part_of_a_claim() -> None:
    claims, _ = annotate_text("North Korea fired a ballistic missile.\nThe Security Council will meet on Friday. (AFP)\n")
    assert [c["text"] for c in claims] == ["North Korea fired a ballistic missile.", "The Security Council will meet on Friday."]


def test_credit_lines_hold_no_claims() -> None:
    text = ("North Korea fired a ballistic missile.\n(Reporting by Michelle Nichols; Editing by Alistair Bell)\n— AFP\n"
            "By Hyonhee Shin in Seoul\n© 2024 AFP\n")
    claims, _ = annotate_text(text)
    assert [c["text"] for c in claims] == ["North Korea fired a ballistic missile."]
