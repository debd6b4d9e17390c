#!/usr/bin/env python3
# Usage: benchmarks/rebuild_from_log.py LOG [PEER_LIMIT]: the results of a stopped `benchmarks/run`
# (its stderr saved to LOG), from the log and benchmarks/work.
# Builds the full-mode results from the run's log and work folder (the run was stopped on
# district-60-tight: Xinyu without a time limit did not finish in 12 minutes). Peer timings and
# statuses come from the log; peer objectives and bounds from re-solving the same MPS files with
# the same limit where the peer had finished (optimal) — or at its limit for the 72-class school.
# Xinyu's peak memory from one more run of each instance (memory does not depend on the load).
import json, os, re, statistics, sys, importlib.util, importlib.machinery, types
ROOT = "/work/main"
loader = importlib.machinery.SourceFileLoader("bench", ROOT + "/benchmarks/run")
spec = importlib.util.spec_from_loader("bench", loader)
bench = importlib.util.module_from_spec(spec); loader.exec_module(bench)
WORK = ROOT + "/benchmarks/work"
LIMIT = float(sys.argv[2]) if len(sys.argv) > 2 else 120.0
lines = [l for l in open(sys.argv[1]) if " round " in l]
pat = re.compile(r"^(\S+) round (\d+): xinyu ([\d.]+) s, highs (.*?) ([\d.]+|-) s, cbc (.*?) ([\d.]+|-) s$")
runs = {}
for l in lines:
    m = pat.match(l.strip())
    if not m: print("skip", l); continue
    name, r, xs, hst, hsec, cst, csec = m.groups()
    runs.setdefault(name, []).append(dict(x=float(xs), hs=hst, hsec=None if hsec == "-" else float(hsec), cs=cst, csec=None if csec == "-" else float(csec)))
results = []
for name, rs in runs.items():
    kind = "district" if name.startswith("district") else "school"
    size = int(re.search(r"-(\d+)", name).group(1)); tight = name.endswith("tight")
    xsum = [json.load(open(f"{WORK}/{name}-out{i}/summary.json")) for i in range(len(rs))]
    mj = f"{WORK}/{name}-model/term.mps.json"
    model = json.load(open(mj)) if os.path.exists(mj) else dict(columns=None, rows=None, objective_scale=None)
    scale = model["objective_scale"] or 1.0
    mps = f"{WORK}/{name}-model/term.mps"
    def peer(st, secs, which):
        d = dict(status=st, seconds=secs, objective=None, bound=None, peak_mib=None)
        if secs is not None and os.path.exists(mps) and (("Optimal" in st) or name == "school-72"):
            again = bench.run_highs(mps, LIMIT) if which == "highs" else bench.run_cbc(mps, LIMIT)
            d.update(objective=again.get("objective"), bound=again.get("bound"), peak_mib=again.get("peak_mib"))
            d["resolved_status"] = again.get("status")
        return d
    hs0 = peer(rs[0]["hs"], rs[0]["hsec"], "highs"); cs0 = peer(rs[0]["cs"], rs[0]["csec"], "cbc")
    med = lambda v: statistics.median(v) if v else None
    hsecs = [r["hsec"] for r in rs if r["hsec"] is not None]; csecs = [r["csec"] for r in rs if r["csec"] is not None]
    ratio = lambda key: med([r[key] / r["x"] for r in rs if r[key]]) if any(r[key] for r in rs) else None
    x = xsum[0]
    peer_bounds = [v["bound"] / scale for v in (hs0, cs0) if v.get("bound") is not None and v["bound"] > -1e20]
    best = max([x["bound"]] + peer_bounds)
    results.append(dict(instance=name, kind=kind, size=size, tight=tight, columns=model["columns"], rows=model["rows"],
        shortfall=x["shortfall"], shortfall_proven=x["shortfall_proven"], xinyu_seconds=med([r["x"] for r in rs]),
        xinyu_peak_mib=bench.timed([bench.XINYU, "solve", f"{WORK}/{name}", "--out", f"{WORK}/{name}-peak", "--quiet"])[1], xinyu_objective=x["objective"], xinyu_bound=x["bound"], best_bound=best,
        xinyu_gap=(x["objective"] - best) / x["objective"] if x["objective"] > 0 else 0.0,
        highs=hs0 | dict(seconds=med(hsecs), ratio=ratio("hsec"), objective_cost=hs0["objective"] / scale if hs0["objective"] is not None else None),
        cbc=cs0 | dict(seconds=med(csecs), ratio=ratio("csec"), objective_cost=cs0["objective"] / scale if cs0["objective"] is not None else None)))
    print(name, "done", file=sys.stderr)
class A: quick = False
bench.write(results, A(), 3, LIMIT)
