"""French typography and accent-insensitive French search, for every page of the site.

Typography (issue 10, item 6) — a post-transform over each page's doctree that rewrites only
prose text nodes, never code (literals, code blocks, doctests, raw HTML, math), URLs or API
signatures:

* a narrow no-break space (U+202F) before « : ; ! ? » and inside « » (a colon never wraps alone
  to the next line);
* glued numbers the French way: ``63.3%`` -> ``63,3 %``, ``×2.32`` -> ``× 2,32``,
  ``242005`` -> ``242 005`` (five digits and more; four-digit numbers are account codes and
  years, left as they are), with the same narrow no-break space.

Search (item 7) — :class:`FoldedFrench`, Sphinx's French search with accents folded before and
after stemming, in the index (Python) and in the query (the JavaScript stemmer of the search
page does the same), so « entrainement » finds what « entraînement » finds.
"""

from __future__ import annotations

import re
import unicodedata

from docutils import nodes
from sphinx import addnodes
from sphinx.search import _MINIFIED_JS_PATH
from sphinx.search.fr import SearchFrench
from sphinx.transforms.post_transforms import SphinxPostTransform

NNBSP = "\u202f"  # narrow no-break space (« espace fine insécable »)

# --- Typography ---------------------------------------------------------------------------

_UNITS = r"(?:%|points?|pts?|Go|Gio|Mo|Mio|Ko|Gb|GB|GiB|MB|s|ms|min|h|secondes|minutes|heures|fois|€|échantillons|lignes)"
_RULES: list[tuple[re.Pattern, str]] = [
    # Decimal point before a unit or after ×: 63.3% -> 63,3%, ×2.32 -> ×2,32 (versions such as
    # « transformers 4.41 » have no unit and keep their point).
    (re.compile(rf"(?<![\w.])(\d+)\.(\d+)(?=\s?{_UNITS}(?!\w))"), r"\1,\2"),
    (re.compile(r"(×|(?<!\w)x)\s?(\d+)\.(\d+)\b"), r"\1\2,\3"),
    # Five digits and more: thousands groups (242005 -> 242 005).
    (re.compile(r"(?<![\w.,/#-])\d{5,}(?![\w.,/])"), None),
    # Hand-written groups (« 5 292 », « 1 000 ») keep together.
    (re.compile(r"(?<![\d,.])(\d{1,3})[ \u00a0](?=\d{3}(?!\d))"), r"\1" + NNBSP),
    # Space before a unit that French separates: 63,3% -> 63,3 %, 10 € -> 10 €.
    (re.compile(r"(\d)[ \u00a0]?(%|€)"), r"\1" + NNBSP + r"\2"),
    # × followed by a number: ×2,32 -> × 2,32.
    (re.compile(r"×[ \u00a0]?(?=\d)"), "×" + NNBSP),
    # Guillemets: « mot » with narrow no-break spaces inside.
    (re.compile(r"«[ \u00a0]?"), "«" + NNBSP),
    (re.compile(r"[ \u00a0]?»"), NNBSP + "»"),
    # High punctuation: a space before it becomes a narrow no-break one; glued after a word, one is added.
    (re.compile(r"[ \u00a0]([:;!?])(?=\s|$|\))"), NNBSP + r"\1"),
    (re.compile(r"(?<=[^\W\d_]|»|\))([;!?])(?=\s|$)"), NNBSP + r"\1"),
    (re.compile(r"(?<=[^\W\d_]|»)(:)(?=\s|$)"), NNBSP + r"\1"),
]


def _group(match: re.Match) -> str:
    digits = match.group(0)
    head = len(digits) % 3 or 3
    return NNBSP.join([digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)])


def french_typography(text: str, after_inline: bool = False) -> str:
    """French typography on a run of prose.

    ``after_inline``: the text follows an inline element (code, a link) in the same paragraph,
    so a punctuation mark at its very start (``foo``: …) gets its narrow no-break space too.
    """
    if "://" in text:  # a URL typed in prose: leave the whole run alone
        return text
    for pattern, replacement in _RULES:
        text = pattern.sub(_group if replacement is None else replacement, text)
    if after_inline:
        text = re.sub(r"^([:;!?])(?=\s|$)", NNBSP + r"\1", text)
    return text


# Nodes whose text is code, markup or an address, never prose.
_SKIP = (
    nodes.literal,
    nodes.literal_block,
    nodes.doctest_block,
    nodes.raw,
    nodes.math,
    nodes.math_block,
    nodes.comment,
    nodes.target,
    nodes.option_string,
    addnodes.desc_signature,
    addnodes.pending_xref_condition,
)


def _is_prose(node: nodes.Text) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, _SKIP):
            return False
        if isinstance(parent, nodes.reference) and parent.get("refuri", "").startswith(("http", "mailto")) \
                and parent.astext() == parent.get("refuri"):
            return False  # a bare URL shown as its own text
        if "notranslate" in parent.get("classes", []) or "cell_input" in parent.get("classes", []):
            return False
        parent = parent.parent
    return True


class FrenchTypography(SphinxPostTransform):
    """Rewrite every prose text node of a page with :func:`french_typography`."""

    default_priority = 890  # after references are resolved, before the writer
    formats = ("html",)

    def run(self, **kwargs) -> None:
        if self.config.language == "fr":
            apply_typography(self.document)


def apply_typography(document: nodes.Node) -> None:
    """:func:`french_typography` on every prose text node of ``document``, in place."""
    for node in list(document.findall(nodes.Text)):
        if not _is_prose(node):
            continue
        text = str(node)
        previous = node.parent[node.parent.index(node) - 1] if node.parent.index(node) else None
        new = french_typography(text, after_inline=previous is not None and not isinstance(previous, nodes.Text))
        if new != text:
            node.parent.replace(node, nodes.Text(new))




# --- Search -------------------------------------------------------------------------------


def fold(word: str) -> str:
    """``entraînement`` -> ``entrainement``: accents off (NFD, combining marks dropped)."""
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


# The search page folds the query exactly as the index was folded: Snowball's French stemmer
# (Sphinx's own minified copy) wrapped by the same fold, before and after stemming.
_FOLD_JS = r"""
window.FrenchStemmer = FrenchStemmer;
const foldAccents = (word) => word.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
var FoldedFrenchStemmer = function () {
  const french = new FrenchStemmer();
  this.stemWord = (word) => foldAccents(french.stemWord(foldAccents(word.toLowerCase())));
};
window.FoldedFrenchStemmer = FoldedFrenchStemmer;
window.Stemmer = FoldedFrenchStemmer;
"""


class FoldedFrench(SearchFrench):
    """French search that ignores accents: « memoire » finds « mémoire »."""

    js_stemmer_rawcode = ""  # the code below is inlined in language_data.js
    js_stemmer_code = "\n".join(
        [
            (_MINIFIED_JS_PATH / "base-stemmer.js").read_text(encoding="utf-8"),
            (_MINIFIED_JS_PATH / "french-stemmer.js").read_text(encoding="utf-8"),
            _FOLD_JS,
        ]
    )
    stopwords = frozenset(SearchFrench.stopwords) | {fold(w) for w in SearchFrench.stopwords}

    def stem(self, word: str) -> str:
        return fold(self.stemmer.stemWord(fold(word.lower())))


def setup(app):
    app.add_post_transform(FrenchTypography)
    app.add_search_language(FoldedFrench)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
