"""Kolada as an indicator source: KPI values fetched through Kolada's API v3 by a job."""
