import Foundation
import CLibXML2

/// HTML pages to document lines: libxml2's tolerant HTML parser (network off), then main-content
/// selection and the line-level ``Boilerplate`` filter.
///
/// Main content: scripts, styles, forms, `nav`/`header`/`footer`/`aside` and elements whose id or
/// class names page furniture (nav, menu, breadcrumb, footer, copyright, share, related, comment,
/// sidebar, ad) are dropped; each remaining element is scored by the sentence punctuation in its
/// non-link text, and the reader descends from the body to the smallest element that still holds
/// 90 % of it. Two copies of an article in one page are kept together there and collapsed by the
/// line filter.
enum HTMLReader {
    struct Page {
        var title: String?
        /// Lines of the main content; table rows are given as `rows` and stand in `lines` as
        /// ``rowMarker`` + index.
        var lines: [String]
        var rows: [[String]]
        var declaredCharset: String?
    }

    static let rowMarker = "\u{1}ROW"

    /// The charset a page declares in its first 4 KiB (`<meta charset>` or `http-equiv`).
    static func declaredCharset(_ bytes: [UInt8]) -> String? {
        let head = String(decoding: bytes.prefix(4096).map { $0 < 0x80 ? $0 : 0x20 }, as: UTF8.self).lowercased()
        guard let r = head.range(of: #"<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_\-]+)"#, options: .regularExpression) else { return nil }
        let tag = head[r]
        guard let eq = tag.range(of: "charset") else { return nil }
        let value = tag[eq.upperBound...].drop(while: { $0 == " " || $0 == "=" || $0 == "\"" || $0 == "'" })
        return String(value.prefix(while: { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }))
    }

    /// Parses `html` (already decoded) and returns its main content.
    static func read(_ html: String) -> Page {
        var utf8 = Array(html.utf8)
        utf8.append(0)
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOIMPLIED.rawValue | HTML_PARSE_IGNORE_ENC.rawValue)
        let doc = utf8.withUnsafeBufferPointer { b in
            b.withMemoryRebound(to: CChar.self) { htmlReadMemory($0.baseAddress, Int32(b.count - 1), "page.html", "UTF-8", options) }
        }
        guard let doc else { return Page(title: nil, lines: [], rows: [], declaredCharset: nil) }
        defer { xmlFreeDoc(doc) }
        guard let root = xmlDocGetRootElement(doc) else { return Page(title: nil, lines: [], rows: [], declaredCharset: nil) }
        let title = findFirst(root, "title").map { cleanTitle(textContent($0)) }
        let h1 = findFirst(root, "h1").map { collapse(textContent($0)) }.flatMap { $0.isEmpty ? nil : $0 }
        let body = findFirst(root, "body") ?? root
        var scores: [UnsafeMutableRawPointer: Int] = [:]
        _ = score(body, &scores)
        let container = descend(body, scores)
        var collector = Collector()
        collector.walk(container)
        collector.flush()
        // The heading often sits outside the content container.
        var lines = collector.lines
        // The dateline ("2024年03月21日 来源：…") often sits beside the content container.
        if let parent = container.pointee.parent, parent.pointee.type == XML_ELEMENT_NODE, !lines.prefix(3).contains(where: { !Dates.all(in: Substring($0)).isEmpty }) {
            var around = Collector()
            around.walk(parent)
            around.flush()
            if let dateline = around.lines.first(where: { $0.count <= 80 && !Dates.all(in: Substring($0)).isEmpty && !$0.hasPrefix(rowMarker) }) {
                lines.insert(dateline, at: 0)
            }
        }
        if let h1, !lines.prefix(5).contains(where: { TextSearch.contains($0, h1) }) { lines.insert(h1, at: 0) }
        return Page(title: h1 ?? title, lines: lines, rows: collector.rows, declaredCharset: nil)
    }

    // MARK: Scoring

    static let droppedTags: Set<String> = [
        "script", "style", "noscript", "iframe", "nav", "footer", "aside", "form", "select", "button", "svg", "template",
        "head", "input", "textarea", "object", "embed", "video", "audio", "canvas", "map",
    ]
    static let furnitureNames = [
        "nav", "menu", "breadcrumb", "crumb", "footer", "copyright", "share", "social", "related", "recommend", "sidebar",
        "comment", "advert", "banner", "login", "toolbar", "topbar", "hotnews", "hot-news", "rank", "guide", "friendlink",
        "links", "weixin", "qrcode", "position", "location",
    ]

    static func name(_ node: xmlNodePtr) -> String {
        node.pointee.name.map { String(cString: $0).lowercased() } ?? ""
    }

    static func attribute(_ node: xmlNodePtr, _ attr: String) -> String? {
        guard let v = xmlGetProp(node, attr) else { return nil }
        defer { yz_xml_free(v) }
        return String(cString: v)
    }

    static func isDropped(_ node: xmlNodePtr) -> Bool {
        let tag = name(node)
        if droppedTags.contains(tag) { return true }
        let idClass = ((attribute(node, "id") ?? "") + " " + (attribute(node, "class") ?? "")).lowercased()
        if idClass.trimmingWhitespace().isEmpty { return false }
        if let style = attribute(node, "style")?.lowercased().replacingOccurrences(of: " ", with: ""), style.contains("display:none") { return true }
        return TextSearch.containsAny(idClass, furnitureNames) && !TextSearch.containsAny(idClass, ["content", "article"])
    }

