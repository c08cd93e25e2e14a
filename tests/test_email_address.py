"""The e-mail fast path must agree with email-validator wherever it answers on its own."""

from __future__ import annotations

import pytest
from email_validator import EmailNotValidError, validate_email
from hypothesis import example, given, settings
from hypothesis import strategies as st

from mla_writer.model.email_address import _plain, normalize_email


def library(address: str) -> str | None:
    try:
        return validate_email(address.strip(), check_deliverability=False).normalized
    except EmailNotValidError:
        return None


def ours(address: str) -> str | None:
    try:
        return normalize_email(address)
    except ValueError:
        return None


TRICKY = [
    "J.Doe@Example.COM", "j.doe@example.com", "a@b.co", "x@example.c0m", "x@example.123",
    "x@example.com.", "x@.example.com", "x@example..com", ".x@example.com", "x.@example.com",
    "x..y@example.com", "x@-example.com", "x@example-.com", "x@ex--ample.com", "x@xn--80ak6aa92e.com",
    "x@XN--80AK6AA92E.COM", "INFO@example.com", "Postmaster@Example.org", "www@example.net",
    "a@b.test", "a@b.TEST", "a@b.local", "a@b.onion", "a@localhost", "a@b.arpa", "a@b.invalid",
    "a+tag@example.com", "o'brien@example.ie", "a!#$%&'*+/=?^_`{|}~-@example.com",
    "\"quoted\"@example.com", "a b@example.com", "a@example.com ", " a@example.com", "a@[192.0.2.1]",
    "Name <a@example.com>", "a@@example.com", "@example.com", "a@", "a", "",
    "ü@example.com", "a@exämple.com", "a@example.com\n", "a@exa_mple.com",
    "a" * 64 + "@example.com", "a" * 65 + "@example.com", "a@" + "b" * 63 + ".com",
    "a@" + "b" * 64 + ".com", "a@" + ".".join(["b" * 60] * 4) + ".com",
    "a@" + ".".join(["b" * 49] * 5), "x@1.2.3.4", "x@example.c", "x@example.co-m",
    "x@ab--cd.example.com", "x@a-b.example.com", "x@EXAMPLE.com", "x@example.Com",
]


@pytest.mark.parametrize("address", TRICKY)
def test_fast_path_agrees_with_the_library_on_tricky_addresses(address: str) -> None:
    plain = _plain(address.strip())
    if plain is not None:
        assert library(address) == plain
    assert ours(address) == library(address)


_ATEXT = "abcXYZ019!#$%&'*+/=?^_`{|}~-"
_HOST = "abcXYZ019-"
local_parts = st.text(alphabet=_ATEXT + ".\"ü @", min_size=0, max_size=70)
labels = st.text(alphabet=_HOST + "_ä", min_size=0, max_size=66)
tlds = st.sampled_from(["com", "org", "example", "test", "local", "arpa", "c0m", "1", "x", "co-m", "Onion"])
anything_goes = st.builds(
    lambda local, hosts, tld: f"{local}@{'.'.join([*hosts, tld])}",
    local_parts, st.lists(labels, min_size=0, max_size=4), tlds,
)
# Mostly plain addresses, so that the fast path answers often and is compared often.
plausible = st.builds(
    lambda local, hosts, tld: f"{local}@{'.'.join([*hosts, tld])}",
    st.from_regex(r"[A-Za-z0-9+_'-]{1,12}(\.[A-Za-z0-9+_'-]{1,12}){0,2}", fullmatch=True),
    st.lists(st.from_regex(r"[A-Za-z0-9]([A-Za-z0-9-]{0,4}[A-Za-z0-9])?", fullmatch=True),
             min_size=1, max_size=3),
    tlds,
)
addresses = st.one_of(anything_goes, plausible)


@settings(max_examples=400, deadline=None, derandomize=True)
@given(addresses)
@example("INFO@example.com")
def test_fast_path_agrees_with_the_library_on_generated_addresses(address: str) -> None:
    plain = _plain(address)
    if plain is not None:
        assert library(address) == plain, address
    assert ours(address) == library(address), address


def test_invalid_address_names_the_library_reason() -> None:
    with pytest.raises(ValueError, match=r"'a@b\.test' is not a valid e-mail address \(.*special-use"):
        normalize_email("a@b.test")


def test_plain_address_is_normalised_without_importing_the_library() -> None:
    import subprocess
    import sys

    code = ("import sys; from mla_writer.model.email_address import normalize_email; "
            "print(normalize_email(' J.Doe@Example.COM '), 'email_validator' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["J.Doe@example.com", "False"]
