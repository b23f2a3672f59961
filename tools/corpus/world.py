"""The fictional world of the sample corpus: a city, its units and cadres, informants, and the
phrase bank for negative-list signals (asserted, hearsay and negated forms)."""

CITY = "青川市"

# (unit id, full name, short name, kind)
UNITS = [
    ("U01", "青川市交通运输局", "交通运输局", "bureau"),
    ("U02", "青川市教育局", "教育局", "bureau"),
    ("U03", "青川市卫生健康委员会", "卫健委", "commission"),
    ("U04", "青川市财政局", "财政局", "bureau"),
    ("U05", "青川市自然资源和规划局", "自然资源局", "bureau"),
    ("U06", "青川市住房和城乡建设局", "住建局", "bureau"),
    ("U07", "青川市农业农村局", "农业农村局", "bureau"),
    ("U08", "青川市生态环境局", "生态环境局", "bureau"),
    ("U09", "青川市市场监督管理局", "市场监管局", "bureau"),
    ("U10", "青川市清河区人民政府", "清河区政府", "district"),
    ("U11", "青川市石门镇人民政府", "石门镇政府", "town"),
    ("U12", "青川市东港街道办事处", "东港街道", "street"),
    ("U13", "青川市城市管理局", "城管局", "bureau"),
    ("U14", "青川市商务局", "商务局", "bureau"),
]

POSITIONS = {
    "bureau": [("党组书记、局长", "正处"), ("副局长", "副处"), ("副局长", "副处"), ("总工程师", "副处")],
    "commission": [("主任", "正处"), ("副主任", "副处"), ("副主任", "副处")],
    "district": [("区长", "正处"), ("副区长", "副处"), ("副区长", "副处")],
    "town": [("党委书记", "正科"), ("镇长", "正科"), ("副镇长", "副科")],
    "street": [("党工委书记", "正科"), ("主任", "正科"), ("副主任", "副科")],
}

# The short title used in "surname + title" references, by position.
SHORT_TITLE = {
    "局长": "局长", "党组书记、局长": "局长", "副局长": "局长", "总工程师": "总工", "主任": "主任", "副主任": "主任",
    "区长": "区长", "副区长": "区长", "党委书记": "书记", "镇长": "镇长", "副镇长": "镇长", "党工委书记": "书记",
}

# Cadre names: collisions (two 王伟), names that are also words (高明, 江山, 许诺, 林海, 何平),
# compound surnames (欧阳, 司马). (name, surname, gender, alias or None)
NAMES = [
    ("王建国", "王", "m", "老王"), ("王伟", "王", "m", None), ("杨帆", "杨", "m", None), ("高明", "高", "m", None),
    ("江山", "江", "m", None), ("王伟", "王", "m", "小王"), ("欧阳志远", "欧阳", "m", "志远"), ("司马晓光", "司马", "m", None), ("李红", "李", "f", None),
    ("张军", "张", "m", "老张"), ("刘洋", "刘", "m", None), ("陈静", "陈", "f", None),
    ("赵刚", "赵", "m", "老赵"), ("黄磊", "黄", "m", None), ("周涛", "周", "m", "老周"), ("吴敏", "吴", "f", None),
    ("徐丽", "徐", "f", None), ("孙强", "孙", "m", None), ("马超", "马", "m", None), ("朱琳", "朱", "f", None),
    ("胡斌", "胡", "m", None), ("郭峰", "郭", "m", None), ("何平", "何", "m", None), ("林海", "林", "m", None),
    ("罗毅", "罗", "m", None), ("梁晨", "梁", "f", None), ("宋佳", "宋", "f", "小宋"), ("郑凯", "郑", "m", None),
    ("谢婷", "谢", "f", None), ("韩冰", "韩", "f", None), ("唐亮", "唐", "m", None), ("冯雪", "冯", "f", None),
    ("于洋", "于", "m", None), ("董明", "董", "m", None), ("程远", "程", "m", None), ("曹颖", "曹", "f", None),
    ("袁博", "袁", "m", None), ("邓晖", "邓", "m", None), ("许诺", "许", "f", None), ("沈洁", "沈", "f", None),
    ("彭辉", "彭", "m", None), ("曾琦", "曾", "f", None),
]

# People who are not on the roster: informants, interviewers, recorders, neighbours.
PEOPLE = [
    "刘明", "赵一鸣", "孙丽华", "钱国庆", "周晓梅", "吴建华", "郑海燕", "冯志强", "陈晓燕", "褚卫东", "卫红梅", "蒋文斌",
    "沈玉兰", "韩德胜", "杨秀英", "朱永刚", "秦淑珍", "尤立新", "许桂芳", "何建军", "吕春燕", "施振华", "张海波", "孔令伟",
    "曹玉梅", "严志勇", "华美玲", "金大伟", "魏淑华", "陶文杰", "姜丽娟", "戚志明", "谢春花", "邹国栋", "喻晓东", "柏云",
    "水立平", "窦建英", "章卫国", "云秀兰", "苏建平", "潘晓红", "葛长林", "奚美华", "范志刚", "彭丽", "郎永福", "鲁秀芝",
]

