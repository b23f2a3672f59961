-- The 20 news queries of tools/bench-queries.txt, in turn, for wrk against `yz serve` on an index
-- of ../shared/data/cctv-xwlb (tools/bench-server INDEX SECONDS tools/wrk-news.lua).
local paths = {
  "/api/search?q=%E4%BA%BA%E6%B0%91%E4%BB%A3%E8%A1%A8%E5%A4%A7%E4%BC%9A",
  "/api/search?q=%E4%B9%A0%E8%BF%91%E5%B9%B3",
  "/api/search?q=%E4%B9%A1%E6%9D%91%E6%8C%AF%E5%85%B4",
  "/api/search?q=%E9%AB%98%E8%B4%A8%E9%87%8F%E5%8F%91%E5%B1%95",
  "/api/search?q=%E4%B8%80%E5%B8%A6%E4%B8%80%E8%B7%AF",
  "/api/search?q=%E8%84%B1%E8%B4%AB%E6%94%BB%E5%9D%9A",
  "/api/search?q=%E7%96%AB%E6%83%85%E9%98%B2%E6%8E%A7",
  "/api/search?q=%E6%96%B0%E5%86%A0",
  "/api/search?q=%E7%A2%B3%E8%BE%BE%E5%B3%B0",
  "/api/search?q=%E7%B2%AE%E9%A3%9F%E5%AE%89%E5%85%A8",
  "/api/search?q=%E7%A7%91%E6%8A%80%E5%88%9B%E6%96%B0",
  "/api/search?q=%E5%85%B1%E5%90%8C%E5%AF%8C%E8%A3%95",
  "/api/search?q=%E5%85%A8%E9%9D%A2%E4%BB%8E%E4%B8%A5%E6%B2%BB%E5%85%9A",
  "/api/search?q=%E6%94%B9%E9%9D%A9%E5%BC%80%E6%94%BE",
  "/api/search?q=%E5%9B%BD%E5%8A%A1%E9%99%A2",
  "/api/search?q=%E9%98%B2%E6%B1%9B",
  "/api/search?q=%E5%86%AC%E5%A5%A5%E4%BC%9A",
  "/api/search?q=%E7%94%9F%E6%80%81%E7%8E%AF%E5%A2%83%E4%BF%9D%E6%8A%A4",
  "/api/search?q=%E4%B8%AD%E5%9B%BD%E5%BC%8F%E7%8E%B0%E4%BB%A3%E5%8C%96",
  "/api/search?q=%E6%B0%91%E8%90%A5%E7%BB%8F%E6%B5%8E",
}
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
