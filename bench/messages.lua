-- wrk script: POST a form body with Basic auth to each path of BENCH_PATHS in turn (one
-- conversation's Messages each), with X-Twilio-Webhook-Enabled when BENCH_WEBHOOK=true.
local paths = {}
for path in string.gmatch(os.getenv("BENCH_PATHS"), "%S+") do table.insert(paths, path) end
local i = 0
wrk.method = "POST"
wrk.body = os.getenv("BENCH_BODY")
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = os.getenv("BENCH_AUTH")
if os.getenv("BENCH_WEBHOOK") == "true" then wrk.headers["X-Twilio-Webhook-Enabled"] = "true" end
request = function()
  i = i % #paths + 1
  return wrk.format(nil, paths[i])
end
