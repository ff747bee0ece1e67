import Foundation
import Hummingbird
import LeadbaseCore
import LeadbaseJSON
import LeadbaseSeed
import Testing

@testable import LeadbaseServer
@testable import LeadbaseStore

@Suite("Search columns")
struct SearchColumnsTests {
    @Test(
        "a list column holds its non-empty values sorted, each once",
        arguments: [
            ([], []),
            ([""], []),
            (["b", "", "a", "b", "a", ""], ["a", "b"]),
            (["x"], ["x"]),
            (["c", "b", "a"], ["a", "b", "c"]),
            (["é", "e", "é", "z"], ["e", "z", "é"]),
        ] as [([String], [String])])
    func sortedUnique(values: [String], expected: [String]) {
        #expect(PersonSearchColumns.sortedUnique(values) == expected)
    }
}
