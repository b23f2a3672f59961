#!/usr/bin/env python3
"""Writes a fictional assessment corpus with its ground truth.

    python3 tools/corpus/generate.py --out corpora/sample                 # the committed sample (≤ 2 MB)
    python3 tools/corpus/generate.py --out /tmp/big --size 1G --seed 2    # any size, for benchmarks

Everything is invented: the city (青川市), its units, its cadres (roster.csv) and the informants.
Documents: interview transcripts (谈话记录; .txt in UTF-8 or GB18030, Traditional script, or .docx),
visit records (走访记录), notebooks (工作学习笔记), evaluation tables (.docx), HTML reports with
site boilerplate, complaint letters, and copies (exact and republished near-duplicates).

truth.json says, for every document, which cadres it mentions and how (full name, alias,
surname + title, pronoun), which signals it asserts, negates or reports as hearsay (with the
quote and the informant), which policy sentences are not signals, and which documents are copies
of which. See corpora/SAMPLE.md for the format.
"""
import argparse
import csv
import json
import os
import random
import sys

sys.path.insert(0, os.path.dirname(__file__))
import world  # noqa: E402
from docx import write_docx  # noqa: E402

try:
    from icu import Transliterator  # noqa: E402
    TO_TRADITIONAL = Transliterator("Simplified-Traditional")
except Exception:  # libicu missing: no Traditional documents
    TO_TRADITIONAL = None


class Cadre:
    def __init__(self, cid, name, surname, gender, alias, unit, position, level):
        self.id, self.name, self.surname, self.gender, self.alias = cid, name, surname, gender, alias
        self.unit, self.position, self.level = unit, position, level

    @property
    def title(self):
        return world.SHORT_TITLE.get(self.position, "同志")

    @property
    def pronoun(self):
        return "她" if self.gender == "f" else "他"


def build_roster():
    cadres = []
    names = list(world.NAMES)
    i = 0
    for unit in world.UNITS:
        for position, level in world.POSITIONS[unit[3]][:3]:
            if i >= len(names):
                break
            name, surname, gender, alias = names[i]
            i += 1
            cadres.append(Cadre("C%03d" % (len(cadres) + 1), name, surname, gender, alias, unit, position, level))
    return cadres


class Doc:
    """One document being written: its text pieces and what the truth file says about them."""

    def __init__(self, rng, channel, date):
        self.rng, self.channel, self.date = rng, channel, date
        self.mentions, self.signals, self.non_signals = [], [], []
        self.subjects = set()
        self.informant = None

    def ref(self, cadre, allowed=("full", "alias", "surname_title", "pronoun"), introduced=False):
        """A reference to `cadre`, recorded as a mention."""
        forms = [f for f in allowed if f != "alias" or cadre.alias]
        if not introduced:
            forms = [f for f in forms if f != "pronoun"] or ["full"]
        form = self.rng.choice(forms)
        text = {"full": cadre.name, "alias": cadre.alias, "surname_title": cadre.surname + cadre.title,
                "pronoun": self.rng.choice([cadre.pronoun, "该同志"])}[form]
        self.mentions.append({"cadre": cadre.id, "form": form, "text": text})
        return text

    def signal(self, cadre, indicator, status, informant, introduced=True):
        dimension, polarity, phrasings = world.SIGNALS[indicator]
        options = phrasings.get(status) or phrasings["asserted"]
        if not phrasings.get(status):
            status = "asserted"
        template = self.rng.choice(options)
        ref = self.ref(cadre, introduced=introduced)
        sentence = template.replace("{ref}", ref).replace("{his}", "她的" if cadre.gender == "f" else "他的")
        self.signals.append({"cadre": cadre.id, "dimension": dimension, "indicator": indicator, "polarity": polarity,
                             "status": status, "quote": sentence, "informant": informant, "channel": self.channel, "date": self.date})
        return sentence

    def filler(self, cadre, introduced=True):
        template = self.rng.choice(world.FILLERS)
        if "{ref}" not in template:
            return template
        return template.replace("{ref}", self.ref(cadre, introduced=introduced))

    def truth(self, path, fmt, encoding, script):
        return {"path": path, "channel": self.channel, "format": fmt, "encoding": encoding, "script": script, "date": self.date,
                "informant": self.informant, "subjects": sorted(self.subjects), "mentions": self.mentions,
                "signals": self.signals, "nonSignals": self.non_signals, "copyOf": None, "copyKind": None}


