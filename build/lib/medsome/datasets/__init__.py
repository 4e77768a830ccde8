"""Seeded generators of the course's synthetic datasets."""
