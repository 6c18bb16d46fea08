"""Publication: what an organisation chooses to show without login (public pages, open data)."""
