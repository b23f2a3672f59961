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
        triggers: [阳奉阴违, 两面人, 两面派, 当面一套背后一套, 当面一套、背后一套, 说一套做一套, 另搞一套, 台上一套台下一套]
      - id: disloyal
        label: 对组织不忠诚不老实
        dimension: loyalty
        polarity: negative
        severity: 3
        veto: true
        triggers: [对组织不忠诚, 对党不忠诚, 欺骗组织, 对抗组织审查, 妄议中央, 搞封建迷信, 封建迷信活动]
        near:
          - [政策, 说三道四, 10]
          - [中央, 说三道四, 10]
      - id: loyal
        label: 对党忠诚
        dimension: loyalty
        polarity: positive
        triggers: [对党忠诚, 不折不扣执行, 不折不扣地执行, 坚决贯彻落实]

      # 政治定力
      - id: improper_remarks
        label: 发表不当言论、传播政治谣言
        dimension: steadfastness
        polarity: negative
        severity: 2
        triggers: [不当言论, 错误言论, 不当的话, 政治谣言, 发牢骚, 散布负面言论]
        near:
          - [朋友圈, 转发, 8]
          - [朋友圈, 不合适, 12]
          - [朋友圈, 不当, 12]
      - id: wavering
        label: 理想信念动摇、是非面前不敢亮剑
        dimension: steadfastness
        polarity: negative
        severity: 2
        triggers: [理想信念动摇, 理想信念不坚定, 不敢亮剑]
      - id: firm
        label: 立场坚定
        dimension: steadfastness
        polarity: positive
        triggers: [立场坚定, 政治立场坚定, 旗帜鲜明, 敢于亮剑]

      # 政治担当
      - id: shirking
        label: 推诿扯皮、不担当不作为
        dimension: responsibility
        polarity: negative
        severity: 2
        triggers: [推诿扯皮, 推诿, 扯皮, 不担当, 不作为, 绕道走, 关键时刻退缩, 推拖绕, 踢皮球, 遇事躲, 怕担责, 不敢担责, 怕得罪人]
        exclude: [不推诿]
      - id: takes_responsibility
        label: 敢于担当、冲在一线
        dimension: responsibility
        polarity: positive
        triggers: [敢于担当, 勇于担当, 敢担当, 冲在一线, 冲在前面, 冲锋在前, 主动请缨, 挑重担, 啃硬骨头, 表现突出, 带头上, 带头冲]

      # 政治能力
      - id: poor_execution
        label: 执行上级决策部署打折扣、落实不到位
        dimension: capability
        polarity: negative
        severity: 2
        triggers: [打折扣, 落实不到位, 执行不力, 搞变通, 敷衍塞责, 学习敷衍, 走过场, 选择性执行]
      - id: capable
        label: 执行力强
        dimension: capability
        polarity: positive
        triggers: [执行力强, 政治判断力强, 落实有力, 业务能力强, 业务精通, 统筹能力强, 抓落实]
        exclude: [不力, 不到位, 不够]

      # 政治自律
      - id: gifts
        label: 收受礼金礼品
        dimension: self_discipline
        polarity: negative
        severity: 3
        veto: true
        triggers: [收受礼金, 收受礼品, 收礼, 收红包, 收受红包, 购物卡, 收受财物, 收钱]
        near:
          - [收, 购物卡, 10]
          - [收, 红包, 10]
          - [收受, 礼金, 10]
          - [收受, 礼品, 10]
        exclude: [拒收, 退还]
      - id: banquets
        label: 违规吃喝
        dimension: self_discipline
        polarity: negative
        severity: 2
        triggers: [违规吃喝, 大吃大喝, 吃请, 饭局, 公款吃喝]
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
        triggers: [小圈子, 任人唯亲, 拉帮结派, 培植私人势力, 团团伙伙, 称兄道弟]
      - id: family
        label: 家风不严
        dimension: self_discipline
        polarity: negative
        severity: 2
        triggers: [家风不严, 管教不严, 亲属经商, 插手工程, 为亲属谋利]
        near:
          - [亲属, 经商, 10]
          - [家属, 经商, 10]
      - id: gambling
        label: 赌博打牌
        dimension: self_discipline
        polarity: negative
        severity: 2
        triggers: [赌博, 打牌, 打麻将, 麻将, 赌钱]
      - id: official_car
        label: 公车私用
        dimension: self_discipline
        polarity: negative
        severity: 2
        triggers: [公车私用, 开公车, 私用公车]
      - id: clean
        label: 廉洁自律
        dimension: self_discipline
        polarity: positive
        triggers: [廉洁自律, 清正廉洁, 为人清廉, 两袖清风, 严格遵守八项规定]

      # 作风
      - id: lax
        label: 庸散懒：纪律松散、迟到早退、懒政怠政
        dimension: work_style
        polarity: negative
        severity: 1
        triggers: [迟到早退, 纪律松散, 脱岗, 不在岗, 懒政, 怠政, 不在状态, 精神状态不好, 劲头不足, 庸政, 得过且过, 工作拖拉]
        exclude: [从不迟到]
      - id: diligent
        label: 作风扎实
        dimension: work_style
        polarity: positive
        triggers: [作风扎实, 作风过硬, 作风务实, 工作作风务实, 做事踏实, 踏实肯干, 深入基层, 身先士卒, 任劳任怨]

    # When the dossier suggests (never decides): the corroboration statuses that count.
    suggestions:
      veto: {statuses: [corroborated, multi-channel]}
      yellow: {statuses: [corroborated, multi-channel], min_severity: 2, min_claims: 3}
      red: {statuses: [corroborated, multi-channel], min_dimensions: 2}
    """
}
