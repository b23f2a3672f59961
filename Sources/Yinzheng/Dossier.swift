import Analysis
import Catalog
import Foundation
import Index
import Linking
import Search
import Signals

extension Workspace {
    /// Everything the index holds about one cadre, dimension by dimension: each claim with its
    /// quotes and sources, its corroboration and score with the reasons, contested claims with
    /// both sides, and suggestions (never verdicts) with the evidence behind them.
    public struct Dossier: Codable, Sendable {
        public struct Quote: Codable, Sendable {
            public var status: String
            public var quote: String
            public var path: String
            public var start: Int
            public var end: Int
            public var informant: String?
            public var channel: String
            public var date: String?
            /// The independent source this quote belongs to.
            public var source: String
        }
        public struct Claim: Codable, Sendable {
            public var indicator: String
            public var label: String
            public var polarity: String
            public var severity: Int
            public var veto: Bool
            public var corroboration: Corroboration
            public var evidence: [Quote]
            public var denials: [Quote]
        }
        public struct DimensionSection: Codable, Sendable {
            public var id: String
            public var label: String
            public var negative: [Claim]
            public var positive: [Claim]
        }
        public struct Suggestion: Codable, Sendable {
            /// veto (一票否决), yellow (黄榜), red (红榜).
            public var kind: String
            public var reasons: [String]
        }
        public var cadre: Cadre
        public var dimensions: [DimensionSection]
        public var suggestions: [Suggestion]
        public var note: String
    }

    /// The dossier of the cadre with this id (or the one cadre with this name or alias).
    /// In a scope, only a cadre of its units, with evidence from documents visible in it alone
    /// (corroboration counts only the sources the caller may see).
    public func dossier(_ query: String, scope: Scope = .everything) throws -> Dossier {
        let roster = Roster(cadres: try cadres(scope: scope))
        let matches = roster.cadres.filter { $0.id == query || $0.name == query || $0.aliases.contains(query) }
        guard matches.count == 1, let cadre = matches.first else {
            throw WorkspaceError(description: matches.isEmpty
                ? "no cadre with id, name or alias \(query); `yz roster list` shows the roster"
                : "\(query) names \(matches.count) cadres (\(matches.map { "\($0.id) \($0.unit)" }.joined(separator: ", "))); give the id")
        }
        let taxonomy = try taxonomy()
        let catalog = try Catalog(directory: directory)
        var evidence = try catalog.evidence(cadre: cadre.id)
        if let visible = try visiblePaths(scope) { evidence = evidence.filter { visible.contains($0.path) } }
        let source = try sources(of: evidence)
        func quote(_ e: Catalog.Evidence) -> Dossier.Quote {
            Dossier.Quote(status: e.status, quote: e.quote, path: e.path, start: e.start, end: e.end, informant: e.informant, channel: e.channel,
                          date: e.date, source: source(e))
        }
        var sections: [Dossier.DimensionSection] = []
        var allClaims: [(dimension: String, claim: Dossier.Claim)] = []
        for d in taxonomy.dimensions {
            var negative: [Dossier.Claim] = [], positive: [Dossier.Claim] = []
            for ind in taxonomy.indicators where ind.dimension == d.id {
                let mine = evidence.filter { $0.indicator == ind.id }
                guard !mine.isEmpty else { continue }
                let items = mine.enumerated().map { EvidenceItem(status: Evidence.Status(rawValue: $1.status) ?? .asserted, source: source($1), channel: $1.channel, index: $0) }
                let c = Corroboration.assess(items, severity: ind.severity)
                let claim = Dossier.Claim(indicator: ind.id, label: ind.label, polarity: ind.polarity.rawValue, severity: ind.severity, veto: ind.veto,
                                          corroboration: c, evidence: mine.filter { $0.status != "negated" }.map(quote),
                                          denials: mine.filter { $0.status == "negated" }.map(quote))
                if ind.polarity == .negative { negative.append(claim) } else { positive.append(claim) }
                allClaims.append((d.id, claim))
            }
            negative.sort { $0.corroboration.score > $1.corroboration.score }
            positive.sort { $0.corroboration.score > $1.corroboration.score }
            sections.append(.init(id: d.id, label: d.label, negative: negative, positive: positive))
        }
        return Dossier(cadre: cadre, dimensions: sections, suggestions: Self.suggestions(allClaims, rules: taxonomy.rules),
                       note: "Suggestions, not verdicts. Sources: one informant is one source however often they repeat themselves; copies and near-copies of a document are one source. Denied claims are exculpatory and never counted against the cadre.")
    }

