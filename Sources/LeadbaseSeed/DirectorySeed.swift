import Foundation
import LeadbaseCore

/// A deterministic, realistic synthetic directory of any size. Every record is a pure function of
/// the seed and its index, so the same seed always gives the same data, any record can be made
/// without the others, and a million people stream in constant memory.
public struct DirectorySeed: Sendable {
    public let seed: UInt64
    public let companyCount: Int
    public let peopleCount: Int

    public init(seed: UInt64, companies: Int, people: Int) {
        self.seed = seed
        self.companyCount = companies
        self.peopleCount = people
    }

    public var companies: some Sequence<Company> { (0..<companyCount).lazy.map(company(at:)) }
    public var people: some Sequence<Person> { (0..<peopleCount).lazy.map(person(at:)) }

    /// Company `index`: a name and domain, an industry, a headquarters, and a size drawn from a
    /// heavy-tailed distribution (many small companies, few large ones) with revenue to match.
    public func company(at index: Int) -> Company {
        var random = SeededRandom(seed: seed, stream: 1, index: UInt64(index))
        let vocabulary = SeedVocabulary.self
        // The stem comes from the index, so that names (and so domains and LinkedIn URLs) are unique.
        let stems = vocabulary.nameStems.count
        let tails = vocabulary.nameTails.count
        let stem = vocabulary.nameStems[index % stems] + vocabulary.nameTails[(index / stems) % tails]
        let name = stem + (index >= stems * tails ? " \(index / (stems * tails) + 1)" : "") + random.pick(vocabulary.nameSuffixes)
        let slug = TextNormalizer.words(name, foldingAccents: true).joined(separator: "-")
        var company = Company(id: random.uuid(), name: name)
        let domain = "\(slug).\(random.pick(["com", "io", "co", "ai", "net", "de", "fr"]))"
        company.domain = domain
        company.websiteUrl = "https://www.\(domain)"
        company.linkedinUrl = "https://www.linkedin.com/company/\(slug)"
        company.industry = random.pick(vocabulary.industries)
        let employees = min(Int(5 / pow(random.unit(), 1 / 1.1)), 250_000)
        company.employeeCount = employees
        company.headcount = Self.headcountBand(employees)
        let revenue = employees * Int(40_000 + random.unit() * 260_000)
        company.annualRevenue = revenue
        company.revenue = Self.revenueBand(revenue)
        company.foundedYear = 2025 - Int(pow(random.unit(), 2) * 120)
        company.type = random.weightedPick(vocabulary.companyTypes, weights: vocabulary.companyTypeWeights)
        company.technologies = random.sample(vocabulary.technologies, count: random.int(in: 0...6))
        let place = random.pick(vocabulary.places)
        company.city = place.0
        company.state = place.1
        company.country = place.2
        company.location = Company.Location(
            headquarter: Company.Address(
                continent: nil, country: place.2, state: place.1, city: place.0,
                street: "\(random.int(in: 1...999)) \(random.pick(["Main", "Market", "King", "Harbor", "Park"])) Street",
                coordinates: Company.Coordinates(
                    lat: (random.unit() * 180 - 90).rounded(toPlaces: 4), lng: (random.unit() * 360 - 180).rounded(toPlaces: 4))
            ),
            locations: nil
        )
        company.description = "\(name) builds \(company.industry ?? "products") for teams worldwide."
        company.phones = ["+1-555-\(String(format: "%03d", random.int(in: 100...999)))-\(String(format: "%04d", random.int(in: 0...9999)))"]
        // Drawn from a stream of their own, so that the fields above stay as earlier seeds made them.
        var more = SeededRandom(seed: seed, stream: 3, index: UInt64(index))
        company.specialties = more.sample(vocabulary.specialties, count: more.int(in: 0...4))
        company.socialMediaLinks = [
            more.unit() < 0.6 ? "https://twitter.com/\(slug)" : nil, more.unit() < 0.4 ? "https://www.facebook.com/\(slug)" : nil,
            more.unit() < 0.2 ? "https://www.instagram.com/\(slug)" : nil,
        ].compactMap { $0 }
        return company
    }

