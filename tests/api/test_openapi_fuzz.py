"""Schemathesis (its CLI) runs the OpenAPI schema against the live server: no input may cause a 5xx."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.server


def test_no_generated_request_causes_a_server_error(server):
    executable = shutil.which("st") or str(Path(sys.executable).with_name("st"))
    result = subprocess.run(
        [
            executable,
            "run",
            server.url + "/openapi.json",
            "--checks",
            "not_a_server_error",
            "--max-examples",
            "15",
            "--request-timeout",
            "60",
            "--phases",
            "examples,coverage,fuzzing",
            "--workers",
            "1",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    report = result.stdout + result.stderr
    assert result.returncode == 0, report[-4000:]
    assert "passed" in report.lower()