INFORMANT_ROLES = ["局办公室主任", "人事科科长", "综合科科长", "下属单位负责人", "工会主席", "办公室工作人员", "业务科副科长",
                   "退休干部", "班子成员", "中层干部", "二级单位主要负责人", "财务科科长", "纪检组工作人员"]
VISIT_ROLES = ["社区党委书记", "小区物业经理", "邻居", "村委会主任", "社区网格员", "同住小区的退休教师", "楼栋长", "亲属"]

# Signal phrase bank: indicator id → dimension, polarity, and phrasings per status. {ref} is the
# reference to the cadre (full name, alias, surname + title, or pronoun).
SIGNALS = {
    "two_faced": ("loyalty", "negative", {
        "asserted": ["{ref}当面一套、背后一套，会上表态坚决，会后落实走样", "{ref}对上级部署阳奉阴违，表面应付",
                     "{ref}在班子会上说得好听，私下里却另搞一套"],
        "hearsay": ["听说{ref}对市里的决定私下有不同说法，当面却满口答应", "据反映，{ref}有阳奉阴违的情况"],
        "negated": ["没有发现{ref}有阳奉阴违的问题", "{ref}从未在执行决定上搞变通"]}),
    "improper_remarks": ("loyalty", "negative", {
        "asserted": ["{ref}在饭桌上妄议中央大政方针", "{ref}多次在私下场合对上级政策说三道四"],
        "hearsay": ["有人说{ref}私下里对上级政策发过牢骚", "好像听人讲{ref}在聚会上乱评论政策"],
        "negated": ["从没听{ref}说过不当的话", "{ref}在政治上是清醒的，不存在妄议的问题"]}),
    "online_remarks": ("steadfastness", "negative", {
        "asserted": ["{ref}在朋友圈转发过不当言论，后来才删掉", "{ref}在微信群里发表过不当言论"],
        "hearsay": ["听说{ref}在朋友圈发过一些不合适的东西", "据反映{ref}曾在网上跟帖发表不当言论"],
        "negated": ["{ref}在网上发言一直很注意，没有发现不当言论", "并非像传言说的那样，{ref}没有在朋友圈发表不当言论"]}),
    "shirking": ("responsibility", "negative", {
        "asserted": ["{ref}遇到矛盾绕道走，跨部门的事情能推就推", "{ref}推诿扯皮，群众反映的问题拖了半年也没解决",
                     "碰到难办的信访件，{ref}总是往下面科室推", "{ref}对分管领域的难题推拖绕，责任都往外推"],
        "hearsay": ["据反映，{ref}在协调征地问题时推诿扯皮", "听下面的同志说，{ref}遇到矛盾喜欢绕道走"],
        "negated": ["{ref}不存在推诿扯皮的问题，难事都是亲自协调", "没有发现{ref}遇到矛盾绕道走的情况"]}),
    "inaction": ("responsibility", "negative", {
        "asserted": ["{ref}不担当不作为，分管的项目一年没有实质进展", "{ref}关键时刻往后退，怕担责任"],
        "hearsay": ["有人说{ref}怕担责任，能不签字就不签字", "听说{ref}在疫情防控期间有不作为的情况"],
        "negated": ["{ref}不是那种不担当不作为的干部", "从未发现{ref}有不作为的表现"]}),
    "discounting": ("capability", "negative", {
        "asserted": ["{ref}执行上级决策部署打折扣，整改任务落实不到位", "{ref}对市里布置的任务搞选择性执行",
                     "{ref}分管的整改事项落实不到位，台账做得好看，实际没改"],
        "hearsay": ["据反映，{ref}对上级部署执行起来打折扣", "听说{ref}分管的整改工作落实不到位"],
        "negated": ["{ref}执行上级部署不打折扣", "没有发现{ref}落实不到位的问题"]}),
    "gifts": ("self_discipline", "negative", {
        "asserted": ["{ref}逢年过节收受下属送的礼金礼品", "{ref}收过企业老板的购物卡", "去年春节前，有人看见{ref}收了施工单位送的红包"],
        "hearsay": ["听说{ref}收过企业老板的购物卡，具体情况不清楚", "据反映，{ref}逢年过节收受下属的礼品", "好像有人说{ref}收过红包"],
        "negated": ["没有发现{ref}收受礼金礼品的问题", "{ref}从来不收别人的东西，这一点大家都认可", "{ref}不存在收受礼金的情况"]}),
    "banquets": ("self_discipline", "negative", {
        "asserted": ["{ref}经常参加企业老板安排的饭局", "{ref}在工作日中午饮酒，违规吃喝", "{ref}多次接受管理服务对象的宴请"],
        "hearsay": ["听说{ref}经常到一家农家乐吃饭，是老板买单", "有人反映{ref}参加过违规吃喝"],
        "negated": ["没有发现{ref}违规吃喝的问题", "{ref}严格遵守八项规定，从不参加吃请"]}),
    "cronyism": ("self_discipline", "negative", {
        "asserted": ["{ref}任人唯亲，提拔的几个科长都是{his}老部下", "{ref}在单位里搞小圈子，排斥不同意见的同志"],
        "hearsay": ["据反映{ref}用人上有任人唯亲的倾向", "听说{ref}和几个科长走得很近，搞小圈子"],
        "negated": ["{ref}用人比较公道，没有搞小圈子", "没有发现{ref}任人唯亲的情况"]}),
    "gambling": ("self_discipline", "negative", {
        "asserted": ["{ref}经常在上班时间打牌", "{ref}周末常在小区棋牌室打麻将，输赢不小", "{ref}晚上经常去朋友家里打牌赌钱"],
        "hearsay": ["听说{ref}周末喜欢打麻将，有时候玩得比较大", "好像有邻居说{ref}晚上在棋牌室打牌"],
        "negated": ["{ref}从不打牌，业余时间都在看书", "没有发现{ref}打牌赌博的情况"]}),
    "car_misuse": ("self_discipline", "negative", {
        "asserted": ["{ref}周末开公车送孩子上补习班", "{ref}公车私用，节假日开单位的车回老家"],
        "hearsay": ["听说{ref}有公车私用的情况", "据物业反映，单位的车周末常停在{ref}家楼下"],
        "negated": ["{ref}没有公车私用的问题，周末都是自己开车", "没有发现{ref}公车私用"]}),
    "family": ("self_discipline", "negative", {
        "asserted": ["{ref}家风不严，爱人打着{his}旗号在外面揽工程", "{ref}对子女管教不严，孩子在外面借{his}名义办事"],
        "hearsay": ["听说{ref}的亲属在辖区内承包项目", "有人反映{ref}家属经商办企业"],
        "negated": ["{ref}家风很正，家属都是普通职工", "没有发现{ref}亲属利用其影响经商的情况"]}),
    "absence": ("work_style", "negative", {
        "asserted": ["{ref}经常迟到早退，上午十点多才到办公室", "{ref}上班时间脱岗，找不到人", "{ref}纪律松散，开会经常请假"],
        "hearsay": ["听说{ref}有时候上班时间不在岗", "据反映{ref}经常迟到早退"],
        "negated": ["{ref}每天都是最早到单位的，没有迟到早退", "没有发现{ref}脱岗的情况"]}),
    "sloth": ("work_style", "negative", {
        "asserted": ["{ref}工作不在状态，分管的工作推不动", "{ref}懒政怠政，群众来办事经常一拖再拖", "{ref}精神状态不好，干事劲头明显不足"],
        "hearsay": ["有同志说{ref}这两年工作不在状态", "听说{ref}对分管工作不上心"],
        "negated": ["{ref}工作状态一直很好，没有懈怠", "{ref}不存在懒政怠政的问题"]}),
    "frontline": ("responsibility", "positive", {
        "asserted": ["{ref}在防汛抢险中冲在一线，连续几天吃住在堤坝上", "急难险重任务面前，{ref}总是带头上", "{ref}敢于担当，疫情期间主动请缨到最难的卡口"],
        "hearsay": ["听说{ref}在抗洪时表现很突出"], "negated": []}),
    "strong_execution": ("capability", "positive", {
        "asserted": ["{ref}执行力强，市里交办的任务都提前完成", "{ref}抓落实很有一套，重点项目推进快"],
        "hearsay": ["大家都说{ref}抓落实有办法"], "negated": []}),
    "clean": ("self_discipline", "positive", {
        "asserted": ["{ref}廉洁自律，对自己要求很严", "{ref}清正廉洁，从不利用职务之便办私事"],
        "hearsay": ["口碑上看，大家都说{ref}为人清廉"], "negated": []}),
    "solid": ("work_style", "positive", {
        "asserted": ["{ref}作风扎实，经常下基层调研", "{ref}工作作风务实，群众评价比较高", "{ref}为人低调，做事踏实"],
        "hearsay": ["听说{ref}在基层的口碑很好"], "negated": []}),
}

# Remarks that carry no signal, to pad answers the way real talk does.
FILLERS = [
    "我和{ref}共事时间不长，了解得不算全面", "总的来说，{ref}业务比较熟悉", "{ref}平时话不多，跟大家相处得还可以",
    "{ref}来单位三年多了，分管的是基建和安全这一块", "{ref}对年轻同志比较关心", "{ref}开会讲话比较有条理",
    "这个情况我只知道一部分", "其他方面我就不太清楚了", "单位这两年整体风气还是不错的", "我说的都是自己看到的",
    "{ref}年纪不大，但是经历比较丰富", "{ref}以前在乡镇干过，基层经验多",
]

# Sentences that name a failing without being about anyone: never signals.
POLICY = [
    "坚决反对搞「七个有之」，严防“两面人”。", "严禁收受礼金礼品，严禁违规吃喝。", "对推诿扯皮、不担当不作为的干部要及时提醒。",
    "各单位要把政治负面清单制度落到实处。", "要坚决纠治庸散懒、推拖绕等作风顽疾。", "坚决杜绝公车私用、违规操办婚丧喜庆等问题。",
]

HEARSAY_CUES = ["听说", "据反映", "有人说", "好像", "有同志说", "听下面的同志说", "有人反映"]
