import Foundation
import Testing
import Yams
@testable import SyncCore

/// Names `fgsync init` copies from a form or a location into the YAML it writes cannot change
/// the file's structure.
struct ConfigProposalYAMLTests {
    @Test(arguments: ["contact.member_level", "it's", "a: b", "x\r\nfields: []", "line\u{2028}break", "{ evil }", "#hash"])
    func aNameReadsBackAsItselfAndAddsNoKey(name: String) throws {
        let yaml = "value: \(ConfigProposal.scalar(name))  # \(ConfigProposal.oneLine(name))\n"
        let parsed = try Yams.load(yaml: yaml) as? [String: Any]
        #expect(parsed?.keys.sorted() == ["value"], "\(yaml)")
        #expect(parsed?["value"] as? String == ConfigProposal.oneLine(name))
    }
}
