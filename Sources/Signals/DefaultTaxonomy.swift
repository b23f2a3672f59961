extension Taxonomy {
    /// The default taxonomy: the five dimensions of seed 001 plus work style, with the negative
    /// list of seed 003 (「七个有之」, 庸散懒, 推拖绕). Print it with `yz taxonomy default`, edit,
    /// and pass the file with `--taxonomy` (or put it in the index directory as taxonomy.yaml).
    public static let defaultYAML = """
    version: 1
    dimensions:
      - {id: loyalty, label: 政治忠诚}
      - {id: steadfastness, label: 政治定力}
      - {id: responsibility, label: 政治担当}
      - {id: capability, label: 政治能力}
      - {id: self_discipline, label: 政治自律}
      - {id: work_style, label: 作风}

    # Phrase classes: a trigger or a proximity part written @id stands for every phrase of the class.
    concepts:
      take: [收了, 收下, 收过, 拿了, 拿过, 收人家, 拿人家, 要了, 索要, 笑纳, 揣进]
      valuables: [信封, 红包, 礼金, 购物卡, 消费卡, 加油卡, 茅台, 名烟, 名酒, 好烟好酒, 烟酒, 金条, 名表, 手表, 字画, 玉器, 好处, 干股, 现金, 钱]
      gift_items: [信封, 红包, 礼金, 购物卡, 消费卡, 加油卡, 茅台, 名烟, 名酒, 好烟好酒, 烟酒, 金条, 名表, 字画, 玉器, 干股]
      payers: [老板, 企业主, 商人, 开发商, 包工头, 承包商, 供应商, 中介, 服务对象, 管理对象, 有求于他的人, 有事求他的人, 下属单位]
      dining: [聚餐, 宴席, 酒宴, 吃饭, 喝酒, 饭局, 酒局, 吃喝, 宴请, 请客, 吃请, 会所, 高档餐厅, 大酒店, 农家乐, 吃吃喝喝, 喝大酒]
      family_event: [结婚, 婚礼, 婚宴, 嫁女, 嫁人, 出嫁, 嫁闺女, 娶亲, 娶媳妇, 办喜事, 满月酒, 升学宴, 谢师宴, 寿宴, 做寿, 过寿, 大寿, 丧事, 白事, 乔迁]
      lavish: [多桌, 几十桌, 十桌, 来桌, 大办, 摆酒, 收礼, 礼金, 随礼, 随了礼, 份子钱, 排场, 车队, 流水席, 全单位]
      relatives: [老婆, 妻子, 爱人, 丈夫, 儿子, 女儿, 女婿, 儿媳, 小舅子, 内弟, 弟弟, 哥哥, 妹妹, 姐姐, 妹夫, 姐夫, 亲戚, 亲属, 家属, 侄子, 外甥, 连襟, 家里人]
      business: [生意, 开公司, 公司, 承包, 工程, 项目, 中标, 入股, 经商, 办企业, 供货, 门面, 生意人]
      promote: [提拔, 重用, 提了, 调到, 安排到, 用人, 进班子, 当上]
      insiders: [老乡, 亲信, 同学, 亲戚, 自己人, 身边人, 身边的人, 老部下, 老同事, 秘书, 司机, 小兄弟, 铁哥们]
      official_cars: [公车, 单位牌子的车, 挂着单位牌子, 单位的车, 单位车, 公务车, 公务用车, 专车, 局里的车, 委里的车, 公家的车, 公家车]
      private_use: [私事, 接孩子, 送孩子, 接送孩子, 回老家, 旅游, 买菜, 办私事, 走亲戚, 钓鱼, 周末出去, 送他老婆, 送她丈夫, 回娘家, 娘家,
                    一家老小, 渔竿, 钓竿, 周末]
      harsh: [训人, 训斥, 骂人, 骂下属, 当众训, 当众批评, 发脾气, 发火, 拍桌子, 摔东西, 甩脸色, 脾气暴, 脾气大, 态度恶劣, 很凶, 凶得很,
              呵斥, 霸道, 一言堂, 说一不二, 家长作风, 听不进意见, 听不得不同意见, 独断专行, 盛气凌人, 颐指气使, 官气十足, 官架子]
      leisure: [钓鱼, 打游戏, 玩游戏, 玩手机, 刷手机, 刷视频, 炒股, 睡觉, 逛街, 闲聊, 聊天, 喝茶, 看电视剧, 网购]
      work_hours: [上班时间, 工作时间, 上班期间, 工作日, 值班时]
      troubles: [难题, 矛盾, 困难, 急事, 难事, 麻烦事, 棘手, 信访, 上访, 投诉, 来访群众, 硬骨头, 烫手山芋, 历史遗留]
      avoidance: [躲, 推给, 推掉, 推脱, 绕开, 绕着, 拖着, 回避, 溜, 不接, 不见人, 踢给, 往外推, 往上交, 不吭声, 装不知道]
      crises: [洪水, 汛期, 防汛, 疫情, 抢险, 火灾, 事故, 塌方, 台风, 暴雨, 险情, 突发, 大雪, 地震, 停水停电]
      frontline: [值守, 下沉, 志愿者, 冲在, 守在, 赶到现场, 第一时间赶到, 坚守, 带队, 蹲在, 住在, 泡在, 连续几天, 几天几夜, 没合眼, 没回家]
      results: [提前完工, 提前完成, 超额完成, 按期完成, 如期完成, 圆满完成, 见成效, 见了成效, 有起色, 上了台阶, 排名第一, 名列前茅,
                第一名, 走在前列, 全市第一, 全省第一, 获评, 受到表彰, 打开了局面, 扭转了]
      assignments: [项目, 工程, 任务, 工作, 改造, 攻坚, 考核, 指标]
      give: [送了, 送来, 递了, 递过, 塞了, 塞给, 塞进, 硬塞, 送去, 送到]
      holidays: [逢年过节, 过年过节, 春节前, 中秋节前, 年底, 节前]
      home_visits: [往他家跑, 往她家跑, 往家里跑, 上门, 去他家, 去她家, 到他家, 到她家, 往家里送]
      close_ties: [走得近, 走得很近, 走得特别近, 走得比较近, 关系不一般, 关系密切, 关系很铁, 打得火热, 来往密切, 交往过密, 经常一起]

    indicators:
      # 政治忠诚
      - id: two_faced
        label: 阳奉阴违、两面人
        dimension: loyalty
        polarity: negative
        severity: 3
        veto: true
        triggers: [阳奉阴违, 两面人, 两面派, 当面一套, 说一套做一套, 另搞一套, 台上一套台下一套, 表里不一, 口是心非, 言行不一,
                   上有政策下有对策, 自行其是, 表面上答应, 嘴上答应, 口头上答应, 嘴上一套, 背后一套, 阴一套阳一套, 只喊口号,
                   会上表态, 会后不落实, 当着领导一个样]
        near:
          - [当面, 背后, 12]
          - [当面, 私下, 20]
          - [会上, 会后, 16]
          - [表面, 答应, 6]
      - id: disloyal
        label: 对组织不忠诚不老实、妄议中央、搞封建迷信
        dimension: loyalty
        polarity: negative
        severity: 3
        veto: true
        triggers: [对组织不忠诚, 对党不忠诚, 对组织不老实, 欺骗组织, 对抗组织审查, 隐瞒个人有关事项, 不如实报告, 妄议, 搞封建迷信, 封建迷信,
                   看风水, 算命, 烧香拜佛, 求神拜佛, 拜大师, 找大师, 信风水, 讲条件, 不服从组织安排, 不服从安排, 拒不执行, 瞒报, 漏报,
                   隐瞒不报, 说组织的坏话, 对组织有怨气, 风水先生, 看风水的, 上香, 供着, 前后说法对不上, 说法前后不一]
        near:
          - [有关事项, 没填, 24]
          - [有关事项, 没有填, 24]
          - [有关事项, 没报, 24]
          - [政治上, 问题, 6]
          - [政策, 说三道四, 10]
          - [中央, 说三道四, 10]
          - [政策, 牢骚, 10]
          - [上级, 牢骚, 10]
          - [中央, 牢骚, 10]
          - [政策, 乱评论, 10]
          - [政策, 乱说, 8]
          - [政策, 乱讲, 8]
          - [中央, 乱讲, 8]
          - [政策, 评头论足, 10]
          - [政策, 不该说, 24]
          - [中央, 不该说, 24]
      - id: loyal
        label: 对党忠诚
        dimension: loyalty
        polarity: positive
        triggers: [对党忠诚, 不折不扣执行, 不折不扣地执行, 坚决贯彻落实, 政治上靠得住, 令行禁止, 看齐意识强, 讲政治, 政治站位高,
                   听党话, 服从组织安排, 组织让干什么就干什么, 说到做到, 都照办, 坚决照办, 坚决执行, 照样去落实, 照样落实, 逐条对照,
                   一天也不能拖, 一天也不能往后拖, 不打折扣]

      # 政治定力
      - id: improper_remarks
        label: 发表不当言论、传播政治谣言
        dimension: steadfastness
        polarity: negative
        severity: 2
        triggers: [不当言论, 错误言论, 不当的话, 政治谣言, 散布负面言论, 负面言论, 传播谣言, 乱转发, 乱发议论, 说怪话, 讲怪话,
                   阴阳怪气, 发牢骚, 小道消息, 来路不明的消息]
        near:
          - [群里, 转, 8]
          - [朋友圈, 转发, 8]
          - [朋友圈, 不合适, 12]
          - [朋友圈, 不当, 12]
          - [网上, 转发, 8]
          - [网上, 帖子, 12]
          - [网上, 跟帖, 8]
          - [微信群, 转发, 10]
      - id: wavering
        label: 理想信念动摇、是非面前不敢亮剑
        dimension: steadfastness
        polarity: negative
        severity: 2
        triggers: [理想信念动摇, 理想信念不坚定, 不敢亮剑, 信仰迷茫, 好人主义, 老好人, 不敢斗争, 是非不分, 随波逐流]
      - id: firm
        label: 立场坚定
        dimension: steadfastness
        polarity: positive
        triggers: [立场坚定, 政治立场坚定, 旗帜鲜明, 敢于亮剑, 敢于斗争, 原则性强, 坚持原则, 是非分明, 敢讲真话, 敢说真话, 讲真话,
                   敢唱黑脸, 不怕得罪人, 顶住压力, 顶住了压力, 不讲情面, 不为所动, 当场拒绝, 坚决抵制, 不许讲, 不许说, 当场驳斥,
                   当面驳斥, 澄清谣言, 辟谣]
        near:
          - [原则性, 强, 3]

      # 政治担当
      - id: shirking
        label: 推诿扯皮、不担当不作为
        dimension: responsibility
        polarity: negative
        severity: 2
        triggers: [推诿扯皮, 推诿, 扯皮, 不担当, 不作为, 为官不为, 绕道走, 绕着走, 躲着走, 关键时刻退缩, 推拖绕, 踢皮球, 遇事躲, 怕担责, 不敢担责,
                   怕得罪人, 能推就推, 能推则推, 推来推去, 上推下卸, 往下推, 往下面推, 往外推, 往上推, 一推了之, 推卸责任, 不愿担责, 躲事,
                   往后退, 往后缩, 回避矛盾, 不敢碰硬, 明哲保身, 缩手缩脚, 躺平, 畏难, 不敢拍板, 打太极, 甩锅, 撂挑子, 甩手掌柜,
                   不管不问, 层层请示, 事事请示, 矛盾上交, 能拖就拖, 拖着不办, 不表态, 装聋作哑, 四平八稳, 但求无过, 多一事不如少一事,
                   没有下文, 没了下文, 没下文, 石沉大海, 不了了之, 很少发表, 不发表意见, 等一把手, 等着领导, 看领导脸色,
                   打发走了, 两头跑, 没人接茬, 转回属地, 转来转去, 仍未解决, 一直拖到, 推回去, 推给别人]
        near:
          - ['@troubles', '@avoidance', 8]
          - [往下面, 推, 6]
          - [难题, 躲, 8]
          - [矛盾, 躲, 8]
          - [困难, 躲, 8]
          - [责任, 推给, 8]
      - id: takes_responsibility
        label: 敢于担当、冲在一线
        dimension: responsibility
        polarity: positive
        triggers: [敢于担当, 勇于担当, 敢担当, 担当作为, 敢作敢为, 敢抓敢管, 迎难而上, 攻坚克难, 冲在一线, 冲在前面, 冲锋在前, 主动请缨,
                   挑重担, 啃硬骨头, 表现突出, 带头上, 带头冲, 靠前指挥, 亲力亲为, 连续奋战, 吃住在, 站得出来, 豁得出去, 冲得上去, 主动担责,
                   扛了下来, 扛起来, 顶了上去, 第一个上, 没日没夜, 连轴转, 主动揽, 勇挑重担, 不推不躲, 主动报名, 驻点攻坚, 带队驻点, 驻村, 包村,
                   三天三夜, 守到清晨, 守到天亮, 守了一夜, 背了出来, 扎在村里, 扎在现场, 蹚着, 连夜赶, 赶到现场, 一分不少追了回来, 谁来说都一样]
        near:
          - ['@crises', '@frontline', 12]
          - [表现, 突出, 4]
          - [亲自, 协调, 6]
          - [亲自, 上门, 4]
          - [自己, 扛, 6]
          - [守在, 一线, 4]
          - [守在, 卡点, 4]

      # 政治能力
      - id: poor_execution
        label: 执行上级决策部署打折扣、落实不到位
        dimension: capability
        polarity: negative
        severity: 2
        triggers: [打折扣, 落实不到位, 落实不力, 落而不实, 执行不力, 执行不到位, 搞变通, 敷衍塞责, 学习敷衍, 走过场, 选择性执行, 能力不足,
                   本领恐慌, 能力平平, 拖后腿, 一问三不知, 心里没数, 拿不出办法, 束手无策, 抓不住重点, 眉毛胡子一把抓, 进度滞后,
                   排名靠后, 垫底, 完不成, 烂尾, 搞砸, 被通报, 被约谈, 被问责, 不见成效, 没有起色, 外行]
        near:
          - [打, 折扣, 3]
      - id: capable
        label: 执行力强、能力突出
        dimension: capability
        polarity: positive
        triggers: [执行力强, 政治判断力强, 落实有力, 业务能力强, 业务精通, 业务熟练, 统筹能力强, 抓落实, 把好手, 行家里手, 很有办法, 有魄力,
                   能力强, 能力突出, 雷厉风行, 思路清晰, 业绩突出, 实绩突出, 成绩突出, 有目共睹, 不过夜, 落实到位, 抓得紧, 抓得实,
                   抓得好, 有一套, 有思路, 点子多, 会干事, 能干事, 心里有数, 懂行, 头脑清楚, 牵头起草, 一去就能, 都能化解,
                   一手理顺, 牵头搭, 拿出了一套, 降下来一大半, 满意率达到]
        near:
          - [业务, 精, 3]
          - ['@assignments', '@results', 16]
          - [能力, 强, 4]
          - [落实, 到位, 6]
          - [执行力, 强, 4]
        exclude: [不力, 不到位, 不够]

      # 政治自律
      - id: gifts
        label: 收受礼金礼品、以权谋私
        dimension: self_discipline
        polarity: negative
        severity: 3
        veto: true
        triggers: [收受礼金, 收受礼品, 收礼, 收红包, 收受红包, 购物卡, 收受财物, 收钱, 好处费, 回扣, 受贿, 权钱交易, 以权谋私,
                   利用职务便利, 利用职务之便, 吃拿卡要, 经济问题, 伸手, 伸过手, 手脚不干净, 吃回扣, 拿回扣, 收好处, 雁过拔毛, 索贿,
                   权力寻租, 利益输送, 拿人手短, 开绿灯]
        near:
          - ['@give', '@gift_items', 8]
          - ['@holidays', '@home_visits', 16]
          - ['@take', '@valuables', 8]
          - ['@payers', '@gift_items', 10]
          - [收, 购物卡, 10]
          - [收, 红包, 10]
          - [收受, 礼金, 10]
          - [收受, 礼品, 10]
          - [收受, 烟酒, 10]
          - [收, 礼, 4]
          - [送, 礼, 4]
          - [装修, 老板, 12]
          - [装修, 包工头, 12]
        exclude: [拒收, 退还, 退回, 上交, 送礼物给孩子]
      - id: banquets
        label: 违规吃喝
        dimension: self_discipline
        polarity: negative
        severity: 2
        triggers: [违规吃喝, 大吃大喝, 吃请, 饭局, 公款吃喝, 接受宴请, 酒局, 出入会所, 私人会所, 赴宴, 喝得烂醉, 中午喝酒, 工作日饮酒, 酒驾, 醉驾]
        near:
          - ['@payers', '@dining', 12]
          - [接受, 宴请, 12]
          - [老板, 买单, 12]
          - [企业, 买单, 12]
          - [老板, 请客, 8]
          - [老板, 吃饭, 12]
          - [老板, 喝酒, 20]
          - [商人, 喝酒, 20]
          - [老板, 做东, 10]
          - [开发商, 做东, 10]
        exclude: [拒绝宴请, 谢绝宴请]
      - id: weddings_funerals
        label: 违规操办婚丧喜庆
        dimension: self_discipline
        polarity: negative
        severity: 2
        triggers: [大操大办, 违规操办, 借机敛财, 借机收礼]
        near:
          - ['@family_event', '@lavish', 24]
      - id: cliques
        label: 搞小圈子、任人唯亲
        dimension: self_discipline
        polarity: negative
        severity: 3
        triggers: [小圈子, 任人唯亲, 拉帮结派, 培植私人势力, 团团伙伙, 称兄道弟, 排斥异己, 近亲繁殖, 拉拉扯扯, 圈子文化, 只用自己人,
                   拜把子, 跑官要官, 买官卖官, 找靠山, 亲疏远近, 看关系]
        near:
          - ['@promote', '@insiders', 12]
          - [用人, 老乡, 12]
          - [提拔, 老乡, 12]
          - [用人, 照顾, 8]
          - [提拔, 亲信, 8]
      - id: family
        label: 家风不严
        dimension: self_discipline
        polarity: negative
        severity: 2
        triggers: [家风不严, 家风不正, 管教不严, 亲属经商, 插手工程, 为亲属谋利, 揽工程, 打着他的旗号, 打着她的旗号, 优亲厚友, 偏袒]
        near:
          - ['@relatives', '@business', 12]
          - [偏向, 娘家, 10]
          - [偏向, 老家, 10]
          - [亲属, 经商, 10]
          - [家属, 经商, 10]
          - [亲属, 承包, 10]
          - [家属, 承包, 10]
          - [亲属, 揽, 10]
          - [打着, 旗号, 8]
          - [亲属, 项目, 16]
          - [家属, 项目, 16]
          - [亲戚, 项目, 16]
          - [小舅子, 项目, 16]
          - [亲戚, 工程, 12]
          - [爱人, 工程, 12]
          - [丈夫, 生意, 10]
          - [妻子, 生意, 10]
          - [爱人, 生意, 10]
          - [老婆, 生意, 10]
          - [子女, 生意, 10]
          - [家属, 生意, 10]
          - [亲属, 生意, 10]
      - id: improper_ties
        label: 与管理服务对象交往过密、亲清不分
        dimension: self_discipline
        polarity: negative
        severity: 2
        triggers: [交往过密, 亲清不分, 勾肩搭背]
        near:
          - ['@close_ties', '@payers', 12]
          - ['@close_ties', 校长, 8]
      - id: lavish_lifestyle
        label: 生活奢靡、与收入不相称
        dimension: self_discipline
        polarity: negative
        severity: 2
        triggers: [生活奢侈, 生活奢靡, 出手阔绰, 挥霍, 开豪车, 住别墅, 买豪宅, 奢侈品]
        near:
          - [家里, 异常, 8]
          - [家, 异常, 6]
          - [收入, 不相称, 10]
      - id: gambling
        label: 赌博打牌
        dimension: self_discipline
        polarity: negative
        severity: 2
        triggers: [赌博, 打牌, 打麻将, 麻将, 赌钱, 牌局, 打扑克, 赌球, 炸金花, 斗地主, 掼蛋, 推牌九, 押注, 下注, 赌局, 带彩, 打几圈]
      - id: official_car
        label: 公车私用
        dimension: self_discipline
        polarity: negative
        severity: 2
        triggers: [公车私用, 开公车, 私用公车]
        near:
          - ['@official_cars', '@private_use', 12]
          - [单位的车, 私事, 10]
          - [公车, 私事, 10]
          - [单位的车, 接送, 10]
          - [公车, 接送, 10]
      - id: clean
        label: 廉洁自律
        dimension: self_discipline
        polarity: positive
        triggers: [廉洁自律, 清正廉洁, 为人清廉, 两袖清风, 严格遵守八项规定, 严于律己, 一身正气, 公私分明, 很节俭, 生活简朴, 不收礼,
                   一分钱不拿, 干干净净, 清清白白, 手脚干净, 拒收, 不吃请, 管得住自己, 守得住底线, 洁身自好, 律己甚严, 摆摆手不接,
                   摆手不接, 自掏腰包, 自己掏钱, 一荤两素, 食堂打饭, 住标间, 坐高铁, 原封退, 如数退还, 一个没请, 不搞特殊, 从不搞特殊]
        near:
          - [对自己, 要求, 6]

      # 作风
      - id: lax
        label: 庸散懒：纪律松散、迟到早退、懒政怠政、官僚作风
        dimension: work_style
        polarity: negative
        severity: 1
        triggers: [迟到早退, 纪律松散, 脱岗, 不在岗, 懒政, 怠政, 不在状态, 精神状态不好, 劲头不足, 庸政, 得过且过, 工作拖拉,
                   不上心, 懈怠, 混日子, 慢作为, 一拖再拖, 不思进取, 敷衍了事, 官僚, 形式主义, 摆架子, 门难进, 脸难看, 事难办, 压着不办,
                   压着不批, 拖沓, 回应不及时, 找不到人, 玩手机, 玩游戏, 心思不在工作上, 擅离职守, 作风飘浮, 作风漂浮, 高高在上,
                   脱离群众, 态度生硬, 迟到, 联系不上, 电话不接, 见不到人, 很少下基层, 不下基层, 遥控指挥, 坐在办公室, 作秀, 做样子, 表面文章, 面子工程,
                   花架子, 留痕, 文山会海, 找不着人, 不见人影, 满城找, 听汇报多, 下去看得少, 跟得不紧]
        near:
          - ['@work_hours', '@leisure', 16]
          - [下午, 茶楼, 30]
          - [上班, 茶楼, 20]
          - [电话, 没人接, 8]
      - id: formalism
        label: 形式主义、弄虚作假
        dimension: work_style
        polarity: negative
        severity: 2
        triggers: [弄虚作假, 数据造假, 造假, 虚报, 照抄往年, 照抄照搬, 应付检查, 走形式, 做表面文章, 走过场, 一字不差, 流于应付, 照着材料,
                   替他抄, 替她抄, 对不上号, 和现场对不上, 报上去的数]
      - id: overbearing
        label: 作风霸道、简单粗暴、一言堂
        dimension: work_style
        polarity: negative
        severity: 1
        triggers: ['@harsh']
      - id: diligent
        label: 作风扎实
        dimension: work_style
        polarity: positive
        triggers: [作风扎实, 作风过硬, 作风务实, 工作作风务实, 做事踏实, 踏实肯干, 深入基层, 身先士卒, 任劳任怨, 兢兢业业, 勤勤恳恳,
                   勤勉敬业, 加班加点, 工作很拼, 口碑好, 群众评价高, 群众基础好, 平易近人, 密切联系群众, 为人低调, 早出晚归, 起早贪黑,
                   走村入户, 进村入户, 蹲点, 经常下去, 跑遍了, 走遍了, 实打实, 接地气, 没架子, 待人和气, 有求必应, 办事公道, 为人和气,
                   人缘好, 关系处得很好, 深入一线, 工作到深夜, 加班到深夜, 经常加班, 在单位加班, 周末也在单位, 往村里跑, 往基层跑,
                   跑得最勤, 泥巴地, 全是泥, 一身泥, 骑电动车, 逐件批阅, 限时回复, 才到家, 在乡下]
        near:
          - [口碑, 好, 4]
          - [口碑, 不错, 4]
          - [评价, 高, 4]
          - [作风, 扎实, 4]
          - [老百姓, 愿意找, 10]
          - [群众, 愿意找, 10]

    # When the dossier suggests (never decides): the corroboration statuses that count.
    suggestions:
      veto: {statuses: [corroborated, multi-channel]}
      yellow: {statuses: [corroborated, multi-channel], min_severity: 2, min_claims: 3}
      red: {statuses: [corroborated, multi-channel], min_dimensions: 2}
    """
}
