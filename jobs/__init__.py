"""Scheduled work: sources (feeds, pages, files), cleaning, ingest, digest, scheduler."""
