import Analysis
import Extraction
import Foundation
import Linking
@testable import Signals
import Testing

let roster = Roster(cadres: [
    Cadre(id: "C002", name: "王伟", unit: "青川市交通运输局", position: "副局长"),
    Cadre(id: "C013", name: "赵刚", aliases: ["老赵"], unit: "青川市自然资源和规划局", position: "党组书记、局长"),
    Cadre(id: "C014", name: "黄磊", unit: "青川市自然资源和规划局", position: "副局长"),
    Cadre(id: "C018", name: "孙强", unit: "青川市住房和城乡建设局", position: "副局长"),
    Cadre(id: "C031", name: "唐亮", unit: "青川市石门镇人民政府", position: "党委书记"),
])

/// Lines of a transcript as turns: lines starting 问 are questions, 答 answers.
func transcript(_ lines: [String]) -> Document {
    let text = lines.joined(separator: "\n")
    var blocks: [Block] = []
    var offset = 0
    for l in lines {
        let n = l.utf8.count
        let question = l.hasPrefix("问") || l.hasPrefix("問")
        if question || l.hasPrefix("答") { blocks.append(Block(kind: .turn, start: offset, end: offset + n, role: question ? "question" : "answer")) }
        else { blocks.append(Block(kind: .paragraph, start: offset, end: offset + n)) }
        offset += n + 1
    }
    var metadata = DocumentMetadata()
    metadata.informant = "曹玉梅"
    return Document(path: "t.txt", sha256: "", byteCount: text.utf8.count, format: .text, encoding: "UTF-8", channel: .interview, title: nil,
                    dates: [], text: text, blocks: blocks, metadata: metadata, warnings: [])
}

func evidence(_ document: Document, taxonomy: Taxonomy = .default) throws -> [String] {
    let analyzer = try Analyzer()
    let mentions = Linker(roster: roster, analyzer: analyzer).link(document, analyzer: analyzer)
    return SignalDetector(taxonomy: taxonomy, analyzer: analyzer).detect(document, mentions: mentions, analyzer: analyzer)
        .map { "\($0.cadre ?? "-") \($0.indicator) \($0.status.rawValue)" }
}

/// Hand-written text, phrased unlike the generator's templates.
@Suite struct DetectionTests {
    @Test func statusesNegatedHearsayAsserted() throws {
        let doc = transcript([
            "问：交通运输局的王伟平时怎么样？",
            "答：要说收受礼金，这个真没有。",
            "答：不过据反映他周末常去棋牌室打麻将。",
            "答：他遇到难事就推诿扯皮，这是我亲眼看到的。",
        ])
        let found = try evidence(doc)
        #expect(found == ["C002 gifts negated", "C002 gambling hearsay", "C002 shirking asserted"])
    }

    @Test func aTopicClauseIsDecidedByTheClauseAfterIt() throws {
        let doc = transcript([
            "问：孙强八小时以外怎么样？",
            "答：至于打麻将，我没见过他打，也没听说过。",
            "答：关于收礼，这个从来没有。",
            "答：逢年过节也没见有人上门送礼。",
        ])
        #expect(try evidence(doc) == ["C018 gambling negated", "C018 gifts negated", "C018 gifts negated"])
    }

    @Test func aRebuttalLaterInTheSentenceDeniesTheClaim() throws {
        let doc = transcript([
            "问：孙强有没有阳奉阴违的情况？",
            "答：有人说孙强对县里的决策阳奉阴违，这个说法我不认同，据我了解没有这种情况。",
            "答：说他打麻将，那是误传，纯属捏造。",
        ])
        #expect(try evidence(doc) == ["C018 two_faced negated", "C018 gambling negated"])
    }

    @Test func aNegationBetweenTheTwoPartsOfAProximityRuleGovernsIt() throws {
        let doc = transcript([
            "问：孙强遇到难事怎么办？",
            "答：孙强遇到难题从来不躲。",
            "答：执行上没打过折扣。",
        ])
        #expect(try evidence(doc) == ["C018 shirking negated", "C018 poor_execution negated"])
    }

