"""The adaptation app's records."""
