"""Cheap checks that catch rot: spider kinds named after their files, a spider per source, commands helped."""

from __future__ import annotations

import importlib
import pkgutil

from click.testing import CliRunner
from scrapy.settings import Settings

import crawler.spiders
from apknews import cli
from archive.sources import load_sources
from crawler.loader import SourceSpiderLoader
from crawler.walkers import SourceSpider


def spider_modules():
    for info in pkgutil.iter_modules(crawler.spiders.__path__):
        yield info.name, importlib.import_module(f"crawler.spiders.{info.name}")


def test_every_spider_is_named_after_its_file():
    for module_name, module in spider_modules():
        spiders = [
            obj
            for obj in vars(module).values()
            if isinstance(obj, type) and issubclass(obj, SourceSpider) and obj.name
        ]
        assert [s.name for s in spiders] == [module_name]


def test_every_configured_source_has_its_spider():
    names = {name for name, _ in spider_modules()}
    for source in load_sources().values():
        assert source.spider in names, source.name


def test_every_source_is_a_spider_named_after_it():
    settings = Settings()
    settings.setmodule("crawler.settings")
    loader = SourceSpiderLoader.from_settings(settings)
    assert loader.list() == list(load_sources())
    for name, source in load_sources().items():
        spider_class = loader.load(name)
        assert spider_class.name == name and spider_class.source == source
        assert spider_class.__mro__[1].name == source.spider


def test_every_command_has_help_with_an_example():
    runner = CliRunner()
    names = cli.list_commands(None)
    assert {"search", "export", "saved", "alerts", "crawl", "serve"} <= set(names)
    for name in names:
        result = runner.invoke(cli, [name, "--help"])
        assert result.exit_code == 0, name
        assert "Example: apknews" in result.output, name
