-- POSTs a 受理教师申诉 application with a ~200 KB PDF to BENCH_PATH: /api/v1/cases (the real
-- submission, with the partner token BENCH_TOKEN and a unique Idempotency-Key) or
-- /bench/bare/insert (the bare durable insert, which reads the same body). Every request's
-- file differs in its first 24 bytes, so every submission stores a new file.
-- With BENCH_REFUSE=1 a required answer is left out: the submission does all its work up to
-- the form's check (token, JSON, files decoded and hashed, key, applicant and item looked up)
-- and is refused with 422, writing nothing. It shows what the write itself costs.
dofile(os.getenv("BENCH_DIR") .. "/report.lua")
local path = os.getenv("BENCH_PATH")
local token = os.getenv("BENCH_TOKEN")
local item = os.getenv("BENCH_ITEM")
local request_answer = os.getenv("BENCH_REFUSE") == "1" and "" or '"request":"撤销处分决定",'

local alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
local function base64(data)
  local out = {}
  for i = 1, #data, 3 do
    local a, b, c = data:byte(i, i + 2)
    local n = a * 65536 + (b or 0) * 256 + (c or 0)
    for j = 3, 0, -1 do
      local k = math.floor(n / (64 ^ j)) % 64
      out[#out + 1] = alphabet:sub(k + 1, k + 1)
    end
  end
  return table.concat(out)
end

local filler = {}
for i = 0, 204797 do filler[#filler + 1] = string.char(97 + i % 26) end
local filler64 = base64(table.concat(filler))
id = 0
local counter = 0

setup = function(thread)
  id = id + 1
  thread:set("id", id)
end

request = function()
  counter = counter + 1
  local unique = string.format("%08d%06d", id, counter % 1000000)
  local head64 = base64("%PDF-1.4\n%" .. unique)
  local body = '{"itemCode":"' .. item .. '","applicant":{"type":"Person","name":"王五","idNumber":"11010519491231002X","phone":"13900000009"},'
    .. '"answers":{"name":"王五","idNumber":"11010519491231002X","phone":"13900000009","school":"闵行区示例小学","decisionDate":"2026-10-09",' .. request_answer .. '"facts":"压力测试"},'
    .. '"files":[{"material":"教师申诉书","fileName":"申诉书.pdf","contentBase64":"' .. head64 .. filler64 .. '"},'
    .. '{"material":"学校或者其他教育机构作出的处理决定或者相关书面材料","fileName":"决定.pdf","contentBase64":"' .. head64 .. '"}]}'
  local headers = {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. token,
    ["Idempotency-Key"] = string.format("wrk-%s-%d-%d", os.getenv("BENCH_RUN"), id, counter),
  }
  return wrk.format("POST", path, headers, body)
end

done = report
