#!/usr/bin/env python3
"""Sign-in throttling under attack: many wrong passwords from one address, then the real user from another.

Standard library only. Phase 1 fires --attempts wrong passwords for one user over --seconds from the
attacker's address (HTTP Basic on the API and the sign-in form, alternately, paced evenly, several
connections at once) and counts the answers. Phase 2 signs the real user in from a second loopback
address (127.0.0.2 by default; the application does not trust X-Forwarded-For), on the form and on the
API, and checks that the right password from the attacker's address is still refused. Writes a
Markdown report; exits 1 when any answer was a 5xx or the real user could not sign in. See
docs/benchmarks.md.

  python3 bench/signin_bench.py --host 127.0.0.1 --port 18080 --user mr01 --password ... --out results/signin.md
"""

import argparse
import concurrent.futures
import datetime
import http.client
import math
import re
import statistics
import sys
import threading
import time
import urllib.parse
from base64 import b64encode

CSRF = re.compile(r'name="_csrf"[^>]*value="([^"]+)"')


def percentile(values, p):
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = max(0, math.ceil(p / 100 * len(ordered)) - 1)
    return ordered[k]


class Client:
    """One keep-alive connection from a chosen source address."""

    def __init__(self, host, port, source):
        self.host, self.port, self.source = host, port, source
        self.conn = None

    def request(self, method, path, body=None, headers=None):
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60,
                                                       source_address=(self.source, 0))
            try:
                self.conn.request(method, path, body=body, headers=headers or {})
                response = self.conn.getresponse()
                data = response.read()
                if response.getheader("Connection", "").lower() == "close":
                    self.conn.close()
                    self.conn = None
                return response.status, dict(response.getheaders()), data.decode("utf-8", "replace")
            except (http.client.HTTPException, ConnectionError, OSError):
                self.conn.close()
                self.conn = None
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def basic(self, user, password):
        token = b64encode(f"{user}:{password}".encode()).decode()
        return self.request("GET", "/api/v1/hcps?q=a", headers={"Authorization": "Basic " + token})

    def form_login(self, user, password):
        """GET /login for a session and CSRF token, then POST; returns (status, Location)."""
        status, headers, body = self.request("GET", "/login")
        cookie = headers.get("Set-Cookie", "").split(";", 1)[0]
        match = CSRF.search(body)
        if status != 200 or not match:
            return status, "(no sign-in page)"
        form = urllib.parse.urlencode({"username": user, "password": password, "_csrf": match.group(1)})
        status, headers, _ = self.request("POST", "/login", body=form, headers={
            "Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie})
        return status, headers.get("Location", "")


def outcome_of_form(status, location):
    if status != 302:
        return str(status)
    if "throttled=" in location:
        return "form throttled"
    if location.endswith("/login?error"):
        return "form wrong password"
    return "form signed in"


def attack(args):
    """Phase 1: returns counts per outcome and latencies (ms) per outcome."""
    counts, latencies = {}, {}
    lock = threading.Lock()
    local = threading.local()
    start = time.monotonic() + 0.2
    interval = args.seconds / args.attempts

    def one(i):
        client = getattr(local, "client", None)
        if client is None:
            client = local.client = Client(args.host, args.port, args.attacker)
        delay = start + i * interval - time.monotonic()
        if delay > 0:
            time.sleep(delay)  # pacing the load generator, not waiting on the system under test
        began = time.monotonic()
        try:
            if i % 2 == 0:
                status, headers, _ = client.basic(args.user, f"wrong-guess-{i}")
                outcome = {401: "api wrong password", 429: "api throttled (429)"}.get(status, str(status))
                if status == 429 and not headers.get("Retry-After", "").isdigit():
                    outcome = "api 429 without Retry-After"
            else:
                outcome = outcome_of_form(*client.form_login(args.user, f"wrong-guess-{i}"))
        except Exception as ex:  # noqa: BLE001 - counted, not hidden
            outcome = f"exception {type(ex).__name__}"
        elapsed = (time.monotonic() - began) * 1000
        with lock:
            counts[outcome] = counts.get(outcome, 0) + 1
            latencies.setdefault(outcome, []).append(elapsed)

    began = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.workers) as pool:
        list(pool.map(one, range(args.attempts)))
    return counts, latencies, time.monotonic() - began


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=18080)
    parser.add_argument("--user", default="mr01")
    parser.add_argument("--password", required=True)
    parser.add_argument("--attacker", default="127.0.0.1", help="source address of the wrong attempts")
    parser.add_argument("--victim", default="127.0.0.2", help="source address of the real user")
    parser.add_argument("--attempts", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--workers", type=int, default=16)
    parser.add_argument("--out", required=True)
    parser.add_argument("--info", action="append", default=[])
    args = parser.parse_args()

    print(f"== {args.attempts} wrong passwords for {args.user} in {args.seconds:.0f} s from {args.attacker}")
    counts, latencies, took = attack(args)
    for outcome, n in sorted(counts.items()):
        print(f"   {outcome}: {n} (p50 {statistics.median(latencies[outcome]):.1f} ms)")

    print(f"== The real user from {args.victim}; the right password from {args.attacker}")
    victim = Client(args.host, args.port, args.victim)
    attacker = Client(args.host, args.port, args.attacker)
    form_status, form_location = victim.form_login(args.user, args.password)
    victim_form = outcome_of_form(form_status, form_location)
    victim_api = victim.basic(args.user, args.password)[0]
    attacker_api_status, attacker_api_headers, _ = attacker.basic(args.user, args.password)
    attacker_form = outcome_of_form(*attacker.form_login(args.user, args.password))
    print(f"   real user, form: {victim_form}; API: {victim_api}")
    print(f"   right password from the attacker's address: API {attacker_api_status} "
          f"(Retry-After {attacker_api_headers.get('Retry-After')}), form: {attacker_form}")

    errors = sum(n for outcome, n in counts.items() if outcome.startswith("5") or outcome.startswith("exception"))
    checked = counts.get("api wrong password", 0) + counts.get("form wrong password", 0)
    ok = errors == 0 and victim_form == "form signed in" and victim_api == 200 and attacker_api_status == 429

    lines = [f"# Sign-in throttling under attack ({datetime.date.today().isoformat()})", ""]
    lines += [f"- {line}" for line in args.info]
    lines += [f"- Attack: {args.attempts} wrong passwords for `{args.user}` from {args.attacker} in {took:.1f} s "
              f"(planned {args.seconds:.0f} s), every other one HTTP Basic on `/api/v1/hcps`, the others on the "
              f"sign-in form (GET /login + POST); {args.workers} connections at once", ""]
    lines += ["| answer | count | p50 ms | p95 ms |", "|---|---:|---:|---:|"]
    for outcome, n in sorted(counts.items()):
        lines.append(f"| {outcome} | {n} | {statistics.median(latencies[outcome]):.1f} | "
                     f"{percentile(latencies[outcome], 95):.1f} |")
    lines += ["", f"- Passwords actually checked (bcrypt) during the attack: {checked} of {args.attempts}",
              f"- HTTP 5xx or connection errors: {errors}",
              f"- Real user from {args.victim} right after the attack: form `{victim_form}`, API HTTP {victim_api}",
              f"- Right password from the attacker's address: API HTTP {attacker_api_status} "
              f"(Retry-After {attacker_api_headers.get('Retry-After')} s), form `{attacker_form}`",
              f"- Result: {'PASS' if ok else 'FAIL'}", ""]
    with open(args.out, "w", encoding="utf-8") as out:
        out.write("\n".join(lines))
    print(f"== Report: {args.out} ({'PASS' if ok else 'FAIL'})")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
