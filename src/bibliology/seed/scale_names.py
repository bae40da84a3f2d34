"""Rarer words for benchmark text (issue 16): the people and places of Scripture, English and French.

Each TEXT block may mention one person at one place, so a name appears in a few percent of the
lessons rather than in all of them, as in real courses, which gives full-text search selective
queries as well as common ones.
"""

from __future__ import annotations

import random

Pair = tuple[str, str]

PEOPLE: tuple[Pair, ...] = (
    ("Abraham", "Abraham"), ("Isaac", "Isaac"), ("Jacob", "Jacob"), ("Joseph", "Joseph"),
    ("Aaron", "Aaron"), ("Miriam", "Miriam"), ("Joshua", "Josué"), ("Deborah", "Débora"),
    ("Gideon", "Gédéon"), ("Samson", "Samson"), ("Ruth", "Ruth"), ("Boaz", "Boaz"),
    ("Hannah", "Anne"), ("Samuel", "Samuel"), ("Saul", "Saül"), ("Jonathan", "Jonathan"),
    ("Solomon", "Salomon"), ("Elijah", "Élie"), ("Elisha", "Élisée"), ("Hezekiah", "Ézéchias"),
    ("Josiah", "Josias"), ("Jeremiah", "Jérémie"), ("Ezekiel", "Ézéchiel"), ("Daniel", "Daniel"),
    ("Ezra", "Esdras"), ("Nehemiah", "Néhémie"), ("Esther", "Esther"), ("Job", "Job"),
    ("Jonah", "Jonas"), ("Micah", "Michée"), ("Habakkuk", "Habacuc"), ("Zechariah", "Zacharie"),
    ("Malachi", "Malachie"), ("Mary Magdalene", "Marie de Magdala"), ("Martha", "Marthe"),
    ("Lazarus", "Lazare"), ("Nicodemus", "Nicodème"), ("Zacchaeus", "Zachée"), ("Thomas", "Thomas"),
    ("Bartholomew", "Barthélemy"), ("Stephen", "Étienne"), ("Philip", "Philippe"), ("Barnabas", "Barnabas"),
    ("Timothy", "Timothée"), ("Titus", "Tite"), ("Lydia", "Lydie"), ("Priscilla", "Priscille"),
    ("Aquila", "Aquilas"), ("Apollos", "Apollos"), ("Silas", "Silas"), ("Onesimus", "Onésime"),
    ("Philemon", "Philémon"), ("Cornelius", "Corneille"), ("Melchizedek", "Melchisédek"),
    ("Rahab", "Rahab"), ("Naomi", "Naomi"), ("Bathsheba", "Bath-Schéba"), ("Absalom", "Absalom"),
    ("Jezebel", "Jézabel"), ("Ahab", "Achab"), ("Nebuchadnezzar", "Nabuchodonosor"), ("Cyrus", "Cyrus"),
)  # fmt: skip
PLACES: tuple[Pair, ...] = (
    ("in Bethlehem", "à Bethléhem"), ("in Nazareth", "à Nazareth"), ("in Capernaum", "à Capernaüm"),
    ("in Jericho", "à Jéricho"), ("in Samaria", "en Samarie"), ("in Galilee", "en Galilée"),
    ("by the Jordan", "au bord du Jourdain"), ("in Egypt", "en Égypte"), ("in Babylon", "à Babylone"),
    ("in Nineveh", "à Ninive"), ("at Mount Carmel", "au mont Carmel"), ("at Mount Sinai", "au mont Sinaï"),
    ("in Antioch", "à Antioche"), ("in Corinth", "à Corinthe"), ("in Ephesus", "à Éphèse"),
    ("in Philippi", "à Philippes"), ("in Thessalonica", "à Thessalonique"), ("in Athens", "à Athènes"),
    ("on Patmos", "à Patmos"), ("in Hebron", "à Hébron"), ("in Shiloh", "à Silo"), ("in Bethany", "à Béthanie"),
    ("in Emmaus", "à Emmaüs"), ("in Damascus", "à Damas"), ("in Tarsus", "à Tarse"), ("in Caesarea", "à Césarée"),
)  # fmt: skip
VERBS: tuple[Pair, ...] = (
    ("We meet {} {}.", "Nous rencontrons {} {}."),
    ("Think of {} {}.", "Pensez à {} {}."),
    ("The story of {} {} makes the point.", "L’histoire de {} {} le montre."),
    ("Compare what happened to {} {}.", "Comparez ce qui est arrivé à {} {}."),
)  # fmt: skip


def mention(rng: random.Random) -> Pair:
    """One sentence naming a person and a place, in both languages."""
    person, place, frame = (pairs[rng.randrange(len(pairs))] for pairs in (PEOPLE, PLACES, VERBS))
    return frame[0].format(person[0], place[0]), frame[1].format(person[1], place[1])