def pick_status(rng, positive):
    if positive:
        return rng.choices(["asserted", "hearsay"], [0.85, 0.15])[0]
    return rng.choices(["asserted", "hearsay", "negated"], [0.4, 0.25, 0.35])[0]


def pick_indicators(rng, k):
    negative = [i for i, v in world.SIGNALS.items() if v[1] == "negative"]
    positive = [i for i, v in world.SIGNALS.items() if v[1] == "positive"]
    chosen = rng.sample(negative, k)
    if rng.random() < 0.6:
        chosen.insert(rng.randrange(len(chosen) + 1), rng.choice(positive))
    return chosen


def random_date(rng, year=None):
    year = year or rng.choice([2023, 2024, 2025])
    return "%d-%02d-%02d" % (year, rng.randint(1, 12), rng.randint(1, 28))


def cn_date(iso, style):
    y, m, d = (int(x) for x in iso.split("-"))
    if style == 0:
        return "%d年%d月%d日" % (y, m, d)
    if style == 1:
        return "%d年%02d月%02d日" % (y, m, d)
    if style == 2:
        return iso
    digits = "〇一二三四五六七八九"

    def small(n):
        if n < 10:
            return digits[n]
        if n == 10:
            return "十"
        if n < 20:
            return "十" + digits[n - 10]
        return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
    return "".join(digits[int(c)] for c in str(y)) + "年" + small(m) + "月" + small(d) + "日"


QUESTIONS = [
    "请谈谈你对{ref}同志的看法。", "你对{ref}的工作怎么评价？", "说说{ref}这几年的表现吧。", "{ref}在单位里口碑怎么样？",
    "你和{ref}共事多久了？对{obj}有什么印象？", "请你客观评价一下{ref}。",
]
FOLLOW_UPS = {
    "self_discipline": ["在廉洁自律方面，有没有听到什么反映？", "{ref}八小时以外的情况你了解吗？", "有没有发现收受礼金礼品、违规吃喝等情况？"],
    "responsibility": ["{ref}敢不敢担当？遇到难事怎么处理？", "在急难险重任务中{ref}表现怎么样？"],
    "work_style": ["{ref}的工作作风怎么样？", "平时上班纪律方面呢？"],
    "capability": ["上级布置的任务，{ref}落实得怎么样？"],
    "loyalty": ["在政治表现方面有没有需要注意的地方？"],
    "steadfastness": ["{ref}在网上或者私下里有没有不当言论？"],
}
SHORT_ANSWERS = ["是的。", "这个我不清楚。", "没有了。", "基本就是这些。", "嗯，是这样。"]


