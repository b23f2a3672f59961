import Foundation
import Yams

/// The negative and positive list (正负清单) as data: dimensions and indicators with trigger
/// phrases, proximity rules and exclusions. A YAML file analysts edit; `yz taxonomy check`
/// validates it with line numbers, and a file given at run time replaces or extends the default
/// without rebuilding anything. Format: docs/TAXONOMY.md.
public struct Taxonomy: Sendable, Equatable {
    public struct Dimension: Sendable, Equatable, Codable {
        public var id: String
        public var label: String
    }

    public enum Polarity: String, Sendable, Codable, Equatable {
        case negative, positive
    }

    /// Two phrases within `distance` characters of each other in one sentence.
    public struct Proximity: Sendable, Equatable, Codable {
        public var a: String
        public var b: String
        public var distance: Int
    }

    public struct Indicator: Sendable, Equatable, Codable {
        public var id: String
        public var label: String
        public var dimension: String
        public var polarity: Polarity
        /// 1 (minor) … 3 (grave).
        public var severity: Int
        /// A veto (一票否决) indicator: one corroborated negative is enough for a veto flag.
        public var veto: Bool
        public var triggers: [String]
        public var near: [Proximity]
        /// Phrases that, in the same clause, mean the trigger is something else.
        public var exclude: [String]
    }

    /// When the dossier suggests a veto flag, the yellow list or the red list.
    public struct SuggestionRules: Sendable, Equatable, Codable {
        /// A veto indicator's claim with one of these corroboration statuses raises a veto flag.
        public var vetoStatuses: [String] = ["corroborated", "multi-channel"]
        /// Yellow list: a negative claim with one of these statuses and at least this severity…
        public var yellowStatuses: [String] = ["corroborated", "multi-channel"]
        public var yellowMinSeverity = 2
        /// …or at least this many negative claims of any status (0 turns this off).
        public var yellowMinClaims = 3
        /// Red list: positive claims with one of these statuses in at least this many dimensions,
        /// and no negative claim with one of them.
        public var redStatuses: [String] = ["corroborated", "multi-channel"]
        public var redMinDimensions = 2

        public init() {}
    }

    public var dimensions: [Dimension]
    public var indicators: [Indicator]
    public var rules = SuggestionRules()
    /// Named phrase classes (`concepts: {scold: [训人, 骂人]}`): a trigger or a part of a proximity
    /// rule written `@scold` stands for every phrase of the class, so one rule covers the many
    /// ways of saying the same behaviour.
    public var concepts: [String: [String]] = [:]

    /// The phrases `part` stands for: a concept's phrases for `@id`, else the phrase itself.
    public func phrases(_ part: String) -> [String] {
        guard part.hasPrefix("@") else { return [part] }
        return concepts[String(part.dropFirst())] ?? []
    }

    public init(dimensions: [Dimension], indicators: [Indicator], rules: SuggestionRules = SuggestionRules(), concepts: [String: [String]] = [:]) {
        self.dimensions = dimensions
        self.indicators = indicators
        self.rules = rules
        self.concepts = concepts
    }

    /// A problem in a taxonomy file: the file, the line, what is wrong and what to do.
    public struct Issue: Error, CustomStringConvertible, Sendable, Equatable {
        public var file: String
        public var line: Int
        public var reason: String
        public var description: String { "\(file):\(line): \(reason)" }
    }

