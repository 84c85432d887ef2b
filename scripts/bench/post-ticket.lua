-- wrk script: POST one ticket per request, each from a customer of its own (no two are duplicates),
-- with the API key from the environment.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("SWITCHBOARD_BENCH_KEY")
local counter = 0
-- Every wrk thread runs its own copy of this script: setup() numbers them, so customers never repeat.
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread_tag", os.time() .. "-" .. threads)
end

request = function()
  counter = counter + 1
  local body = '{"channel":"email","customer":{"id":"bench-' .. thread_tag .. '-' .. counter .. '",'
    .. '"email":"bench@example.com","name":"Bench","region":"eu"},'
    .. '"subject":"Refund for order ' .. counter .. '","body":"I was charged twice for my order ' .. counter
    .. ' last week. Please refund the second charge to my card.","metadata":{"orderValue":120,"plan":"pro"}}'
  return wrk.format(nil, nil, nil, body)
end

function response(status, headers, body)
  if status ~= 202 then
    io.stderr:write("unexpected status " .. status .. "\n")
  end
end
