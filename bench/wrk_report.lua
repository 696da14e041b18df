-- wrk script of bench/load.py: counts the answers that are not 2xx (wrk itself
-- counts only 4xx/5xx) and prints the run as one JSON line after the marker.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  non2xx = 0
  last_non2xx = 0
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    last_non2xx = status
  end
end

function done(summary, latency, requests)
  local non, last = 0, 0
  for _, thread in ipairs(threads) do
    non = non + thread:get("non2xx")
    if thread:get("last_non2xx") ~= 0 then last = thread:get("last_non2xx") end
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH_WRK_JSON {"requests": %d, "duration_us": %d, "bytes": %d, '
    .. '"p50_us": %d, "p90_us": %d, "p95_us": %d, "p99_us": %d, '
    .. '"mean_us": %.1f, "max_us": %d, "non_2xx": %d, "a_non_2xx_status": %d, '
    .. '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}}\n',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(90), latency:percentile(95),
    latency:percentile(99), latency.mean, latency.max, non, last,
    e.connect, e.read, e.write, e.status, e.timeout))
end
