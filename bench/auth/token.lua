-- wrk's side of bench/auth/run.sh (BENCH_LOADER=wrk): every connection POSTs the same grant
-- (BENCH_BODY, BENCH_CONTENT_TYPE) and an answer counts only when it is a 200 holding an
-- access_token, as in TokenLoad.java. Prints one line the script turns into a RESULT row.
wrk.method = "POST"
wrk.body = os.getenv("BENCH_BODY")
wrk.headers["Content-Type"] = os.getenv("BENCH_CONTENT_TYPE")

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  ok = 0
  bad = 0
end

function response(status, headers, body)
  if status == 200 and body and body:find('"access_token"', 1, true) then
    ok = ok + 1
  else
    bad = bad + 1
  end
end

function done(summary, latency, requests)
  local good, refused = 0, 0
  for _, thread in ipairs(threads) do
    good = good + thread:get("ok")
    refused = refused + thread:get("bad")
  end
  -- Socket errors (connect, read, write, timeout) are errors too.
  local e = summary.errors
  refused = refused + e.connect + e.read + e.write + e.timeout
  io.write(string.format("WRK ok=%d errors=%d duration_us=%d mean_us=%.0f p50_us=%d p95_us=%d p99_us=%d max_us=%d\n",
    good, refused, summary.duration, latency.mean, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max))
end
