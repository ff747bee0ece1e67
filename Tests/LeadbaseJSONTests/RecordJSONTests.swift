import Foundation
import Testing

@testable import LeadbaseCore
@testable import LeadbaseJSON
@testable import LeadbaseSeed

/// The importer's fast paths must give exactly what the `Codable` way gives, or refuse: a
/// difference would store another document (and another content hash) for the same line.
@Suite("Fast JSON reading and canonical writing of people and companies")
struct RecordJSONTests {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.userInfo[.withoutTimestamps] = true
        return encoder
    }()

    /// What the importer did before the fast path: `JSONDecoder`, timestamps dropped.
    static func decoded(_ line: String) -> Person? {
        guard var person = try? JSONDecoder().decode(Person.self, from: Data(line.utf8)) else { return nil }
        person.createdAt = nil
        person.updatedAt = nil
        return person
    }

    static func fast(_ line: String) -> Person? {
        Array(line.utf8).withUnsafeBytes(Person.importing)
    }

    static func encoded(_ person: Person) throws -> String {
        String(decoding: try encoder.encode(person), as: UTF8.self)
    }

    /// Every seeded person, plus edge cases of strings and shapes.
    static var people: [Person] {
        let seed = DirectorySeed(seed: 11, companies: 50, people: 3000)
        var people = Array(seed.people)
        var odd = Person(id: UUID(), firstName: "Zoë \"Z\" \\ O'Brien", lastName: "Müller/Straße 😀")
        odd.jobTitle = (0..<0x20).map { String(UnicodeScalar(UInt8($0))) }.joined() + "\u{7F}\u{2028}é"
        odd.skills = ["", " ", "C++", "a\tb", "{x,y}", "\"q\""]
        odd.languages = [Person.Language(language: nil, level: nil)]
        odd.educations = [
            Person.Education(institution: nil, degreeName: nil, fieldOfStudy: nil, dates: Person.DateSpan(start: nil, end: nil))
        ]
        odd.workExperiences = [
            Person.WorkExperience(
                company: Person.ExperienceCompany(id: "x", name: "Acme", employees: Person.EmployeeRange(start: Int.min, end: Int.max)),
                dates: nil, profilePositions: [])
        ]
        odd.createdAt = "2026-01-01T00:00:00.000Z"
        odd.updatedAt = "2026-01-02T00:00:00.000Z"
        people.append(odd)
        people.append(Person(id: UUID(), firstName: "A", lastName: "B"))
        people.append(full)
        return people
    }

    /// Every field of a person and of each nested type set (but `bullhornId`), so that the order
    /// the writer lists each type's keys in is checked for all of them: the seed leaves many empty.
    static var full: Person {
        var person = Person(id: UUID(), firstName: "Ann", lastName: "Lee")
        person.createdAt = "2026-01-01T00:00:00.000Z"
        person.updatedAt = "2026-01-02T00:00:00.000Z"
        person.jobTitle = "Head of Growth"
        person.headline = "Growth at Acme"
        person.city = "Lisboa"
        person.state = "Lisbon"
        person.postalCode = "1000-001"
        person.country = "Portugal"
        person.linkedinUrl = "https://www.linkedin.com/in/annlee"
        person.socialMediaLinks = ["https://twitter.com/annlee"]
        person.phones = ["+351 21 000 0000"]
        person.emails = ["ann@acme.io"]
        person.companyId = UUID()
        person.birthDate = "1990-04-01"
        person.seniority = "head"
        person.departments = ["master_marketing"]
        person.subDepartments = ["demand_generation"]
        person.functions = ["marketing"]
        person.skills = ["SEO"]
        person.certifications = ["PMP"]
        person.industry = "software development"
        person.languages = [Person.Language(language: "Portuguese", level: "NATIVE_OR_BILINGUAL")]
        let dates = Person.DateSpan(start: "2008", end: "2013")
        person.educations = [
            Person.Education(
                institution: Person.Institution(
                    id: "edu_1", name: "Universidade de Lisboa", logoUrl: "https://x/logo.png",
                    linkedinUrl: "https://www.linkedin.com/school/ulisboa"),
                degreeName: "MSc", fieldOfStudy: "Economics", grade: "18/20", dates: dates)
        ]
        person.workExperiences = [
            Person.WorkExperience(
                company: Person.ExperienceCompany(
                    id: "c1", name: "Acme", logoUrl: "https://x/acme.png",
                    linkedinUrl: "https://www.linkedin.com/company/acme",
                    employees: Person.EmployeeRange(start: 51, end: 200)),
                dates: dates,
                profilePositions: [
                    Person.ProfilePosition(
                        company: "Acme", title: "Head of Growth", description: "Growth.",
                        location: "Lisboa", dates: dates)
                ])
        ]
        person.baseProviderId = "ark_42"
        person.crmId = "crm_1"
        return person
    }

    @Test("canonical JSON is byte for byte what JSONEncoder writes")
    func canonicalEqualsEncoder() throws {
        for person in Self.people {
            let canonical = try #require(person.canonicalJSON)
            #expect(String(decoding: canonical, as: UTF8.self) == (try Self.encoded(person)))
        }
        var withBullhorn = Person(id: UUID(), firstName: "A", lastName: "B")
        withBullhorn.bullhornId = .number(1)
        #expect(withBullhorn.canonicalJSON == nil)
    }

    /// Every seeded company, one with every field set, and coordinates in each of the forms a
    /// double takes.
    static var companies: [Company] {
        var companies = Array(DirectorySeed(seed: 11, companies: 2000, people: 0).companies)
        var full = fullCompany
        let doubles: [Double] = [
            0, -0.0, 1, 0.1, 1e-5, 1e20, 40.7128, -74.006, 2.5e15, 1e16, 123_456_789_012_345_680, 5e-324, .greatestFiniteMagnitude,
        ]
        full.location?.locations =
            doubles.map { value in
                Company.Address(country: nil, state: nil, city: nil, coordinates: Company.Coordinates(lat: value, lng: -value))
            } + [Company.Address(country: nil, state: nil, city: nil, coordinates: Company.Coordinates(lat: nil, lng: nil))]
        companies.append(full)
        companies.append(Company(id: UUID(), name: ""))
        var empty = Company(id: UUID(), name: "No places")
        empty.location = Company.Location(headquarter: nil, locations: nil)
        companies.append(empty)
        return companies
    }

    /// Every field of a company and of its parts set (but `bullhornId`).
    static var fullCompany: Company {
        var full = Company(id: UUID(), name: "Acme \"A\" \\ Ltd/Inc 😀")
        full.createdAt = "2026-01-01T00:00:00.000Z"
        full.updatedAt = "2026-01-02T00:00:00.000Z"
        full.legalName = "Acme Limited"
        full.description = "Makes\tthings\n"
        full.summary = "Things."
        full.headcount = "51-200"
        full.employeeCount = 120
        full.industry = "software development"
        full.phones = ["+1 555 0100"]
        full.linkedinUrl = "https://www.linkedin.com/company/acme"
        full.websiteUrl = "https://acme.io"
        full.domain = "acme.io"
        full.city = "Lisboa"
        full.state = "Lisbon"
        full.postalCode = "1000-001"
        full.country = "Portugal"
        full.logoUrl = "https://x/acme.png"
        full.baseProviderId = "ark_1"
        full.crmId = "crm_1"
        full.foundedYear = -300
        full.revenue = "$10M-$50M"
        full.annualRevenue = Int.max
        full.type = "Privately Held"
        full.technologies = ["Swift", ""]
        full.specialties = ["Widgets"]
        full.socialMediaLinks = ["https://x.com/acme"]
        full.location = Company.Location(
            headquarter: Company.Address(
                continent: "Europe", country: "Portugal", state: "Lisbon", city: "Lisboa", street: "Rua 1", postalCode: "1000-001",
                rawAddress: "Rua 1, Lisboa", coordinates: Company.Coordinates(lat: 38.7223, lng: -9.1393)),
            locations: [Company.Address(country: "Spain", state: nil, city: "Madrid")])
        return full
    }

    @Test("a company's canonical JSON is byte for byte what JSONEncoder writes")
    func companyCanonicalEqualsEncoder() throws {
        for company in Self.companies {
            let canonical = try #require(company.canonicalJSON)
            #expect(String(decoding: canonical, as: UTF8.self) == String(decoding: try Self.encoder.encode(company), as: UTF8.self))
        }
        var withBullhorn = Company(id: UUID(), name: "A")
        withBullhorn.bullhornId = .number(1)
        #expect(withBullhorn.canonicalJSON == nil)
        var nowhere = Company(id: UUID(), name: "B")
        nowhere.location = Company.Location(
            headquarter: nil,
            locations: [
                Company.Address(country: nil, state: nil, city: nil, coordinates: Company.Coordinates(lat: .nan, lng: 0))
            ])
        #expect(nowhere.canonicalJSON == nil, "JSONEncoder refuses a NaN; so must the import")
        #expect(throws: (any Error).self) { try Self.encoder.encode(nowhere) }
    }

    @Test("reading a line gives what JSONDecoder gives, without timestamps")
    func readEqualsDecoder() throws {
        for person in Self.people {
            let line = try Self.encoded(person)
            let read = try #require(Self.fast(line), "refused \(line)")
            #expect(read == Self.decoded(line))
            #expect(read.createdAt == nil && read.updatedAt == nil)
        }
    }

    @Test(
        "white space, escapes, upper-case ids, nulls and unknown keys read as JSONDecoder reads them",
        arguments: [
            #" { "id" : "B1000000-0000-4000-8000-00000000000A" , "firstName" : "Jos\u00e9" , "lastName" : "\ud83d\ude00\n\t\"\\\/" } "#,
            #"{"id":"b1000000-0000-4000-8000-00000000000a","firstName":"A","lastName":"B","jobTitle":null,"skills":null,"companyId":null,"bullhornId":null}"#,
            #"{"id":"b1000000-0000-4000-8000-00000000000a","firstName":"A","lastName":"B","extra":{"deep":[1,2.5,{"x":null}],"t":true},"more":[]}"#,
            #"{"id":"b1000000-0000-4000-8000-00000000000a","firstName":"A","lastName":"B","createdAt":5,"updatedAt":{"x":1}}"#,
            #"{"id":"b1000000-0000-4000-8000-00000000000a","firstName":"A","lastName":"B","workExperiences":[{"company":{"employees":{"start":-0,"end":10}},"dates":{"end":null},"extra":1}]}"#,
            #"{"id":"b1000000-0000-4000-8000-00000000000a","firstName":"A","lastName":"B","languages":[],"educations":[{}]}"#,
            // Keys: escaped, unknown with a known key's length, unknown and not ASCII, empty.
            #"{"\u0069d":"b1000000-0000-4000-8000-00000000000a","first\u004eame":"A","lastName":"B","jobTitlf":"x","pr\u00e9nom":"y","prénom":"z","":1}"#,
        ])
    func sameAsDecoder(line: String) throws {
        let read = try #require(Self.fast(line))
        var expected = try #require(
            try? JSONDecoder().decode(
                Person.self,
                from: Data(
                    line.replacingOccurrences(of: #""createdAt":5,"updatedAt":{"x":1}"#, with: #""createdAt":null"#).utf8)))
        expected.createdAt = nil
        expected.updatedAt = nil
        #expect(read == expected)
    }

    @Test(
        "lines the fast reader does not read as JSONDecoder would are left to it",
        arguments: [
            // JSONDecoder keeps the first of a repeated key.
            #"{"id":"b1000000-0000-4000-8000-00000000000a","firstName":"A","firstName":"C","lastName":"B"}"#,
            #"{"id":"b1000000-0000-4000-8000-00000000000a","firstName":"A","first\u004eame":"C","lastName":"B"}"#,
            // JSONDecoder takes these as integers.
            #"{"id":"b1000000-0000-4000-8000-00000000000a","firstName":"A","lastName":"B","workExperiences":[{"company":{"employees":{"start":5.0}}}]}"#,
            #"{"id":"b1000000-0000-4000-8000-00000000000a","firstName":"A","lastName":"B","workExperiences":[{"company":{"employees":{"start":1e2}}}]}"#,
            // Any JSON value.
            #"{"id":"b1000000-0000-4000-8000-00000000000a","firstName":"A","lastName":"B","bullhornId":12}"#,
            // No id (the importer derives one), a wrong type, a null name, not an object, bad JSON.
            #"{"firstName":"A","lastName":"B"}"#,
            #"{"id":"b1000000-0000-4000-8000-00000000000a","firstName":"A","lastName":"B","skills":"SEO"}"#,
            #"{"id":"b1000000-0000-4000-8000-00000000000a","firstName":null,"lastName":"B"}"#,
            #"{"id":"b1000000-0000-4000-8000-00000000000a","firstName":"A","lastName":"B","emails":["a",null]}"#,
            #"{"id":"not-a-uuid","firstName":"A","lastName":"B"}"#,
            #"{"id":"b1000000-0000-4000-8000-00000000000a","firstName":"A","lastName":"B","workExperiences":[{"company":{"employees":{"start":9223372036854775808}}}]}"#,
            #"{"id":"b1000000-0000-4000-8000-00000000000a","firstName":"A","lastName":"B"} x"#,
            #"["A"]"#,
            #"{"id":"b1000000-0000-4000-8000-00000000000a","firstName":"A","lastName":"B""#,
        ])
    func refused(line: String) {
        #expect(Self.fast(line) == nil)
    }

    @Test(
        "profile URLs: the ASCII path normalizes as the general one does",
        arguments: [
            "https://www.linkedin.com/in/ann-lee/", "HTTP://UK.LinkedIn.com/in/Ann?trk=x#y", "  linkedin.com/in/ann//  ",
            "https://http://www.acme.io", "www.", "https://", "", "   ", "?x", "de.linkedin.com", "a.b.linkedin.com/in/x",
            "uk..linkedin.com/in/x", "https://www.linkedin.com/company/acme/about/", "acme.io/a/b/", "x\ty.com/z", "a\r\nb.com",
        ])
    func profileURLs(url: String) {
        guard let fast = ProfileURL.asciiNormalize(url) else {
            #expect(url.contains("\r"), "only CR is left to the general path")
            return
        }
        #expect(fast == ProfileURL.generalNormalize(url))
    }

    @Test("padded words: the ASCII path gives the words of the general one")
    func paddedWords() {
        for text in ["", " ", "Head of Growth", "C++ / Go, Rust!", "  VP-Sales  ", "a1 b2", "x\ty\nz", "ALLCAPS"] {
            #expect(TextNormalizer.asciiPadded(text) == TextNormalizer.generalPadded(text, foldingAccents: false))
            #expect(
                TextNormalizer.paddedForms(text) == (
                    TextNormalizer.generalPadded(text, foldingAccents: false),
                    TextNormalizer.generalPadded(text, foldingAccents: true)
                ))
        }
        #expect(TextNormalizer.asciiPadded("José") == nil)
        #expect(TextNormalizer.paddedForms("José Ñandú") == (" josé ñandú ", " jose nandu "))
    }

    @Test("padded words and keys: the Latin path gives what the general one gives, for every letter it takes")
    func latinForms() {
        func expectGeneral(_ text: String) {
            if let forms = TextNormalizer.latinPaddedForms(text) {
                #expect(forms.words == TextNormalizer.generalPadded(text, foldingAccents: false), "\(text.debugDescription)")
                #expect(forms.smart == TextNormalizer.generalPadded(text, foldingAccents: true), "\(text.debugDescription)")
            }
            if let key = TextNormalizer.latinKey(text) {
                #expect(key == TextNormalizer.generalKey(text), "\(text.debugDescription)")
            }
        }
        var taken = 0
        for value in 0x80..<0x250 {
            let letter = String(Unicode.Scalar(value)!)
            for text in [letter, "a\(letter)b", "\(letter) X-\(letter)\(letter)", " \(letter.uppercased())1 "] { expectGeneral(text) }
            if TextNormalizer.latinPaddedForms(letter) != nil { taken += 1 }
        }
        #expect(taken > 300)
        // Mixed text, the characters the Latin path refuses among them (a combining accent, `İ`,
        // `×`, a no-break space, superscript two, Greek).
        let alphabet: [Character] = Array("aZ9 -,\t\r\nßÆøéÉüÜłŁńÑçǅǖ") + ["e\u{301}", "İ", "×", "\u{A0}", "²", "Σ"]
        var random = SeededRandom(seed: 7, stream: 0, index: 0)  // the same texts every run
        for _ in 0..<3000 {
            var text = ""
            for _ in 0..<random.int(in: 0...12) { text.append(random.pick(alphabet)) }
            expectGeneral(text)
        }
        #expect(
            TextNormalizer.latinPaddedForms("Zürich, Łódź / São Paulo") ?? ("", "") == (
                " zürich łódź são paulo ", " zurich łodz sao paulo "
            ))  // ł has no decomposition
        #expect(TextNormalizer.latinPaddedForms("Cafe\u{301}") == nil)
        #expect(TextNormalizer.latinKey("  São   PAULO ") == "são paulo")
    }
}
