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

    indicators:
      # 政治忠诚
      - id: two_faced
        label: 阳奉阴违、两面人
        dimension: loyalty
        polarity: negative
        severity: 3
        veto: true
        triggers: [阳奉阴违, 两面人, 两面派, 当面一套, 说一套做一套, 另搞一套, 台上一套台下一套, 表里不一, 口是心非, 言行不一,
                   上有政策下有对策, 自行其是, 表面上答应, 嘴上答应, 口头上答应]
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
                   看风水, 算命, 烧香拜佛]
        near:
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
        triggers: [对党忠诚, 不折不扣执行, 不折不扣地执行, 坚决贯彻落实, 政治上靠得住, 令行禁止, 看齐意识强]

      # 政治定力
      - id: improper_remarks
        label: 发表不当言论、传播政治谣言
        dimension: steadfastness
        polarity: negative
        severity: 2
        triggers: [不当言论, 错误言论, 不当的话, 政治谣言, 散布负面言论, 负面言论, 传播谣言, 乱转发]
        near:
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
        triggers: [立场坚定, 政治立场坚定, 旗帜鲜明, 敢于亮剑, 敢于斗争, 原则性强, 坚持原则, 是非分明]

      # 政治担当
      - id: shirking
        label: 推诿扯皮、不担当不作为
        dimension: responsibility
        polarity: negative
        severity: 2
        triggers: [推诿扯皮, 推诿, 扯皮, 不担当, 不作为, 为官不为, 绕道走, 绕着走, 躲着走, 关键时刻退缩, 推拖绕, 踢皮球, 遇事躲, 怕担责, 不敢担责,
                   怕得罪人, 能推就推, 能推则推, 推来推去, 上推下卸, 往下推, 往下面推, 往外推, 往上推, 一推了之, 推卸责任, 不愿担责, 躲事,
                   往后退, 往后缩, 回避矛盾, 不敢碰硬, 明哲保身, 缩手缩脚, 躺平, 畏难, 不敢拍板, 打太极]
        near:
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
                   挑重担, 啃硬骨头, 表现突出, 带头上, 带头冲, 靠前指挥, 亲力亲为, 连续奋战, 吃住在, 站得出来, 豁得出去, 冲得上去, 主动担责]
        near:
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
                   本领恐慌, 能力平平, 拖后腿]
        near:
          - [打, 折扣, 3]
      - id: capable
        label: 执行力强、能力突出
        dimension: capability
        polarity: positive
        triggers: [执行力强, 政治判断力强, 落实有力, 业务能力强, 业务精通, 业务熟练, 统筹能力强, 抓落实, 把好手, 行家里手, 很有办法, 有魄力,
                   能力强, 能力突出, 雷厉风行, 思路清晰, 业绩突出, 实绩突出, 成绩突出, 有目共睹, 不过夜, 落实到位]
        near:
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
                   利用职务便利, 利用职务之便, 吃拿卡要, 经济问题]
        near:
          - [收, 购物卡, 10]
          - [收, 红包, 10]
          - [收受, 礼金, 10]
          - [收受, 礼品, 10]
          - [收受, 烟酒, 10]
          - [收, 礼, 4]
          - [送, 礼, 4]
          - [装修, 老板, 12]
          - [装修, 包工头, 12]
        exclude: [拒收, 退还, 送礼物给孩子]
      - id: banquets
        label: 违规吃喝
        dimension: self_discipline
        polarity: negative
        severity: 2
        triggers: [违规吃喝, 大吃大喝, 吃请, 饭局, 公款吃喝, 接受宴请, 酒局]
        near:
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
        triggers: [大操大办, 违规操办, 借机敛财]
      - id: cliques
        label: 搞小圈子、任人唯亲
        dimension: self_discipline
        polarity: negative
        severity: 3
        triggers: [小圈子, 任人唯亲, 拉帮结派, 培植私人势力, 团团伙伙, 称兄道弟, 排斥异己, 近亲繁殖, 拉拉扯扯]
        near:
          - [用人, 老乡, 12]
          - [提拔, 老乡, 12]
          - [用人, 照顾, 8]
          - [提拔, 亲信, 8]
      - id: family
        label: 家风不严
        dimension: self_discipline
        polarity: negative
        severity: 2
        triggers: [家风不严, 家风不正, 管教不严, 亲属经商, 插手工程, 为亲属谋利, 揽工程, 打着他的旗号, 打着她的旗号]
        near:
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
      - id: gambling
        label: 赌博打牌
        dimension: self_discipline
        polarity: negative
        severity: 2
        triggers: [赌博, 打牌, 打麻将, 麻将, 赌钱, 牌局, 打扑克, 赌球, 炸金花]
      - id: official_car
        label: 公车私用
        dimension: self_discipline
        polarity: negative
        severity: 2
        triggers: [公车私用, 开公车, 私用公车]
        near:
          - [单位的车, 私事, 10]
          - [公车, 私事, 10]
          - [单位的车, 接送, 10]
          - [公车, 接送, 10]
      - id: clean
        label: 廉洁自律
        dimension: self_discipline
        polarity: positive
        triggers: [廉洁自律, 清正廉洁, 为人清廉, 两袖清风, 严格遵守八项规定, 严于律己, 一身正气, 公私分明, 很节俭, 生活简朴]
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
                   脱离群众, 态度生硬, 迟到]
        exclude: [从不迟到]
      - id: diligent
        label: 作风扎实
        dimension: work_style
        polarity: positive
        triggers: [作风扎实, 作风过硬, 作风务实, 工作作风务实, 做事踏实, 踏实肯干, 深入基层, 身先士卒, 任劳任怨, 兢兢业业, 勤勤恳恳,
                   勤勉敬业, 加班加点, 工作很拼, 口碑好, 群众评价高, 群众基础好, 平易近人, 密切联系群众, 为人低调]
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
