"""Tests of apknews, and the replica sites they crawl."""
