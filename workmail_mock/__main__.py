"""``python -m workmail_mock``: moto's server with WorkMail registered.

Takes moto's server options (``--host``/``-H``, ``--port``/``-p``, ``--ssl``...); serves
on 127.0.0.1:5000 by default. WorkMail requests are answered before moto's routing (see
``workmail_mock.wiring.registration``); everything else (``/moto-api``, other AWS services)
is moto's server as usual.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> None:
    import workmail_mock  # noqa: F401 - registers WorkMail with moto

    try:
        from moto.server import main as moto_main
    except ImportError:  # moto[server] not installed
        sys.exit('the server needs moto\'s server extras: pip install "workmail_mock[server]"')
    moto_main(sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    main()
