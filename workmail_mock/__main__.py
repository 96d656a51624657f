"""``python -m workmail_mock``: moto's server with WorkMail registered.

WorkMail requests take a fast path straight to the mock; every other request (the
``/moto-api`` controls, other AWS services) is served by moto's server app as usual.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any


def main(argv: list[str] | None = None) -> None:
    """Serve on 127.0.0.1:5000 unless ``--host``/``--port`` say otherwise."""
    import workmail_mock  # noqa: F401 - registers WorkMail with moto

    try:
        from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
        from werkzeug.serving import run_simple
    except ImportError:  # moto[server] not installed
        sys.exit('the server needs moto\'s server extras: pip install "workmail_mock[server]"')
    from workmail_mock.core.server import WorkMailFastPath

    parser = argparse.ArgumentParser(prog="workmail_mock", description=__doc__)
    parser.add_argument("-H", "--host", default="127.0.0.1", help="address to bind")
    parser.add_argument("-p", "--port", type=int, default=int(os.environ.get("MOTO_PORT", 5000)),
                        help="port to listen on (default 5000, or MOTO_PORT)")
    parser.add_argument("-s", "--ssl", action="store_true", help="serve https (self-signed)")
    parser.add_argument("-c", "--ssl-cert", help="path to an SSL certificate")
    parser.add_argument("-k", "--ssl-key", help="path to the SSL private key")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("MOTO_PORT", str(args.port))

    ssl_context: Any = None
    if args.ssl_cert and args.ssl_key:
        ssl_context = (args.ssl_cert, args.ssl_key)
    elif args.ssl:
        ssl_context = "adhoc"
    app = WorkMailFastPath(DomainDispatcherApplication(create_backend_app))
    run_simple(args.host, args.port, app, threaded=True, ssl_context=ssl_context)


if __name__ == "__main__":
    main()
