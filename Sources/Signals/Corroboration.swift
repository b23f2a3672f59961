import Foundation

/// How well a claim about a cadre is backed: evidence grouped into independent sources.
public enum CorroborationStatus: String, Codable, Sendable, CaseIterable {
    /// One source (one informant, or one document and its copies).
    case singleSource = "single-source"
    /// At least two independent sources.
    case corroborated
    /// Corroborated by sources in at least two channels (interview and visit, say): 多维印证.
    case multiChannel = "multi-channel"
    /// Asserted by one source and denied by another: shown side by side, never resolved.
    case contested
    /// Only denials: exculpatory.
    case deniedOnly = "denied-only"
}

/// One piece of evidence as corroboration sees it.
public struct EvidenceItem: Sendable {
    public var status: Evidence.Status
    /// The independent source it belongs to: the informant when known (one person repeating
    /// themselves is one source), else the document's duplicate cluster (copies are one source).
    public var source: String
    public var channel: String
    /// The caller's handle on the full record (an index into its list).
    public var index: Int

    public init(status: Evidence.Status, source: String, channel: String, index: Int) {
        self.status = status
        self.source = source
        self.channel = channel
        self.index = index
    }
}

/// The verdict on a group of evidence (one indicator, or one dimension, of one cadre), with
/// every part of its score spelled out.
public struct Corroboration: Sendable, Codable {
    public var status: CorroborationStatus
    /// Independent sources that assert or report it.
    public var sources: [String]
    /// Independent sources that deny it.
    public var deniedBy: [String]
    public var channels: [String]
    public var score: Double
    /// The score's parts, for the dossier: "interview source 曹玉梅: asserted 1.0 × severity 3".
    public var reasons: [String]

    /// Weighs `items`: per independent source its strongest statement (asserted 1, hearsay 0.5),
    /// times `severity`; plus a half for each channel beyond the first. Denials score nothing.
    public static func assess(_ items: [EvidenceItem], severity: Int) -> Corroboration {
        let claims = items.filter { $0.status != .negated }
        let denials = items.filter { $0.status == .negated }
        var best: [String: (weight: Double, channel: String, status: Evidence.Status)] = [:]
        for c in claims {
            let w = c.status == .asserted ? 1.0 : 0.5
            if (best[c.source]?.weight ?? 0) < w { best[c.source] = (w, c.channel, c.status) }
        }
        let sources = best.keys.sorted()
        let deniedBy = Array(Set(denials.map(\.source))).sorted()
        let channels = Array(Set(best.values.map(\.channel))).sorted()
        var reasons: [String] = []
        var score = 0.0
        for s in sources {
            let b = best[s]!
            score += b.weight * Double(severity)
            reasons.append("\(b.channel) source \(s): \(b.status.rawValue) \(b.weight) × severity \(severity)")
        }
        if channels.count > 1 {
            score += 0.5 * Double(channels.count - 1) * Double(severity)
            reasons.append("\(channels.count) channels (\(channels.joined(separator: ", "))): + 0.5 × severity per channel beyond the first")
        }
        let status: CorroborationStatus
        if sources.isEmpty {
            status = .deniedOnly
        } else if deniedBy.contains(where: { !sources.contains($0) }) {
            status = .contested
            reasons.append("denied by \(deniedBy.joined(separator: ", "))")
        } else if sources.count >= 2 && channels.count >= 2 {
            status = .multiChannel
        } else if sources.count >= 2 {
            status = .corroborated
        } else {
            status = .singleSource
        }
        return Corroboration(status: status, sources: sources, deniedBy: deniedBy, channels: channels, score: score, reasons: reasons)
    }
}
