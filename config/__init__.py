"""The stock configuration as data: sources, extraction rules, name aliases (shipped as `archive.config`)."""
