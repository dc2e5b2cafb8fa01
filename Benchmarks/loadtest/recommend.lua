-- wrk script: GET /recommend for random known users at k=K (default 20).
-- Ids: see ids.lua (USER_IDS, or USERS for a model without ids).
package.path = (os.getenv("LOADTEST_DIR") or ".") .. "/?.lua;" .. package.path
local ids = require("ids").load()
local k = os.getenv("K") or "20"

function init(args)
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 100000)
end

function request()
  return wrk.format("GET", "/recommend?user=" .. ids.user() .. "&k=" .. k)
end

local threads = {}
function setup(thread) table.insert(threads, thread) end

statuses = {}
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total, bad = {}, 0
  for _, t in ipairs(threads) do
    for s, n in pairs(t:get("statuses")) do total[s] = (total[s] or 0) + n end
  end
  for s, n in pairs(total) do
    io.write(string.format("status %d: %d\n", s, n))
    if s ~= 200 then bad = bad + n end
  end
  io.write(string.format("requests/s %.0f\n", summary.requests / (summary.duration / 1e6)))
  io.write(string.format("p50 %.3f ms  p90 %.3f ms  p99 %.3f ms  max %.3f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("socket errors: connect %d read %d write %d timeout %d\n",
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout))
  io.write(string.format("non-200 answers: %d\n", bad))
end