    /// Person `index`: a name, a current company, a title made of seniority and department, a place,
    /// skills, certifications, languages, education, previous employers and social profiles.
    public func person(at index: Int) -> Person {
        var random = SeededRandom(seed: seed, stream: 2, index: UInt64(index))
        let vocabulary = SeedVocabulary.self
        let first = random.pick(vocabulary.firstNames)
        let last = random.pick(vocabulary.lastNames)
        var person = Person(id: random.uuid(), firstName: first, lastName: last)
        let employer = companyCount > 0 ? company(at: Int(pow(random.unit(), 1.5) * Double(companyCount))) : nil
        let seniority = random.weightedPick(vocabulary.seniorities, weights: vocabulary.seniorityWeights)
        let department = random.pick(vocabulary.departments)
        person.seniority = seniority
        person.jobTitle = Self.title(seniority: seniority, department: department.3)
        person.headline = "\(person.jobTitle ?? "") at \(employer?.name ?? "a stealth startup")"
        person.departments = [department.0]
        person.subDepartments = [random.pick(department.1)]
        person.functions = department.2
        let slug = TextNormalizer.words("\(first) \(last) \(index)", foldingAccents: true).joined(separator: "-")
        person.linkedinUrl = "https://www.linkedin.com/in/\(slug)"
        let local = TextNormalizer.words("\(first).\(last)", foldingAccents: true).joined(separator: ".")
        person.emails = employer.map { ["\(local)@\($0.domain ?? "example.com")"] } ?? []
        person.phones =
            random.unit() < 0.4
            ? ["+1-555-\(String(format: "%03d", random.int(in: 100...999)))-\(String(format: "%04d", random.int(in: 0...9999)))"] : []
        let place =
            random.unit() < 0.7
            ? (employer.map { ($0.city ?? "", $0.state ?? "", $0.country ?? "") } ?? random.pick(vocabulary.places))
            : random.pick(vocabulary.places)
        person.city = place.0
        person.state = place.1
        person.country = place.2
        person.skills = random.sample(vocabulary.skills, count: random.int(in: 1...6))
        person.languages = random.sample(vocabulary.languages, count: random.int(in: 1...3)).map {
            Person.Language(language: $0, level: random.pick(vocabulary.languageLevels))
        }
        person.industry = employer?.industry
        person.companyId = employer?.id
        let graduation = random.int(in: 1985...2022)
        person.educations = [
            Person.Education(
                institution: Person.Institution(name: random.pick(vocabulary.schools)),
                degreeName: random.pick(vocabulary.degrees), fieldOfStudy: random.pick(vocabulary.fields),
                dates: Person.DateSpan(start: "\(graduation - 4)", end: "\(graduation)")
            )
        ]
        var experiences: [Person.WorkExperience] = []
        let joined = random.int(in: max(graduation, 2005)...2025)
        if let employer {
            experiences.append(
                Person.WorkExperience(
                    company: Person.ExperienceCompany(
                        id: employer.id.uuidString.lowercased(), name: employer.name, linkedinUrl: employer.linkedinUrl),
                    dates: Person.DateSpan(start: "\(joined)-\(String(format: "%02d", random.int(in: 1...12)))", end: nil),
                    profilePositions: [Person.ProfilePosition(company: employer.name, title: person.jobTitle, dates: nil)]
                ))
        }
        for _ in 0..<random.int(in: 0...2) where companyCount > 1 {
            let previous = company(at: random.int(in: 0...(companyCount - 1)))
            let end = random.int(in: 1990...max(1990, joined))
            experiences.append(
                Person.WorkExperience(
                    company: Person.ExperienceCompany(
                        id: previous.id.uuidString.lowercased(), name: previous.name, linkedinUrl: previous.linkedinUrl),
                    dates: Person.DateSpan(start: "\(end - random.int(in: 1...6))", end: "\(end)"),
                    profilePositions: [
                        Person.ProfilePosition(
                            company: previous.name,
                            title: Self.title(
                                seniority: random.pick(["senior", "mid-level", "entry", "manager"]), department: department.3), dates: nil)
                    ]
                ))
        }
        person.workExperiences = experiences
        // Drawn from a stream of their own, so that the fields above stay as earlier seeds made them.
        var more = SeededRandom(seed: seed, stream: 4, index: UInt64(index))
        person.certifications = more.unit() < 0.35 ? more.sample(vocabulary.certifications, count: more.int(in: 1...3)) : []
        person.socialMediaLinks = [
            more.unit() < 0.3 ? "https://twitter.com/\(slug)" : nil, more.unit() < 0.15 ? "https://github.com/\(slug)" : nil,
            more.unit() < 0.1 ? "https://www.instagram.com/\(slug)" : nil,
        ].compactMap { $0 }
        return person
    }

