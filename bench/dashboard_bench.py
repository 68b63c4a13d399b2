#!/usr/bin/env python3
"""Dashboard latency benchmark: the four dashboards from their rollups, from raw rows, and as screens.

Standard library only; the HTTP client, the percentile and the machine line come from search_bench.py. For
each dashboard (patients, needs, channels, inquiries) and each filter case it measures, after a warm-up:

  - the JSON API on the rollups (source=rollup): p50/p95/p99 over --requests calls,
  - the JSON API on the raw rows (source=raw, the naive GROUP BY over the source views): p50/p95 over a
    few calls (they take seconds), each capped by --raw-timeout (a call that runs out is cancelled in the
    database with psql when --db is given, so that it does not slow down what comes next),
  - the screen (/dashboards/<name>) from a form-login session: p50/p95/p99,

checks that rollup and raw give the same figures, and measures freshness: one pull event posted through
the API, then the channels dashboard polled until its pull count grows. Writes a Markdown report. See
docs/benchmarks.md.

  python3 bench/dashboard_bench.py --base http://127.0.0.1:18080 --token ADMIN_TOKEN --event-token TOKEN \\
      --area 2 --product 4 --event-hcp 1 --out results/dashboard.md
"""

import argparse
import datetime
import http.client
import json
import os
import statistics
import subprocess
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from search_bench import Client, machine, percentile  # noqa: E402

TARGET_P95_MS = 100.0
DASHBOARDS = ("patients", "needs", "channels", "inquiries")
# The inquiry SLA is always read live from the inquiry tables (no rollup, no source parameter).
LIVE_ONLY = ("inquiries",)
JST = datetime.timezone(datetime.timedelta(hours=9))


def month_minus(year, month, n):
    index = year * 12 + (month - 1) - n
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def build_cases(args):
    """(label, query parameters) per filter case."""
    now = datetime.datetime.now(JST)
    current = month_minus(now.year, now.month, 0)
    last12 = {"from": month_minus(now.year, now.month, 11), "to": current}
    return [
        ("no filter, default period (12 months)", {}),
        (f"area {args.area_name}, 12 months", dict(last12, ta=args.area)),
        (f"area {args.area_name} + region {args.region}, 12 months", dict(last12, ta=args.area, region=args.region)),
        (f"product {args.product_name} + department {args.department}, 12 months",
         dict(last12, product=args.product, department=args.department)),
        ("no filter, 36 months", {"from": month_minus(now.year, now.month, 35), "to": current}),
    ]


def path_of(prefix, params, **extra):
    query = urllib.parse.urlencode(dict(params, **extra))
    return prefix + ("?" + query if query else "")


def stats_of(timings, errors):
    timings = sorted(timings)
    return {
        "n": len(timings), "errors": errors,
        "p50": percentile(timings, 50), "p95": percentile(timings, 95), "p99": percentile(timings, 99),
        "mean": statistics.fmean(timings) if timings else float("nan"),
        "max": timings[-1] if timings else float("nan"),
    }


def run_fast(client, path, requests, warmup, html):
    """Warm-up, then `requests` timed calls of one path; an answer other than 200 (or no page) is an error."""
    timings, errors = [], 0
    for n in range(warmup + requests):
        start = time.perf_counter()
        status, _, body = client.request("GET", path)
        elapsed = (time.perf_counter() - start) * 1000.0
        ok = status == 200 and (not html or b"</html>" in body)
        if n < warmup:
            if not ok:
                raise SystemExit(f"GET {path} answered {status}: {body[:300]!r}")
            continue
        timings.append(elapsed)
        errors += 0 if ok else 1
    return stats_of(timings, errors)


def cancel_raw_queries(db):
    """Cancels the app's queries still running on the source views (after a client-side timeout)."""
    if not db:
        return
    subprocess.run(["psql", "-X", "-q", "-At", "-d", db, "-c",
                    "SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE datname = current_database()"
                    " AND state = 'active' AND pid <> pg_backend_pid() AND query LIKE '%rollup_%_source%'"],
                   check=False, stdout=subprocess.DEVNULL)
    time.sleep(1.0)


