-- wrk script: the dashboard as the office sees it; prints p50/p95/p99 and the errors at the end.
wrk.headers["Cookie"] = os.getenv("XINYU_COOKIE")

done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
                 + summary.errors.status + summary.errors.timeout
  io.write(string.format("requests %d in %.1f s (%.1f/s)\n", summary.requests, summary.duration / 1e6,
                         summary.requests / (summary.duration / 1e6)))
  io.write(string.format("p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms\n",
                         latency:percentile(50) / 1000, latency:percentile(95) / 1000,
                         latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("errors %d (connect %d, read %d, write %d, non-2xx %d, timeout %d)\n", errors,
                         summary.errors.connect, summary.errors.read, summary.errors.write,
                         summary.errors.status, summary.errors.timeout))
end
