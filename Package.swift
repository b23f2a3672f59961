// swift-tools-version: 6.1
import PackageDescription

// Data flows one way: files → Extraction → Analysis → Index/Knowledge → Search → façade → yz / Server.
// Each target below imports only targets listed above it. See docs/ARCHITECTURE.md.
let package = Package(
    name: "Yinzheng",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "yz", targets: ["yz"]),
        .library(name: "Analysis", targets: ["Analysis"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    ],
    targets: [
        // Thin C shim over ICU4C: Swift cannot import ICU's version-renamed entry points (ubrk_open_72, …).
        .target(
            name: "CICU",
            linkerSettings: [
                .linkedLibrary("icui18n"),
                .linkedLibrary("icuuc"),
                .linkedLibrary("icudata"),
            ]
        ),
        // libxml2 (libxml2-dev): the tolerant HTML parser and the streaming XML reader.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // Swift types that own ICU handles: word breaking, normalisation, transliteration, charsets.
        .target(name: "ICU", dependencies: ["CICU"]),
        // Files → structured documents: charset detection, HTML main content, DOCX, transcripts,
        // notebooks, sidecar metadata.
        .target(
            name: "Extraction",
            dependencies: [
                "ICU", "CLibXML2",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // The analysis chain: original text → normalised text with an offset map → tokens.
        .target(name: "Analysis", dependencies: ["ICU"]),
        // On-disk inverted index: immutable checksummed segments, atomic commit points, tombstones.
        .systemLibrary(name: "YZZlib", path: "Sources/YZZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // A header-only module for the prefetch hint (no library to link).
        .systemLibrary(name: "CPrefetch", path: "Sources/CPrefetch"),
        // CRC-32 folded with carry-less multiplication where the CPU has it (checksums of the
        // postings a query reads were a tenth of a cold search).
        .target(name: "CChecksum"),
        .target(name: "Index", dependencies: ["YZZlib", "CPrefetch", "CChecksum"]),
        // The catalog of source files and ingest runs (SQLite through GRDB), in the index directory.
        .target(name: "Catalog", dependencies: [.product(name: "GRDB", package: "GRDB.swift"), .product(name: "Crypto", package: "swift-crypto")]),
        // Cadres: the roster, and mentions in documents linked to the people they are about.
        .target(name: "Linking", dependencies: ["Extraction", "Analysis"]),
        // Negative-list signals: the taxonomy (YAML) and clause-level detection with status and attribution.
        .target(name: "Signals", dependencies: ["Extraction", "Analysis", "Linking", .product(name: "Yams", package: "Yams")]),
        // Query language, execution over the index, scoring and snippets.
        .target(name: "Search", dependencies: ["Analysis", "Index", "ICU"]),
        // The library façade the CLI and the server share: a workspace = an index directory.
        .target(name: "Yinzheng", dependencies: ["Extraction", "Analysis", "Index", "Search", "Catalog", "Linking", "Signals"]),
        // The local query server: JSON API over the workspace (a skin, like the CLI).
        .target(name: "Server", dependencies: ["Yinzheng", "Search", "Signals", "Linking", "Catalog", .product(name: "Hummingbird", package: "hummingbird")]),
        .executableTarget(
            name: "yz",
            dependencies: [
                "Analysis", "Extraction", "Yinzheng", "Catalog", "Linking", "Signals", "Server",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Throughput benchmarks (release build): `tools/bench-analysis`.
        .executableTarget(name: "yz-bench", dependencies: ["Analysis", "ICU", "Extraction", "Index", "Search"], path: "Benchmarks/yz-bench"),
        .testTarget(name: "ICUTests", dependencies: ["ICU"]),
        .testTarget(name: "AnalysisTests", dependencies: ["Analysis", "ICU"]),
        .testTarget(name: "ExtractionTests", dependencies: ["Extraction"], resources: [.copy("Fixtures")]),
        .testTarget(name: "IndexTests", dependencies: ["Index"]),
        .testTarget(name: "LinkingTests", dependencies: ["Linking", "Analysis", "Extraction"]),
        .testTarget(name: "SignalsTests", dependencies: ["Signals", "Linking", "Analysis", "Extraction"]),
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "SearchTests", dependencies: ["Search", "Yinzheng", "Analysis", "Index", "Catalog", "TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ServerTests", dependencies: ["Server", "Yinzheng", "Catalog", "TestSupport", .product(name: "GRDB", package: "GRDB.swift"),
                                                        .product(name: "HummingbirdTesting", package: "hummingbird"),
                                                        .product(name: "Yams", package: "Yams")]),
        // Runs the built `yz` binary as a user would.
        .testTarget(name: "YZTests", dependencies: ["yz"]),
    ]
)