    @Test func aPersonsNameIsNotVocabulary() throws {
        // 强 of 孙强 is not the 强 of "能力…强"; 唐亮敢于担当 is 唐亮, not a longer name.
        let doc = transcript([
            "问：说说孙强和唐亮。",
            "答：孙强这个人能力是有的，但是心思不在工作上。",
            "答：石门镇党委书记唐亮敢于担当。",
        ])
        #expect(try evidence(doc) == ["C018 lax asserted", "C031 takes_responsibility asserted"])
    }

    @Test func questionsAndPolicySentencesAreNotEvidence() throws {
        let doc = transcript([
            "问：有没有发现赵刚收受礼金、违规吃喝等情况？",
            "答：赵刚从不参加吃请。",
            "全市干部要坚决反对搞小圈子，严防两面人。",
        ])
        // The question names failings, the policy line names them about no one: neither counts.
        #expect(try evidence(doc) == ["C013 banquets negated"])
    }

    @Test func attributionPrefersTheClauseThenTheQuestionsSubject() throws {
        let doc = transcript([
            "問：你怎麼看黃磊？",              // Traditional script
            "答：黄磊作风扎实，老赵却经常迟到早退。",
            "答：工作上敢于担当。",
        ])
        let found = try evidence(doc)
        #expect(found == ["C014 diligent asserted", "C013 lax asserted", "C014 takes_responsibility asserted"])
    }

    @Test func aTaxonomySuppliedAtRunTimeChangesWhatIsFound() throws {
        let doc = transcript(["问：王伟怎么样？", "答：他上班时间织毛衣。"])
        #expect(try evidence(doc).isEmpty)
        let custom = try Taxonomy.parse("""
            extends: default
            indicators:
              - id: knitting
                label: 上班时间织毛衣
                dimension: work_style
                polarity: negative
                triggers: [织毛衣]
            """)
        #expect(custom.indicators.count == Taxonomy.default.indicators.count + 1)
        #expect(try evidence(doc, taxonomy: custom) == ["C002 knitting asserted"])
    }

    @Test func conceptsStandForEachOfTheirPhrases() throws {
        let custom = try Taxonomy.parse("""
            extends: default
            concepts:
              crafts: [织毛衣, 绣十字绣, 剪纸]
            indicators:
              - id: crafts_at_work
                label: 上班时间做手工
                dimension: work_style
                polarity: negative
                near:
                  - ['@work_hours', '@crafts', 10]
            """)
        #expect(custom.concepts["crafts"] == ["织毛衣", "绣十字绣", "剪纸"])
        #expect(custom.concepts["work_hours"] != nil)  // the default's concepts are kept
        #expect(custom.digest != Taxonomy.default.digest)
        let doc = transcript(["问：王伟怎么样？", "答：他上班时间在办公室绣十字绣。", "答：工作时间他从来不剪纸。", "答：周末在家剪纸。"])
        let crafts = try evidence(doc, taxonomy: custom)
        #expect(crafts == ["C002 crafts_at_work asserted", "C002 crafts_at_work negated"])
        // The default's own concept rules: behaviour described, not named.
        let described = transcript(["问：赵刚怎么样？", "答：他上班时间经常在办公室玩手机。", "答：听说他女儿嫁人摆了三十多桌，收了不少礼金。"])
        let found = try evidence(described)
        #expect(found == ["C013 lax asserted", "C013 weddings_funerals hearsay", "C013 gifts hearsay"])
    }

    @Test func wordsThatOnlyContainANegationDenyNothing() throws {
        let doc = transcript(["问：黄磊怎么样？", "答：他收了不少老板的购物卡。", "答：听他们单位的人讲，他没少打麻将。", "答：他从来不打麻将。"])
        let found = try evidence(doc)
        #expect(found == ["C014 gifts asserted", "C014 gambling hearsay", "C014 gambling negated"])
    }

