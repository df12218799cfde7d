-- One wrk script for every bench scenario.
--   wrk -s bench/wrk/scenario.lua URL -- MODE PATH [AUTHORIZATION|-] [IDS_FILE|-]
-- MODE: get | create_post | add_comment. PATH may hold "{id}": each request takes the
-- next line of IDS_FILE (post ids or slugs), so reads and comments spread over many posts.
-- done() prints one "BENCH_RESULT {json}" line for bench/wrk_runner.py. wrk counts
-- responses >= 400 itself (status_errors); writes also tally every status code through a
-- response() hook, which reads leave out because it slows wrk down.

local mode, template
local headers = {}
local ids = {}
local counter = 0
statuses = {}  -- global: done() reads each thread's copy through thread:get
local run_tag = tostring(os.time())

-- Runs once per thread in the main Lua state: give every thread its own number.
local threads = {}
function setup(thread)
  threads[#threads + 1] = thread
  thread:set("thread_number", #threads)
end

function init(args)
  mode = args[1] or "get"
  template = args[2] or "/"
  if args[3] and args[3] ~= "-" then
    headers["Authorization"] = args[3]
  end
  if args[4] and args[4] ~= "-" then
    for line in io.lines(args[4]) do
      if line ~= "" then ids[#ids + 1] = line end
    end
  end
  if mode ~= "get" then
    headers["Content-Type"] = "application/json"
    -- wrk looks for response() after init(), so only writes pay for it.
    response = function(status)
      local key = tostring(status)
      statuses[key] = (statuses[key] or 0) + 1
    end
  end
  -- Threads start at different places in the id list.
  counter = (thread_number or 1) * 7919
end

local function path()
  if #ids == 0 then return template end
  local id = ids[counter % #ids + 1]
  return (template:gsub("{id}", id))
end

function request()
  counter = counter + 1
  if mode == "create_post" then
    local n = string.format("%s-%d-%d", run_tag, thread_number or 1, counter)
    local body = string.format(
      '{"title":"Bench post %s","description":"Written by the benchmark",' ..
      '"body":"A body for bench post %s. It has a few sentences of text, like a short ' ..
      'note would.","tags":["bench","performance"],"publish":true}', n, n)
    return wrk.format("POST", path(), headers, body)
  elseif mode == "add_comment" then
    local body = string.format(
      '{"body":"Bench comment %s-%d-%d: well written."}', run_tag, thread_number or 1, counter)
    return wrk.format("POST", path(), headers, body)
  end
  return wrk.format("GET", path(), headers)
end

function done(summary, latency, requests)
  local e = summary.errors
  local totals = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses") or {}) do
      totals[status] = (totals[status] or 0) + count
    end
  end
  local parts = {}
  for status, count in pairs(totals) do
    parts[#parts + 1] = string.format('"%s":%d', status, count)
  end
  io.write(string.format(
    'BENCH_RESULT {"requests":%d,"duration_us":%d,"bytes":%d,' ..
    '"status_errors":%d,"connect_errors":%d,"read_errors":%d,"write_errors":%d,' ..
    '"timeouts":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d,"mean_us":%.1f,' ..
    '"statuses":{%s}}\n',
    summary.requests, summary.duration, summary.bytes,
    e.status, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.max, latency.mean, table.concat(parts, ",")))
end
