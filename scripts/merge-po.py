"""A git merge driver for gettext catalogs (.po/.pot): three-way, entry by entry.

Two branches that each add or retranslate strings conflict on every line `pybabel update`
re-sorts; merged message by message, they rarely do. For each msgid: an entry changed on one
side only takes that side; changed on both sides to different texts, ours wins and the entry is
marked fuzzy so the test of the catalogs fails until a person decides. Entries removed on one
side and untouched on the other are removed.

Set up once per clone (see CONTRIBUTING.md):

    git config merge.po.name "gettext catalogs, entry by entry"
    git config merge.po.driver ".venv/bin/python scripts/merge-po.py %O %A %B"

Exit status 0: merged into %A (ours). Run `pybabel extract` and `pybabel update` afterwards to
put the catalogs back in their usual order.
"""

from __future__ import annotations

import sys
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po, write_po


def _load(path: str) -> Catalog:
    data = Path(path).read_bytes()
    return read_po(BytesIO(data), abort_invalid=False) if data.strip() else Catalog()


def _key(message: Message) -> tuple[str, str | None]:
    mid = message.id if isinstance(message.id, str) else message.id[0]
    return mid, message.context


def _same(a: Message | None, b: Message | None) -> bool:
    if a is None or b is None:
        return a is b
    return (a.id, a.string, a.context, sorted(a.flags)) == (b.id, b.string, b.context, sorted(b.flags))


def merge(base: Catalog, ours: Catalog, theirs: Catalog) -> Catalog:
    b = {_key(m): m for m in base if m.id}
    o = {_key(m): m for m in ours if m.id}
    t = {_key(m): m for m in theirs if m.id}
    out = Catalog(locale=ours.locale, domain=ours.domain, project=ours.project,
                  version=ours.version, copyright_holder=ours.copyright_holder,
                  header_comment=ours.header_comment, fuzzy=False)
    out.mime_headers = ours.mime_headers
    for key in list(o) + [k for k in t if k not in o]:
        mo, mt, mb = o.get(key), t.get(key), b.get(key)
        if _same(mo, mb):
            chosen = mt  # untouched here: take theirs (None means they removed it)
        elif _same(mt, mb) or _same(mo, mt):
            chosen = mo
        else:
            chosen = mo or mt
            if mo is not None and mt is not None and mo.string != mt.string:
                chosen.flags.add("fuzzy")
        if chosen is not None:
            out[chosen.id] = chosen
    return out


def main(argv: list[str]) -> int:
    base_path, ours_path, theirs_path = argv[1:4]
    merged = merge(_load(base_path), _load(ours_path), _load(theirs_path))
    buf = BytesIO()
    write_po(buf, merged, width=100, sort_by_file=True, include_previous=False)
    Path(ours_path).write_bytes(buf.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
