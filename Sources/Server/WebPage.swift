/// The analysts' page at `/`: one self-contained HTML file (no build step, no external assets,
/// works offline) over the JSON API — search with the query language, hits with highlights,
/// facets, a document view with mentions and signals marked, and links to cadre dossiers.
/// Text is shown as written (highlights are byte offsets into the original text).
enum WebPage {
    static let html = #"""
<!doctype html>
<html lang="zh"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>印证 Yinzheng</title>
<style>
:root{--ink:#222;--muted:#777;--line:#e3e3e3;--hl:#ffe58f;--neg:#c0392b;--pos:#27ae60}
*{box-sizing:border-box} body{margin:0;font:15px/1.6 system-ui,"Noto Sans CJK SC","PingFang SC",sans-serif;color:var(--ink)}
header{display:flex;gap:.6rem;align-items:center;padding:.7rem 1rem;border-bottom:1px solid var(--line);position:sticky;top:0;background:#fff}
header b{font-size:1.1rem} #q{flex:1;font:inherit;padding:.45rem .6rem;border:1px solid #bbb;border-radius:.3rem}
button{font:inherit;padding:.4rem .9rem;border:1px solid #888;background:#f7f7f7;border-radius:.3rem;cursor:pointer}
main{display:grid;grid-template-columns:15rem 1fr;gap:1.2rem;padding:1rem;max-width:80rem;margin:auto}
aside h4{margin:.8rem 0 .2rem;font-size:.85rem;color:var(--muted);text-transform:uppercase}
aside a{display:block;color:var(--ink);text-decoration:none;font-size:.9rem} aside a:hover{text-decoration:underline}
.hit{padding:.6rem 0;border-bottom:1px solid var(--line)} .hit .path{color:#1a5fb4;cursor:pointer;word-break:break-all}
.meta{color:var(--muted);font-size:.85rem} .snip{margin:.2rem 0;white-space:pre-wrap} mark{background:var(--hl);padding:0 .05em}
#doc{white-space:pre-wrap;border:1px solid var(--line);padding:1rem;border-radius:.4rem} .err{color:var(--neg)}
.m{border-bottom:2px solid #1a5fb4} .m.amb{border-bottom:2px dashed #999} .s{background:#fde2e1} .s.positive{background:#dff5e3} .s.negated{background:#eee;text-decoration:line-through}
.legend span{margin-right:1rem;font-size:.85rem}
</style></head><body>
<header><b>印证</b><input id="q" placeholder="推诿扯皮 channel:interview date:2024..  ·  王伟 cadre:C002  ·  signal:self_discipline status:corroborated" autofocus><button id="go">搜索 Search</button></header>
<main><aside id="facets"></aside><section id="out"><p class="meta">Query language: terms and "phrases", AND / OR / NOT, ( ), channel: unit: date: cadre: signal: status:, A NEAR/5 B. Traditional and Simplified find each other.</p></section></main>
<script>
const $ = s => document.querySelector(s);
const enc = new TextEncoder(), dec = new TextDecoder();
function esc(s){return s.replace(/[&<>"]/g, c => ({"&":"&amp;","<":"&lt;",">":"&gt;",'"':"&quot;"}[c]));}
// Marks byte ranges [[start, end, item], …] of a UTF-8 string; ranges may nest or overlap
// (a mention inside a signal's clause): spans are closed and reopened at every boundary.
function markBytes(text, ranges, open){
  const b = enc.encode(text);
  const cuts = new Set([0, b.length]);
  for (const r of ranges) { cuts.add(Math.max(0, Math.min(b.length, r[0]))); cuts.add(Math.max(0, Math.min(b.length, r[1]))); }
  const points = [...cuts].sort((x, y) => x - y);
  let out = "";
  for (let i = 0; i + 1 < points.length; i++) {
    const from = points[i], to = points[i + 1];
    const piece = esc(dec.decode(b.slice(from, to)));
    const covering = ranges.filter(r => r[0] <= from && to <= r[1]);
    if (!covering.length) { out += piece; continue; }
    out += open ? covering.map(open).join("") + piece + "</span>".repeat(covering.length) : "<mark>" + piece + "</mark>";
  }
  return out;
}
// The API token (when the server requires one) lives in this tab's sessionStorage only.
function headers(){ const t = sessionStorage.getItem("yz-token"); return t ? {"Authorization": "Bearer " + t} : {}; }
class NeedToken extends Error {}
async function fetchOK(url){
  const r = await fetch(url, {headers: headers()});
  if (r.status === 401) { const b = await r.json().catch(() => ({})); throw new NeedToken(b.error ? b.error.message : "a token is needed"); }
  if (!r.ok) { const b = await r.json().catch(() => ({})); throw new Error(b.error ? b.error.code + ": " + b.error.message : String(r.status)); }
  return r;
}
async function api(url){ return (await fetchOK(url)).json(); }
// Shows an error; a missing or refused token gets a field to paste one, then `retry` runs again.
function fail(e, retry){
  if (!(e instanceof NeedToken)) { $("#out").innerHTML = `<p class="err">${esc(e.message)}</p>`; return; }
  $("#out").innerHTML = `<form id="tok"><p class="err">${esc(e.message)}</p><p>API token: <input id="token" type="password" size="48" autocomplete="off"> <button>Use</button></p>
    <p class="meta">Ask an admin for one (<code>yz token create</code>). It is kept in this tab only.</p></form>`;
  $("#tok").onsubmit = ev => { ev.preventDefault(); sessionStorage.setItem("yz-token", $("#token").value.trim()); retry(); };
}
async function search(q, offset=0){
  location.hash = "q=" + encodeURIComponent(q);
  try {
    const r = await api("/api/search?limit=20&offset=" + offset + "&q=" + encodeURIComponent(q));
    let h = `<p class="meta">${r.total} document(s)</p>`;
    for (const hit of r.hits) {
      h += `<div class="hit"><div class="path" data-path="${esc(hit.path)}">${esc(hit.title || hit.path)}</div>
        <div class="meta">${esc(hit.channel)} ${esc(hit.date || "")} · ${esc(hit.path)} · score ${hit.score}</div>` +
        hit.snippets.map(s => `<div class="snip">… ${markBytes(s.text, s.highlights)} …</div>`).join("") + `</div>`;
    }
    if (r.total > offset + 20) h += `<button id="more">More</button>`;
    $("#out").innerHTML = h;
    if ($("#more")) $("#more").onclick = () => search(q, offset + 20);
    document.querySelectorAll(".path").forEach(e => e.onclick = () => showDocument(e.dataset.path));
    let f = "";
    for (const [field, counts] of Object.entries(r.facets)) {
      const top = Object.entries(counts).sort((a,b) => b[1]-a[1]).slice(0, 12);
      if (!top.length) continue;
      f += `<h4>${esc(field)}</h4>` + top.map(([v,n]) => `<a href="#" data-f="${esc(field === "year" ? "date" : field)}:${esc(v)}">${esc(v)} <span class="meta">${n}</span></a>`).join("");
    }
    $("#facets").innerHTML = f;
    document.querySelectorAll("#facets a").forEach(a => a.onclick = e => { e.preventDefault(); $("#q").value = q + " " + a.dataset.f; search($("#q").value); });
  } catch (e) { fail(e, () => search(q, offset)); }
}
async function showDocument(path){
  location.hash = "doc=" + encodeURIComponent(path);
  try {
    const d = await api("/api/document?path=" + encodeURIComponent(path));
    const ranges = d.mentions.map(m => [m.start, m.end, m]).concat(d.evidence.map(e => [e.start, e.end, e]));
    const body = markBytes(d.text, ranges, r => r[2].form
      ? `<span class="m ${r[2].status === "ambiguous" ? "amb" : ""}" title="${esc((r[2].cadre || "ambiguous: " + r[2].candidates) + " — " + r[2].evidence)}">`
      : `<span class="s ${esc(r[2].polarity)} ${esc(r[2].status)}" title="${esc(r[2].dimension + "/" + r[2].indicator + " · " + r[2].status + " · " + (r[2].cadre || "unattributed"))}">`);
    $("#out").innerHTML = `<p><a href="#" id="back">← results</a></p><h3>${esc(d.title || d.path)}</h3>
      <p class="meta">${esc(d.channel)} ${esc(d.dates.join(", "))} · ${esc(d.path)}</p>
      <p class="meta">Cadres: ${d.cadres.map(c => `<a href="#dossier=${encodeURIComponent(c)}" class="dossier" data-id="${esc(c)}">${esc(c)} dossier</a>`).join(" · ") || "none"}</p>
      <p class="legend"><span class="m">mention</span><span class="m amb">ambiguous</span><span class="s">negative signal</span><span class="s positive">positive</span><span class="s negated">denied</span></p>
      <div id="doc">${body}</div>`;
    $("#back").onclick = e => { e.preventDefault(); search($("#q").value); };
    document.querySelectorAll("a.dossier").forEach(a => a.onclick = e => { e.preventDefault(); showDossier(a.dataset.id); });
  } catch (e) { fail(e, () => showDocument(path)); }
}
// The dossier as the server renders it (printable HTML), fetched with the token, in a frame.
async function showDossier(id){
  location.hash = "dossier=" + encodeURIComponent(id);
  try {
    const html = await (await fetchOK("/api/cadres/" + encodeURIComponent(id) + "/dossier?format=html")).text();
    $("#out").innerHTML = `<p><a href="#" id="back">← results</a> · <a href="#" id="print">print</a></p><iframe id="dossier" sandbox="allow-same-origin allow-modals" style="width:100%;height:80vh;border:1px solid var(--line)"></iframe>`;
    $("#dossier").srcdoc = html;
    $("#back").onclick = e => { e.preventDefault(); search($("#q").value); };
    $("#print").onclick = e => { e.preventDefault(); $("#dossier").contentWindow.print(); };
  } catch (e) { fail(e, () => showDossier(id)); }
}
$("#go").onclick = () => search($("#q").value);
$("#q").onkeydown = e => { if (e.key === "Enter") search($("#q").value); };
// Links: #q=QUERY shows results, #doc=PATH a document (so both can be bookmarked and shared).
if (location.hash.startsWith("#q=")) { $("#q").value = decodeURIComponent(location.hash.slice(3)); search($("#q").value); }
else if (location.hash.startsWith("#doc=")) { showDocument(decodeURIComponent(location.hash.slice(5))); }
else if (location.hash.startsWith("#dossier=")) { showDossier(decodeURIComponent(location.hash.slice(9))); }
</script></body></html>
"""#
}
