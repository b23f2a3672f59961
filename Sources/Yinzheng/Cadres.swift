import Catalog
import Foundation
import Index
import Linking
import Signals

extension Workspace {
    /// One cadre and the evidence about them: documents whose mentions link to them (with channel
    /// and date), mention counts by form, and ambiguous mentions that list them as a candidate.
    public struct CadreReport: Codable, Sendable {
        public struct Document: Codable, Sendable {
            public var path: String
            public var channel: String?
            public var dates: String?
            public var mentions: Int
        }
        public struct Pending: Codable, Sendable {
            public var path: String
            public var start: Int
            public var end: Int
            public var text: String
            public var candidates: [String]
            public var evidence: String
        }
        public var cadre: Cadre
        public var documents: [Document]
        public var mentionsByForm: [String: Int]
        public var ambiguous: [Pending]
    }

    /// The cadres `query` names — an id, a name (several cadres may share it) or an alias — each
    /// with its report. Empty when nothing matches.
    /// In a scope, only cadres of its units, and only documents visible in it.
    public func cadres(matching query: String, scope: Scope = .everything) throws -> [CadreReport] {
        let cadres = try cadres(scope: scope)
        let q = query.trimmingCharacters(in: .whitespaces)
        let matches = cadres.filter { $0.id == q } + cadres.filter { $0.id != q && ($0.name == q || $0.aliases.contains(q)) }
        guard !matches.isEmpty else { return [] }
        let catalog = try Catalog(directory: directory)
        let sources = Dictionary(try catalog.sources().map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        let visible = try visiblePaths(scope)
        return try matches.map { c in
            var (linked, ambiguous) = try catalog.mentions(cadre: c.id)
            if let visible {
                linked = linked.filter { visible.contains($0.path) }
                ambiguous = ambiguous.filter { visible.contains($0.path) }
            }
            var perPath: [String: Int] = [:]
            for m in linked { perPath[m.path, default: 0] += 1 }
            let documents = perPath.keys.sorted().map { p in
                CadreReport.Document(path: p, channel: sources[p]?.channel, dates: sources[p]?.dates, mentions: perPath[p]!)
            }
            return CadreReport(cadre: c, documents: documents, mentionsByForm: Dictionary(grouping: linked, by: \.form).mapValues(\.count),
                               ambiguous: ambiguous.map { .init(path: $0.path, start: $0.start, end: $0.end, text: $0.text,
                                                                candidates: $0.candidates.split(separator: ",").map(String.init), evidence: $0.evidence) })
        }
    }

    /// Precision, recall and F1 of mention → cadre links against a ground truth.
    public struct LinkingScore: Codable, Sendable {
        public var truePositives = 0
        public var falsePositives = 0
        public var falseNegatives = 0
        /// Truth mentions found but left ambiguous (counted in falseNegatives).
        public var ambiguous = 0
        public var documents = 0
        public var precision: Double { truePositives + falsePositives == 0 ? 0 : Double(truePositives) / Double(truePositives + falsePositives) }
        public var recall: Double { truePositives + falseNegatives == 0 ? 0 : Double(truePositives) / Double(truePositives + falseNegatives) }
        public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
        /// Per form (full, alias, surname_title, pronoun): true positives and truth count.
        public var byForm: [String: [Int]] = [:]
        /// A few wrong or missed links, for reading.
        public var examples: [String] = []

        enum CodingKeys: String, CodingKey { case truePositives, falsePositives, falseNegatives, ambiguous, documents, precision, recall, f1, byForm, examples }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(truePositives, forKey: .truePositives)
            try c.encode(falsePositives, forKey: .falsePositives)
            try c.encode(falseNegatives, forKey: .falseNegatives)
            try c.encode(ambiguous, forKey: .ambiguous)
            try c.encode(documents, forKey: .documents)
            try c.encode(precision, forKey: .precision)
            try c.encode(recall, forKey: .recall)
            try c.encode(f1, forKey: .f1)
            try c.encode(byForm, forKey: .byForm)
            try c.encode(examples, forKey: .examples)
        }

        public init() {}
        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            truePositives = try c.decode(Int.self, forKey: .truePositives)
            falsePositives = try c.decode(Int.self, forKey: .falsePositives)
            falseNegatives = try c.decode(Int.self, forKey: .falseNegatives)
            ambiguous = try c.decode(Int.self, forKey: .ambiguous)
            documents = try c.decode(Int.self, forKey: .documents)
            byForm = try c.decode([String: [Int]].self, forKey: .byForm)
            examples = try c.decode([String].self, forKey: .examples)
        }
    }

    /// Compares the linked mentions in the catalog with `truth` (the generator's `truth.json`:
    /// per document, its path relative to the truth file's folder and its mentions in order, each
    /// `{"cadre", "form", "text"}`). Per document, mentions are matched as (cadre, text) pairs,
    /// counting repeats: a linked mention with a pair the truth lacks is a false positive, a truth
    /// pair without one a false negative. Documents not in the index are skipped.
    public func evaluateLinking(truth: URL) throws -> LinkingScore {
        struct Truth: Decodable {
            struct Doc: Decodable {
                struct M: Decodable { var cadre: String; var form: String; var text: String }
                var path: String
                var mentions: [M]?
            }
            var documents: [Doc]
        }
        let data = try Data(contentsOf: truth)
        let t = try JSONDecoder().decode(Truth.self, from: data)
        let base = truth.deletingLastPathComponent().standardizedFileURL.path
        let catalog = try Catalog(directory: directory)
        let indexed = Set(try catalog.sources().filter { $0.status == "indexed" }.map(\.path))
        var score = LinkingScore()
        for d in t.documents {
            let path = base + "/" + d.path
            guard indexed.contains(path) else { continue }
            score.documents += 1
            let found = try catalog.mentions(path: path)
            var predicted: [String: Int] = [:]
            for m in found where m.status == "linked" { predicted[(m.cadre ?? "") + "\t" + m.text, default: 0] += 1 }
            var expected: [String: Int] = [:]
            var forms: [String: String] = [:]
            for m in d.mentions ?? [] {
                expected[m.cadre + "\t" + m.text, default: 0] += 1
                forms[m.cadre + "\t" + m.text] = m.form
            }
            for (key, n) in expected {
                let hit = min(n, predicted[key] ?? 0)
                score.truePositives += hit
                score.falseNegatives += n - hit
                let form = forms[key] ?? "?"
                score.byForm[form, default: [0, 0]][0] += hit
                score.byForm[form, default: [0, 0]][1] += n
                if n > hit {
                    let text = String(key.split(separator: "\t").last ?? "")
                    if found.contains(where: { $0.status == "ambiguous" && $0.text == text }) { score.ambiguous += n - hit }
                    if score.examples.count < 40 { score.examples.append("missed \(key.replacingOccurrences(of: "\t", with: " ")) in \(d.path)") }
                }
            }
            for (key, n) in predicted {
                let extra = n - min(n, expected[key] ?? 0)
                score.falsePositives += extra
                if extra > 0 && score.examples.count < 40 { score.examples.append("wrong \(key.replacingOccurrences(of: "\t", with: " ")) in \(d.path)") }
            }
        }
        return score
    }
}

