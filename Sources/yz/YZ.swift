import ArgumentParser

@main
struct YZ: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "yz",
        abstract: "Yinzheng (印证): full-text evidence search over Chinese assessment documents.",
        discussion: """
            Examples:
              yz analyze 负面清单的民主测评
              yz analyze --json --file corpora/sample/interview-001.txt
              yz eval segmentation ../shared/data/icwb2/gold/pku_test_gold.utf8
            """,
        subcommands: [IndexCommand.self, SearchCommand.self, SyncCommand.self, StatsCommand.self, CompactCommand.self, CheckCommand.self, RosterCommand.self, CadreCommand.self, SignalsCommand.self, DossierCommand.self, ServeCommand.self, TokenCommand.self, AuditCommand.self, TaxonomyCommand.self, Extract.self, Analyze.self, Eval.self]
    )
}