    /// Parses and validates YAML. Every problem is reported (not only the first); a file with
    /// problems is not used.
    public static func parse(_ yaml: String, file: String = "taxonomy") throws(TaxonomyError) -> Taxonomy {
        let root: Node?
        do { root = try Yams.compose(yaml: yaml) } catch let e as YamlError {
            throw TaxonomyError(issues: [Issue(file: file, line: Self.line(of: e), reason: "not valid YAML: \(Self.message(of: e))")])
        } catch {
            throw TaxonomyError(issues: [Issue(file: file, line: 1, reason: "not valid YAML: \(error)")])
        }
        guard let root, let top = root.mapping else {
            throw TaxonomyError(issues: [Issue(file: file, line: 1, reason: "expected a mapping with `dimensions` and `indicators`")])
        }
        var issues: [Issue] = []
        func line(_ n: Node?) -> Int { n?.mark?.line ?? 1 }
        func issue(_ n: Node?, _ reason: String) { issues.append(Issue(file: file, line: line(n), reason: reason)) }
        func string(_ m: Node.Mapping, _ key: String, required: Bool = true) -> String? {
            guard let v = m[key] else {
                if required { issue(Node.mapping(m), "missing `\(key)`") }
                return nil
            }
            guard let s = v.scalar?.string, !s.trimmingCharacters(in: .whitespaces).isEmpty else { issue(v, "`\(key)` must be a non-empty text"); return nil }
            return s.trimmingCharacters(in: .whitespaces)
        }
        func strings(_ m: Node.Mapping, _ key: String) -> [String] {
            guard let v = m[key] else { return [] }
            if let s = v.scalar?.string { return [s] }
            guard let seq = v.sequence else { issue(v, "`\(key)` must be a list of phrases"); return [] }
            return seq.compactMap { n in
                guard let s = n.scalar?.string, !s.isEmpty else { issue(n, "an entry of `\(key)` must be a phrase"); return nil }
                return s
            }
        }
        for key in top.keys.compactMap(\.scalar?.string) where !["version", "dimensions", "indicators", "extends", "suggestions", "concepts"].contains(key) {
            issue(top[key], "unknown key `\(key)` (expected version, extends, dimensions, concepts, indicators, suggestions)")
        }
        var concepts: [String: [String]] = [:]
        if let c = top["concepts"] {
            if let m = c.mapping {
                for (k, v) in m {
                    guard let id = k.scalar?.string, !id.isEmpty, !id.hasPrefix("@") else { issue(k, "a concept id must be a name without @"); continue }
                    let list = (v.sequence ?? []).compactMap { $0.scalar?.string }.filter { !$0.isEmpty && !$0.hasPrefix("@") }
                    if v.sequence == nil || list.isEmpty || list.count != v.sequence?.count { issue(v, "concept `\(id)` must be a list of phrases (not concepts)"); continue }
                    concepts[id] = list
                }
            } else {
                issue(c, "`concepts` must be a mapping of ids to lists of phrases")
            }
        }
        var rules = SuggestionRules()
        if let sug = top["suggestions"] {
            let statuses = Set(["single-source", "corroborated", "multi-channel", "contested"])
            func statusList(_ n: Node?) -> [String]? {
                guard let n else { return nil }
                guard let seq = n.sequence else { issue(n, "statuses must be a list, e.g. [corroborated, multi-channel]"); return nil }
                let list = seq.compactMap { $0.scalar?.string }
                for x in list where !statuses.contains(x) { issue(n, "unknown status `\(x)` (use \(statuses.sorted().joined(separator: ", ")))") }
                return list
            }
            func number(_ n: Node?, _ range: ClosedRange<Int>, _ what: String) -> Int? {
                guard let n else { return nil }
                guard let v = n.scalar.flatMap({ Int($0.string) }), range.contains(v) else { issue(n, "\(what) must be a whole number from \(range.lowerBound) to \(range.upperBound)"); return nil }
                return v
            }
            if let m = sug.mapping {
                for key in m.keys.compactMap(\.scalar?.string) where !["veto", "yellow", "red"].contains(key) { issue(m[key], "unknown suggestion `\(key)` (veto, yellow, red)") }
                if let v = m["veto"]?.mapping { rules.vetoStatuses = statusList(v["statuses"]) ?? rules.vetoStatuses }
                if let y = m["yellow"]?.mapping {
                    rules.yellowStatuses = statusList(y["statuses"]) ?? rules.yellowStatuses
                    rules.yellowMinSeverity = number(y["min_severity"], 1...3, "min_severity") ?? rules.yellowMinSeverity
                    rules.yellowMinClaims = number(y["min_claims"], 0...1000, "min_claims") ?? rules.yellowMinClaims
                }
                if let r = m["red"]?.mapping {
                    rules.redStatuses = statusList(r["statuses"]) ?? rules.redStatuses
                    rules.redMinDimensions = number(r["min_dimensions"], 1...20, "min_dimensions") ?? rules.redMinDimensions
                }
            } else {
                issue(sug, "`suggestions` must be a mapping with veto, yellow and red")
            }
        }
        var dimensions: [Dimension] = []
        if let d = top["dimensions"] {
            if let seq = d.sequence {
                for n in seq {
                    guard let m = n.mapping else { issue(n, "a dimension must be a mapping with id and label"); continue }
                    guard let id = string(m, "id") else { continue }
                    if dimensions.contains(where: { $0.id == id }) { issue(n, "dimension id `\(id)` repeats"); continue }
                    dimensions.append(Dimension(id: id, label: string(m, "label", required: false) ?? id))
                }
            } else {
                issue(d, "`dimensions` must be a list")
            }
        }
        var indicators: [Indicator] = []
        if let ind = top["indicators"] {
            if let seq = ind.sequence {
                for n in seq {
                    guard let m = n.mapping else { issue(n, "an indicator must be a mapping"); continue }
                    guard let id = string(m, "id"), let dimension = string(m, "dimension") else { continue }
                    if indicators.contains(where: { $0.id == id }) { issue(n, "indicator id `\(id)` repeats"); continue }
                    let polarityText = string(m, "polarity") ?? "negative"
                    guard let polarity = Polarity(rawValue: polarityText) else { issue(m["polarity"], "polarity must be negative or positive, not `\(polarityText)`"); continue }
                    var severity = 1
                    if let s = m["severity"] {
                        if let v = s.scalar.flatMap({ Int($0.string) }), (1...3).contains(v) { severity = v } else { issue(s, "severity must be 1, 2 or 3") }
                    }
                    var veto = false
                    if let v = m["veto"] {
                        if let b = v.scalar.flatMap({ Bool($0.string) }) { veto = b } else { issue(v, "veto must be true or false") }
                    }
                    var near: [Proximity] = []
                    if let nn = m["near"] {
                        for p in nn.sequence ?? [] {
                            // [A, B, n]
                            if let parts = p.sequence, parts.count == 3, let a = parts[0].scalar?.string, let b = parts[1].scalar?.string,
                               let d = parts[2].scalar.flatMap({ Int($0.string) }), d >= 0, !a.isEmpty, !b.isEmpty {
                                near.append(Proximity(a: a, b: b, distance: d))
                            } else {
                                issue(p, "a proximity rule is [A, B, distance], e.g. [收受, 购物卡, 6]")
                            }
                        }
                        if nn.sequence == nil { issue(nn, "`near` must be a list of [A, B, distance]") }
                    }
                    let triggers = strings(m, "triggers")
                    if triggers.isEmpty && near.isEmpty { issue(n, "indicator `\(id)` has no triggers and no near rules: it would never match") }
                    for key in m.keys.compactMap(\.scalar?.string) where !["id", "label", "dimension", "polarity", "severity", "veto", "triggers", "near", "exclude"].contains(key) {
                        issue(m[key], "unknown key `\(key)` in indicator `\(id)`")
                    }
                    indicators.append(Indicator(id: id, label: string(m, "label", required: false) ?? id, dimension: dimension, polarity: polarity,
                                                severity: severity, veto: veto, triggers: triggers, near: near, exclude: strings(m, "exclude")))
                    _ = n
                }
            } else {
                issue(ind, "`indicators` must be a list")
            }
        }
        // Every indicator's dimension must exist (here or, when extending, in the default).
        let extending = top["extends"]?.scalar?.string == "default"
        let known = Set(dimensions.map(\.id) + (extending ? Self.default.dimensions.map(\.id) : []))
        if let seq = top["indicators"]?.sequence {
            for (n, i) in zip(seq, indicators) where !known.contains(i.dimension) {
                issue(n, "indicator `\(i.id)`: unknown dimension `\(i.dimension)` (known: \(known.sorted().joined(separator: ", ")))")
            }
        }
        // Every @concept an indicator names must exist (here or, when extending, in the default).
        let knownConcepts = Set(concepts.keys).union(extending ? Set(Self.default.concepts.keys) : [])
        if let seq = top["indicators"]?.sequence {
            for (n, i) in zip(seq, indicators) {
                let parts = i.triggers + i.near.flatMap { [$0.a, $0.b] } + i.exclude
                for p in parts where p.hasPrefix("@") && !knownConcepts.contains(String(p.dropFirst())) {
                    issue(n, "indicator `\(i.id)`: unknown concept `\(p)` (known: \(knownConcepts.sorted().joined(separator: ", ")))")
                }
            }
        }
        if !issues.isEmpty { throw TaxonomyError(issues: issues.sorted { $0.line < $1.line }) }
        var taxonomy = Taxonomy(dimensions: dimensions, indicators: indicators, rules: rules, concepts: concepts)
        if extending {
            taxonomy = Self.default.extended(with: taxonomy)
            if top["suggestions"] != nil { taxonomy.rules = rules }
        }
        return taxonomy
    }

