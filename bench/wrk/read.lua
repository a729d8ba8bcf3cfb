-- GETs BENCH_PATH followed by a tracking code picked at random from the file BENCH_CODES:
-- /api/v1/cases/status?code= (the one-code query) or /bench/bare/read?code= (the bare read).
dofile(os.getenv("BENCH_DIR") .. "/report.lua")
local path = os.getenv("BENCH_PATH")
local codes = {}
for line in io.lines(os.getenv("BENCH_CODES")) do codes[#codes + 1] = line end

request = function()
  return wrk.format("GET", path .. codes[math.random(#codes)])
end

done = report