def write_interview(rng, cadres, people, visit=False):
    date = random_date(rng)
    doc = Doc(rng, "visit" if visit else "interview", date)
    unit = rng.choice(world.UNITS)
    members = [c for c in cadres if c.unit == unit] or cadres
    about = rng.sample(members, min(len(members), rng.choice([1, 1, 2])))
    interviewer = rng.choice(people)
    informant = rng.choice([p for p in people if p != interviewer])
    role = rng.choice(world.VISIT_ROLES if visit else world.INFORMANT_ROLES)
    doc.informant = informant
    doc.subjects.update(c.id for c in about)
    q_label, a_label = rng.choice([("问", "答"), ("问", "答"), ("问", "答"), ("Q", "A"), (interviewer, informant)])
    colon = rng.choice(["：", ":", "："])
    lines = [rng.choice(["走访记录", "走访情况记录"]) if visit else rng.choice(["谈话记录", "个别谈话记录", "干部考察谈话记录"])]
    lines.append("%s%s%s" % ("走访时间" if visit else "谈话时间", colon, cn_date(date, rng.randrange(3)) + rng.choice(["", "上午", "下午3时"])))
    lines.append("%s%s%s" % ("走访地点" if visit else "谈话地点", colon, rng.choice([unit[1] + "会议室", unit[2] + "三楼小会议室", "社区服务中心", "市委组织部谈话室"])))
    lines.append("%s%s%s" % ("走访人" if visit else rng.choice(["谈话人", "考察组成员"]), colon, interviewer))
    informant_field = rng.choice(["%s（%s）" % (informant, role), "%s %s" % (role, informant), informant])
    lines.append("%s%s%s" % ("走访对象" if visit else rng.choice(["谈话对象", "被谈话人"]), colon, informant_field))
    lines.append("记录人%s%s" % (colon, rng.choice(people)))
    if rng.random() < 0.5:
        lines.append("是否实名%s%s" % (colon, rng.choice(["是", "否"])))
    lines.append("")
    for cadre in about:
        position_ref = rng.random() < 0.3
        obj_mention = None
        if position_ref:
            ref = cadre.unit[2] + cadre.position + cadre.name
            doc.mentions.append({"cadre": cadre.id, "form": "full", "text": cadre.name})
            obj = cadre.pronoun
            obj_mention = {"cadre": cadre.id, "form": "pronoun", "text": obj}
        else:
            ref = doc.ref(cadre, allowed=("full", "surname_title", "alias"))
            obj = doc.ref(cadre, allowed=("pronoun",), introduced=True)
            obj_mention = doc.mentions.pop()
        template = rng.choice(QUESTIONS)
        # The object pronoun is a mention only where the question actually uses it.
        if "{obj}" in template:
            doc.mentions.append(obj_mention)
        question = template.replace("{ref}", ref).replace("{obj}", obj)
        lines.append("%s%s%s" % (q_label, colon, question))
        indicators = pick_indicators(rng, rng.choice([1, 1, 2, 3]))
        answer = []
        if rng.random() < 0.6:
            answer.append(doc.filler(cadre))
        first = indicators[0]
        answer.append(doc.signal(cadre, first, pick_status(rng, world.SIGNALS[first][1] == "positive"), informant))
        lines.append("%s%s%s。" % (a_label, colon, "，".join(answer)))
        for indicator in indicators[1:]:
            dimension = world.SIGNALS[indicator][0]
            follow = rng.choice(FOLLOW_UPS.get(dimension, ["还有别的情况吗？"]))
            if "{ref}" in follow:
                follow = follow.replace("{ref}", doc.ref(cadre, allowed=("full", "surname_title", "alias")))
            lines.append("%s%s%s" % (q_label, colon, follow))
            status = pick_status(rng, world.SIGNALS[indicator][1] == "positive")
            sentence = doc.signal(cadre, indicator, status, informant)
            if rng.random() < 0.3:
                # An answer that runs over two lines.
                lines.append("%s%s%s。" % (a_label, colon, sentence))
                lines.append(doc.filler(cadre) + "。")
            else:
                lines.append("%s%s%s。" % (a_label, colon, sentence))
    lines.append("%s%s还有什么要补充的吗？" % (q_label, colon))
    lines.append("%s%s%s" % (a_label, colon, rng.choice(SHORT_ANSWERS)))
    return doc, lines


NOTE_ACTIVITIES = [
    "参加局党组理论学习中心组学习，专题学习党的二十大精神。", "召开分管科室工作例会，部署下半年重点工作。", "到{place}调研，了解项目推进情况。",
    "参加全市安全生产工作会议，会后传达到各科室。", "接待来访群众两批，记录诉求并转相关科室办理。", "研究{place}改造方案，明确责任分工。",
    "撰写专题调研报告初稿。", "参加民主生活会，开展批评与自我批评。", "走访困难党员三户，送去慰问品。", "审阅年度考核材料。",
]
PLACES = ["东港片区", "石门镇", "清河区", "老旧小区改造工地", "城北物流园", "滨江公园", "市民服务中心"]
NOTE_OTHERS = ["会上{ref}强调，要防止执行上级决策部署打折扣。", "{ref}对我们分管的工作提出了批评，要求限期整改。", "向{ref}汇报了近期工作。"]


