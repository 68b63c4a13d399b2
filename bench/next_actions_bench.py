#!/usr/bin/env python3
"""Next best actions latency benchmark (issue 16): the HCP page with its panel, and My HCPs with its day list.

Standard library only; the HTTP client, the percentile and the machine line come from search_bench.py. One client,
keep-alive, form login as an MR. Two modes, each appending a section to the same Markdown report:

  --mode hcp   for each HCP given (--hcp LABEL=ID, or --hcp LABEL=ID1,ID2,... for a rotating sample): after a
               warm-up, --requests rounds of GET /hcps/{id} (the page) followed by GET /hcps/{id}/next-actions (the
               panel htmx loads into it, computed live, with HX-Request); p50/p95/p99 of the page, of the panel and
               of their sum per round (what the MR waits for until the suggestions show).
  --mode day   the same for GET /my-hcps (the territory's HCP list) followed by GET /next-actions/today (the day's
               list htmx loads into it, read from the stored rows of next_action), as the MR of the territory.

  python3 bench/next_actions_bench.py --base http://127.0.0.1:18080 --user mr-nba-3k --mode hcp \\
      --hcp typical=123 --hcp heaviest=456 --out results/next-actions.md --title "HCP page"

See docs/benchmarks.md ("Next best actions (issue 16)").
"""

import argparse
import datetime
import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from dashboard_bench import fmt, stats_of  # noqa: E402
from search_bench import Client, machine  # noqa: E402

# Issue 16, "Computed incrementally": the HCP page with its suggestions p95 <= 30 ms (one client), My HCPs
# <= 100 ms for a 3,000-HCP territory.
TARGET_HCP_MS = 30.0
TARGET_DAY_MS = 100.0

HTMX = {"HX-Request": "true"}


def timed(client, path, headers=None, marker=None):
    start = time.perf_counter()
    status, _, body = client.request("GET", path, headers=headers)
    elapsed = (time.perf_counter() - start) * 1000.0
    ok = status == 200 and (marker is None or marker in body)
    return elapsed, ok, status, body


def run_pair(client, first, second, requests, warmup, first_marker, second_marker):
    """Warm-up, then `requests` rounds of first + second; the timings of each and of their sum."""
    a, b, s, errors = [], [], [], [0, 0]
    last = {}
    for n in range(warmup + requests):
        path_a = first(n)
        path_b = second(n)
        ta, ok_a, st_a, body_a = timed(client, path_a, marker=first_marker)
        tb, ok_b, st_b, body_b = timed(client, path_b, headers=HTMX, marker=second_marker)
        if n < warmup:
            if not ok_a:
                raise SystemExit(f"GET {path_a} answered {st_a}: {body_a[:300]!r}")
            if not ok_b:
                raise SystemExit(f"GET {path_b} answered {st_b}: {body_b[:300]!r}")
            last = {"first": body_a, "second": body_b}
            continue
        a.append(ta)
        b.append(tb)
        s.append(ta + tb)
        errors[0] += 0 if ok_a else 1
        errors[1] += 0 if ok_b else 1
    return stats_of(a, errors[0]), stats_of(b, errors[1]), stats_of(s, errors[0] + errors[1]), last


