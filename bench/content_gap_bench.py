#!/usr/bin/env python3
"""Content-gap report latency benchmark (issue 15): the report screen from its rollups, per filter case.

Standard library only; the HTTP client, the percentile and the machine line come from search_bench.py. For each
filter case it measures, after a warm-up, GET /content/gaps (the whole screen: rollup queries, the match with the
approved content, the topics of the page, rendering) from a form-login session: p50/p95/p99 over --requests
calls; then the CSV of every group a few times; and, for comparison, the same figures computed by a naive GROUP BY
over the needs (the stage rollup's source view, through psql, a few runs). Writes a Markdown report. See
docs/benchmarks.md.

  python3 bench/content_gap_bench.py --base http://127.0.0.1:18080 --area 2 --area-name CARDIOVASCULAR \\
      --db crm_bench --out results/content-gap.md
"""

import argparse
import datetime
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from dashboard_bench import fmt, path_of, run_fast  # noqa: E402
from search_bench import Client, machine  # noqa: E402

TARGET_P95_MS = 100.0

NAIVE_SQL = """
SELECT count(*) FROM (SELECT ta_id, product_id, category, topic_key, state, stage, sum(n) FROM {source}
GROUP BY ta_id, product_id, category, topic_key, state, stage HAVING sum(n) <> 0) g
"""


def psql_ms(db, sql):
    """Server-side time of one statement (psql's \\timing), in ms."""
    out = subprocess.run(["psql", "-X", "-q", "-d", db, "-c", "\\timing on", "-c", sql],
                         capture_output=True, text=True, check=True).stdout
    times = [line for line in out.splitlines() if line.startswith("Time:")]
    return float(times[-1].split()[1])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", required=True)
    ap.add_argument("--user", default="marketing")
    ap.add_argument("--password", default="demo-password-2026")
    ap.add_argument("--area", required=True)
    ap.add_argument("--area-name", default="")
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--warmup", type=int, default=20)
    ap.add_argument("--csv-requests", type=int, default=5)
    ap.add_argument("--naive-runs", type=int, default=3)
    ap.add_argument("--db")
    ap.add_argument("--out", required=True)
    ap.add_argument("--info", action="append", default=[])
    args = ap.parse_args()

    screen = Client(args.base)
    screen.login(args.user, args.password)
    cases = [
        ("no filter (every group), first page", {}),
        ("no filter, groups without content only", {"content": "no"}),
        (f"area {args.area_name}", {"ta": args.area}),
        (f"area {args.area_name} + category DOSING", {"ta": args.area, "category": "DOSING"}),
        ("no filter, page 3", {"page": 2}),
    ]
    rows = []
    for label, params in cases:
        path = path_of("/content/gaps", params)
        stats = run_fast(screen, path, args.requests, args.warmup, True)
        rows.append((label, path, stats))
        print(f"{label}: p50 {fmt(stats['p50'])} p95 {fmt(stats['p95'])} p99 {fmt(stats['p99'])} ms"
              f" ({stats['errors']} errors)", flush=True)
    csv = run_fast(screen, "/content/gaps.csv", args.csv_requests, 1, False)
    print(f"CSV of every group: p50 {fmt(csv['p50'])} max {fmt(csv['max'])} ms", flush=True)
    naive = []
    if args.db:
        for source in ("rollup_content_gap_stage", "rollup_content_gap_stage_source"):
            times = sorted(psql_ms(args.db, NAIVE_SQL.format(source=source)) for _ in range(args.naive_runs))
            naive.append((source, times))
            print(f"groups query on {source}: {', '.join(fmt(t) for t in times)} ms", flush=True)

    worst = max(s["p95"] for _, _, s in rows)
    with open(args.out, "w") as f:
        now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        f.write(f"# Content-gap report benchmark ({now})\n\n")
        for line in args.info:
            f.write(f"- {line}\n")
        f.write(f"- Machine: {machine()}\n")
        f.write(f"- Screen: form login as `{args.user}`, one client, {args.warmup} warm-up calls then "
                f"{args.requests} timed calls per case; the time is the whole GET (queries, content match, "
                "rendering), measured by the client.\n\n")
        f.write("| case | path | p50 ms | p95 ms | p99 ms | max ms | errors |\n|---|---|---|---|---|---|---|\n")
        for label, path, s in rows:
            f.write(f"| {label} | `{path}` | {fmt(s['p50'])} | {fmt(s['p95'])} | {fmt(s['p99'])} | {fmt(s['max'])}"
                    f" | {s['errors']} |\n")
        f.write(f"\nWorst p95: **{fmt(worst)} ms** (target {TARGET_P95_MS:.0f} ms: "
                f"{'met' if worst <= TARGET_P95_MS else 'NOT met'}).\n\n")
        f.write(f"CSV of every group (`/content/gaps.csv`, {args.csv_requests} calls): p50 {fmt(csv['p50'])} ms, "
                f"max {fmt(csv['max'])} ms.\n")
        if naive:
            f.write("\nThe report's main query (every group's open and unmet needs by stage), server time in psql, on the"
                    " rollup and on its source view (the naive GROUP BY over the needs):\n\n")
            f.write("| relation | runs (ms) |\n|---|---|\n")
            for source, times in naive:
                f.write(f"| `{source}` | {', '.join(fmt(t) for t in times)} |\n")
    print(f"Wrote {args.out}; worst p95 {fmt(worst)} ms")
    return 0 if worst <= TARGET_P95_MS and all(s["errors"] == 0 for _, _, s in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
