"""The demo of `bibliology seed`.

Data: one module per course (CourseSpec), `people` (accounts) and `journeys` (who is where in which
course), built with the constructors of `model`. Writers: `course_rows` and `learner_rows` turn
the data into rows through `rows`; `answers` makes the students' quiz answers.
"""

from bibliology.seed.demo_content import gospel_of_john, lords_prayer, parables, pneumatology, psalms, romans
from bibliology.seed.demo_content.journeys import JOURNEYS
from bibliology.seed.demo_content.people import PEOPLE

COURSES = (
    lords_prayer.COURSE,  # archived
    pneumatology.COURSE,
    gospel_of_john.COURSE,  # with a draft fifth lesson
    psalms.COURSE,
    parables.COURSE,  # French deliberately incomplete
    romans.COURSE,  # draft
)

__all__ = ["COURSES", "JOURNEYS", "PEOPLE"]
