"""Where an installation keeps its files: NETTONOLL_DATA_DIR, default `var/`."""

import os
from pathlib import Path


def data_dir() -> Path:
    """The folder for the SQLite database, stored files and collected static files."""
    return Path(os.environ.get("NETTONOLL_DATA_DIR", "var")).resolve()
