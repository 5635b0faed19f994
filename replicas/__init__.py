"""Replicas of the real news sites, served on loopback for tests and demos."""
