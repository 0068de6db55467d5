"""The boundary check and the plain-text cleaner every app shares."""

import pytest

from portal.text import first_invalid, invalid_text_reason, one_line, plain_text


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("ok", None),
        ("a\x00b", "nul"),
        ("\ud800", "surrogate"),
        ("x\udfff", "surrogate"),
        ("", None),
    ],
)
def test_invalid_text_reason(value, reason):
    assert invalid_text_reason(value) == reason


def test_real_characters_pass_the_boundary_even_odd_ones():
    assert invalid_text_reason("p@ss\x1b\u202e😀\"'") is None


def test_first_invalid_finds_strings_deep_inside_json_keys_included():
    assert first_invalid({"a": [1, {"b": "ok"}, "x\x00"]}) == (("a", 2), "nul")
    assert first_invalid({"k\ud800": 1}) == (("k\ud800",), "surrogate")
    assert first_invalid({"a": ["fine", 2, None, True]}) is None


def test_plain_text_removes_control_bidi_and_zero_width_but_keeps_joiners():
    assert plain_text("a\x1bb\x07c\u202ed\u200be\u200df") == "abcde\u200df"


def test_plain_text_line_breaks_only_when_multiline():
    assert plain_text("a\r\nb\tc") == "a b c"
    assert plain_text("a\r\nb\rc", multiline=True) == "a\nb\nc"


def test_plain_text_normalises_to_nfc():
    assert plain_text("e\u0301") == "\u00e9"


def test_one_line_collapses_whitespace():
    assert one_line("  Buku \n  sejarah\t Ternate ") == "Buku sejarah Ternate"
