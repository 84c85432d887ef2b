-- wrk script: POST a batch of 1,000 tickets per request, with the API key from the environment.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("SWITCHBOARD_BENCH_KEY")
local items = {}
for i = 1, 1000 do
  items[i] = '{"channel":"api","customer":{"id":"bench-' .. (i % 97) .. '"},'
    .. '"subject":"Order ' .. i .. ' arrived damaged","body":"The parcel for order ' .. i
    .. ' arrived with a broken seal and the item is scratched. I would like a replacement."}'
end
wrk.body = '{"tickets":[' .. table.concat(items, ",") .. ']}'

function response(status, headers, body)
  if status ~= 200 then
    io.stderr:write("unexpected status " .. status .. "\n")
  end
end
