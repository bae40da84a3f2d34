"""Bibliology: a bilingual Bible-study learning platform."""

__version__ = "0.1.0"