    /// The taxonomy's suggestion rules (docs/TAXONOMY.md), each suggestion with its reasons: a veto
    /// flag for a veto indicator whose claim has one of the veto statuses; the yellow list for a
    /// negative claim with a yellow status and enough severity, or enough negative claims; the red
    /// list for positive claims with a red status in enough dimensions and no such negative claim.
    static func suggestions(_ claims: [(dimension: String, claim: Dossier.Claim)], rules: Taxonomy.SuggestionRules) -> [Dossier.Suggestion] {
        func line(_ c: Dossier.Claim) -> String {
            "\(c.label) — \(c.corroboration.status.rawValue), \(c.corroboration.sources.count) source(s): " + c.evidence.prefix(3).map { "「\($0.quote)」(\($0.channel) \($0.date ?? ""))" }.joined(separator: " ")
        }
        func has(_ c: Dossier.Claim, _ statuses: [String]) -> Bool { statuses.contains(c.corroboration.status.rawValue) }
        var out: [Dossier.Suggestion] = []
        let negatives = claims.filter { $0.claim.polarity == "negative" && $0.claim.corroboration.status != .deniedOnly }
        let vetoes = negatives.filter { $0.claim.veto && has($0.claim, rules.vetoStatuses) }
        if !vetoes.isEmpty { out.append(.init(kind: "veto", reasons: vetoes.map { "veto indicator " + line($0.claim) })) }
        let serious = negatives.filter { has($0.claim, rules.yellowStatuses) && $0.claim.severity >= rules.yellowMinSeverity }
        let many = rules.yellowMinClaims > 0 && negatives.count >= rules.yellowMinClaims
        if !serious.isEmpty || many {
            out.append(.init(kind: "yellow", reasons: (serious.isEmpty ? negatives : serious).map { line($0.claim) }
                             + (serious.isEmpty ? ["\(negatives.count) negative claims (rule: \(rules.yellowMinClaims) or more), none \(rules.yellowStatuses.joined(separator: " or "))"] : [])))
        }
        let positives = claims.filter { $0.claim.polarity == "positive" && has($0.claim, rules.redStatuses) }
        let positiveDimensions = Set(positives.map(\.dimension))
        if positiveDimensions.count >= rules.redMinDimensions && !negatives.contains(where: { has($0.claim, rules.redStatuses) }) {
            out.append(.init(kind: "red", reasons: positives.map { line($0.claim) }
                             + ["\(rules.redStatuses.joined(separator: " or ")) in \(positiveDimensions.count) dimensions (rule: \(rules.redMinDimensions)), no such negative claim"]))
        }
        return out
    }

