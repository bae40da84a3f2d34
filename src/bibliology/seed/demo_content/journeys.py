"""Where each demo student is in each course: just started, half-way, finished or given up.

Days are counted back from the seed's reference date. A student enrols after joining and after the
course was published, and logs in no earlier than their last access.
"""

from __future__ import annotations

from bibliology.enums import EnrollmentStatus
from bibliology.seed.demo_content.model import Journey, NoteSpec
from bibliology.seed.demo_content.people import DOMAIN

ACTIVE, COMPLETED, DROPPED = EnrollmentStatus.ACTIVE, EnrollmentStatus.COMPLETED, EnrollmentStatus.DROPPED
SPIRIT = "pneumatology-the-holy-spirit"
JOHN = "the-gospel-of-john"
PSALMS = "praying-the-psalms"
PARABLES = "parables-of-the-kingdom"
LORDS_PRAYER = "the-lords-prayer-2025-pilot"


def _email(local: str) -> str:
    return f"{local}@{DOMAIN}"


JOURNEYS = (
    # Pneumatology: two finished, one half-way, one just started, one dropped.
    Journey(
        student=_email("grace.thompson"),
        course=SPIRIT,
        status=COMPLETED,
        enrolled_days_ago=78,
        last_access_days_ago=30,
        lessons_completed=4,
        skill=9,
        notes=(
            NoteSpec(
                lesson=0,
                slide=1,
                text="Ruach = wind, breath *and* spirit. Read Ezekiel 37 with this in mind.",
            ),
            NoteSpec(lesson=2, slide=2, text="Fruit is singular! One harvest, nine flavours."),
        ),
    ),
    Journey(
        student=_email("samuel.mensah"),
        course=SPIRIT,
        status=ACTIVE,
        enrolled_days_ago=40,
        last_access_days_ago=3,
        lessons_completed=2,
        current_slide=2,
        skill=7,
        notes=(NoteSpec(lesson=1, slide=3, text="Acts 1:8 is the outline of the whole book of Acts."),),
    ),
    Journey(
        student=_email("chloe.martin"),
        course=SPIRIT,
        status=ACTIVE,
        enrolled_days_ago=2,
        last_access_days_ago=1,
        lessons_completed=0,
        current_slide=1,
    ),
    Journey(
        student=_email("jean-baptiste.ndiaye"),
        course=SPIRIT,
        status=DROPPED,
        enrolled_days_ago=60,
        last_access_days_ago=45,
        lessons_completed=1,
        current_slide=3,
        skill=5,
    ),
    Journey(
        student=_email("hannah.lee"),
        course=SPIRIT,
        status=COMPLETED,
        enrolled_days_ago=50,
        last_access_days_ago=10,
        lessons_completed=4,
        skill=7,
        retakes=("pneuma-4-review",),
    ),
    # The Gospel of John: a draft fifth lesson does not count towards anyone's progress.
    Journey(
        student=_email("grace.thompson"),
        course=JOHN,
        status=ACTIVE,
        enrolled_days_ago=28,
        last_access_days_ago=2,
        lessons_completed=3,
        current_slide=1,
        skill=9,
    ),
    Journey(
        student=_email("lea.dubois"),
        course=JOHN,
        status=ACTIVE,
        enrolled_days_ago=20,
        last_access_days_ago=4,
        lessons_completed=1,
        current_slide=4,
        skill=6,
        notes=(
            NoteSpec(
                lesson=0,
                slide=3,
                text="« Elle a habité parmi nous » : littéralement, elle a planté sa tente.",
            ),
        ),
    ),
    Journey(
        student=_email("david.okonkwo"),
        course=JOHN,
        status=COMPLETED,
        enrolled_days_ago=70,
        last_access_days_ago=25,
        lessons_completed=4,
        skill=8,
    ),
    Journey(
        student=_email("elise.tremblay"),
        course=JOHN,
        status=COMPLETED,
        enrolled_days_ago=65,
        last_access_days_ago=15,
        lessons_completed=4,
        skill=10,
        notes=(
            NoteSpec(lesson=2, slide=2, text="Sept « Je suis » et sept signes : le chiffre de la plénitude."),
            NoteSpec(lesson=3, slide=2, text="« Croire » est toujours un verbe chez Jean, jamais un nom."),
        ),
    ),
    Journey(
        student=_email("joshua.park"),
        course=JOHN,
        status=ACTIVE,
        enrolled_days_ago=1,
        last_access_days_ago=1,
        lessons_completed=0,
    ),
    # Praying the Psalms.
    Journey(
        student=_email("samuel.mensah"),
        course=PSALMS,
        status=COMPLETED,
        enrolled_days_ago=55,
        last_access_days_ago=35,
        lessons_completed=3,
        skill=6,
        retakes=("psalms-3-quiz",),
    ),
    Journey(
        student=_email("marie-claire.habimana"),
        course=PSALMS,
        status=ACTIVE,
        enrolled_days_ago=30,
        last_access_days_ago=4,
        lessons_completed=2,
        current_slide=3,
        skill=8,
        notes=(NoteSpec(lesson=1, slide=1, text="Yada : connaître de près, pas seulement savoir."),),
    ),
    Journey(
        student=_email("theo.girard"),
        course=PSALMS,
        status=ACTIVE,
        enrolled_days_ago=6,
        last_access_days_ago=5,
        lessons_completed=0,
        current_slide=2,
    ),
    Journey(
        student=_email("ruth.anderson"),
        course=PSALMS,
        status=DROPPED,
        enrolled_days_ago=45,
        last_access_days_ago=44,
        lessons_completed=0,
        current_slide=1,
    ),
    Journey(
        student=_email("chloe.martin"),
        course=PSALMS,
        status=COMPLETED,
        enrolled_days_ago=40,
        last_access_days_ago=12,
        lessons_completed=3,
        skill=9,
        notes=(NoteSpec(lesson=0, slide=2, text="Prier le Psaume 23 lentement, une ligne par respiration."),),
    ),
    # Parables of the Kingdom: French readers meet the English fallback here.
    Journey(
        student=_email("joshua.park"),
        course=PARABLES,
        status=ACTIVE,
        enrolled_days_ago=14,
        last_access_days_ago=2,
        lessons_completed=1,
        current_slide=1,
        skill=7,
    ),
    Journey(
        student=_email("lea.dubois"),
        course=PARABLES,
        status=ACTIVE,
        enrolled_days_ago=10,
        last_access_days_ago=5,
        lessons_completed=0,
        current_slide=3,
    ),
    Journey(
        student=_email("david.okonkwo"),
        course=PARABLES,
        status=DROPPED,
        enrolled_days_ago=25,
        last_access_days_ago=20,
        lessons_completed=1,
        skill=6,
    ),
    # The archived pilot keeps its finished student and her certificate.
    Journey(
        student=_email("ruth.anderson"),
        course=LORDS_PRAYER,
        status=COMPLETED,
        enrolled_days_ago=84,
        last_access_days_ago=70,
        lessons_completed=1,
        skill=8,
    ),
)