extension Workspace {
    /// A person-name-like string that is not in the roster, with how often and where it occurs.
    public struct NameSuggestion: Codable, Sendable {
        public var name: String
        public var count: Int
        public var documents: Int
        public var cues: [String]
        public var example: String
        public var examplePath: String
    }

    /// Person names in the indexed documents that the roster does not have (neither as a name
    /// nor as an alias), most frequent first: candidates for roster upkeep, to be checked by a
    /// person. Reads every live document's stored text.
    public func suggestNames(limit: Int = 50) throws -> [NameSuggestion] {
        let roster = try roster()
        var known = Set<String>()
        let normalizer = try Self.analyzer(roster: Roster(cadres: []))
        for c in roster.cadres {
            // Compared with normalised text: a Traditional or full-width roster name counts too.
            known.insert(normalizer.normalize(c.name).string)
            for a in c.aliases { known.insert(normalizer.normalize(a).string) }
        }
        let snapshot: IndexSnapshot
        do { snapshot = try IndexSnapshot(directory: directory) } catch { throw WorkspaceError(description: error.description) }
        var byName: [String: NameSuggestion] = [:]
        let analyzer = try Self.analyzer(roster: Roster(cadres: []))
        for (s, segment) in snapshot.segments.enumerated() {
            for d in 0..<segment.documentCount where !snapshot.deleted[s].contains(Int32(d)) {
                let document: StoredDocument
                do { document = try segment.document(d) } catch { throw WorkspaceError(description: error.description) }
                // Names are found in the normalised text (Traditional → Simplified), examples shown
                // from it; word ends come from the plain word breaker.
                let text = analyzer.normalize(document.text).string
                let utf8 = Array(text.utf8)
                let ends = Set((try? analyzer.analyze(text))?.filter { !$0.kind.isCharacterStream }.map(\.end) ?? [])
                var seen = Set<String>()
                for c in PersonNames.candidates(in: text, wordEnds: ends, known: known) where !known.contains(c.name) {
                    var entry = byName[c.name] ?? NameSuggestion(name: c.name, count: 0, documents: 0, cues: [], example: "", examplePath: document.path)
                    entry.count += 1
                    if seen.insert(c.name).inserted { entry.documents += 1 }
                    if !entry.cues.contains(c.cue) && entry.cues.count < 5 { entry.cues.append(c.cue) }
                    if entry.example.isEmpty {
                        let from = max(0, c.start - 30), to = min(utf8.count, c.end + 30)
                        var a = from, b = to
                        while a > 0 && utf8[a] & 0xC0 == 0x80 { a -= 1 }
                        while b < utf8.count && utf8[b] & 0xC0 == 0x80 { b += 1 }
                        entry.example = String(decoding: utf8[a..<b], as: UTF8.self).replacingOccurrences(of: "\n", with: " ")
                        entry.examplePath = document.path
                    }
                    byName[c.name] = entry
                }
            }
        }
        return Array(byName.values.sorted { $0.count != $1.count ? $0.count > $1.count : $0.name < $1.name }.prefix(limit))
    }
}

