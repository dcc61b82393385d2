"""Reads of suggestions, in modules by page: common.py (shared), deputy.py, office.py, unit.py,
statistics.py (the one selector of every figure), public.py."""
