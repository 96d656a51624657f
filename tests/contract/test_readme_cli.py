"""The README's CLI example works as pasted (against a server on a free port instead of
5000), and the server's --help and --version say what it is."""

from __future__ import annotations

import os
import pathlib
import shutil
import subprocess
import sys

import pytest

README = pathlib.Path(__file__).resolve().parents[2] / "README.md"


def cli_example() -> str:
    block = README.read_text().split("<!-- cli-example:start -->")[1].split(
        "<!-- cli-example:end -->"
    )[0]
    return block.split("```sh\n")[1].split("```")[0]


@pytest.mark.skipif(shutil.which("aws") is None, reason="the AWS CLI is not installed")
def test_the_readme_cli_example_runs_as_pasted(server_url: str) -> None:
    script = cli_example().replace("http://127.0.0.1:5000", server_url)
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env["AWS_CONFIG_FILE"] = env["AWS_SHARED_CREDENTIALS_FILE"] = os.devnull
    done = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", script], env=env, capture_output=True, text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert '"Alias": "demo"' in done.stdout


def test_help_describes_workmail_options_variables_and_endpoints() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "workmail_mock", "--help"], capture_output=True, text=True,
        timeout=60, check=True,
    )
    assert done.stdout.startswith("usage: workmail_mock")
    for words in ("Amazon WorkMail", "--port", "WORKMAIL_MOCK_QUOTA_", "MOTO_ACCOUNT_ID",
                  "/moto-api/reset", "AWS_ENDPOINT_URL"):
        assert words in done.stdout


def test_version() -> None:
    import workmail_mock

    done = subprocess.run(
        [sys.executable, "-m", "workmail_mock", "--version"], capture_output=True, text=True,
        timeout=60, check=True,
    )
    assert done.stdout.strip() == f"workmail_mock {workmail_mock.__version__}"
