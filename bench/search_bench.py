#!/usr/bin/env python3
"""HCP search latency benchmark: the REST API and the search screen, one client, keep-alive.

Standard library only. Measures p50/p95/p99 per query kind over many different names (taken from the
loaded data set), after a warm-up, and writes a Markdown report. See docs/benchmarks.md.

  python3 bench/search_bench.py --base http://127.0.0.1:18080 --names names.tsv --out results/search.md
"""

import argparse
import datetime
import http.client
import json
import math
import os
import platform
import random
import re
import statistics
import sys
import time
import unicodedata
import urllib.parse
from base64 import b64encode

TARGET_P95_MS = 20.0

# Full-width katakana -> half-width (ｻﾄｳ), as a user on an old keyboard setup or a legacy CSV types it.
_FULL = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲンァィゥェォッャュョー"
_HALF = "ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜｦﾝｧｨｩｪｫｯｬｭｮｰ"
_TO_HALF = dict(zip(_FULL, _HALF))
_TO_HALF.update({"\u3099": "ﾞ", "\u309a": "ﾟ", " ": " "})

# Kana rows (same consonant): a typo swaps the vowel, e.g. サトウ -> サトオ.
_ROWS = ["アイウエオ", "カキクケコ", "ガギグゲゴ", "サシスセソ", "ザジズゼゾ", "タチツテト", "ダヂヅデド", "ナニヌネノ",
         "ハヒフヘホ", "バビブベボ", "パピプペポ", "マミムメモ", "ヤユヨ", "ラリルレロ", "ワヲン"]
_ROW_OF = {c: row for row in _ROWS for c in row}


def to_half_width(katakana):
    return "".join(_TO_HALF.get(c, c) for c in unicodedata.normalize("NFD", katakana))


def to_hiragana(katakana):
    return "".join(chr(ord(c) - 0x60) if "\u30a1" <= c <= "\u30f6" else c for c in katakana)


def kana_typo(kana, rnd):
    """One kana of the family name replaced by another of its row (サトウ タロウ -> サトオ タロウ)."""
    family, _, given = kana.partition(" ")
    positions = [i for i, c in enumerate(family) if c in _ROW_OF and len(_ROW_OF[c]) > 1]
    if not positions:
        return kana
    i = rnd.choice(positions)
    row = _ROW_OF[family[i]]
    family = family[:i] + rnd.choice([c for c in row if c != family[i]]) + family[i + 1:]
    return family + " " + given


def romaji_typo(romaji, rnd):
    """Two neighbouring letters of the family name swapped, or one doubled (Sato Taro -> Stao Taro)."""
    family, _, given = romaji.partition(" ")
    if len(family) < 3:
        return family + family[-1] + " " + given
    i = rnd.randrange(1, len(family) - 1)
    if rnd.random() < 0.5:
        family = family[:i] + family[i + 1] + family[i] + family[i + 2:]
    else:
        family = family[:i] + family[i] + family[i:]
    return family + " " + given


def percentile(sorted_values, p):
    """Nearest-rank percentile."""
    if not sorted_values:
        return float("nan")
    k = max(0, min(len(sorted_values) - 1, math.ceil(p / 100.0 * len(sorted_values)) - 1))
    return sorted_values[k]


