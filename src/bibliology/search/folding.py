"""Python twin of the SQL search_fold(): the query is folded the same way as the documents, and a
snippet highlighted on folded text is mapped back to the original characters."""

from __future__ import annotations

from bibliology.search.schema import FOLD_FROM, FOLD_TO, LIGATURES

__all__ = ["fold", "fold_with_map"]

_TABLE = dict(zip(FOLD_FROM, FOLD_TO, strict=True)) | dict(LIGATURES)


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """The folded text, and for each of its characters the index of the original one."""
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        lowered = ch.lower()
        if len(lowered) != 1:
            lowered = ch
        folded = _TABLE.get(lowered, lowered)
        out.append(folded)
        index.extend([i] * len(folded))
    return "".join(out), index


def fold(text: str) -> str:
    return fold_with_map(text)[0]
