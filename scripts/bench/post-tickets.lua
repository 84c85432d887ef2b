-- wrk script: POST tickets with the API key from SWITCHBOARD_BENCH_KEY, each from a customer of its
-- own (no two are duplicates). SWITCHBOARD_BENCH_BATCH=N sends batches of N to /api/v1/tickets/batch;
-- unset or 0, one ticket per request to /api/v1/tickets.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("SWITCHBOARD_BENCH_KEY")
local batch_size = tonumber(os.getenv("SWITCHBOARD_BENCH_BATCH") or "0")
local sent = 0

-- Every wrk thread runs its own copy of this script: setup() numbers them, so customers never repeat.
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread_tag", os.time() .. "-" .. threads)
end

local function ticket(n)
  return '{"channel":"email","customer":{"id":"bench-' .. thread_tag .. '-' .. n .. '",'
    .. '"email":"bench@example.com","region":"eu"},'
    .. '"subject":"Order ' .. n .. ' arrived damaged","body":"The parcel for order ' .. n
    .. ' arrived with a broken seal and the item is scratched. I would like a replacement."}'
end

request = function()
  if batch_size == 0 then
    sent = sent + 1
    return wrk.format(nil, nil, nil, ticket(sent))
  end
  local items = {}
  for i = 1, batch_size do
    sent = sent + 1
    items[i] = ticket(sent)
  end
  return wrk.format(nil, nil, nil, '{"tickets":[' .. table.concat(items, ",") .. ']}')
end

function response(status, headers, body)
  local expected = batch_size == 0 and 202 or 200
  if status ~= expected then
    io.stderr:write("unexpected status " .. status .. "\n")
  end
end
