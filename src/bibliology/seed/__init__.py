"""Demo data (`bibliology seed`) and benchmark data (`bibliology seed --scale N`)."""