def count(pattern, body):
    return len(re.findall(pattern, body.decode("utf-8", "replace")))


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base", default="http://127.0.0.1:18080")
    ap.add_argument("--user", required=True, help="an MR (form login)")
    ap.add_argument("--password", default="demo-password-2026")
    ap.add_argument("--mode", choices=("hcp", "day"), required=True)
    ap.add_argument("--hcp", action="append", default=[], help="LABEL=ID or LABEL=ID1,ID2,... (mode hcp)")
    ap.add_argument("--requests", type=int, default=300)
    ap.add_argument("--warmup", type=int, default=50)
    ap.add_argument("--title", default="")
    ap.add_argument("--out", required=True)
    ap.add_argument("--append", action="store_true", help="add a section to --out instead of starting it")
    ap.add_argument("--info", action="append", default=[], help="lines for the report's header or section")
    args = ap.parse_args()

    client = Client(args.base)
    client.login(args.user, args.password)
    rows = []
    load_before = loadavg()
    if args.mode == "hcp":
        for spec in args.hcp:
            label, _, ids = spec.partition("=")
            ids = [int(i) for i in ids.split(",") if i]
            page, panel, both, last = run_pair(
                client, lambda n: f"/hcps/{ids[n % len(ids)]}", lambda n: f"/hcps/{ids[n % len(ids)]}/next-actions",
                args.requests, args.warmup, b"</html>", b'id="next-actions"')
            shown = f"{len(ids)} HCPs in turn" if len(ids) > 1 else f"HCP {ids[0]}"
            rows.append((label, shown, page, panel, both))
            print(f"{label} ({shown}): page p50 {fmt(page['p50'])} p95 {fmt(page['p95'])} p99 {fmt(page['p99'])};"
                  f" panel p50 {fmt(panel['p50'])} p95 {fmt(panel['p95'])} p99 {fmt(panel['p99'])};"
                  f" sum p50 {fmt(both['p50'])} p95 {fmt(both['p95'])} p99 {fmt(both['p99'])} ms", flush=True)
        target, names = TARGET_HCP_MS, ("`/hcps/{id}`", "`/hcps/{id}/next-actions`")
    else:
        page, panel, both, last = run_pair(client, lambda n: "/my-hcps", lambda n: "/next-actions/today",
                                           args.requests, args.warmup, b"</html>", b'id="day-actions"')
        lines = count(r'class="list-group-item day-action"', last.get("second", b""))
        rows.append(("My HCPs + day list", f"{lines} suggestions in the day list", page, panel, both))
        print(f"my-hcps p50 {fmt(page['p50'])} p95 {fmt(page['p95'])} p99 {fmt(page['p99'])};"
              f" today p50 {fmt(panel['p50'])} p95 {fmt(panel['p95'])} p99 {fmt(panel['p99'])};"
              f" sum p50 {fmt(both['p50'])} p95 {fmt(both['p95'])} p99 {fmt(both['p99'])} ms", flush=True)
        target, names = TARGET_DAY_MS, ("`/my-hcps`", "`/next-actions/today`")
    load_after = loadavg()

    worst = max(r[4]["p95"] for r in rows)
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    with open(args.out, "a" if args.append else "w") as f:
        if not args.append:
            f.write(f"# Next best actions benchmark ({now})\n\n")
            for line in args.info:
                f.write(f"- {line}\n")
            f.write(f"- Machine: {machine()}\n")
            args.info = []
        f.write(f"\n## {args.title or args.mode} ({now})\n\n")
        for line in args.info:
            f.write(f"- {line}\n")
        f.write(f"- One client, form login as `{args.user}`, {args.warmup} warm-up rounds then {args.requests} timed"
                f" rounds; a round is {names[0]} then {names[1]} (with `HX-Request`), timed by the client; "
                f"load average (1/5/15 min) {load_before} before, {load_after} after.\n\n")
        f.write(f"| case | which | {names[0]} p50 / p95 / p99 ms | {names[1]} p50 / p95 / p99 ms"
                " | sum p50 / p95 / p99 ms | max sum ms | errors |\n|---|---|---|---|---|---|---|\n")
        for label, shown, a, b, s in rows:
            f.write(f"| {label} | {shown} | {fmt(a['p50'])} / {fmt(a['p95'])} / {fmt(a['p99'])}"
                    f" | {fmt(b['p50'])} / {fmt(b['p95'])} / {fmt(b['p99'])}"
                    f" | {fmt(s['p50'])} / **{fmt(s['p95'])}** / {fmt(s['p99'])} | {fmt(s['max'])}"
                    f" | {s['errors']} |\n")
        f.write(f"\nWorst p95 of the sum: **{fmt(worst)} ms** (issue 16: {target:.0f} ms, "
                f"{'met' if worst <= target else 'NOT met'}).\n")
    print(f"Wrote {args.out}; worst p95 of the sum {fmt(worst)} ms")
    return 0 if worst <= target and all(r[4]["errors"] == 0 for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
