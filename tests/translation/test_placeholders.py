"""What a translator cannot change: the values protected as placeholders."""

from __future__ import annotations

import pytest

from mla_writer.translation.placeholders import Placeholder, split


def protected(text: str, values: list[str] = []) -> list[tuple[str, str]]:  # noqa: B006
    parts = split(text, values)
    assert "".join(p.value if isinstance(p, Placeholder) else p for p in parts) == text
    return [(p.ctype, p.value) for p in parts if isinstance(p, Placeholder)]


@pytest.mark.parametrize(("text", "expected"), [
    ("seen from 203.0.113.7, then 2001:db8::1.", [("x-ip", "203.0.113.7"), ("x-ip", "2001:db8::1")]),
    ("write to a.b@example.org.", [("x-email", "a.b@example.org")]),
    ("see https://example.com/x?y=1).", [("x-url", "https://example.com/x?y=1")]),
    ("on 2026-03-03T14:03:07+01:00 and at 09:15 UTC", [("x-date", "2026-03-03T14:03:07+01:00"), ("x-time", "09:15 UTC")]),
    ("version 1.2.3 and 999.1.1.1 are not addresses", []),
    ("a ratio of 3:1 and the words a:b:c", []),
    ("用户于2026-03-03从203.0.113.7登录，邮箱a@example.org。", [("x-date", "2026-03-03"), ("x-ip", "203.0.113.7"),
                                                            ("x-email", "a@example.org")]),
    ("عنوان IP ‏198.51.100.23‏ في 14:03", [("x-ip", "198.51.100.23"), ("x-time", "14:03")]),
    ("version 10.1.2.3.4 is no address", []),
])
def test_patterns(text: str, expected: list[tuple[str, str]]) -> None:
    assert protected(text) == expected


def test_the_case_identifiers_are_protected_and_numbered_in_order() -> None:
    assert protected("user jdoe_1984 wrote to accounts@x.example.net", ["jdoe_1984"]) == [
        ("x-identifier", "jdoe_1984"), ("x-email", "accounts@x.example.net")]
    parts = split("203.0.113.7 and 198.51.100.2")
    assert [p.id for p in parts if isinstance(p, Placeholder)] == ["1", "2"]
