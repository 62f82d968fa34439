"""A fresh PostgreSQL schema for a benchmark run: what each bench with `--database postgresql`
(or `--queue`) measures against, so runs never see each other's rows."""

from __future__ import annotations

from sqlalchemy import text

from storage.engine import make_engine

LOCAL = "postgresql://postgres@127.0.0.1:5432/test"  # this machine's and CI's PostgreSQL


def fresh_schema(base_url: str, name: str) -> str:
    """Drop and create schema `name` on `base_url`; return a DATABASE_URL whose search path is
    that schema (migrations then create our tables and the queue's there)."""
    engine = make_engine(base_url)
    try:
        with engine.begin() as connection:
            connection.execute(text(f"DROP SCHEMA IF EXISTS {name} CASCADE"))
            connection.execute(text(f"CREATE SCHEMA {name}"))
    finally:
        engine.dispose()
    separator = "&" if "?" in base_url else "?"
    return f"{base_url}{separator}options=-csearch_path%3D{name}"