class Client:
    """One keep-alive connection with a cookie jar of one (JSESSIONID) and optional Basic auth."""

    def __init__(self, base, basic=None, token=None):
        url = urllib.parse.urlsplit(base)
        self.host, self.port = url.hostname, url.port or 80
        self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
        self.basic = basic
        self.token = token
        self.cookies = {}

    def request(self, method, path, body=None, headers=None):
        h = {"Connection": "keep-alive"}
        if self.token:
            h["Authorization"] = "Bearer " + self.token
        elif self.basic:
            h["Authorization"] = "Basic " + b64encode(self.basic.encode()).decode()
        if self.cookies:
            h["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        h.update(headers or {})
        for attempt in (1, 2):
            try:
                self.conn.request(method, path, body=body, headers=h)
                resp = self.conn.getresponse()
                data = resp.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # The server closed an idle keep-alive connection: reconnect once.
                self.conn.close()
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
                if attempt == 2:
                    raise
        for name, value in resp.getheaders():
            if name.lower() == "set-cookie":
                k, _, rest = value.partition("=")
                self.cookies[k.strip()] = rest.split(";", 1)[0]
        return resp.status, dict((k.lower(), v) for k, v in resp.getheaders()), data

    def login(self, username, password):
        status, _, page = self.request("GET", "/login")
        if status != 200:
            raise SystemExit(f"GET /login answered {status}")
        html = page.decode("utf-8", "replace")
        m = re.search(r'<input[^>]*name="_csrf"[^>]*value="([^"]+)"', html) or \
            re.search(r'<input[^>]*value="([^"]+)"[^>]*name="_csrf"', html)
        if not m:
            raise SystemExit("No CSRF token on /login")
        form = urllib.parse.urlencode({"username": username, "password": password, "_csrf": m.group(1)})
        status, headers, _ = self.request("POST", "/login", body=form,
                                          headers={"Content-Type": "application/x-www-form-urlencoded"})
        location = headers.get("location", "")
        if status not in (302, 303) or "error" in location:
            raise SystemExit(f"Form login failed: {status} {location}")


def load_names(path):
    names = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 4 and " " in parts[0] and " " in parts[1]:
                names.append(tuple(parts[:4]))
    if not names:
        raise SystemExit(f"No names in {path}")
    return names


def build_cases(names, rnd):
    """Query kinds: (label, path prefix, list of q values). Many different names per kind, not one repeated."""
    families = sorted({(k.split(" ")[0], kana.split(" ")[0], r.split(" ")[0]) for k, kana, r, _ in names})
    rnd.shuffle(families)
    full = list(names)
    rnd.shuffle(full)
    return [
        # Baseline: one primary-key read, so the table shows what authentication and the stack cost by themselves.
        ("API baseline: GET /api/v1/hcps/{id}", "/api/v1/hcps/", [i for _, _, _, i in full]),
        ("API kanji family name (佐藤)", "/api/v1/hcps?q=", [f[0] for f in families]),
        ("API kanji full-name prefix (佐藤 太)", "/api/v1/hcps?q=", [k.split(" ")[0] + " " + k.split(" ")[1][0] for k, _, _, _ in full]),
        ("API hiragana family name (さとう)", "/api/v1/hcps?q=", [to_hiragana(f[1]) for f in families]),
        ("API half-width kana full name (ｻﾄｳ ﾀﾛｳ)", "/api/v1/hcps?q=", [to_half_width(kana) for _, kana, _, _ in full]),
        ("API romaji family name (sato)", "/api/v1/hcps?q=", [f[2].lower() for f in families]),
        ("API typo, kana (サトオ タロウ)", "/api/v1/hcps?q=", [kana_typo(kana, rnd) for _, kana, _, _ in full]),
        ("API typo, romaji (Stao Taro)", "/api/v1/hcps?q=", [romaji_typo(r, rnd) for _, _, r, _ in full]),
        ("Screen kanji family name", "/hcps?q=", [f[0] for f in families]),
        ("Screen hiragana full name", "/hcps?q=", [to_hiragana(kana) for _, kana, _, _ in full]),
    ]


def run_case(client, prefix, queries, requests, warmup, is_api):
    timings, errors, empty, fuzzy = [], 0, 0, 0
    for n in range(warmup + requests):
        q = queries[n % len(queries)]
        path = prefix + urllib.parse.quote(q)
        start = time.perf_counter()
        status, _, body = client.request("GET", path)
        elapsed = (time.perf_counter() - start) * 1000.0
        if n < warmup:
            continue
        timings.append(elapsed)
        if status != 200:
            errors += 1
            continue
        if is_api and "?" in prefix:
            page = json.loads(body)
            empty += 0 if page.get("items") else 1
            fuzzy += 1 if page.get("fuzzy") else 0
    timings.sort()
    return {
        "n": len(timings), "errors": errors, "empty": empty, "fuzzy": fuzzy,
        "p50": percentile(timings, 50), "p95": percentile(timings, 95), "p99": percentile(timings, 99),
        "mean": statistics.fmean(timings) if timings else float("nan"), "max": timings[-1] if timings else float("nan"),
    }


def machine():
    cpu = platform.processor() or ""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = ""
    try:
        with open("/proc/meminfo") as f:
            kb = int(f.readline().split()[1])
            mem = f"{kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return f"{os.cpu_count()} cores ({cpu}), {mem}, Python {platform.python_version()}"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base", default="http://127.0.0.1:18080")
    ap.add_argument("--user", default="admin")
    ap.add_argument("--password", default="demo-password-2026")
    ap.add_argument("--names", required=True, help="TSV of name_kanji, name_kana, name_romaji, id from the data set")
    ap.add_argument("--token", help="API token (Bearer) instead of HTTP Basic, so bcrypt does not run per call")
    ap.add_argument("--requests", type=int, default=300)
    ap.add_argument("--warmup", type=int, default=50)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", help="Markdown report to write")
    ap.add_argument("--info", action="append", default=[], help="extra 'key: value' lines for the report")
    args = ap.parse_args()

    rnd = random.Random(args.seed)
    cases = build_cases(load_names(args.names), rnd)
    api = Client(args.base, basic=f"{args.user}:{args.password}", token=args.token)
    screen = Client(args.base)
    screen.login(args.user, args.password)

    load_before = os.getloadavg()[0]
    rows = []
    for label, prefix, queries in cases:
        is_api = prefix.startswith("/api/")
        stats = run_case(api if is_api else screen, prefix, queries, args.requests, args.warmup, is_api)
        stats["label"], stats["distinct"] = label, len(set(queries))
        rows.append(stats)
        print(f"{label:45s} p50 {stats['p50']:7.1f}  p95 {stats['p95']:7.1f}  p99 {stats['p99']:7.1f}  "
              f"max {stats['max']:7.1f} ms  errors {stats['errors']}", flush=True)

    header = "| query | distinct q | n | p50 ms | p95 ms | p99 ms | mean ms | max ms | errors | empty | fuzzy | p95 ≤ 20 ms |"
    lines = [header, "|" + "---|" * 12]
    for s in rows:
        ok = "yes" if s["p95"] <= TARGET_P95_MS and s["errors"] == 0 else "**no**"
        lines.append(f"| {s['label']} | {s['distinct']} | {s['n']} | {s['p50']:.1f} | {s['p95']:.1f} | {s['p99']:.1f} | "
                     f"{s['mean']:.1f} | {s['max']:.1f} | {s['errors']} | {s['empty']} | {s['fuzzy']} | {ok} |")
    table = "\n".join(lines)
    print()
    print(table)

    if args.out:
        now = datetime.datetime.now().astimezone()
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(f"# HCP search benchmark, {now:%Y-%m-%d %H:%M %Z}\n\n")
            f.write(f"- Machine: {machine()}\n")
            f.write(f"- Target: {args.base}, one client, keep-alive, {args.warmup} warm-up + {args.requests} "
                    f"measured requests per query kind, each request a different name where the data allows\n")
            for line in args.info:
                f.write(f"- {line}\n")
            f.write(f"- Load average (1 min) before / after the run: {load_before:.2f} / {os.getloadavg()[0]:.2f}"
                    " (on a shared machine, anything well above 1 means other work competed for the 2 cores)\n")
            f.write("- API: " + ("Bearer API token of a system user" if args.token else "HTTP Basic as `" + args.user + "`")
                    + "; screen: form login session (JSESSIONID)\n")
            f.write("- empty = responses with no hit; fuzzy = answered by the trigram fallback (API only)\n\n")
            f.write(table + "\n")
        print(f"\nWrote {args.out}")
    failed = [s for s in rows if s["errors"]]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
