"""The demo data set (three regions built from the seeds) and its loader."""
