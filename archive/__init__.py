"""apknews: archive and search engine of news about the Assembly of People of Kazakhstan."""

__version__ = "0.1.0"
