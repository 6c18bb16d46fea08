"""Activity data imports, factor sets and klimatbokslut results (the klimatbokslut issue)."""
