"""PowerPoint (.pptx) import into editable bilingual lessons: see docs/imports.md."""
