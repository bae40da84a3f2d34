"""The demo's accounts: one admin, two teachers, twelve students (English and French speakers)."""

from __future__ import annotations

from bibliology.enums import UserRole
from bibliology.seed.demo_content.model import Person

DOMAIN = "demo.bibliology.org"


def _student(
    local: str, name: str, lang: str, joined: int, last_login: int, *, avatar: bool = False
) -> Person:
    return Person(
        email=f"{local}@{DOMAIN}",
        name=name,
        language_pref=lang,
        joined_days_ago=joined,
        last_login_days_ago=last_login,
        avatar_url=f"/media/demo/avatars/{local}.jpg" if avatar else None,
    )


ADMIN = Person(
    email=f"admin@{DOMAIN}",
    name="Demo Administrator",
    role=UserRole.ADMIN,
    joined_days_ago=90,
    last_login_days_ago=0,
)
MIRIAM = Person(
    email=f"miriam.okafor@{DOMAIN}",
    name="Dr. Miriam Okafor",
    role=UserRole.TEACHER,
    joined_days_ago=90,
    last_login_days_ago=1,
    avatar_url="/media/demo/avatars/miriam.okafor.jpg",
)
ETIENNE = Person(
    email=f"etienne.laurent@{DOMAIN}",
    name="Pasteur Étienne Laurent",
    role=UserRole.TEACHER,
    language_pref="fr",
    joined_days_ago=88,
    last_login_days_ago=2,
    avatar_url="/media/demo/avatars/etienne.laurent.jpg",
)

STUDENTS = (
    _student("grace.thompson", "Grace Thompson", "en", 86, 1, avatar=True),
    _student("samuel.mensah", "Samuel Mensah", "en", 84, 3),
    _student("chloe.martin", "Chloé Martin", "fr", 45, 0, avatar=True),
    _student("jean-baptiste.ndiaye", "Jean-Baptiste Ndiaye", "fr", 70, 40),
    _student("hannah.lee", "Hannah Lee", "en", 60, 9),
    _student("lea.dubois", "Léa Dubois", "fr", 30, 4, avatar=True),
    _student("david.okonkwo", "David Okonkwo", "en", 75, 6),
    _student("elise.tremblay", "Élise Tremblay", "fr", 68, 14),
    _student("joshua.park", "Joshua Park", "en", 16, 1),
    _student("marie-claire.habimana", "Marie-Claire Habimana", "fr", 35, 3, avatar=True),
    _student("ruth.anderson", "Ruth Anderson", "en", 87, 21),
    _student("theo.girard", "Théo Girard", "fr", 7, 5),
)

PEOPLE = (ADMIN, MIRIAM, ETIENNE, *STUDENTS)
