-- A mixed query set for wrk against `yz serve` (tools/bench-server): words, 2-character
-- terms, phrases, boolean and filtered queries, and a dossier, in turn.
local paths = {
  "/api/search?q=%E6%8E%A8%E8%AF%BF%E6%89%AF%E7%9A%AE",                                  -- 推诿扯皮
  "/api/search?q=%E6%89%93%E7%89%8C",                                                    -- 打牌
  "/api/search?q=%22%E6%94%B6%E5%8F%97%E7%A4%BC%E9%87%91%22%20NOT%20%E6%B2%A1%E6%9C%89",  -- "收受礼金" NOT 没有
  "/api/search?q=%E6%8E%A8%E8%AF%BF%20channel%3Ainterview",                              -- 推诿 channel:interview
  "/api/search?q=%E7%8E%8B%E4%BC%9F%20cadre%3AC002",                                     -- 王伟 cadre:C002
  "/api/search?q=%E6%94%B6%E5%8F%97%20NEAR%2F3%20%E7%A4%BC%E9%87%91",                    -- 收受 NEAR/3 礼金
  "/api/cadres/C011/dossier",
  "/api/health",
}
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
