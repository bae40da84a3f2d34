"""Python twin of the SQL search_fold(): the query is folded the same way as the documents, and a
snippet highlighted on folded text is mapped back to the original characters."""

from __future__ import annotations

from bibliology.search.schema import FOLD_FROM, FOLD_TO, LIGATURES

__all__ = ["fold", "fold_with_map"]

_TABLE = dict(zip(FOLD_FROM, FOLD_TO, strict=True)) | dict(LIGATURES)


def _fold_char(ch: str) -> str:
    lowered = ch.lower()
    if len(lowered) != 1:
        lowered = ch
    return _TABLE.get(lowered, lowered)


class _Folds(dict[int, str]):
    """str.translate's table, filled as characters are met (translate runs in C)."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


_FOLDS = _Folds()


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """The folded text, and for each of its characters the index of the original one."""
    folded = text.translate(_FOLDS)
    if len(folded) == len(text):  # no ligature: one character for one
        return folded, list(range(len(text)))
    index: list[int] = []
    for i, ch in enumerate(text):
        index.extend([i] * len(_FOLDS[ord(ch)]))
    return folded, index


def fold(text: str) -> str:
    return fold_with_map(text)[0]
