"""Whole-process benchmarks of apikey, printed as a table. Called by scripts/bench."""

import argparse
import hashlib
import json
import os
import resource
import shutil
import statistics
import subprocess
import tempfile
import time

VERIFY_SQL = """SELECT k.id, c.name, k.expires_at, k.max_uses, k.use_count, k.allowed_ips, k.metadata
FROM api_keys k JOIN clients c ON c.id = k.client_id
WHERE k.secret_sha256 = '{sha}' AND k.revoked_at IS NULL
  AND (k.expires_at IS NULL OR k.expires_at > unixepoch()) AND k.disabled = 0
  AND c.disabled = 0 AND (k.max_uses IS NULL OR k.use_count < k.max_uses);"""


def run(cmd, env=None, stdin=None):
    """Runs cmd; returns (seconds, peak RSS of this child in MiB, stdout)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    out = subprocess.run(cmd, env=env, input=stdin, capture_output=True, check=False)
    elapsed = time.perf_counter() - start
    if out.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{out.stderr.decode()}")
    # ru_maxrss is the largest child so far; measure big runs in a fresh child instead.
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak, before) / 1024, out.stdout


def peak_rss(cmd, env):
    """Peak RSS (MiB) and time of one run, measured by a fresh python child."""
    probe = (
        "import resource,subprocess,sys,time;"
        "t=time.perf_counter();"
        "r=subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,stderr=subprocess.PIPE);"
        "t=time.perf_counter()-t;"
        "sys.exit(r.stderr.decode()) if r.returncode else None;"
        "print(t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss/1024)"
    )
    out = subprocess.run(["python3", "-c", probe, *cmd], env=env, capture_output=True, check=True)
    seconds, mib = out.stdout.split()
    return float(seconds), float(mib)


def stats(samples):
    samples = sorted(samples)
    p95 = samples[min(len(samples) - 1, int(round(0.95 * (len(samples) - 1))))]
    return statistics.median(samples), p95


def seed(bin_, db, keys, workdir):
    """Creates a store with one client holding `keys` keys through `apply`."""
    manifest = {"clients": [{"name": "bench", "keys": [{"label": "bench", "count": keys}]}]}
    path = os.path.join(workdir, f"seed-{keys}.json")
    with open(path, "w") as f:
        json.dump(manifest, f)
    secrets = os.path.join(workdir, f"secrets-{keys}.json")
    env = dict(os.environ, APIKEY_DB=db, APIKEY_ACTOR="bench")
    seconds, mib = peak_rss([bin_, "--quiet", "apply", path, "--secrets-out", secrets], env)
    with open(secrets) as f:
        secret = json.load(f)[0]["secret"]
    os.remove(secrets)
    return secret, seconds, mib


def verify_during_apply(bin_, workdir, runs):
    """Verify latency while another process applies 300,000 keys (holding the write
    lock): refusals and uncapped VALID answers must not wait for it."""
    db = os.path.join(workdir, "busy.db")
    env = dict(os.environ, APIKEY_DB=db, APIKEY_ACTOR="bench")
    secret, _, _ = seed(bin_, db, 1, workdir)
    revoked = json.loads(run([bin_, "--json", "key", "create", "--client", "bench"], env)[2])
    run([bin_, "--quiet", "key", "revoke", revoked["id"], "--yes"], env)
    manifest = {"clients": [{"name": "bulk", "keys": [{"label": "bulk", "count": 300_000}]}]}
    path = os.path.join(workdir, "bulk.json")
    with open(path, "w") as f:
        json.dump(manifest, f)
    secrets = os.path.join(workdir, "bulk-secrets.json")
    apply = subprocess.Popen([bin_, "--quiet", "apply", path, "--secrets-out", secrets], env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(0.5)  # let the apply take the write lock
    samples = {"VALID (uncapped)": [], "REVOKED": [], "NOT_FOUND": []}
    unknown = "ak_" + "0" * 38
    recorded = deferred = 0
    keys = {"VALID (uncapped)": secret, "REVOKED": revoked["secret"], "NOT_FOUND": unknown}
    for _ in range(max(runs, 100)):
        if apply.poll() is not None:
            break
        for label, key in keys.items():
            start = time.perf_counter()
            out = subprocess.run([bin_, "--json", "key", "verify"], env=env, input=(key + "\n").encode(),
                                 capture_output=True, check=False)
            samples[label].append(time.perf_counter() - start)
            if label.startswith("VALID"):
                answer = json.loads(out.stdout)
                if answer.get("usage_recorded"):
                    recorded += 1
                else:
                    deferred += 1
    still_running = apply.poll() is None
    apply.wait()
    print()
    print("`key verify` while another process applies 300,000 keys"
          f" ({'the apply outlasted the samples' if still_running else 'the apply finished during the samples'}):")
    for label, values in samples.items():
        if not values:
            continue
        values = sorted(values)
        p99 = values[min(len(values) - 1, int(round(0.99 * (len(values) - 1))))]
        print(f"  {label:<18} n={len(values):>4}  p50 {statistics.median(values)*1e3:7.2f} ms"
              f"  p99 {p99*1e3:7.2f} ms (target p99 <= 100 ms)")
    print(f"  valid answers whose use was recorded: {recorded}, deferred (lock held): {deferred}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--sizes", default="1000,100000,1000000")
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    bin_ = os.path.abspath(args.bin)
    sqlite3 = shutil.which("sqlite3")
    workdir = tempfile.mkdtemp(prefix="apikey-bench-")
    rows = []
    medians = {}
    try:
        for keys in sizes:
            db = os.path.join(workdir, f"store-{keys}.db")
            secret, seed_s, seed_mib = seed(bin_, db, keys, workdir)
            env = dict(os.environ, APIKEY_DB=db, APIKEY_ACTOR="bench")
            sql = VERIFY_SQL.format(sha=hashlib.sha256(secret.encode()).hexdigest())
            ours, theirs = [], []
            # Alternating runs, so that a noisy moment hits both sides alike.
            for _ in range(args.runs):
                ours.append(run([bin_, "key", "verify"], env, (secret + "\n").encode())[0])
                if sqlite3:
                    theirs.append(run([sqlite3, "-readonly", db, sql])[0])
            med, p95 = stats(ours)
            medians[keys] = med
            line = {
                "keys": keys,
                "verify_median_ms": med * 1e3,
                "verify_p95_ms": p95 * 1e3,
                "apply_keys_per_s": keys / seed_s,
                "apply_peak_mib": seed_mib,
            }
            if sqlite3:
                smed, sp95 = stats(theirs)
                line.update(sqlite_median_ms=smed * 1e3, sqlite_p95_ms=sp95 * 1e3, ratio=med / smed)
            rows.append(line)

        print(f"apikey benchmarks — {os.cpu_count()} cores, {args.runs} runs per figure")
        print()
        print("whole-process `key verify` (records the use) vs `sqlite3` running the documented query")
        print(f"{'keys':>10} {'verify med':>11} {'p95':>8} {'sqlite3 med':>12} {'p95':>8} {'ratio':>6}"
              f" {'apply keys/s':>13} {'apply peak':>11}")
        for r in rows:
            print(
                f"{r['keys']:>10,} {r['verify_median_ms']:>9.2f}ms {r['verify_p95_ms']:>6.2f}ms"
                f" {r.get('sqlite_median_ms', float('nan')):>10.2f}ms {r.get('sqlite_p95_ms', float('nan')):>6.2f}ms"
                f" {r.get('ratio', float('nan')):>5.2f}x {r['apply_keys_per_s']:>13,.0f} {r['apply_peak_mib']:>9.1f}MiB"
            )
        if len(sizes) > 1:
            print(f"growth: verify median at {sizes[-1]:,} keys / at {sizes[0]:,} keys ="
                  f" {medians[sizes[-1]] / medians[sizes[0]]:.2f}x")

        # key create for a client with many keys costs what it costs for a new client.
        big = max(s for s in sizes if s <= 100_000) if any(s <= 100_000 for s in sizes) else sizes[0]
        db = os.path.join(workdir, f"store-{big}.db")
        env = dict(os.environ, APIKEY_DB=db, APIKEY_ACTOR="bench")
        run([bin_, "--quiet", "client", "add", "fresh", "--no-key"], env)
        full, fresh = [], []
        for _ in range(args.runs):
            full.append(run([bin_, "--quiet", "key", "create", "--client", "bench"], env)[0])
            fresh.append(run([bin_, "--quiet", "key", "create", "--client", "fresh"], env)[0])
        fmed, fp95 = stats(full)
        nmed, np95 = stats(fresh)
        print()
        print(f"whole-process `key create`, alternating, in a store of {big:,} keys:")
        print(f"  client with {big:,} keys: median {fmed*1e3:.2f} ms, p95 {fp95*1e3:.2f} ms")
        print(f"  client with no keys:     median {nmed*1e3:.2f} ms, p95 {np95*1e3:.2f} ms")
        print(f"  ratio {fmed / nmed:.2f}x (target <= 1.2)")

        verify_during_apply(bin_, workdir, args.runs)

        # user verify: a known and an unknown email must cost the same (no enumeration).
        db = os.path.join(workdir, "users.db")
        env = dict(os.environ, APIKEY_DB=db, APIKEY_ACTOR="bench")
        password = b"correct horse battery staple\n"
        run([bin_, "user", "add", "known@example.org", "--password-stdin"], env, password)
        def login(email, pw):
            out = subprocess.run([bin_, "user", "verify", email, "--password-stdin"], env=env,
                                 input=pw, capture_output=True, check=False)
            return out.returncode
        timings = {}
        for label, email, pw in (("known email, right password", "known@example.org", password),
                                 ("known email, wrong password", "known@example.org", b"wrong password here\n"),
                                 ("unknown email", "nobody@example.org", password)):
            samples = []
            for _ in range(max(10, args.runs // 3)):
                start = time.perf_counter()
                login(email, pw)
                samples.append(time.perf_counter() - start)
            timings[label] = stats(samples)
        print()
        print("`user verify` (Argon2id), whole process:")
        for label, (med, p95) in timings.items():
            print(f"  {label:<28} median {med*1e3:6.1f} ms, p95 {p95*1e3:6.1f} ms")

        # Listing 100,000 rows: time and peak memory.
        listing = 100_000
        db = os.path.join(workdir, "list.db")
        env = dict(os.environ, APIKEY_DB=db, APIKEY_ACTOR="bench")
        manifest = {"clients": [{"name": f"client-{i:06}", "description": "bench client"} for i in range(listing)]}
        manifest["clients"][0]["keys"] = [{"label": "bench", "count": listing}]
        path = os.path.join(workdir, "list.json")
        with open(path, "w") as f:
            json.dump(manifest, f)
        secrets = os.path.join(workdir, "list-secrets.json")
        peak_rss([bin_, "--quiet", "apply", path, "--secrets-out", secrets], env)
        print()
        print(f"listing {listing:,} rows as JSON (time, peak RSS):")
        for what in (["client", "list"], ["key", "list"]):
            seconds, mib = peak_rss([bin_, "--json", *what], env)
            print(f"  {' '.join(what):<12} {seconds:6.2f} s {mib:8.1f} MiB")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
