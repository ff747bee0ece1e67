-- wrk script for the direct add-prospects benchmark: every request adds 10 new people (direct
-- data with e-mails no one has yet) to one list. Run by bench/directory.sh:
--
--   LIST_PATH=/api/v1/entities/leadlists/<id>/add-prospects TOKEN=lb_... \
--     wrk -t2 -c32 -d30s --latency -s bench/direct_add.lua http://127.0.0.1:8080
local path = os.getenv("LIST_PATH")
local token = os.getenv("TOKEN")
local threads = {}
local counter = 0
local tag

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  tag = string.format("t%d-%d", id, os.time())
end

function request()
  counter = counter + 1
  local people = {}
  for i = 1, 10 do
    people[i] = string.format(
      '{"firstName":"Bench","lastName":"Person %d","jobTitle":"Buyer","emails":["%s-%d-%d@bench.example"]}',
      i, tag, counter, i)
  end
  return wrk.format("POST", path, {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json",
  }, '{"prospects":[' .. table.concat(people, ",") .. ']}')
end

added = 0
function response(status, headers, body)
  local count = body:match('"addedCount":(%d+)')
  if status == 200 and count then added = added + tonumber(count) end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("added") end
  local errors = summary.errors
  io.write(string.format("direct add of 10: %.1f req/s, %d errors (status %d, timeout %d, connect %d, read %d, write %d), " ..
    "p50 %.1f ms, p95 %.1f ms, %d people added\n",
    summary.requests / (summary.duration / 1e6),
    errors.status + errors.timeout + errors.connect + errors.read + errors.write,
    errors.status, errors.timeout, errors.connect, errors.read, errors.write,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, total))
end
