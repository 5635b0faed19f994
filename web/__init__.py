"""The web page over the archive (Flask, server-rendered, no JavaScript): `create_app(config)`."""

from web.app import create_app

__all__ = ["create_app"]