    /// `status` as a corroboration status a `status:` filter may name, or an error listing them.
    static func corroborationStatus(_ status: String) throws -> CorroborationStatus {
        guard let s = CorroborationStatus(rawValue: status) else {
            throw SearchError.unsupported("status:\(status): use \(CorroborationStatus.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return s
    }

    /// For each corroboration status, the documents holding (not denied) evidence of a claim with
    /// that status; a multi-channel claim's documents count as corroborated too. Unscoped, the
    /// figures the last sync stored are used (claims depend on every document, so a sync
    /// assesses them all at its end); in a scope, or before any sync stored them, they are
    /// assessed now on the visible evidence.
    public func documentsByCorroboration(scope: Scope = .everything) throws -> [String: Set<String>] {
        guard FileManager.default.fileExists(atPath: directory.appendingPathComponent("catalog.sqlite").path) else { return [:] }
        if scope.isEverything {
            // Read-only, and cached in this process until a sync changes the claims.
            let key = directory.standardizedFileURL.path
            let cached = Self.claimCache.get(key)
            let (version, read) = try Catalog.claims(readingFrom: directory, unless: cached?.version)
            if let version {
                if let read {
                    // Stored per status; multi-channel documents count as corroborated too.
                    var out = read
                    if let multi = read[CorroborationStatus.multiChannel.rawValue] { out[CorroborationStatus.corroborated.rawValue, default: []].formUnion(multi) }
                    Self.claimCache.set(key, (version, out))
                    return out
                }
                if let cached { return cached.byStatus }
            }
        }
        // In a scope: assessed on the visible evidence, cached per scope, commit and claims version
        // (a server answers the status facet on every search).
        let generation = (try? openSnapshot().commit.generation) ?? -1
        let version = try Catalog.claimsVersion(readingFrom: directory)
        let key = directory.standardizedFileURL.path + "|" + (scope.units ?? []).sorted().joined(separator: ",") + "|\(generation)|\(version?.timeIntervalSince1970 ?? 0)"
        if version != nil, let cached = Self.scopedClaimCache.get(key) { return cached }
        let assessed = try assessClaims(catalog: try Catalog(directory: directory), scope: scope)
        if version != nil { Self.scopedClaimCache.set(key, assessed) }
        return assessed
    }

    /// Documents by claim status per index directory, with the claims' version they were read at.
    static let claimCache = Memo<(version: Date, byStatus: [String: Set<String>])>(limit: 8)
    /// Scoped assessments by scope, commit and claims version; a few scopes at a time.
    static let scopedClaimCache = Memo<[String: Set<String>]>(limit: 16)

    /// Assesses every claim (cadre, indicator) on the evidence visible in `scope`.
    func assessClaims(catalog: Catalog, scope: Scope) throws -> [String: Set<String>] {
        let visible = try visiblePaths(scope)
        let evidence = try catalog.evidence().filter { $0.cadre != nil && (visible?.contains($0.path) ?? true) }
        return Self.byStatus(try assess(evidence))
    }

    /// Claims of `evidence` (attributed), each assessed on the evidence given.
    typealias LiveIndex = (snapshot: IndexSnapshot, live: [String: (segment: Int32, local: Int32)])

    func liveIndex() throws -> LiveIndex {
        do {
            let snapshot = try openSnapshot()
            return (snapshot, try snapshot.livePaths())
        } catch { throw WorkspaceError(description: error.description) }
    }

    func assess(_ evidence: [Catalog.Evidence], known: LiveIndex? = nil) throws -> [Catalog.ClaimAssessment] {
        let evidence = evidence.filter { $0.cadre != nil }
        let source = try sources(of: evidence, known: known)
        var groups: [String: [Catalog.Evidence]] = [:]
        for e in evidence { groups["\(e.cadre!) \(e.indicator)", default: []].append(e) }
        var out: [Catalog.ClaimAssessment] = []
        for (_, list) in groups {
            let items = list.enumerated().map { i, e in
                EvidenceItem(status: Evidence.Status(rawValue: e.status) ?? .asserted,
                             source: source(e), channel: e.channel, index: i)
            }
            let found = Corroboration.assess(items, severity: 1).status
            let paths = Set(list.filter { $0.status != "negated" }.map(\.path))
            guard !paths.isEmpty else { continue }
            out.append(Catalog.ClaimAssessment(cadre: list[0].cadre!, indicator: list[0].indicator, status: found.rawValue, paths: paths))
        }
        return out
    }

    /// Documents by claim status; a multi-channel claim's documents count as corroborated too
    /// (it is corroboration across channels).
    static func byStatus(_ claims: [Catalog.ClaimAssessment]) -> [String: Set<String>] {
        var out: [String: Set<String>] = [:]
        for c in claims {
            out[c.status, default: []].formUnion(c.paths)
            if c.status == CorroborationStatus.multiChannel.rawValue { out[CorroborationStatus.corroborated.rawValue, default: []].formUnion(c.paths) }
        }
        return out
    }

    /// Brings the stored claims up to date after a run: every claim when none are stored yet,
    /// else only the claims whose evidence the run changed (`touched`, "cadre indicator").
    /// One cadre at a time, so memory is bounded by the cadre with the most evidence, not the
    /// corpus (379,234 evidence rows on a 200 MB corpus took 727 MB when assessed at once).
    func updateClaims(catalog: Catalog, touched: Set<String>) throws {
        var byCadre: [String: Set<String>] = [:]
        let full = try !catalog.claimsAssessed()
        if full {
            try catalog.storeClaims([], replacing: nil)
            for cadre in try catalog.cadresWithEvidence() { byCadre[cadre] = [] }
        } else {
            for k in touched {
                let parts = k.split(separator: " ", maxSplits: 1).map(String.init)
                if parts.count == 2 { byCadre[parts[0], default: []].insert(parts[1]) }
            }
        }
        guard !byCadre.isEmpty else { return }
        let known = try liveIndex()
        for (cadre, indicators) in byCadre.sorted(by: { $0.key < $1.key }) {
            let evidence = try catalog.evidence(cadre: cadre).filter { full || indicators.contains($0.indicator) }
            let keys = full ? Set(evidence.map { "\(cadre) \($0.indicator)" }) : Set(indicators.map { "\(cadre) \($0)" })
            try catalog.storeClaims(try assess(evidence, known: known), replacing: keys)
            // Assessing reads the stored text of each document with evidence: over a large
            // index, every cadre's pages would pile up in the process (1.25 GB at the end of a
            // 1 GB build); they are dropped cadre by cadre.
            for segment in known.snapshot.segments { segment.releaseResidentPages() }
        }
    }

    /// The independent source of each piece of `evidence`: its informant, compared in normalised
    /// form (金大偉 and 金大伟 are one person), else its document, copies and near copies counting
    /// as their cluster's first document. Only evidence naming no informant is fingerprinted.
    func sources(of evidence: [Catalog.Evidence], known: LiveIndex? = nil) throws -> (Catalog.Evidence) -> String {
        let clusters = try duplicateClusters(of: Array(Set(evidence.filter { ($0.informant ?? "").isEmpty }.map(\.path))), known: known)
        let normalizer = try Self.analyzer(roster: Roster(cadres: []))
        return { e in
            if let i = e.informant, !i.isEmpty { return normalizer.normalize(i).string }
            return "document " + (clusters[e.path] ?? e.path)
        }
    }

    /// For each path, the path of the first document in its cluster of exact and near copies.
    /// `known`: the snapshot and its live sources when the caller already has them (claims
    /// assessed cadre by cadre share one).
    func duplicateClusters(of paths: [String], known: LiveIndex? = nil) throws -> [String: String] {
        guard !paths.isEmpty else { return [:] }
        let (snapshot, live) = try known.map { ($0.snapshot, $0.live) } ?? liveIndex()
        var items: [DuplicateClusters.Item] = []
        for p in paths {
            guard let at = live[p], let d = try? snapshot.segments[Int(at.segment)].document(Int(at.local)) else { continue }
            items.append(.init(id: p, contentHash: String(d.sha256.prefix(64)), fingerprint: Fingerprint(text: d.text)))
        }
        var out: [String: String] = [:]
        for cluster in DuplicateClusters.cluster(items) {
            let head = cluster.sorted().first!
            for p in cluster { out[p] = head }
        }
        return out
    }

    // MARK: Rendering

    public static func markdown(_ d: Dossier) -> String {
        var s = "# 干部档案 Dossier: \(d.cadre.name) (\(d.cadre.id))\n\n\(d.cadre.unit) \(d.cadre.position)\(d.cadre.level.map { "，\($0)" } ?? "")\n\n"
        if !d.suggestions.isEmpty {
            s += "## Suggestions\n\n"
            for g in d.suggestions {
                s += "- **\(["veto": "一票否决 veto flag", "yellow": "黄榜 yellow list", "red": "红榜 red list"][g.kind] ?? g.kind)**\n"
                for r in g.reasons { s += "  - \(r)\n" }
            }
            s += "\n"
        }
        for dim in d.dimensions {
            s += "## \(dim.label) (\(dim.id))\n\n"
            if dim.negative.isEmpty && dim.positive.isEmpty { s += "No evidence.\n\n"; continue }
            for (title, claims) in [("Negative", dim.negative), ("Positive", dim.positive)] where !claims.isEmpty {
                s += "### \(title)\n\n"
                for c in claims {
                    let k = c.corroboration
                    s += "- **\(c.label)** — \(k.status.rawValue), score \(String(format: "%.1f", k.score)); \(k.sources.count) source(s)\(k.channels.isEmpty ? "" : " in " + k.channels.joined(separator: ", "))\(c.veto ? "; veto indicator" : "")\n"
                    for r in k.reasons { s += "  - \(r)\n" }
                    if k.status == .contested { s += "  - **Contested** — asserted / reported:\n" }
                    for q in c.evidence { s += "    - 「\(q.quote)」 \(q.status); \(q.path) @\(q.start); \(q.informant ?? "no informant"); \(q.channel); \(q.date ?? "undated")\n" }
                    if !c.denials.isEmpty { s += "  - Denied:\n" }
                    for q in c.denials { s += "    - 「\(q.quote)」 \(q.path) @\(q.start); \(q.informant ?? "no informant"); \(q.channel); \(q.date ?? "undated")\n" }
                }
                s += "\n"
            }
        }
        return s + "---\n\(d.note)\n"
    }

    public static func html(_ d: Dossier) -> String {
        func e(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        }
        func rows(_ qs: [Dossier.Quote]) -> String {
            qs.map { "<li><q>\(e($0.quote))</q> <span class=m>\(e($0.status)) · \(e($0.path)) @\($0.start) · \(e($0.informant ?? "no informant")) · \(e($0.channel)) · \(e($0.date ?? "undated"))</span></li>" }.joined()
        }
        var body = "<h1>\(e(d.cadre.name)) <small>\(e(d.cadre.id)) · \(e(d.cadre.unit)) · \(e(d.cadre.position))</small></h1>"
        if !d.suggestions.isEmpty {
            body += "<section class=sugg><h2>Suggestions (not verdicts)</h2>" + d.suggestions.map { g in
                "<div class=\(g.kind)><b>\(["veto": "一票否决 veto flag", "yellow": "黄榜 yellow list", "red": "红榜 red list"][g.kind] ?? g.kind)</b><ul>" + g.reasons.map { "<li>\(e($0))</li>" }.joined() + "</ul></div>"
            }.joined() + "</section>"
        }
        for dim in d.dimensions {
            body += "<h2>\(e(dim.label)) <small>\(e(dim.id))</small></h2>"
            if dim.negative.isEmpty && dim.positive.isEmpty { body += "<p class=none>No evidence.</p>"; continue }
            for c in dim.negative + dim.positive {
                let k = c.corroboration
                body += "<div class='claim \(c.polarity)'><h3>\(c.polarity == "negative" ? "−" : "+") \(e(c.label)) <span class='st \(k.status.rawValue)'>\(k.status.rawValue)</span> <small>score \(String(format: "%.1f", k.score))</small></h3>"
                body += "<ul class=why>" + k.reasons.map { "<li>\(e($0))</li>" }.joined() + "</ul>"
                if k.status == .contested || !c.denials.isEmpty {
                    body += "<table class=sides><tr><th>Asserted / reported</th><th>Denied</th></tr><tr><td><ul>\(rows(c.evidence))</ul></td><td><ul>\(rows(c.denials))</ul></td></tr></table>"
                } else {
                    body += "<ul>\(rows(c.evidence))</ul>"
                }
                body += "</div>"
            }
        }
        return """
        <!doctype html><html lang=zh><head><meta charset=utf-8><title>\(e(d.cadre.name)) — dossier</title><style>
        body{font:15px/1.6 system-ui,"Noto Sans CJK SC",sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
        h1 small,h2 small,h3 small{color:#777;font-weight:normal;font-size:.7em} .claim{border-left:4px solid #ccc;padding:.2rem .8rem;margin:.8rem 0}
        .claim.negative{border-color:#c0392b} .claim.positive{border-color:#27ae60} .st{font-size:.75em;padding:.1em .4em;border-radius:.3em;background:#eee}
        .st.contested{background:#f6d365} .st.corroborated,.st.multi-channel{background:#fdd} .claim.positive .st.corroborated,.claim.positive .st.multi-channel{background:#dfd}
        q{quotes:"「" "」"} .m{color:#666;font-size:.85em} ul.why{color:#555;font-size:.85em} table.sides{width:100%;border-collapse:collapse}
        table.sides td,table.sides th{vertical-align:top;border:1px solid #ddd;padding:.3rem;width:50%} .sugg div{margin:.4rem 0;padding:.4rem;border-radius:.3rem}
        .veto{background:#fbe3e4} .yellow{background:#fff6d6} .red{background:#e5f7e9} @media print{body{margin:0}}
        </style></head><body>\(body)<footer class=m>\(e(d.note))</footer></body></html>
        """
    }
}
