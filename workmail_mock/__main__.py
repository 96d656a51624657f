"""``python -m workmail_mock`` (also the ``workmail_mock`` command): moto's server with
Amazon WorkMail registered.

WorkMail requests are answered before moto's routing (see
``workmail_mock.wiring.registration``); everything else (``/moto-api``, the other AWS
services moto fakes) is moto's server as usual.
"""

from __future__ import annotations

import argparse
import os
import sys
import textwrap

DESCRIPTION = """\
A local Amazon WorkMail endpoint: moto's server with workmail_mock's WorkMail API
registered, so every other AWS service moto fakes is served on the same port too.
Point the AWS CLI or any SDK at it with --endpoint-url, or with AWS_ENDPOINT_URL for
all of them; any credentials will do (e.g. AWS_ACCESS_KEY_ID=testing
AWS_SECRET_ACCESS_KEY=testing)."""

EPILOG = """\
environment variables:
  MOTO_PORT                      default of --port (5000)
  MOTO_ACCOUNT_ID                the account requests act in (default 123456789012)
  WORKMAIL_MOCK_QUOTA_<FIELD>    a WorkMail quota, e.g.
                                 WORKMAIL_MOCK_QUOTA_ORGANIZATIONS_PER_REGION=2; fields:
                                 {quotas}

endpoints:
  POST /                                          the WorkMail API (X-Amz-Target:
                                                  WorkMailService.<Operation>), and
                                                  every other moto service
  POST /moto-api/reset                            wipe every service, WorkMail included
  GET  /moto-api/                                 moto's dashboard
  POST /_workmail_mock/personal-access-tokens     issue a personal access token
                                                  (workmail_mock.testing)
  GET  /_workmail_mock/state                      the WorkMail state (workmail_mock.dump)
  POST /_workmail_mock/state                      replace it (workmail_mock.load's format)
  POST /_workmail_mock/faults                     inject a fault (workmail_mock.faults);
  DELETE /_workmail_mock/faults                   clear them

example:
  python -m workmail_mock --port 5000 &
  AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_ENDPOINT_URL=http://127.0.0.1:5000 \\
    aws workmail create-organization --alias demo --region us-east-1
"""


def parser() -> argparse.ArgumentParser:
    import dataclasses

    from workmail_mock import __version__
    from workmail_mock.state.quotas import Quotas

    quotas = textwrap.fill(
        ", ".join(field.name.upper() for field in dataclasses.fields(Quotas)),
        width=88, subsequent_indent=" " * 33,
    )
    parse = argparse.ArgumentParser(
        prog="workmail_mock",
        description=DESCRIPTION,
        epilog=EPILOG.format(quotas=quotas),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parse.add_argument("-H", "--host", default="127.0.0.1", help="host to bind (127.0.0.1)")
    parse.add_argument(
        "-p", "--port", type=int, default=int(os.environ.get("MOTO_PORT", 5000)),
        help="port to listen on (5000, or MOTO_PORT)",
    )
    parse.add_argument("-r", "--reload", action="store_true", help="reload on a file change")
    parse.add_argument(
        "-s", "--ssl", action="store_true", help="serve https with a generated certificate"
    )
    parse.add_argument("-c", "--ssl-cert", help="path to an SSL certificate")
    parse.add_argument("-k", "--ssl-key", help="path to an SSL private key")
    parse.add_argument(
        "--state", metavar="FILE",
        help="load this WorkMail state (JSON, or YAML) at start (workmail_mock.load's format)",
    )
    parse.add_argument(
        "--persist", metavar="FILE",
        help="keep the WorkMail state across restarts: loaded at start when FILE exists, "
        "written atomically to FILE when the server stops",
    )
    parse.add_argument(
        "--version", action="version", version=f"workmail_mock {__version__}"
    )
    return parse


def main(argv: list[str] | None = None) -> None:
    args = parser().parse_args(sys.argv[1:] if argv is None else argv)
    import workmail_mock  # noqa: F401 - registers WorkMail with moto

    try:
        from moto.server import main as moto_main
    except ImportError:  # moto[server] not installed
        sys.exit('the server needs moto\'s server extras: pip install "workmail_mock[server]"')
    _state_files(args.state, args.persist)
    forwarded = ["--host", args.host, "--port", str(args.port)]
    forwarded += ["--reload"] * args.reload + ["--ssl"] * args.ssl
    if args.ssl_cert:
        forwarded += ["--ssl-cert", args.ssl_cert]
    if args.ssl_key:
        forwarded += ["--ssl-key", args.ssl_key]
    moto_main(forwarded)


def _state_files(state: str | None, persist: str | None) -> None:
    import atexit
    import signal

    from workmail_mock import declarative

    try:
        if persist and os.path.exists(persist):
            declarative.load(persist, server=True)
        elif state:
            declarative.load(state, server=True)
    except (OSError, ValueError) as error:
        sys.exit(f"workmail_mock: cannot load the state: {error}")
    if persist:
        atexit.register(declarative.dump_to, persist, server=True)
        # SIGTERM (docker stop, kill) ends the process through atexit too.
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))


if __name__ == "__main__":
    main()