    @Test func denialsTakeManyForms() throws {
        let doc = transcript([
            "问：黄磊这个人怎么样？",
            "答：说他收红包，那纯属捕风捉影。",
            "答：他不可能收受礼金。",
            "答：春节有个老板送来两箱茅台，他当场推掉了。",
            "答：打麻将？一次都没见他打过。",
        ])
        let found = try evidence(doc)
        #expect(found.allSatisfy { $0.hasSuffix("negated") }, "\(found)")
        #expect(found.count >= 3)
    }

    @Test func answersThatAskBackOrSayHeIsNotLikeThatDeny() throws {
        let doc = transcript([
            "问：有人反映黄磊在局里搞一言堂，您咋看？",
            "答：一言堂？那不能。开会他都让大伙儿说，说完了才拍板。",
            "答：搞一言堂那一套，他真不那样。",
            "答：他连老板的一顿饭都不吃，还能收人家钱？",
            // A pronoun with a bare negation is no denial (我不会), nor is a question that is not rhetorical.
            "答：黄磊收了老板的红包，我不会替他说话。",
        ])
        let found = try evidence(doc)
        #expect(found == ["C014 overbearing negated", "C014 overbearing negated", "C014 banquets negated", "C014 gifts negated", "C014 gifts asserted"])
    }

    @Test func unsureTellersAndProblemFreeMerits() throws {
        let doc = transcript([
            "问：黄磊这个人怎么样？",
            // Not seen, and "true or not, I cannot say": hearsay, not a denial …
            "答：有人说黄磊爱在朋友圈发牢骚，我没看到过，不知真假。",
            // … while not seen and nothing more denies.
            "答：有人说黄磊收了老板的红包，我没看到过。",
            // No problems found in a merit's area is the merit, not its denial.
            "答：黄磊廉洁自律方面未发现问题。",
        ])
        let found = try evidence(doc)
        #expect(found == ["C014 improper_remarks hearsay", "C014 gifts negated", "C014 clean asserted"])
    }

    @Test func nothingHeardAndNothingToDoWithHim() throws {
        let doc = transcript([
            "问：黄磊这个人怎么样？",
            // 没听说 reports nothing heard; 跟他沾不上边 denies the claims before it.
            "答：我没听说他有啥不好的事，吃吃喝喝、收东西那些，跟他沾不上边。",
            "答：听说黄磊收过老板的购物卡。",
        ])
        let found = try evidence(doc)
        #expect(found == ["C014 banquets negated", "C014 gifts hearsay"])
    }

    @Test func aLongRefusalClauseStillRefuses() throws {
        let doc = transcript([
            "问：黄磊这个人怎么样？",
            // Eleven characters: only bare denials need a short clause, not refusals.
            "答：有人送来一箱茅台，他追到电梯口让人拿回去了。",
            "答：听说黄磊跟施工方吃过几次饭。",
            "答：过年的时候有人开车往他家搬东西。",
            // Not even that (连…都不吃); 也不退 after taking is no denial.
            "答：他连老板的一顿饭都不吃。",
            "答：他收了老板的红包也不退。",
        ])
        let found = try evidence(doc)
        #expect(found == ["C014 gifts negated", "C014 banquets hearsay", "C014 gifts asserted", "C014 banquets negated", "C014 gifts asserted"])
    }

    @Test func anEchoedClaimTakesTheAnswersVerdictAndADisagreementDenies() throws {
        let doc = transcript([
            "问：有人反映黄磊经常和开发商一起打牌，您了解吗？",
            "答：打牌？我在这个院子里住了三十年，他家就在我楼下。这种话是谁传出来的？瞎说。",
            "答：说黄磊阳奉阴违，我第一个不同意。",
            // Disagreeing is the conduct here, not a rebuttal of a report.
            "答：黄磊对上级的决定不同意，就阳奉阴违。",
        ])
        let found = try evidence(doc)
        #expect(found == ["C014 gambling negated", "C014 two_faced negated", "C014 two_faced asserted"])
    }

