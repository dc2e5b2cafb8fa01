-- wrk script: GET /recommend for random known users at k=20.
-- USERS (environment) is the model's user count (default: Gowalla's 29858).
local users = tonumber(os.getenv("USERS") or "29858")
local k = os.getenv("K") or "20"
local counter = 0

function init(args)
  math.randomseed(os.time() + counter)
  counter = counter + 1
end

function request()
  return wrk.format("GET", "/recommend?user=" .. math.random(0, users - 1) .. "&k=" .. k)
end

local threads = {}
function setup(thread) table.insert(threads, thread) end

statuses = {}
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    for s, n in pairs(t:get("statuses")) do total[s] = (total[s] or 0) + n end
  end
  for s, n in pairs(total) do io.write(string.format("status %d: %d\n", s, n)) end
  io.write(string.format("p50 %.3f ms  p90 %.3f ms  p99 %.3f ms  max %.3f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("socket errors: connect %d read %d write %d timeout %d\n",
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout))
end
