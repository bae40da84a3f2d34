"""A search box's text as words, quoted phrases and an optional Bible reference.

"amour 1 Co 13" is the word "amour" and the reference 1 Cor 13; "Jean 3,16" is only a reference;
`"fruit of the spirit"` is a phrase. The words become one tsquery string (folded like the documents,
the last unquoted word a prefix, for search-as-you-type), which PostgreSQL's `to_tsquery` stems and
filters through the reader's configuration.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bibliology.bible import InvalidReference, Reference, parse_reference
from bibliology.search.folding import fold

__all__ = ["MAX_QUERY", "ParsedQuery", "parse_query"]

MAX_QUERY = 500
_MAX_TOKENS_FOR_REFERENCE = 24  # a reference is looked for among the first tokens only
_PHRASE = re.compile(r'"([^"]*)"?')
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class ParsedQuery:
    tsquery: str  # '' when no word is left
    reference: Reference | None
    words: tuple[str, ...]
    terms: tuple[str, ...] = ()  # the tsquery's operands, ANDed: a word, a prefix or a phrase each


def parse_query(text: str) -> ParsedQuery:
    phrases = [m.group(1) for m in _PHRASE.finditer(text)]
    rest = _PHRASE.sub(" ", text)
    reference, rest = _split_reference(rest)
    groups = [_words(p) for p in phrases]
    loose = _words(rest)
    terms = [" <-> ".join(_quote(w) for w in g) for g in groups if g]
    terms += [_quote(w) for w in loose]
    if loose and fold(text).endswith(loose[-1]):
        terms[-1] += ":*"  # the word being typed
    words = tuple(w for g in groups for w in g) + tuple(loose)
    operands = tuple(f"({t})" if "<->" in t else t for t in terms)
    return ParsedQuery(" & ".join(operands), reference, words, operands)


def _words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def _quote(word: str) -> str:
    return "'" + word.replace("'", "''") + "'"


def _split_reference(text: str) -> tuple[Reference | None, str]:
    """The longest run of tokens that parses as a reference and has a chapter number, and the rest."""
    tokens = text.split()[:_MAX_TOKENS_FOR_REFERENCE]
    if not any(ch.isdigit() for ch in text):
        return None, text
    for length in range(len(tokens), 0, -1):
        for start in range(len(tokens) - length + 1):
            candidate = " ".join(tokens[start : start + length])
            if not any(ch.isdigit() for ch in candidate) or not any(ch.isalpha() for ch in candidate):
                continue
            try:
                reference = parse_reference(candidate)
            except InvalidReference:
                continue
            rest = " ".join(tokens[:start] + tokens[start + length :] + text.split()[len(tokens) :])
            return reference, rest + (" " if text.endswith(" ") else "")
    return None, text
