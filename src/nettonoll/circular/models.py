"""The circular app's records."""
