"""Hostile user text, and where to put it in a case.

ACCEPTED texts are legitimate (a pasted e-mail header holds `<`, a chat log holds emoji and
right-to-left marks, a template engineer types `{{`): they must be stored and printed exactly.
REJECTED texts hold characters that XML 1.0, and so a Word document, cannot carry: the model
refuses them with a message naming the field.
"""

from __future__ import annotations

import copy

ACCEPTED: dict[str, str] = {
    "word-markup": '</w:t></w:r></w:p><w:p><w:r><w:t>injected</w:t></w:r></w:p><w:p>',
    "html": '<h1>Title</h1><script>alert(1)</script><check state="done">',
    "entities": "&amp; &lt; &#x41; &nbsp; ]]> <![CDATA[x]]>",
    "jinja-expression": "{{ 7*7 }} {{ config }} {{ ''.__class__.__mro__ }}",
    "jinja-statement": "{% raw %}{% endraw %}{% for x in range(9) %}{{x}}{% endfor %}{# comment #}",
    "jinja-unbalanced": "{{ {% {# }} %} #}",
    "format-strings": "%s %d {0} {name} $HOME ${PATH} `id`",
    "bidi-override": "\u202eevil.exe\u202c gpj.txt \u2066isolated\u2069 \u200f",
    "emoji": "👮\u200d♀️ 🏳️\u200d🌈 👨\u200d👩\u200d👧 🇫🇷 😀\ufe0f",
    "astral-and-noncharacters": "𝕄𝕃𝔸 \U0001F600 \U000E0041 \ufdd0 \U0010FFFD",
    "combining": "e\u0301 Z\u0351\u0352\u0353alg\u0300\u0301o",
    "zero-width": "a\u200bb\u200cc\u200dd\ufeffe\u2060f",
    "arabic": "طلب مساعدة قانونية متبادلة بشأن الأدلة الإلكترونية",
    "chinese": "关于电子证据的司法协助请求",
    "mixed-scripts": "Élodie Марчал 马夏尔 مارشال",
    "line-separators": "one\u2028two\u2029three\x85four",
    "del-and-c1": "a\x7fb\x80c\x9fd",
    "tabs-and-newlines": "line 1\n\tline 2\r\nline 3\n\n\nline 6",
    "quotes-and-backslashes": "\"quoted\" 'single' \\ \\\\ \\n \\u0000",
    "null-word": "None null undefined NaN",
    "very-long-word": "x" * 5000,
    "paste-100k-ascii": ("The mailbox sent the false message. " * 2800)[:99_900],
    "paste-100k-bytes-arabic": ("رسالة احتيالية " * 7000)[:49_000],
}

# Fields that may be blank: the document must still be well formed, with no "None" in it.
BLANK: dict[str, str] = {"empty": "", "spaces": "   ", "whitespace-mix": " \t\n\r\n \u3000\u00a0"}

REJECTED: dict[str, tuple[str, str]] = {
    # name: (text, words the error names)
    "nul": ("a\x00b", "control character"),
    "bell": ("a\x07b", "control character"),
    "escape-sequence": ("\x1b[31mred\x1b[0m", "control character"),
    "vertical-tab": ("a\x0bb", "control character"),
    "form-feed": ("page\x0cbreak", "control character"),
    "lone-high-surrogate": ("a\ud800b", "surrogate"),
    "lone-low-surrogate": ("\udfff", "surrogate"),
    "noncharacter-fffe": ("\ufffe", "U+FFFE"),
    "noncharacter-ffff": ("x\uffff", "U+FFFF"),
    "over-limit": ("x" * 100_001, "100000"),
}

# Where the text goes: free text (Text) and single-line (Str) fields of several kinds.
FIELDS: tuple[tuple[str, ...], ...] = (
    ("facts", "summary"),
    ("purpose",),
    ("offences", 0, "name"),
    ("persons", 1, "name"),
    ("requests", 0, "items", 0, "nexus"),
    ("signature", "name"),
)


def field_name(path: tuple[str | int, ...]) -> str:
    """The path as the loader prints it: requests[0].items[0].nexus."""
    out = ""
    for p in path:
        out += f"[{p}]" if isinstance(p, int) else ("." if out else "") + p
    return out


def inject(data: dict, text: str, fields: tuple[tuple[str | int, ...], ...] = FIELDS,
           label: bool = False) -> dict:
    """A copy of `data` with `text` in every field (labelled with the field's name if asked,
    so that a test can find each one in the document)."""
    data = copy.deepcopy(data)
    for path in fields:
        node = data
        for p in path[:-1]:
            node = node[p]
        node[path[-1]] = f"[{field_name(path)}] {text}" if label else text
    return data
