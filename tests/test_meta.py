"""Cheap checks that catch rot: spiders named after their files, every command helped with an example."""

from __future__ import annotations

import importlib
import pkgutil

from click.testing import CliRunner

import crawler.spiders
from apknews import cli
from archive.sources import load_sources
from crawler.spiders.base import ListingSpider


def spider_modules():
    for info in pkgutil.iter_modules(crawler.spiders.__path__):
        if info.name != "base":
            yield info.name, importlib.import_module(f"crawler.spiders.{info.name}")


def test_every_spider_is_named_after_its_file():
    for module_name, module in spider_modules():
        spiders = [
            obj
            for obj in vars(module).values()
            if isinstance(obj, type) and issubclass(obj, ListingSpider) and obj.name
        ]
        assert [s.name for s in spiders] == [module_name]


def test_every_configured_source_has_its_spider():
    names = {name for name, _ in spider_modules()}
    for source in load_sources().values():
        assert source.spider in names, source.name


def test_every_command_has_help_with_an_example():
    runner = CliRunner()
    for name in cli.commands:
        result = runner.invoke(cli, [name, "--help"])
        assert result.exit_code == 0, name
        assert "Example: apknews" in result.output, name