def run_raw(base, token, path, requests, warmup, timeout, db):
    """A few timed calls of a slow path, each capped at `timeout` seconds; stops at the first timeout."""
    url = urllib.parse.urlsplit(base)
    timings, errors, timeouts, body = [], 0, 0, None
    client = Client(base, token=token)
    for n in range(warmup + requests):
        client.conn.close()
        client.conn = http.client.HTTPConnection(url.hostname, url.port or 80, timeout=timeout)
        start = time.perf_counter()
        try:
            status, _, data = client.request("GET", path)
        except (TimeoutError, OSError) as ex:
            print(f"      raw call ran out after {time.perf_counter() - start:.0f} s ({ex.__class__.__name__})",
                  flush=True)
            client.conn.close()
            cancel_raw_queries(db)
            timeouts += 1
            break
        elapsed = (time.perf_counter() - start) * 1000.0
        print(f"      raw call {n + 1}/{warmup + requests}: {elapsed / 1000:.1f} s, {status}", flush=True)
        if status == 200:
            body = data
        if n < warmup:
            continue
        timings.append(elapsed)
        errors += 0 if status == 200 else 1
    stats = stats_of(timings, errors)
    stats["timeouts"] = timeouts
    return stats, body


def pull_total(client):
    status, _, body = client.request("GET", "/api/v1/dashboards/channels")
    if status != 200:
        raise SystemExit(f"GET /api/v1/dashboards/channels answered {status}")
    return sum(m["pull"] for m in json.loads(body)["months"])


def freshness(api, events, hcp, trials, timeout):
    """Posts one pull event and polls the channels dashboard until its pull count grows; seconds per trial."""
    results = []
    for trial in range(trials):
        before = pull_total(api)
        occurred = (datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(seconds=60))
        body = json.dumps({"events": [{
            "externalId": f"bench-freshness-{time.time_ns()}-{trial}", "hcpId": hcp, "channel": "WEB_CONTENT",
            "occurredAt": occurred.strftime("%Y-%m-%dT%H:%M:%SZ"), "contentTitle": "製品情報ページ"}]})
        start = time.perf_counter()
        status, _, answer = events.request("POST", "/api/v1/interactions/events", body=body.encode(),
                                           headers={"Content-Type": "application/json"})
        posted = time.perf_counter() - start
        if status != 200 or json.loads(answer).get("accepted") != 1:
            raise SystemExit(f"POST /api/v1/interactions/events answered {status}: {answer[:300]!r}")
        polls, seen, after = 0, None, before
        while time.perf_counter() - start < timeout:
            polls += 1
            after = pull_total(api)
            if after > before:
                seen = time.perf_counter() - start
                break
            time.sleep(0.05)
        results.append({"post_ms": posted * 1000.0, "seconds": seen, "polls": polls, "delta": after - before})
        print(f"   freshness trial {trial + 1}: post {posted * 1000:.0f} ms, visible after "
              f"{'%.3f s' % seen if seen is not None else 'timeout'} ({polls} polls, pull +{after - before})",
              flush=True)
        time.sleep(0.5)
    return results


