-- Shared by the wrk scripts: the ids to request, from USER_IDS / ITEM_IDS (JSON arrays of
-- strings, as `lightgcn export --format npy` writes them as user_ids.json / item_ids.json), or
-- dense indices 0..USERS-1 / 0..ITEMS-1 for a model without ids.
local ids = {}

local function read(path)
  if not path or path == "" then return nil end
  local f = io.open(path, "r")
  if not f then return nil end
  local text = f:read("*a")
  f:close()
  local list = {}
  for id in text:gmatch('"(.-)"') do list[#list + 1] = id end
  return list
end

local function encode(id)
  return (id:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function ids.load()
  local users = read(os.getenv("USER_IDS"))
  local items = read(os.getenv("ITEM_IDS"))
  local userCount = tonumber(os.getenv("USERS") or "29858")
  local itemCount = tonumber(os.getenv("ITEMS") or "40981")
  local t = {}
  function t.user()
    if users then return encode(users[math.random(1, #users)]) end
    return tostring(math.random(0, userCount - 1))
  end
  function t.item()
    if items then return encode(items[math.random(1, #items)]) end
    return tostring(math.random(0, itemCount - 1))
  end
  -- A JSON string of a random item id (ids from the JSON file need no escaping).
  function t.itemJSON()
    if items then return '"' .. items[math.random(1, #items)] .. '"' end
    return tostring(math.random(0, itemCount - 1))
  end
  return t
end

return ids
