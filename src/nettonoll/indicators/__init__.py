"""Indicators, their values and targets (the goals issue)."""
