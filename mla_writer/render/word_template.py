"""The Word package every document starts from: python-docx's default template with only the
styles a request uses.

python-docx's template defines 164 styles in a 430 KB styles.xml (every table look Word 2010
offered); a request uses a handful and defines its own (docstyles.py). Parsing, writing again
and compressing the rest was a tenth of the build of a 1,000-identifier document and made every
document about 10 KB larger once compressed. The trimmed template keeps the default styles,
Normal, the three headings docstyles.py bases its headings on, the list styles the template's
numbering.xml names, Header, Footer and Table Grid (see KEPT_STYLES), and every style those are
based on, linked to or followed by. Word adds any other built-in style when a reader uses it.

``word-template.docx`` beside this module is made by ``scripts/word-template.py`` from the
installed python-docx's template (MIT licence, Copyright (c) 2013 Steve Canny: its notice is
shipped beside it as ``word-template.LICENSE``); a test checks it is still what that script makes.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from lxml import etree

from .oxml import qn

TEMPLATE = Path(__file__).resolve().with_name("word-template.docx")
STYLES_PART = "word/styles.xml"
NUMBERING_PART = "word/numbering.xml"
# Style ids kept besides the defaults and what they lead to (basedOn, link, next). Normal and the
# headings are what docstyles.py sets and bases its own styles on. Header and Footer are named by
# the header and footer parts python-docx adds (before their content is replaced), and a
# reviewer who adds a header or a table in Word finds them and Table Grid as Word defines them.
KEPT_STYLES = ("Normal", "Heading1", "Heading2", "Heading3", "Header", "Footer", "TableGrid")

def source_template() -> bytes:
    """python-docx's own default template, as installed."""
    import docx

    return (Path(docx.__file__).resolve().parent / "templates" / "default.docx").read_bytes()


def kept_style_ids(styles: etree._Element, numbering: bytes) -> set[str]:
    """The ids of the styles to keep: KEPT_STYLES, the default styles, those the numbering names,
    and every style these lead to."""
    by_id = {s.get(qn("w:styleId")): s for s in styles.iter(qn("w:style"))}
    keep = {sid for sid, s in by_id.items() if s.get(qn("w:default")) == "1"}
    keep |= set(KEPT_STYLES)
    keep |= set(re.findall(r'w:pStyle w:val="([^"]+)"', numbering.decode("utf-8")))
    todo = list(keep)
    while todo:
        style = by_id.get(todo.pop())
        if style is None:
            continue
        for tag in ("basedOn", "link", "next"):
            for ref in style.iter(qn(f"w:{tag}")):
                value = ref.get(qn("w:val"))
                if value and value not in keep:
                    keep.add(value)
                    todo.append(value)
    return keep & set(by_id)


def trimmed(source: bytes) -> bytes:
    """`source` (a .docx) with the styles its requests do not use taken out of styles.xml; every
    other entry, and every entry's name, date and order, as it was."""
    with zipfile.ZipFile(io.BytesIO(source)) as z:
        infos = z.infolist()
        parts = {info.filename: z.read(info) for info in infos}
    styles = etree.fromstring(parts[STYLES_PART])
    keep = kept_style_ids(styles, parts[NUMBERING_PART])
    for style in list(styles.iter(qn("w:style"))):
        if style.get(qn("w:styleId")) not in keep:
            styles.remove(style)
    parts[STYLES_PART] = etree.tostring(styles, encoding="UTF-8", standalone=True)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in infos:
            z.writestr(info, parts[info.filename])
    return out.getvalue()
