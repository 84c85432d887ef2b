-- wrk script: POST one ticket per request, with the API key from the environment.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("SWITCHBOARD_BENCH_KEY")
wrk.body = '{"channel":"email","customer":{"id":"bench-1","email":"bench@example.com","name":"Bench","region":"eu"},'
  .. '"subject":"Refund for order 1234","body":"I was charged twice for my order 1234 last week. '
  .. 'Please refund the second charge to my card.","metadata":{"orderValue":120,"plan":"pro"}}'

function response(status, headers, body)
  if status ~= 202 then
    io.stderr:write("unexpected status " .. status .. "\n")
  end
end
