-- wrk script: POST a batch of 1,000 tickets per request, each from a customer of its own (no two are
-- duplicates), with the API key from the environment.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("SWITCHBOARD_BENCH_KEY")
local batch = 0
-- Every wrk thread runs its own copy of this script: setup() numbers them, so customers never repeat.
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread_tag", os.time() .. "-" .. threads)
end

request = function()
  batch = batch + 1
  local items = {}
  for i = 1, 1000 do
    items[i] = '{"channel":"api","customer":{"id":"bench-' .. thread_tag .. '-' .. batch .. '-' .. i .. '"},'
      .. '"subject":"Order ' .. i .. ' arrived damaged","body":"The parcel for order ' .. i
      .. ' arrived with a broken seal and the item is scratched. I would like a replacement."}'
  end
  return wrk.format(nil, nil, nil, '{"tickets":[' .. table.concat(items, ",") .. ']}')
end

function response(status, headers, body)
  if status ~= 200 then
    io.stderr:write("unexpected status " .. status .. "\n")
  end
end
