"""Solar installations on buildings and their monthly production: installed kWp, produced kWh,
self-consumption and self-sufficiency, the path to a target kWp."""
