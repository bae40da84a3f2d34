"""The design's read patterns as services, each a fixed number of SQL statements whatever the size
of the tree it returns: course_outline (1), lesson_tree (2), dashboard (3), quiz_results (4), and
the teacher views in roster. PostgreSQL builds every response as one JSON document."""