    static func title(seniority: String, department: String) -> String {
        switch seniority {
        case "founder": "Founder"
        case "owner": "Owner"
        case "partner": "Partner"
        case "c_suite":
            [
                "Sales": "Chief Revenue Officer", "Marketing": "Chief Marketing Officer", "Engineering": "Chief Technology Officer",
                "Finance": "Chief Financial Officer", "People": "Chief People Officer",
            ][department] ?? "Chief Operating Officer"
        case "vp": "VP of \(department)"
        case "director": "Director of \(department)"
        case "head": "Head of \(department)"
        case "manager": "\(department) Manager"
        case "senior": "Senior \(department) Specialist"
        case "entry": "Junior \(department) Associate"
        case "intern": "\(department) Intern"
        default: "\(department) Specialist"
        }
    }

    static func headcountBand(_ employees: Int) -> String {
        let bands = [
            (10, "1-10"), (50, "11-50"), (200, "51-200"), (500, "201-500"), (1000, "501-1000"), (5000, "1001-5000"), (10000, "5001-10000"),
        ]
        return bands.first { employees <= $0.0 }?.1 ?? "10001+"
    }

    static func revenueBand(_ revenue: Int) -> String {
        let bands = [
            (1_000_000, "$0 - $1M"), (10_000_000, "$1M - $10M"), (50_000_000, "$10M - $50M"), (100_000_000, "$50M - $100M"),
            (500_000_000, "$100M - $500M"), (1_000_000_000, "$500M - $1B"),
        ]
        return bands.first { revenue <= $0.0 }?.1 ?? "$1B+"
    }
}

/// SplitMix64, seeded from (seed, stream, index): tiny, fast and the same on every platform.
public struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    public init(seed: UInt64, stream: UInt64 = 0, index: UInt64 = 0) {
        state = seed &* 0x9E37_79B9_7F4A_7C15 ^ stream &* 0xBF58_476D_1CE4_E5B9 ^ index &* 0x94D0_49BB_1331_11EB
        _ = next()
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// In (0, 1].
    mutating func unit() -> Double { Double((next() >> 11) + 1) / Double(1 << 53) }

    mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    mutating func pick<T>(_ values: [T]) -> T { values[int(in: 0...(values.count - 1))] }

    mutating func weightedPick<T>(_ values: [T], weights: [Int]) -> T {
        var roll = int(in: 0...(weights.reduce(0, +) - 1))
        for (value, weight) in zip(values, weights) {
            if roll < weight { return value }
            roll -= weight
        }
        return values[values.count - 1]
    }

    mutating func sample<T>(_ values: [T], count: Int) -> [T] {
        var pool = values
        var chosen: [T] = []
        for _ in 0..<min(count, pool.count) {
            chosen.append(pool.remove(at: int(in: 0...(pool.count - 1))))
        }
        return chosen
    }

    mutating func uuid() -> UUID {
        var bytes = withUnsafeBytes(of: next().bigEndian, Array.init) + withUnsafeBytes(of: next().bigEndian, Array.init)
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return UUID(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
            ))
    }
}

extension Double {
    func rounded(toPlaces places: Int) -> Double {
        let factor = pow(10, Double(places))
        return (self * factor).rounded() / factor
    }
}
