"""Slugs from English titles (ASCII, unique, suffixed on collision) and the controlled vocabulary."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from bibliology.courses import slugs, vocabulary
from bibliology.courses.models import Course
from tests import factories as f


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("The Holy Spirit", "the-holy-spirit"),
        ("L’Évangile selon « Jean »", "l-evangile-selon-jean"),
        ("Straße & Œuvre", "strasse-oeuvre"),
        ("  --Pneumatology 101--  ", "pneumatology-101"),
        ("πνεῦμα", "untitled"),
    ],
)
def test_slugify_folds_to_ascii(title: str, slug: str) -> None:
    assert slugs.slugify(title) == slug


def test_slugify_truncates_without_a_trailing_dash() -> None:
    slug = slugs.slugify("word " * 40, max_length=12)
    assert slug == "word-word-wo"
    assert len(slugs.slugify("ab-" * 50, max_length=10)) <= 10
    assert not slugs.slugify("ab-" * 50, max_length=9).endswith("-")


def test_allocate_suffixes_taken_slugs(session: Session) -> None:
    assert slugs.allocate(session, Course.slug, "grace-xyz") == "grace-xyz"
    f.make_course(session, slug="grace-xyz")
    assert slugs.allocate(session, Course.slug, "grace-xyz") == "grace-xyz-2"
    f.make_course(session, slug="grace-xyz-2")
    f.make_course(session, slug="grace-xyz-4")
    assert slugs.allocate(session, Course.slug, "grace-xyz") == "grace-xyz-3"
    # A longer slug sharing the prefix is not a collision.
    f.make_course(session, slug="grace-xyzzy")
    assert slugs.allocate(session, Course.slug, "grace-xyzzy") == "grace-xyzzy-2"


def test_vocabulary_has_both_labels_and_refuses_unknown_values() -> None:
    assert vocabulary.check("category", "Theology") == "Theology"
    term = vocabulary.term("difficulty", "Beginner")
    assert term is not None
    assert (term.label("en"), term.label("fr")) == ("Beginner", "Débutant")
    with pytest.raises(ValueError, match="unknown category 'Cooking'"):
        vocabulary.check("category", "Cooking")
    assert all(t.label_fr and t.label_en for t in (*vocabulary.CATEGORIES, *vocabulary.DIFFICULTIES))
