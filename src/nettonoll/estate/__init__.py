"""Buildings, their units' area shares, monthly energy readings and SMHI degree days: the
buildings register and the energy figures (kWh/m² Atemp, measured and degree-day normalised)."""
