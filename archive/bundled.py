"""The stock configuration files (config/*.toml), found as package data so an installed wheel has them."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


class ConfigError(ValueError):
    """A configuration file or an override is wrong; the message says where. `message_id` (English
    with %(name)s places) and `params` let the CLI say it in the user's language; str() is English."""

    def __init__(self, message_id: str, **params):
        super().__init__(message_id % params if params else message_id)
        self.message_id, self.params = message_id, params


def bundled_file(name: str) -> Path:
    """The path of config/NAME as shipped with the package (`archive.config`)."""
    return Path(str(files("archive.config").joinpath(name)))
