"""E-mail addresses: checked and normalised by email-validator, with a fast path for plain ones.

email-validator is the authority on what an address is. Importing it compiles several regular
expressions over the whole of Unicode, which costs more than the rest of loading a case; almost
every address in a case is plain ASCII (name@example.com), and for those the library's answer is
known without asking it: the address is valid and its normal form is the part before the @
unchanged and the domain in lower case. ``_plain`` recognises only addresses of that kind, a
strict subset of what the library accepts (tests/model/test_email_address.py compares the two on
generated and tricky addresses); every other address goes to the library, which gives the
verdict and the message.
"""

from __future__ import annotations

import re

# RFC 5322 dot-atom (the characters email-validator allows without quoting), at most 64
# characters before the @ (RFC 5321), and host names of letters, digits and inner hyphens.
_LOCAL = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*")
_LABEL = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?")
_TLD = re.compile(r"[A-Za-z][A-Za-z0-9-]*[A-Za-z]|[A-Za-z]")

# Names the library refuses (IANA special-use domains) or rewrites (RFC 2142 role mailboxes, which
# it lower-cases): such addresses take the library's path.
_SPECIAL_USE = ("arpa", "invalid", "local", "localhost", "onion", "test")
_ROLE_MAILBOXES = frozenset({
    "info", "marketing", "sales", "support", "abuse", "noc", "security", "postmaster",
    "hostmaster", "usenet", "news", "webmaster", "www", "uucp", "ftp",
})


def _plain(address: str) -> str | None:
    """The normal form of a plain ASCII address, or None to let the library decide."""
    if len(address) > 254 or not address.isascii():
        return None
    local, at, domain = address.rpartition("@")
    if not at or len(local) > 64 or len(domain) > 253 or not _LOCAL.fullmatch(local):
        return None
    if local.lower() in _ROLE_MAILBOXES:
        return None
    labels = domain.lower().split(".")
    if len(labels) < 2 or not _TLD.fullmatch(labels[-1]) or labels[-1] in _SPECIAL_USE:
        return None
    for label in labels:
        # "--" is reserved for Punycode and similar encodings: the library checks those labels.
        if not _LABEL.fullmatch(label) or "--" in label:
            return None
    return f"{local}@{'.'.join(labels)}"


def normalize_email(value: str) -> str:
    """The address in normal form; ValueError with the library's reason if it is not valid."""
    address = value.strip()
    plain = _plain(address)
    if plain is not None:
        return plain
    from email_validator import EmailNotValidError, validate_email  # lazy: see the module's note

    try:
        return validate_email(address, check_deliverability=False).normalized
    except EmailNotValidError as e:
        raise ValueError(f"'{value}' is not a valid e-mail address ({e})") from None
