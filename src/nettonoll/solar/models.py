"""The solar app's records."""
