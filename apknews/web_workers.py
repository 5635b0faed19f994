"""`apknews serve --workers N`: the web page under gunicorn, N worker processes over one index folder."""

from __future__ import annotations

import sys

from gunicorn.app.base import BaseApplication

# Each line of the access log names the worker that answered (%(p)s): who served what is visible.
ACCESS_LOG_FORMAT = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms worker %(p)s'


class WebWorkers(BaseApplication):
    """gunicorn running the Flask app built by `apknews serve`, loaded once before the workers fork.

    The index is opened lazily in each worker (search/opening.py keeps a searcher per thread), so
    the forked workers share the index files through the page cache, not through any open handle.
    """

    def __init__(self, app, options: dict):
        self.application = app
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        return self.application


def serve_with_gunicorn(app, host: str, port: int, workers: int, quiet: bool) -> None:
    """Serve `app` on host:port from `workers` processes until SIGINT or SIGTERM; returns when stopped."""
    address = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    options = {
        "bind": [address],
        "workers": workers,
        # A thread per slow reader (a large export) keeps the worker answering searches meanwhile.
        "worker_class": "gthread",
        "threads": 4,
        "preload_app": True,
        "timeout": 120,
        "graceful_timeout": 10,
        "loglevel": "warning" if quiet else "info",
        "accesslog": None if quiet else "-",
        "access_log_format": ACCESS_LOG_FORMAT,
        "errorlog": "-",
        "proc_name": "apknews-serve",
        # gunicorn 25.1+ opens a control socket in the user's home by default (worker counts,
        # shutdown); the page needs none, and two servers of one user would share its path.
        "control_socket_disable": True,
    }
    try:
        WebWorkers(app, options).run()
    except SystemExit as exc:  # gunicorn's master exits through sys.exit, also on a clean stop
        if exc.code not in (0, None):
            raise
    sys.stdout.flush()
