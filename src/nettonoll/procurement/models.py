"""The procurement app's records."""