extension Workspace {
    /// Precision and recall of evidence against a ground truth, as (document, cadre, dimension,
    /// polarity, status) tuples, each counted once per document.
    public struct SignalScore: Codable, Sendable {
        public var truePositives = 0
        public var falsePositives = 0
        public var falseNegatives = 0
        /// Evidence reported as asserted or hearsay whose clause the truth says is a denial: must be 0.
        public var deniedButReported = 0
        public var documents = 0
        public var precision: Double { truePositives + falsePositives == 0 ? 0 : Double(truePositives) / Double(truePositives + falsePositives) }
        public var recall: Double { truePositives + falseNegatives == 0 ? 0 : Double(truePositives) / Double(truePositives + falseNegatives) }
        /// Every denial reported as a claim ("denied but reported: QUOTE in PATH"): what must not happen.
        public var denials: [String] = []
        /// Every wrong and missed tuple, by document.
        public var examples: [String] = []
        /// Corroboration status per (cadre, dimension, polarity): agreeing / compared. The truth's
        /// status is derived from its signals by the same definition (copies collapse into their
        /// original, one informant is one source), so this measures detection, attribution and
        /// source grouping together.
        public var corroborationAgreeing = 0
        public var corroborationCompared = 0
        public var corroborationAccuracy: Double { corroborationCompared == 0 ? 0 : Double(corroborationAgreeing) / Double(corroborationCompared) }
    }

