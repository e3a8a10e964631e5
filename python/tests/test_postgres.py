"""The PostgreSQL ledger from Python and the command line: the same calls as a file, given a URL.

Needs a server: RMOS_TEST_PG_URL names a superuser's URL on it (`make test` under .ci/run sets it; or
`tests/pg/cluster.sh start DIR`). Without it every test here is skipped, saying why.
"""

from __future__ import annotations

import json
import os
import subprocess
import uuid
from pathlib import Path
from typing import Any

import pytest

import rmos
from rmos.__main__ import main
from support import AT, JOBS, REASON, example_job

SERVER = os.environ.get("RMOS_TEST_PG_URL", "")

pytestmark = pytest.mark.skipif(
    not SERVER, reason="RMOS_TEST_PG_URL is not set: no PostgreSQL server to test the ledger against"
)


def password_of(url: str) -> str:
    userinfo = url.split("://", 1)[1].rsplit("@", 1)[0]
    return userinfo.split(":", 1)[1]


def with_db(url: str, db: str) -> str:
    scheme, rest = url.split("://", 1)
    authority = rest.split("/", 1)[0]
    return f"{scheme}://{authority}/{db}"


@pytest.fixture
def pg_url() -> str:
    """A fresh database on the test server (made with psql, which comes with the server): its URL."""
    db = f"rmos_py_{uuid.uuid4().hex[:12]}"
    subprocess.run(["psql", SERVER, "-qc", f"CREATE DATABASE {db}"], check=True)
    return with_db(SERVER, db)


def fill(ledger: rmos.Ledger) -> list[str]:
    evaluated = rmos.Session(example_job("guitar_top")).evaluate()
    luthier = rmos.Actor.human("luthier")
    approved = evaluated.approve(luthier, ledger, override_reason=REASON, at=AT)
    program = approved.toolpath("grbl", ledger, at=AT)
    return [approved.artifact_id, program.artifact_id]


def test_a_url_opens_a_postgresql_ledger_that_keeps_the_chain(pg_url: str) -> None:
    ledger = rmos.Ledger.open(pg_url)
    assert len(ledger) == 0
    ids = fill(ledger)
    del ledger
    again = rmos.Ledger.open(pg_url, create=False)
    assert [a["id"] for a in again.artifacts()] == ids
    report = again.verify()
    assert (report.artifacts, report.head) == (2, ids[-1])
    program = again.artifacts()[1]
    attachment = again.attachment(program["attachments"][0]["sha256"])
    assert attachment is not None and attachment.startswith(b"(")
    # The address is shown without its password.
    assert again.path is not None and password_of(pg_url) not in again.path
    assert password_of(pg_url) not in repr(again)
    assert repr(again) == f"Ledger.open('{again.path}') (2 artifacts)"


def test_errors_name_the_server_but_never_the_password(pg_url: str) -> None:
    wrong = pg_url.replace(password_of(pg_url), "wrong-password-2718", 1)
    with pytest.raises(rmos.StoreError) as caught:
        rmos.Ledger.open(wrong)
    assert "refused the credentials" in str(caught.value)
    assert "wrong-password-2718" not in str(caught.value)
    missing = with_db(SERVER, "rmos_py_no_such_database")
    with pytest.raises(rmos.StoreError) as caught:
        rmos.Ledger.open(missing)
    assert "does not exist" in str(caught.value) and password_of(SERVER) not in str(caught.value)


def test_the_cli_runs_and_verifies_against_a_url(
    pg_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_nc = tmp_path / "top.nc"
    argv = ["run", str(JOBS / "guitar_top.json"), "--post", "grbl", "--actor", "luthier", "--ledger", pg_url]
    assert main([*argv, "-o", str(out_nc), "--override-reason", REASON, "--json"]) == 0
    doc: dict[str, Any] = json.loads(capsys.readouterr().out)
    assert doc["program"]["seq"] == 1 and out_nc.exists()
    assert main(["verify", pg_url, "--json"]) == 0
    verified = json.loads(capsys.readouterr().out)
    assert (verified["artifacts"], verified["head"]) == (2, doc["program"]["artifact_id"])
