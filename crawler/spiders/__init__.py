"""Spiders, one file per source kind; each spider's `name` equals its file name."""
