"""Users and logging in."""
