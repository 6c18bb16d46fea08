"""Reuse on the internal marketplace (avoided emissions beside the klimatbokslut, never in it),
circular product systems and co-loading of goods deliveries."""