    /// Compares the evidence in the catalog with `truth` (the generator's truth.json `signals`).
    public func evaluateSignals(truth: URL) throws -> SignalScore {
        struct Truth: Decodable {
            struct Doc: Decodable {
                struct S: Decodable { var cadre: String; var dimension: String; var polarity: String; var status: String; var quote: String; var informant: String?; var channel: String? }
                var path: String
                var signals: [S]?
                var copyOf: String?
                var channel: String?
            }
            var documents: [Doc]
        }
        let t = try JSONDecoder().decode(Truth.self, from: Data(contentsOf: truth))
        let base = truth.deletingLastPathComponent().standardizedFileURL.path
        let catalog = try Catalog(directory: directory)
        let indexed = Set(try catalog.sources().filter { $0.status == "indexed" }.map(\.path))
        var byPath: [String: [Catalog.Evidence]] = [:]
        for e in try catalog.evidence() { byPath[e.path, default: []].append(e) }
        var score = SignalScore()
        for d in t.documents {
            let path = base + "/" + d.path
            guard indexed.contains(path) else { continue }
            score.documents += 1
            let expected = Set((d.signals ?? []).map { "\($0.cadre) \($0.dimension) \($0.polarity) \($0.status)" })
            let predicted = Set((byPath[path] ?? []).map { "\($0.cadre ?? "-") \($0.dimension) \($0.polarity) \($0.status)" })
            score.truePositives += expected.intersection(predicted).count
            score.falsePositives += predicted.subtracting(expected).count
            score.falseNegatives += expected.subtracting(predicted).count
            // A denial reported as a claim: our non-negated evidence quoting a clause the truth
            // lists as negated (quotes overlap), for the same cadre and polarity.
            let denials = (d.signals ?? []).filter { $0.status == "negated" }
            for e in byPath[path] ?? [] where e.status != "negated" {
                if denials.contains(where: { $0.cadre == e.cadre && $0.polarity == e.polarity && ($0.quote.contains(e.quote) || e.quote.contains($0.quote)) }) {
                    score.deniedButReported += 1
                    score.denials.append("denied but reported: \(e.quote) in \(d.path)")
                }
            }
            for p in predicted.subtracting(expected).sorted() { score.examples.append("wrong \(p) in \(d.path)") }
            for p in expected.subtracting(predicted).sorted() { score.examples.append("missed \(p) in \(d.path)") }
        }
        // Corroboration per (cadre, dimension, polarity), truth derived vs ours.
        let normalizer = try Self.analyzer(roster: Roster(cadres: []))
        func sourceKey(_ s: String?) -> String? { s.flatMap { $0.isEmpty ? nil : normalizer.normalize($0).string } }
        var truthItems: [String: [EvidenceItem]] = [:]
        let originals = Dictionary(t.documents.map { ($0.path, $0.copyOf ?? $0.path) }, uniquingKeysWith: { a, _ in a })
        for d in t.documents where indexed.contains(base + "/" + d.path) {
            for sig in d.signals ?? [] {
                let source = sourceKey(sig.informant) ?? "document " + (originals[d.path] ?? d.path)
                truthItems["\(sig.cadre) \(sig.dimension) \(sig.polarity)", default: []].append(
                    EvidenceItem(status: Evidence.Status(rawValue: sig.status) ?? .asserted, source: source, channel: sig.channel ?? d.channel ?? "", index: 0))
            }
        }
        var ourItems: [String: [EvidenceItem]] = [:]
        let all = try catalog.evidence().filter { $0.cadre != nil }
        let sourceOf = try sources(of: all)
        for e in all {
            let source = sourceOf(e)
            ourItems["\(e.cadre!) \(e.dimension) \(e.polarity)", default: []].append(
                EvidenceItem(status: Evidence.Status(rawValue: e.status) ?? .asserted, source: source, channel: e.channel, index: 0))
        }
        for k in Set(truthItems.keys).union(ourItems.keys) {
            let expected = truthItems[k].map { Corroboration.assess($0, severity: 1).status }
            let found = ourItems[k].map { Corroboration.assess($0, severity: 1).status }
            score.corroborationCompared += 1
            if expected == found { score.corroborationAgreeing += 1 }
        }
        return score
    }
}
