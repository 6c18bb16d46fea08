"""The finance app's records."""
