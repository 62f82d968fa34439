"""Helpers for the fault tests (tests/test_faults.py)."""