    @Test func tellersAFewPeopleAndWhatIsSaidOutside() throws {
        let doc = transcript([
            "问：黄磊这个人怎么样？",
            "答：据单位司机讲，黄磊是去城东的一个茶楼打牌。",
            "答：外面说黄磊收过老板的购物卡。",
            "答：有4人谈到黄磊工作日中午饮酒。",
            // 证据…说 is no teller, and twelve people agreeing is a finding, not a rumour.
            "答：黄磊说证据摆在这里，谁来说都一样，不打折扣。",
            "答：共有12人谈到，黄磊对市里的部署不讲价钱，不打折扣。",
        ])
        let found = try evidence(doc)
        // (不打折扣 is also the denial of poor execution; 谁来说都一样 is standing firm.)
        #expect(found == ["C014 gambling hearsay", "C014 gifts hearsay", "C014 banquets hearsay", "C014 takes_responsibility asserted", "C014 loyal asserted",
                          "C014 poor_execution negated", "C014 loyal asserted", "C014 poor_execution negated"])
    }

    @Test func refusalsNegateTheClaimTheyFollow() throws {
        let doc = transcript([
            "问：黄磊这个人怎么样？",
            // In the claim's own clause; and two clauses on, with nothing claimed between.
            "答：人家托人送来的红包也都原封退了。",
            "答：有个老板硬塞给他一个信封，说是给孩子的压岁钱，推了几次推不掉，当场退回去了。",
            // A refusal that is itself denied is none.
            "答：他收了老板的购物卡，也没退回。",
            // A refusal after another claim belongs to that claim: the dinner stays asserted.
            "答：他参加了一个老板组织的饭局，席间还有人递了个信封，他没收。",
        ])
        let found = try evidence(doc)
        // Returning a gift untouched or on the spot is also evidence of the positive kind (原封退,
        // 当场退回: clean), and does not take the refusal from the claim it follows.
        #expect(found == ["C014 gifts negated", "C014 clean asserted", "C014 gifts negated", "C014 clean asserted", "C014 gifts asserted", "C014 banquets asserted",
                          "C014 gifts negated"])
    }

    @Test func aNamedTopicAndAnInquirysFindingDeny() throws {
        let doc = transcript([
            "问：孙强平时怎么样？",
            "答：打牌那种事，我在局里没碰见过。",
            "答：反映他接受老板宴请的问题，经核查查无实据，予以澄清。",
        ])
        let found = try evidence(doc)
        #expect(found == ["C018 gambling negated", "C018 banquets negated"])
    }

    @Test func bareDenialsAndTalesCalledUntrueDeny() throws {
        // A clause that is only a denial, built from parts no list holds whole.
        for yes in ["没有的事", "从来没有过", "哪有这回事", "我看不可能", "这个真没有吧", "绝对没这回事", "其实根本没有"] {
            #expect(SignalDetector.bareDenial(yes.unicodeScalars.map(\.value)[...]), "\(yes)")
        }
        for no in ["没想到他这么快", "不分白天黑夜", "没少喝", "不好说", "没有人管", "不是那么回事了", "我不会", "我没有", "不过没了", "不会"] {
            #expect(!SignalDetector.bareDenial(no.unicodeScalars.map(\.value)[...]), "\(no)")
        }
        let doc = transcript([
            "问：孙强平时怎么样？",
            "答：孙强打牌赌钱？没有的事。",
            "答：有人说老板往孙强家送过两箱茅台。根本没有的事。",
            "答：说孙强搞一言堂，那是以讹传讹。",
        ])
        #expect(try evidence(doc) == ["C018 gambling negated", "C018 gifts negated", "C018 overbearing negated"])
        // A topic, a reason to believe the speaker, then the denial two clauses on.
        let topic = try evidence(transcript(["答：要说孙强跟老板打牌，我在那条街住了六年，一回都没碰到过。"]))
        #expect(topic == ["C018 gambling negated"])
        // Not denials: a manner (不分白天黑夜), a deed that does not match the word, the speaker
        // about themself, a finding that the claim holds, figures that were made up.
        let claims = try evidence(transcript([
            "答：孙强打牌，不分白天黑夜。",
            "答：孙强对上面布置的任务，表面上答应得好好的，回去就不是那么回事了。",
            "答：孙强经常打牌。我不会。",
            "答：关于孙强打牌的问题，经核查基本属实，至今没有整改。",
            "答：孙强弄虚作假，报表数据都是编出来的。",
        ]))
        #expect(claims == ["C018 gambling asserted", "C018 two_faced asserted", "C018 gambling asserted", "C018 gambling asserted", "C018 formalism asserted"])
    }

    @Test func headingsAndQuotedCategoriesClaimNothing() throws {
        // Run-in headings of a report and a failing named in quotes as a category.
        let none = try evidence(transcript([
            "二、关于孙强“公车私用”的问题。经调取行驶记录，情况如下。",
            "本次测评对“庸散懒”“推拖绕”问题单列评价项目。",
        ]))
        #expect(none.isEmpty, "\(none)")
        // A numbered line that says something is a claim, and so is a short sentence ending 情况.
        let claims = try evidence(transcript(["一、孙强经常打牌。", "答：听说孙强有公车私用的情况。"]))
        #expect(claims == ["C018 gambling asserted", "C018 official_car hearsay"])
    }

    @Test func aSectionHeadNamesWhoItsLinesAreAbout() throws {
        // An evaluation sheet in sections per cadre: the lines under a head are about its cadre.
        let sheet = try evidence(transcript([
            "民主测评意见汇总",
            "【孙强（副局长）】",
            "· 上班时间经常打牌。",
            "二、唐亮同志：",
            "· 经常打牌，群众有意见。",
        ]))
        #expect(sheet == ["C018 gambling asserted", "C031 gambling asserted"])
    }

    @Test func aRhetoricalQuestionAboutThatDenies() throws {
        let found = try evidence(transcript([
            "答：说孙强收了老板的购物卡？他连工会发的电影票都推给别人，哪会要那个。",
            "答：孙强收了红包，哪会退。",
        ]))
        // "To say so is wrong", in the claim's own clause; without 说 it judges the deed.
        #expect(try evidence(transcript(["答：说孙强上班时间打牌是不对的。"])) == ["C018 gambling negated"])
        #expect(try evidence(transcript(["答：孙强上班时间打牌，这是不对的。"])) == ["C018 gambling asserted"])
        let quoted = try evidence(transcript(["——石红英：“说孙强那晚不在岗是不对的。他那晚就在堤上。”"]))
        #expect(quoted == ["C018 lax negated"])
        // The claim and the reason given against it are denied; "how would he return it" about a
        // deed is no denial of the one before.
        #expect(found == ["C018 gifts negated", "C018 shirking negated", "C018 gifts asserted"])
    }

    @Test func hearsayWithoutATellerAndMeritsThatFallShort() throws {
        let found = try evidence(transcript([
            "答：镇上的人还在摆，说孙强晚上喜欢跑到城里去打牌。",
            "3. 有1人反映孙强经常打牌。",
            "答：说这种没根没据的话，孙强是坚决不许的。",
            "答：孙强深入基层调研不够。",
        ]))
        // "They say he …" and "one person reported" are hearsay; 说这种话 is another 说; a merit
        // said to fall short is not evidence of the merit.
        #expect(found.prefix(2) == ["C018 gambling hearsay", "C018 gambling hearsay"], "\(found)")
        #expect(!found.contains { $0.contains("diligent") }, "\(found)")
    }

    @Test func aPassagesOpeningIsAboutTheCadreItGoesOnToName() throws {
        // A complaint naming two cadres, in numbered passages: each opening is about the one cadre
        // its passage names; an opening whose passage names no one stays unattributed.
        let letter = try evidence(transcript([
            "我实名反映孙强和唐亮的问题。",
            "一、经常打牌。孙强在茶楼打，输赢不小。",
            "二、经常打牌。唐亮也去过几次。",
            "三、经常打牌。这是听来的。",
        ]))
        #expect(letter == ["C018 gambling asserted", "C031 gambling asserted", "- gambling asserted"])
    }

    @Test func aDocumentAboutOneCadreHasItsUnattributedSignals() throws {
        // A complaint naming one cadre: its later sentences are about him even unnamed.
        let one = try evidence(transcript(["举报人反映孙强的问题。", "去年有老板往他家送过两箱茅台。"]))
        #expect(one == ["C018 gifts asserted"])
        // Two cadres named: no guess.
        let two = try evidence(transcript(["举报人反映孙强和唐亮的问题。", "去年有老板往家里送过两箱茅台。"]))
        #expect(two == ["- gifts asserted"])
    }

    @Test func anUnknownConceptIsAnErrorOnItsLine() {
        let yaml = """
            extends: default
            concepts:
              ok: [甲乙]
            indicators:
              - id: x
                dimension: work_style
                triggers: ['@nowhere']
            """
        let result = Result { () throws(TaxonomyError) -> Taxonomy in try Taxonomy.parse(yaml, file: "c.yaml") }
        guard case .failure(let error) = result else { Issue.record("expected an error"); return }
        #expect(error.description.contains("c.yaml:5") && error.description.contains("@nowhere"))
    }

    @Test func suggestionRulesAreData() throws {
        #expect(Taxonomy.default.rules.yellowMinSeverity == 2)
        let t = try Taxonomy.parse("extends: default\nsuggestions:\n  yellow: {statuses: [single-source], min_severity: 3, min_claims: 0}\n  red: {min_dimensions: 3}\n")
        #expect(t.rules.yellowStatuses == ["single-source"] && t.rules.yellowMinSeverity == 3 && t.rules.yellowMinClaims == 0)
        #expect(t.rules.redMinDimensions == 3 && t.rules.vetoStatuses == ["corroborated", "multi-channel"])
        #expect(t.indicators.count == Taxonomy.default.indicators.count)
        let bad = Result { () throws(TaxonomyError) -> Taxonomy in try Taxonomy.parse("suggestions:\n  red: {min_dimensions: 0}\n", file: "r.yaml") }
        guard case .failure(let e) = bad else { Issue.record("expected an error"); return }
        #expect(e.description.contains("r.yaml:2") && e.description.contains("min_dimensions"))
    }

    @Test func taxonomyErrorsNameTheirLines() {
        let yaml = """
            dimensions:
              - {id: work_style, label: 作风}
            indicators:
              - id: a
                dimension: work_style
                polarity: sideways
                triggers: [x]
              - id: b
                dimension: nowhere
                triggers: [y]
              - id: c
                dimension: work_style
                severity: 9
            """
        let result = Result { () throws(TaxonomyError) -> Taxonomy in try Taxonomy.parse(yaml, file: "t.yaml") }
        guard case .failure(let error) = result else { Issue.record("expected errors"); return }
        let lines = error.issues.map(\.line)
        #expect(lines.contains(6))   // polarity
        #expect(lines.contains(8))   // unknown dimension (the indicator starts on line 8)
        #expect(lines.contains(13))  // severity
        #expect(error.description.contains("t.yaml:6"))
        let broken = Result { () throws(TaxonomyError) -> Taxonomy in try Taxonomy.parse("indicators: [\n  - id: a\n", file: "b.yaml") }
        guard case .failure(let e2) = broken else { Issue.record("expected a YAML error"); return }
        #expect(e2.description.hasPrefix("b.yaml:"))
    }
}