def fmt(value, digits=1):
    return "—" if value is None or value != value else f"{value:.{digits}f}"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base", default="http://127.0.0.1:18080")
    ap.add_argument("--user", default="manager", help="form login for the screens")
    ap.add_argument("--password", default="demo-password-2026")
    ap.add_argument("--token", required=True, help="API token (Bearer) of an ADMIN system user (raw needs ADMIN)")
    ap.add_argument("--event-token", help="API token for POST /api/v1/interactions/events (default: --token)")
    ap.add_argument("--area", required=True, help="therapeutic area id")
    ap.add_argument("--area-name", default="")
    ap.add_argument("--product", required=True, help="product id (of the area)")
    ap.add_argument("--product-name", default="")
    ap.add_argument("--region", default="KANTO")
    ap.add_argument("--department", default="SALES")
    ap.add_argument("--event-hcp", type=int, help="HCP id for the freshness events (none: no freshness run)")
    ap.add_argument("--requests", type=int, default=200, help="measured calls per case, API rollup and screen")
    ap.add_argument("--warmup", type=int, default=20)
    ap.add_argument("--raw-requests", type=int, default=5)
    ap.add_argument("--raw-warmup", type=int, default=1)
    ap.add_argument("--raw-timeout", type=float, default=300.0, help="seconds per raw call")
    ap.add_argument("--no-raw", action="store_true")
    ap.add_argument("--freshness-trials", type=int, default=5)
    ap.add_argument("--db", help="database name for psql, to cancel a raw query that ran out")
    ap.add_argument("--out", help="Markdown report to write")
    ap.add_argument("--info", action="append", default=[], help="extra lines for the report")
    args = ap.parse_args()
    args.area_name = args.area_name or args.area
    args.product_name = args.product_name or args.product

    cases = build_cases(args)
    api = Client(args.base, token=args.token)
    screen = Client(args.base)
    screen.login(args.user, args.password)

    load_before = os.getloadavg()[0]
    started = datetime.datetime.now().astimezone()
    rows = {}
    print("== Rollup API and screen", flush=True)
    for label, params in cases:
        for name in DASHBOARDS:
            rollup = run_fast(api, path_of("/api/v1/dashboards/" + name, params), args.requests, args.warmup, False)
            page = run_fast(screen, path_of("/dashboards/" + name, params), args.requests, args.warmup, True)
            rows[(label, name)] = {"rollup": rollup, "screen": page, "raw": None, "same": None}
            print(f"{name:10s} {label:50s} API p50 {rollup['p50']:6.1f} p95 {rollup['p95']:6.1f} p99 "
                  f"{rollup['p99']:6.1f} | screen p50 {page['p50']:6.1f} p95 {page['p95']:6.1f} ms "
                  f"errors {rollup['errors'] + page['errors']}", flush=True)

    fresh = []
    if args.event_hcp is not None and args.freshness_trials > 0:
        print("== Freshness (one pull event, then poll the channels dashboard)", flush=True)
        events = Client(args.base, token=args.event_token or args.token)
        fresh = freshness(api, events, args.event_hcp, args.freshness_trials, 30.0)

    # Last, so that the raw runs' sweeps through the big tables do not evict what the rollup runs read.
    if not args.no_raw:
        print("== Raw API (naive GROUP BY over the source views)", flush=True)
        for label, params in cases:
            for name in DASHBOARDS:
                if name in LIVE_ONLY:
                    continue
                print(f"   {name} / {label}", flush=True)
                status, _, reference = api.request("GET", path_of("/api/v1/dashboards/" + name, params))
                raw, body = run_raw(args.base, args.token, path_of("/api/v1/dashboards/" + name, params, source="raw"),
                                    args.raw_requests, args.raw_warmup, args.raw_timeout, args.db)
                row = rows[(label, name)]
                row["raw"] = raw
                if status == 200 and body is not None:
                    row["same"] = json.loads(reference) == json.loads(body)
                print(f"   -> raw p50 {fmt(raw['p50'])} p95 {fmt(raw['p95'])} ms, timeouts {raw['timeouts']}, "
                      f"same figures as rollup: {row['same']}", flush=True)

    lines = ["| dashboard | filter case | API rollup p50 / p95 / p99 ms | API raw p50 / p95 ms (n) | raw ÷ rollup (p50) "
             "| screen p50 / p95 / p99 ms | errors | API p95 ≤ 100 ms | screen p95 ≤ 100 ms | same figures |",
             "|" + "---|" * 10]
    for name in DASHBOARDS:
        for label, _ in cases:
            row = rows[(label, name)]
            r, s, raw = row["rollup"], row["screen"], row["raw"]
            errors = r["errors"] + s["errors"] + (raw["errors"] if raw else 0)
            if name in LIVE_ONLY:
                raw_cell, ratio, same = "live query, no raw variant", "—", "—"
            elif raw is None:
                raw_cell, ratio, same = "not run", "—", "—"
            else:
                raw_cell = f"{fmt(raw['p50'], 0)} / {fmt(raw['p95'], 0)} ({raw['n']})"
                if raw["timeouts"]:
                    raw_cell += f", **ran out after {args.raw_timeout:.0f} s**"
                ratio = f"{raw['p50'] / r['p50']:,.0f}×" if raw["n"] and r["p50"] > 0 else "—"
                same = {True: "yes", False: "**no**", None: "—"}[row["same"]]
            api_ok = "yes" if r["p95"] <= TARGET_P95_MS and r["errors"] == 0 else "**no**"
            screen_ok = "yes" if s["p95"] <= TARGET_P95_MS and s["errors"] == 0 else "**no**"
            lines.append(f"| {name} | {label} | {r['p50']:.1f} / {r['p95']:.1f} / {r['p99']:.1f} | {raw_cell} | {ratio} "
                         f"| {s['p50']:.1f} / {s['p95']:.1f} / {s['p99']:.1f} | {errors} | {api_ok} | {screen_ok} "
                         f"| {same} |")
    table = "\n".join(lines)
    fresh_lines = []
    if fresh:
        seen = sorted(f["seconds"] for f in fresh if f["seconds"] is not None)
        fresh_lines = ["| trial | POST ms | visible after s | polls | pull count change |", "|---|---|---|---|---|"]
        for i, f in enumerate(fresh, 1):
            fresh_lines.append(f"| {i} | {f['post_ms']:.0f} | {fmt(f['seconds'], 3)} | {f['polls']} | +{f['delta']} |")
        fresh_lines.append("")
        fresh_lines.append(f"Freshness: median {fmt(statistics.median(seen) if seen else None, 3)} s, max "
                           f"{fmt(seen[-1] if seen else None, 3)} s from sending the event to the first poll that shows "
                           f"it ({len(fresh) - len(seen)} of {len(fresh)} not seen within 30 s); target ≤ 5 s.")
    print()
    print(table)
    print()
    print("\n".join(fresh_lines))

    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(f"# Dashboard benchmark, {started:%Y-%m-%d %H:%M %Z}\n\n")
            f.write(f"- Machine: {machine()}\n")
            f.write(f"- Target: {args.base}, one client at a time, keep-alive; per dashboard and filter case "
                    f"{args.warmup} warm-up + {args.requests} measured calls of the API on the rollups and as many of "
                    f"the screen; {args.raw_warmup} warm-up + {args.raw_requests} measured calls of the API on raw rows "
                    f"(`source=raw`, each capped at {args.raw_timeout:.0f} s), run after everything else\n")
            f.write(f"- API: Bearer token of an ADMIN system user (raw is for administrators); screens: form login "
                    f"session as `{args.user}`; the same filter for all three\n")
            for line in args.info:
                f.write(f"- {line}\n")
            f.write(f"- Load average (1 min) before / after the run: {load_before:.2f} / {os.getloadavg()[0]:.2f}"
                    f" (on {os.cpu_count()} cores; well above 1 means other work competed)\n")
            f.write("- Percentiles are nearest-rank: with 5 raw calls, p95 is the slowest. \"same figures\": the raw "
                    "answer equals the rollup answer fetched just before it\n\n")
            f.write(table + "\n")
            if fresh_lines:
                f.write("\n## Freshness\n\nOne WEB_CONTENT pull event per trial through `POST /api/v1/interactions/events`"
                        " (token of a MARKETING system user), then `GET /api/v1/dashboards/channels` every 50 ms until"
                        " the period's pull count grows.\n\n")
                f.write("\n".join(fresh_lines) + "\n")
        print(f"\nWrote {args.out}")
    failed = any(r["rollup"]["errors"] or r["screen"]["errors"] for r in rows.values())
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
