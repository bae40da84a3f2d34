"""`bibliology certificates issue --missing` as a user runs it, on the demo: its certificates were
written without PDFs; the backfill gives each one a real PDF and its download URL, then finds
nothing more to do."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from bibliology.certificates.models import Certificate
from bibliology.db import make_engine, session_factory, unit_of_work
from bibliology.media.storage import LocalStorage
from bibliology.seed.demo import seed_demo
from tests.certificates.support import pdf_text
from tests.test_cli import run


def test_the_backfill_gives_the_demo_real_pdfs(scratch_url: str, tmp_path: Path) -> None:
    engine = make_engine(scratch_url, pool_size=1)
    sessions = session_factory(engine)
    try:
        with unit_of_work(sessions) as session:
            seed_demo(session)
        env = {"DATABASE_URL": scratch_url, "BIBLIOLOGY_MEDIA_DIR": str(tmp_path / "media")}
        first = run("certificates", "issue", "--missing", env=env)
        assert first.returncode == 0, first.stderr
        assert "PDFs/s" in first.stderr
        with unit_of_work(sessions) as session:
            certificates = list(session.scalars(select(Certificate)))
        assert certificates
        assert f"PDFs rendered: {len(certificates)}" in first.stderr
        storage = LocalStorage(tmp_path / "media")
        for certificate in certificates:
            assert certificate.certificate_url == f"/api/v1/certificates/{certificate.certificate_number}/pdf"
            assert certificate.pdf_storage_key is not None
            assert certificate.certificate_number in pdf_text(storage.get(certificate.pdf_storage_key))
        again = run("certificates", "issue", "--missing", env=env)
        assert again.returncode == 0, again.stderr
        assert "PDFs rendered: 0" in again.stderr
        assert run("certificates", "issue", env=env).returncode != 0  # --missing is required
    finally:
        engine.dispose()
