"""The stock configuration files (config/*.toml), found as package data so an installed wheel has them."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


class ConfigError(ValueError):
    """A configuration file or an override is wrong; the message says where."""


def bundled_file(name: str) -> Path:
    """The path of config/NAME as shipped with the package (`archive.config`)."""
    return Path(str(files("archive.config").joinpath(name)))
