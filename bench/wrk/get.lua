-- GETs the URL given to wrk, and reports as the other scripts do (one JSON line).
dofile(os.getenv("BENCH_DIR") .. "/report.lua")
done = report
