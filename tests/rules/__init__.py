"""Tests of one rule group each (`test_<group>.py`): the validator's checks, then the model's.

A package so that its modules may share names with tests/ (`test_ordering.py`): pytest imports
them as `rules.test_<group>`, with tests/ on sys.path as for the flat modules (`helpers`).
"""
