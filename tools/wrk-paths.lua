-- Requests the paths of a list file in turn, for wrk (tools/bench-server passes the file):
--   wrk … -s tools/wrk-paths.lua http://127.0.0.1:PORT -- tools/wrk-news.paths
-- One path per line; blank lines and text after '#' are ignored.
local paths = {}
local i = 0

function init(args)
  local file = assert(io.open(args[1], "r"), "tools/wrk-paths.lua: cannot open " .. tostring(args[1]))
  for line in file:lines() do
    local path = line:gsub("#.*", ""):match("^%s*(.-)%s*$")
    if path ~= "" then paths[#paths + 1] = path end
  end
  file:close()
  assert(#paths > 0, "tools/wrk-paths.lua: no paths in " .. args[1])
end

function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