    /// Sentence punctuation in an element's non-link text (memoised per element).
    static func score(_ node: xmlNodePtr, _ scores: inout [UnsafeMutableRawPointer: Int]) -> Int {
        var total = 0
        var child = node.pointee.children
        while let c = child {
            if c.pointee.type == XML_TEXT_NODE, let content = c.pointee.content {
                total += String(cString: content).reduce(0) { $0 + ("，。；！？,".contains($1) ? 1 : 0) }
            } else if c.pointee.type == XML_ELEMENT_NODE && !isDropped(c) && name(c) != "a" {
                total += score(c, &scores)
            }
            child = c.pointee.next
        }
        scores[UnsafeMutableRawPointer(node)] = total
        return total
    }

    /// From the body down to the smallest element holding 90 % of the punctuation.
    static func descend(_ start: xmlNodePtr, _ scores: [UnsafeMutableRawPointer: Int]) -> xmlNodePtr {
        var node = start
        while true {
            let total = scores[UnsafeMutableRawPointer(node)] ?? 0
            guard total >= 3 else { return node }
            var best: xmlNodePtr?
            var child = node.pointee.children
            while let c = child {
                if c.pointee.type == XML_ELEMENT_NODE, let s = scores[UnsafeMutableRawPointer(c)], Double(s) >= 0.9 * Double(total) {
                    best = c
                }
                child = c.pointee.next
            }
            guard let next = best else { return node }
            node = next
        }
    }

    // MARK: Text

    static let blockTags: Set<String> = [
        "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
        "blockquote", "pre", "table", "tbody", "thead", "tr", "center", "address", "figure", "figcaption", "hr",
    ]

    /// Lines of text from an element tree, table rows apart.
    struct Collector {
        var lines: [String] = []
        var rows: [[String]] = []
        var current = ""

        mutating func flush() {
            let line = HTMLReader.collapse(current)
            if !line.isEmpty { lines.append(line) }
            current = ""
        }

        mutating func walk(_ node: xmlNodePtr) {
            var child = node.pointee.children
            while let c = child {
                defer { child = c.pointee.next }
                switch c.pointee.type {
                case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                    if let content = c.pointee.content { current += String(cString: content) }
                case XML_ELEMENT_NODE:
                    if HTMLReader.isDropped(c) { continue }
                    let tag = HTMLReader.name(c)
                    if tag == "br" { flush(); continue }
                    if tag == "table" { flush(); table(c); continue }
                    let block = HTMLReader.blockTags.contains(tag)
                    if block { flush() }
                    walk(c)
                    if block { flush() }
                default:
                    continue
                }
            }
        }

        mutating func table(_ node: xmlNodePtr) {
            for row in HTMLReader.findAll(node, "tr") {
                var cells: [String] = []
                var cell = row.pointee.children
                while let c = cell {
                    if c.pointee.type == XML_ELEMENT_NODE, ["td", "th"].contains(HTMLReader.name(c)) {
                        cells.append(HTMLReader.collapse(HTMLReader.textContent(c)))
                    }
                    cell = c.pointee.next
                }
                if cells.contains(where: { !$0.isEmpty }) {
                    // A row seen before gets the same marker, so a page's second copy of a table
                    // is collapsed with the repeated body around it.
                    let index = rows.firstIndex(of: cells) ?? { rows.append(cells); return rows.count - 1 }()
                    lines.append(HTMLReader.rowMarker + String(index) + "\u{1}")
                }
            }
        }
    }

    static func textContent(_ node: xmlNodePtr) -> String {
        guard let c = xmlNodeGetContent(node) else { return "" }
        defer { yz_xml_free(c) }
        return String(cString: c)
    }

    /// White space runs (including no-break and ideographic spaces) to one space, trimmed.
    static func collapse(_ s: String) -> String {
        var out = ""
        var space = false
        for ch in s {
            if ch.isWhitespace || ch == "\u{00A0}" {
                space = !out.isEmpty
            } else {
                if space { out.append(" "); space = false }
                out.append(ch)
            }
        }
        return out
    }

    /// "标题_网站名" / "标题 - 网站名" / "标题|频道|网站" → "标题".
    static func cleanTitle(_ raw: String) -> String {
        let t = collapse(raw)
        for sep in ["_", " - ", "-", "|", "｜", "——"] {
            if let r = t.range(of: sep) {
                let head = t[..<r.lowerBound].trimmingWhitespace()
                if head.count >= 4 { return String(head) }
            }
        }
        return t
    }

    static func findFirst(_ node: xmlNodePtr, _ tag: String) -> xmlNodePtr? {
        var stack: [xmlNodePtr] = [node]
        while let n = stack.popLast() {
            if n.pointee.type == XML_ELEMENT_NODE && name(n) == tag { return n }
            var children: [xmlNodePtr] = []
            var c = n.pointee.children
            while let x = c { children.append(x); c = x.pointee.next }
            stack.append(contentsOf: children.reversed())
        }
        return nil
    }

    static func findAll(_ node: xmlNodePtr, _ tag: String) -> [xmlNodePtr] {
        var found: [xmlNodePtr] = []
        var stack: [xmlNodePtr] = [node]
        while let n = stack.popLast() {
            if n.pointee.type == XML_ELEMENT_NODE && name(n) == tag { found.append(n); continue }
            var children: [xmlNodePtr] = []
            var c = n.pointee.children
            while let x = c { children.append(x); c = x.pointee.next }
            stack.append(contentsOf: children.reversed())
        }
        return found
    }
}