def write_notebook(rng, cadres):
    owner = rng.choice(cadres)
    year = rng.choice([2023, 2024, 2025])
    doc = Doc(rng, "notebook", "%d-01-01" % year)
    doc.subjects.add(owner.id)
    doc.informant = owner.name
    lines = [rng.choice(["工作学习笔记", "%s工作笔记" % owner.name, "%d年工作学习笔记" % year])]
    if owner.name in lines[0]:
        doc.mentions.append({"cadre": owner.id, "form": "full", "text": owner.name})
    month, day = rng.randint(1, 3), rng.randint(1, 20)
    style = rng.randrange(4)
    first = True
    for _ in range(rng.randint(4, 9)):
        day += rng.randint(2, 9)
        if day > 28:
            day -= 27
            month += 1
        if month > 12:
            break
        iso = "%d-%02d-%02d" % (year, month, day)
        if first:
            doc.date = iso
        header = cn_date(iso, style) if first or style != 0 or rng.random() < 0.5 else "%d月%d日" % (month, day)
        first = False
        lines.append(header + rng.choice(["", " 周二", " 晴"]))
        for _ in range(rng.randint(1, 3)):
            lines.append(rng.choice(NOTE_ACTIVITIES).replace("{place}", rng.choice(PLACES)))
        if rng.random() < 0.3:
            other = rng.choice([c for c in cadres if c.unit == owner.unit and c != owner] or cadres)
            lines.append(rng.choice(NOTE_OTHERS).replace("{ref}", doc.ref(other, allowed=("surname_title", "full"))))
    return doc, lines


def write_complaint(rng, cadres):
    cadre = rng.choice(cadres)
    date = random_date(rng)
    doc = Doc(rng, "complaint", date)
    doc.subjects.add(cadre.id)
    anonymous = rng.random() < 0.5
    writer = "一名知情群众" if anonymous else rng.choice(world.PEOPLE)
    doc.informant = None if anonymous else writer
    lines = [rng.choice(["举报信", "关于%s有关问题的举报" % cadre.name, "群众来信"])]
    if cadre.name in lines[0]:
        doc.mentions.append({"cadre": cadre.id, "form": "full", "text": cadre.name})
    lines.append("尊敬的市委组织部领导：")
    lines.append("我要反映%s%s%s的问题。" % (cadre.unit[1], cadre.position, doc.ref(cadre, allowed=("full",))))
    for indicator in rng.sample(["gifts", "banquets", "cronyism", "gambling", "car_misuse", "family", "absence"], rng.randint(1, 3)):
        lines.append(doc.signal(cadre, indicator, rng.choice(["asserted", "asserted", "hearsay"]), doc.informant) + "。")
    lines.append("以上情况属实，请组织上调查核实。")
    lines.append("%s" % ("反映人：" + writer if not anonymous else "一名知情群众"))
    lines.append(cn_date(date, 0))
    return doc, lines


SITES = [
    ("青川组工网", "青ICP备12345678号", "您当前的位置：首页 > 组工动态 > 正文"),
    ("青川新闻网", "青ICP备20231234号-1", "当前位置：首页 > 本地新闻"),
    ("江东党建网", "江ICP备09876543号", "您现在的位置： 首页 >> 工作动态"),
]
FOCUS = ["项目攻坚", "乡村振兴", "安全生产", "营商环境优化", "老旧小区改造", "防汛救灾", "信访积案化解", "招商引资", "污染防治",
         "疫情防控", "基层治理", "民生实事", "重大工程建设", "河湖长制落实", "耕地保护", "城市更新"]
METHODS = ["个别谈话", "实地走访", "民主测评", "查阅资料", "列席会议", "问卷调查", "专项调研", "跟踪考察", "延伸考察", "群众座谈"]
OPENERS = ["近年来，{u}", "今年以来，{u}", "{y}年以来，{u}", "为进一步加强干部队伍建设，{u}", "按照市委部署，{u}", "围绕{f}，{u}",
           "针对干部考察中存在的信息不全、识别不准等问题，{u}"]
ACTIONS = ["坚持把政治标准放在首位，扎实开展干部日常考察", "创新干部考察方式，推动考实考准干部", "聚焦{f}一线识别干部",
           "建立健全干部日常管理监督机制", "探索“{a}+{b}”工作法，多维度了解干部", "组织开展领导班子和领导干部综合分析研判",
           "把{f}作为考察识别干部的主战场", "健全完善干部政治素质档案"]
METHOD_SENTENCES = ["考察组采取{m1}、{m2}、{m3}等方式，广泛听取干部群众意见", "通过{m1}、{m2}相结合，把干部放在{f}中考察",
                    "坚持{m1}与{m2}并用，全面掌握干部八小时内外表现", "在{f}等急难险重任务中，采取{m1}的方式近距离考察干部",
                    "综合运用{m1}、{m2}、{m3}等手段，推动考察由“定期”向“经常”转变"]
