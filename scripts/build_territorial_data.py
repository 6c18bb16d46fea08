"""Regenerate the packaged territorial data (`src/nettonoll/calc/data/territorial/`).

    uv run python scripts/build_territorial_data.py [SOURCE_DIR] [--out DIR]

SOURCE_DIR holds the original-format files (default: /work/shared/data/swedish-open-emissions,
the 2024-co2/ and 2026-ghg/ releases as Klimatbyrån redistributes them); see
`nettonoll.calc.territorial.load_source_dir` for the file names.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from nettonoll.calc.territorial import (
    PACKAGED_DIR,
    TerritorialDataError,
    load_source_dir,
    write_packaged,
)

DEFAULT_SOURCE = Path("/work/shared/data/swedish-open-emissions")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", nargs="?", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--out", type=Path, default=PACKAGED_DIR)
    args = parser.parse_args()
    try:
        data = load_source_dir(args.source)
    except TerritorialDataError as error:
        print(error, file=sys.stderr)
        return 1
    for path in write_packaged(data, args.out):
        print(f"{path} ({path.stat().st_size} bytes)")
    counts = {
        level: sum(1 for a in data.areas.values() if a.level == level)
        for level in ("kommun", "lan")
    }
    print(f"{counts['kommun']} kommuner, {counts['lan']} län, {len(data.sectors)} sektorer")
    return 0


if __name__ == "__main__":
    sys.exit(main())
