import Foundation
import Testing

@testable import LeadbaseCore

@Suite("Text normalization")
struct NormalizationTests {
    @Test(
        "e-mail keys: trimmed and lower-cased; the ASCII path agrees with Foundation's",
        arguments: ["  Ann.Lee@Example.COM\t", "ann@x.io", "\n\r", "", "ÅSA@Nordic.se ", "A_B-c+d@E.F"])
    func emailKeys(address: String) {
        #expect(EmailAddress.key(address) == address.trimmingCharacters(in: .whitespacesAndNewlines).lowercased())
    }

    @Test(
        "list keys: lower-cased, trimmed, inner white space collapsed; the ASCII path agrees with the Unicode one",
        arguments: ["  Software   Development ", "VP\tSales\n", "", "   ", "Zürich  HQ", "C-Level", "a\u{0B}b"])
    func listKeys(value: String) {
        #expect(TextNormalizer.key(value) == value.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " "))
    }

    @Test("e-mail key lists have no repeats or empty keys, and are sorted")
    func emailKeyLists() {
        #expect(EmailAddress.keys(["B@x.io", " b@x.io", "", "  ", "a@x.io"]) == ["a@x.io", "b@x.io"])
    }

    @Test(
        "words: letters and digits, lower-cased; accents folded on request; ASCII and Unicode paths agree",
        arguments: ["VP, Sales & Marketing", "José García-López", "ZÜRICH 8001", "Øresund/Straße", "  ", "C++ dev #1"])
    func words(text: String) {
        let ascii = TextNormalizer.asciiWords(text)
        if let ascii {
            #expect(ascii == text.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init))
        }
        #expect(TextNormalizer.words("José García-López", foldingAccents: true) == ["jose", "garcia", "lopez"])
        #expect(TextNormalizer.words("ZÜRICH 8001", foldingAccents: false) == ["zürich", "8001"])
        #expect(TextNormalizer.padded("VP, Sales", foldingAccents: false) == " vp sales ")
    }

    @Test("profile URLs compare without scheme, www, country subdomain, query and trailing slash")
    func urls() {
        #expect(ProfileURL.normalize("https://www.LinkedIn.com/in/JaneDoe/") == "linkedin.com/in/janedoe")
        #expect(ProfileURL.normalize("http://uk.linkedin.com/in/janedoe?trk=x#y") == "linkedin.com/in/janedoe")
        #expect(ProfileURL.normalize("linkedin.com/in/janedoe") == "linkedin.com/in/janedoe")
        #expect(ProfileURL.domain("https://www.Acme.io/about") == "acme.io")
        #expect(ProfileURL.normalize("") == nil)
    }
}