RESULTS = ["共开展个别谈话{n1}人次，走访群众{n2}户", "累计形成考察报告{n3}份、干部表现档案{n2}份", "{n3}名在{f}中表现突出的干部得到提拔重用",
           "对{n4}名存在苗头性问题的干部进行了提醒谈话", "{n4}名“不在状态”的干部被调整岗位", "发现储备优秀年轻干部{n3}名",
           "建立正负面清单{n3}项，记录干部表现{n1}条"]
CLOSERS = ["下一步，{u}将持续完善考察机制，推动干部考察工作常态化", "{u}表示，将把考察结果作为干部选拔任用的重要依据",
           "通过一系列举措，干部队伍干事创业的精气神进一步提振", "这一做法得到了干部群众的普遍认可",
           "{u}有关负责人介绍，今后将进一步拓展考察渠道", "考察中发现的问题已逐一反馈并督促整改"]


def report_text(rng, cadres, doc):
    unit = rng.choice(world.UNITS)
    u = rng.choice([unit[1], unit[2], "%s党组" % unit[2]])

    def fill(t):
        m = rng.sample(METHODS, 3)
        return (t.replace("{u}", u).replace("{f}", rng.choice(FOCUS)).replace("{y}", str(rng.choice([2022, 2023, 2024])))
                .replace("{a}", rng.choice(["日常考察", "专项考察", "一线考察"])).replace("{b}", rng.choice(["结果运用", "分析研判", "跟踪管理"]))
                .replace("{m1}", m[0]).replace("{m2}", m[1]).replace("{m3}", m[2])
                .replace("{n1}", str(rng.randint(80, 2600))).replace("{n2}", str(rng.randint(30, 900)))
                .replace("{n3}", str(rng.randint(3, 80))).replace("{n4}", str(rng.randint(2, 30))))
    paragraphs = [fill(rng.choice(OPENERS)) + "，" + fill(rng.choice(ACTIONS)) + "。"]
    for _ in range(rng.randint(2, 4)):
        sentences = [fill(rng.choice(METHOD_SENTENCES)), fill(rng.choice(RESULTS))]
        if rng.random() < 0.5:
            sentences.append(fill(rng.choice(RESULTS)))
        paragraphs.append("；".join(sentences) + "。")
    policy = rng.choice(world.POLICY)
    doc.non_signals.append({"quote": policy})
    paragraphs.insert(rng.randint(1, len(paragraphs)), policy)
    cadre = rng.choice([c for c in cadres if c.unit == unit] or cadres)
    doc.subjects.add(cadre.id)
    praise = doc.signal(cadre, rng.choice(["frontline", "strong_execution", "solid"]), "asserted", None, introduced=False)
    paragraphs.append("%s%s%s" % (cadre.unit[2], cadre.position, praise) + "。")
    paragraphs.append(fill(rng.choice(CLOSERS)) + "。")
    title = fill(rng.choice(["{u}多维印证考准干部", "{u}扎实开展干部日常考察", "{u}：把功夫下在平时", "{u}在{f}一线识别干部",
                             "{u}创新方式考实考准干部", "{u}推动干部考察常态化"]))
    return title, paragraphs


def html_page(rng, title, date, paragraphs, site, twice=False):
    name, icp, crumb = site
    body = "".join("<p>%s</p>" % p for p in paragraphs)
    if twice:
        body += '</div><div class="article-copy"><h2>%s</h2>%s' % (title, body)
    related = "".join('<li><a href="/n/%d.html">%s</a><span>%s</span></li>' % (rng.randint(1000, 9999), rng.choice(
        ["全市组织工作会议召开", "年轻干部培训班开班", "基层党建观摩会举行", "干部作风建设推进会召开"]), random_date(rng)) for _ in range(4))
    return """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>%s_%s</title></head>
<body><div class="top-nav"><a href="/">首页</a> | <a href="/dt">组工动态</a> | <a href="/ll">理论研究</a> | <a href="/gb">干部工作</a></div>
<div class="breadcrumb">%s</div>
<div class="content"><h1>%s</h1><div class="info">%s 来源：%s</div>
<div class="article">%s</div>
<div class="share">分享到：微信 微博 QQ空间</div>
<div class="related"><h3>相关文章</h3><ul>%s</ul></div></div>
<div class="footer"><p>主办单位：中共%s委员会组织部</p><p>Copyright © 2015-2025 %s 版权所有 %s</p></div>
<script>var _hmt = _hmt || []; document.write("统计代码");</script></body></html>
""" % (title, name, crumb, title, cn_date(date, 1), name, body, related, world.CITY, name, icp)


