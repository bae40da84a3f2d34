"""Full-text and Bible-reference search over courses and lessons, in English and French."""
