-- wrk script: a mix of valid and invalid requests. Invalid ones must get 4xx answers, never
-- 5xx or a dropped connection; the summary lists the count of each status.
-- Ids: see ids.lua (USER_IDS / ITEM_IDS, or USERS / ITEMS for a model without ids).
package.path = (os.getenv("LOADTEST_DIR") or ".") .. "/?.lua;" .. package.path
local ids = require("ids").load()
local big = '{"items":[' .. string.rep("1,", 40000) .. '1]}'

local function randomItems(n)
  local t = {}
  for i = 1, n do t[i] = ids.itemJSON() end
  return table.concat(t, ",")
end

local json = {["Content-Type"] = "application/json"}
local kinds = {
  function() return wrk.format("GET", "/recommend?user=" .. ids.user() .. "&k=20") end,
  function() return wrk.format("GET", "/recommend?user=" .. ids.user() .. "&k=20") end,
  function() return wrk.format("GET", "/recommend?user=" .. ids.user() .. "&k=50&exclude_seen=false") end,
  function() return wrk.format("GET", "/similar?item=" .. ids.item() .. "&k=20") end,
  function() return wrk.format("POST", "/recommend", json, '{"items":[' .. randomItems(5) .. '],"k":20}') end,
  function() return wrk.format("GET", "/health") end,
  -- invalid
  function() return wrk.format("GET", "/recommend?user=no-such-user-" .. math.random(0, 1000)) end, -- 404
  function() return wrk.format("GET", "/recommend?user=") end,                                      -- 400
  function() return wrk.format("GET", "/recommend?user=" .. ids.user() .. "&k=0") end,              -- 400
  function() return wrk.format("GET", "/recommend?user=" .. ids.user() .. "&k=100000") end,         -- 400
  function() return wrk.format("GET", "/recommend?user=" .. ids.user() .. "&k=99999999999999999999999") end, -- 400
  function() return wrk.format("GET", "/similar?item=%FF%FE") end,                                  -- 404
  function() return wrk.format("POST", "/recommend", json, '{"items":[1,2') end,                    -- 400
  function() return wrk.format("POST", "/recommend", json, '{"items":["no-such-item"]}') end,       -- 404
  function() return wrk.format("POST", "/recommend", json, '{"items":[]}') end,                     -- 400
  function() return wrk.format("POST", "/recommend", json, '{"features":{"age":3}}') end,           -- 400
  function() return wrk.format("POST", "/recommend", json, big) end,                                -- 413
  function() return wrk.format("GET", "/no/such/path") end,                                         -- 404
  function() return wrk.format("POST", "/admin/reload", {["Authorization"] = "Bearer wrong"}) end,  -- 403
}

function init(args)
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 100000)
end

function request() return kinds[math.random(1, #kinds)]() end

local threads = {}
function setup(thread) table.insert(threads, thread) end

statuses = {}
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total, errors = {}, 0
  for _, t in ipairs(threads) do
    for s, n in pairs(t:get("statuses")) do total[s] = (total[s] or 0) + n end
  end
  for s, n in pairs(total) do
    io.write(string.format("status %d: %d\n", s, n))
    if s >= 500 then errors = errors + n end
  end
  local e = summary.errors
  io.write(string.format("requests/s %.0f\n", summary.requests / (summary.duration / 1e6)))
  io.write(string.format("socket errors: connect %d read %d write %d timeout %d\n", e.connect, e.read, e.write, e.timeout))
  io.write(string.format("server errors (5xx): %d\n", errors))
  io.write(string.format("p50 %.3f ms  p99 %.3f ms\n", latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