def write_evaluation(rng, cadres, path):
    unit = rng.choice(world.UNITS)
    members = [c for c in cadres if c.unit == unit]
    date = random_date(rng)
    doc = Doc(rng, "evaluation", date)
    rows = [["姓名", "职务", "优秀", "称职", "基本称职", "不称职"]]
    for c in members:
        doc.subjects.add(c.id)
        doc.mentions.append({"cadre": c.id, "form": "full", "text": c.name})
        votes = [rng.randint(20, 45), rng.randint(3, 15), rng.randint(0, 4), rng.randint(0, 2)]
        rows.append([c.name, c.position] + [str(v) for v in votes])
    body = [("h", "%s领导班子成员民主测评结果统计表" % unit[1]), ("p", "测评时间：%s　参加测评人数：%d人" % (cn_date(date, 0), sum(int(x) for x in rows[1][2:]))),
            ("table", rows)]
    if members and rng.random() < 0.7:
        c = rng.choice(members)
        status = rng.choice(["asserted", "hearsay"])
        sentence = doc.signal(c, rng.choice(["shirking", "sloth", "absence", "discounting"]), status, None, introduced=False)
        body.append(("p", "测评中的意见建议：%s。" % sentence))
    write_docx(path, body, title="民主测评结果统计表", author="考察组", created=date + "T09:00:00Z")
    return doc


def emit(lines):
    return "\n".join(lines) + "\n"


