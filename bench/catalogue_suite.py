"""Render every offline catalogue entry at low and check its layout: the honest figure for the catalogue.

For each entry: its lesson from its composer (or its family, for the entries a family animates), rendered in
the sandbox at low, then the layout checker on the same scene. Prints rendered / total, the entries that fell
back to the formula card, the entries with a layout defect (with the defects), and the median seconds; the
last line is one JSON object with the figures. `--sheet out.png` tiles every entry's poster into one contact
sheet, so a person can judge the whole catalogue by eye.

    .venv/bin/python bench/catalogue_suite.py [--limit N] [--area AREA] [--composer NAME] [--every K] [--sheet out.png] [--json FILE [--resume]]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mathanim import layout, render  # noqa: E402
from mathanim.config import Settings  # noqa: E402
from mathanim.job import Job  # noqa: E402
from mathanim.offline.catalogue import Entry, load  # noqa: E402
from mathanim.offline.engine import entry_lesson  # noqa: E402
from mathanim.offline.params import extract  # noqa: E402

TILE = (284, 160)  # a poster in the sheet: a third of 854x480


def lesson_of(entry: Entry):
    """The entry's lesson as the engine builds it: its family when one animates it, else its composer."""
    return entry_lesson(entry, extract(entry.name))


def run_entry(entry: Entry, job: Job) -> dict:
    """Compose, render and layout-check one entry; the row of the report."""
    t0 = time.monotonic()
    try:
        lesson = lesson_of(entry)
    except Exception as e:  # noqa: BLE001 - a composer bug is a failed entry, reported
        return {"id": entry.id, "rendered": False, "error": f"compose: {type(e).__name__}: {e}", "seconds": 0.0}
    out = render.render(lesson.code, job.with_(name=entry.id))
    row = {"id": entry.id, "area": entry.area, "composer": entry.composer, "built_by": lesson.family,
           "card": lesson.family == "formula_card" and entry.composer != "formula_card",
           "rendered": out.ok, "poster": out.poster, "seconds": round(time.monotonic() - t0, 2),
           "error": out.error.to_dict() if out.error else None}
    if out.ok:
        report = layout.check_layout(lesson.code, job)
        row["defects"] = [d["message"] for d in report["defects"]]
    return row


def sheet(rows: list[dict], path: Path) -> None:
    """Tile every poster (a grey tile with the id where a render failed) into one PNG."""
    from PIL import Image, ImageDraw

    cols = 8
    out = Image.new("RGB", (cols * TILE[0], -(-len(rows) // cols) * (TILE[1] + 16)), (40, 40, 40))
    draw = ImageDraw.Draw(out)
    for i, row in enumerate(rows):
        x, y = (i % cols) * TILE[0], (i // cols) * (TILE[1] + 16)
        if row.get("poster"):
            out.paste(Image.open(row["poster"]).convert("RGB").resize(TILE), (x, y))
        mark = "" if row["rendered"] and not row.get("defects") else " !"
        draw.text((x + 4, y + TILE[1] + 2), row["id"][:40] + mark, fill=(230, 230, 230))
    out.save(path)


def summary(rows: list[dict]) -> dict:
    rendered = [r for r in rows if r["rendered"]]
    return {"rendered": len(rendered), "total": len(rows),
            "rendered_share": round(len(rendered) / max(1, len(rows)), 4),
            "on_card": sum(bool(r.get("card")) for r in rows),
            "layout_defects": sum(bool(r.get("defects")) for r in rendered),
            "median_seconds": round(statistics.median([r["seconds"] for r in rows]), 2) if rows else 0.0}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=0, help="only the first N entries")
    ap.add_argument("--area", help="only this area (e.g. algebra)")
    ap.add_argument("--composer", help="only the entries of this composer (e.g. probability)")
    ap.add_argument("--every", type=int, default=1, help="every K-th entry only (a spread sample of all areas)")
    ap.add_argument("--sheet", type=Path, help="write a contact sheet of every poster here")
    ap.add_argument("--json", type=Path, help="write every row here (after each entry, so a stopped run keeps them)")
    ap.add_argument("--resume", action="store_true", help="keep the rows already in --json and render the rest")
    a = ap.parse_args(argv)
    entries = [e for e in load() if (not a.area or e.area == a.area) and (not a.composer or e.composer == a.composer)]
    entries = entries[:: max(1, a.every)][: a.limit or None]
    media = Path(tempfile.mkdtemp(prefix="catalogue-suite-"))
    job = Job.make(Settings.load(env={"MATHANIM_MEDIA_DIR": str(media)}, dotenv=False), "low",
                   out_dir=media / "posters", trusted=True)
    rows = json.loads(a.json.read_text()) if a.resume and a.json and a.json.exists() else []
    done = {r["id"] for r in rows}
    for entry in (e for e in entries if e.id not in done):
        rows.append(run_entry(entry, job))
        if a.json:
            a.json.write_text(json.dumps(rows, indent=1))
        r = rows[-1]
        state = "ok " if r["rendered"] else "ERR"
        print(f"{state} {r['id']:<36} {r['seconds']:6.1f}s {r.get('built_by', '')} "
              f"{'CARD ' if r.get('card') else ''}{r.get('defects') or ''}{(r['error'] or {}).get('message', '')}",
              flush=True)
    if a.sheet:
        sheet(rows, a.sheet)
    print(json.dumps(summary(rows)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
