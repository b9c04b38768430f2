"""Convert a PolNeAR attribution split into climadiplo's attribution JSONL (for ``evaluate --attribution``).

Run: ``python training/polnear_to_attribution.py ../shared/dev/polnear/attribution-dev.jsonl OUT.jsonl``.
Each quote keeps its offsets; a pronoun source becomes the source the gold named before it
(``as_written`` keeps the pronoun); ``speaker_start, speaker_end`` are PolNeAR's source span as written
(the pronoun's for a pronoun), written when the gold has one. The output holds PolNeAR text: keep it
outside the repository.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from climadiplo.analyse.evaluate import polnear_to_attribution


def main(argv: list[str] | None = None) -> int:
    """Read a PolNeAR split and write the attribution file."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print("usage: polnear_to_attribution.py POLNEAR.jsonl OUT.jsonl", file=sys.stderr)
        return 2
    source, target = Path(args[0]), Path(args[1])
    if target.exists():
        print(f"polnear_to_attribution: {target} already exists", file=sys.stderr)
        return 2
    lines = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    records = [json.dumps(polnear_to_attribution(record), ensure_ascii=False) for record in lines]
    target.write_text("\n".join(records) + "\n", encoding="utf-8")
    print(f"polnear_to_attribution: {len(records)} articles -> {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