    /// `self` with `other`'s dimensions and indicators added, replacing those with the same id.
    public func extended(with other: Taxonomy) -> Taxonomy {
        var d = dimensions.filter { x in !other.dimensions.contains { $0.id == x.id } } + other.dimensions
        d.sort { a, b in (dimensions.firstIndex { $0.id == a.id } ?? Int.max) < (dimensions.firstIndex { $0.id == b.id } ?? Int.max) }
        let i = indicators.filter { x in !other.indicators.contains { $0.id == x.id } } + other.indicators
        return Taxonomy(dimensions: d, indicators: i, rules: rules, concepts: concepts.merging(other.concepts) { _, new in new })
    }

    public static func load(_ url: URL) throws(TaxonomyError) -> Taxonomy {
        guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
            throw TaxonomyError(issues: [Issue(file: url.path, line: 0, reason: "cannot read the file as UTF-8 text")])
        }
        return try parse(text, file: url.path)
    }

    static func line(of error: YamlError) -> Int {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        default: return 1
        }
    }

    static func message(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _): return problem
        default: return "\(error)"
        }
    }

    /// A digest of the content: evidence found with another taxonomy is found again.
    public var digest: String {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        var bytes = (try? encoder.encode(indicators)) ?? Data()
        if !concepts.isEmpty { bytes += (try? encoder.encode(concepts)) ?? Data() }
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        return String(h, radix: 16)
    }

    /// The default taxonomy (``defaultYAML``).
    public static let `default`: Taxonomy = {
        do { return try parse(defaultYAML, file: "default taxonomy") } catch { preconditionFailure("the default taxonomy is invalid: \(error)") }
    }()
}

/// Everything wrong with a taxonomy file.
public struct TaxonomyError: Error, CustomStringConvertible, Sendable {
    public var issues: [Taxonomy.Issue]
    public var description: String { issues.map(\.description).joined(separator: "\n") }
}