def generate(out, seed, documents, size):
    rng = random.Random(seed)
    cadres = build_roster()
    people = [p for p in world.PEOPLE]
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "roster.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "name", "aliases", "unit", "position", "level"])
        for c in cadres:
            w.writerow([c.id, c.name, c.alias or "", c.unit[1], c.position, c.level])
    truth = []
    written = 0
    n = 0
    reports = []

    def save(rel, data, doc, fmt, encoding, script):
        nonlocal written
        path = os.path.join(out, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if data is not None:
            with open(path, "wb") as f:
                f.write(data)
        written += os.path.getsize(path)
        entry = doc.truth(rel, fmt, encoding, script)
        truth.append(entry)
        return entry

    def done():
        return (size and written >= size) or (not size and n >= documents)

    while not done():
        n += 1
        kind = rng.choices(["interview", "visit", "notebook", "complaint", "report", "evaluation"], [40, 12, 12, 8, 18, 10])[0]
        if kind in ("interview", "visit"):
            doc, lines = write_interview(rng, cadres, people, visit=(kind == "visit"))
            folder = "interviews" if kind == "interview" else "visits"
            stem = "%s/%s-%05d" % (folder, "talk" if kind == "interview" else "visit", n)
            variant = rng.choices(["utf8", "gbk", "traditional", "docx"], [55, 15, 12 if TO_TRADITIONAL else 0, 18])[0]
            text = emit(lines)
            if variant == "utf8":
                entry = save(stem + ".txt", text.encode("utf-8"), doc, "text", "UTF-8", "simplified")
            elif variant == "gbk":
                entry = save(stem + ".txt", text.encode("gb18030"), doc, "text", "GB18030", "simplified")
            elif variant == "traditional":
                traditional = TO_TRADITIONAL(text)
                for m in doc.mentions:
                    m["text"] = TO_TRADITIONAL(m["text"])
                for s in doc.signals:
                    s["quote"] = TO_TRADITIONAL(s["quote"])
                entry = save(stem + ".txt", traditional.encode("utf-8"), doc, "text", "UTF-8", "traditional")
            else:
                path = os.path.join(out, stem + ".docx")
                os.makedirs(os.path.dirname(path), exist_ok=True)
                write_docx(path, [("p", l) for l in lines if l], title=lines[0], author=doc.informant)
                entry = save(stem + ".docx", None, doc, "docx", "UTF-8", "simplified")
            if rng.random() < 0.5:
                meta = {"subjects": sorted(doc.subjects), "date": doc.date}
                if kind == "visit":
                    meta["channel"] = "visit"
                with open(os.path.join(out, entry["path"] + ".meta.json"), "w", encoding="utf-8") as f:
                    json.dump(meta, f, ensure_ascii=False)
            if rng.random() < 0.04:
                # The same file saved twice under another name.
                copy = dict(entry, path=entry["path"].replace("-%05d" % n, "-%05d-copy" % n), copyOf=entry["path"], copyKind="exact")
                with open(os.path.join(out, entry["path"]), "rb") as src, open(os.path.join(out, copy["path"]), "wb") as dst:
                    dst.write(src.read())
                written += os.path.getsize(os.path.join(out, copy["path"]))
                truth.append(copy)
        elif kind == "notebook":
            doc, lines = write_notebook(rng, cadres)
            stem = "notebooks/notes-%05d" % n
            if rng.random() < 0.25:
                path = os.path.join(out, stem + ".docx")
                os.makedirs(os.path.dirname(path), exist_ok=True)
                write_docx(path, [("p", l) for l in lines], title=lines[0], author=doc.informant)
                save(stem + ".docx", None, doc, "docx", "UTF-8", "simplified")
            else:
                save(stem + ".txt", emit(lines).encode("utf-8"), doc, "text", "UTF-8", "simplified")
        elif kind == "complaint":
            doc, lines = write_complaint(rng, cadres)
            save("complaints/letter-%05d.txt" % n, emit(lines).encode(rng.choice(["utf-8", "gb18030"])), doc, "text", "detect", "simplified")
        elif kind == "report":
            doc = Doc(rng, "report", random_date(rng))
            title, paragraphs = report_text(rng, cadres, doc)
            site = rng.choice(SITES)
            twice = rng.random() < 0.2
            html = html_page(rng, title, doc.date, paragraphs, site, twice=twice)
            entry = save("reports/report-%05d.html" % n, html.encode("utf-8"), doc, "html", "UTF-8", "simplified")
            reports.append((entry, title, paragraphs, doc))
            if rng.random() < 0.3:
                # Republished elsewhere: another site's boilerplate, a new header line, one sentence reworded.
                other = rng.choice([s for s in SITES if s != site])
                changed = list(paragraphs)
                k = rng.randrange(len(changed))
                changed[k] = changed[k].replace("，", "，进一步", 1) if "，" in changed[k] else changed[k] + "（记者补充）"
                new_title = "【转载】" + title
                copy_html = html_page(rng, new_title, doc.date, changed, other)
                copy_doc = Doc(rng, "report", doc.date)
                copy_doc.mentions, copy_doc.signals, copy_doc.non_signals = doc.mentions, doc.signals, doc.non_signals
                copy_doc.subjects = doc.subjects
                copy_entry = save("reports/report-%05d-republished.html" % n, copy_html.encode("utf-8"), copy_doc, "html", "UTF-8", "simplified")
                copy_entry["copyOf"] = entry["path"]
                copy_entry["copyKind"] = "near"
        else:
            path = os.path.join(out, "evaluations/evaluation-%05d.docx" % n)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            doc = write_evaluation(rng, cadres, path)
            save("evaluations/evaluation-%05d.docx" % n, None, doc, "docx", "UTF-8", "simplified")
    with open(os.path.join(out, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump({"defaults": {}}, f)
    visits = os.path.join(out, "visits")
    if os.path.isdir(visits):
        with open(os.path.join(visits, "manifest.json"), "w", encoding="utf-8") as f:
            json.dump({"defaults": {"channel": "visit"}}, f, ensure_ascii=False)
    with open(os.path.join(out, "truth.json"), "w", encoding="utf-8") as f:
        json.dump({"generator": "tools/corpus/generate.py", "seed": seed, "roster": "roster.csv", "documents": truth},
                  f, ensure_ascii=False, indent=1)
    return len(truth), written


def parse_size(s):
    units = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    return int(float(s[:-1]) * units[s[-1].upper()]) if s[-1].upper() in units else int(s)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--documents", type=int, default=160, help="number of documents (ignored with --size)")
    ap.add_argument("--size", help="write until this many bytes, e.g. 1G")
    args = ap.parse_args()
    count, written = generate(args.out, args.seed, args.documents, parse_size(args.size) if args.size else None)
    print("%d documents, %d bytes in %s" % (count, written, args.out))


if __name__ == "__main__":
    main()
