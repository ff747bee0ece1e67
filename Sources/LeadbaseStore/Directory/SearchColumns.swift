import Foundation
import LeadbaseCore

/// The normalized columns a person is searched by, computed once when it is written, so that
/// matching is the same on both databases whatever their locale (see `TextNormalizer`).
struct PersonSearchColumns: Sendable {
    let nameWords, nameSmart, titleWords, titleSmart, seniorityKey: String
    let departmentKeys, locationKeys, skillWords, skillSmart, languageKeys: [String]
    let currentCompanyKeys, previousCompanyKeys, socialKeys, keywordWords, keywordSmart: [String]

    /// `linkedinKey` is the person's `linkedinUrl` normalized (`ProfileURL.normalize`);
    /// `companyName` is the name of the person's current company in the directory, if known.
    /// (`person` is borrowed, not passed owned as an initializer's arguments are by default, which
    /// would retain and release each of its fields once more.)
    init(_ person: borrowing Person, linkedinKey: String?, companyName: String?) {
        let name = TextNormalizer.paddedForms(person.fullName)
        let title = TextNormalizer.paddedForms(person.jobTitle ?? "")
        let skills = Self.paddedForms(person.skills ?? [])
        // Keywords are the title, the headline and the skills: their forms, computed once.
        let headline = TextNormalizer.paddedForms(person.headline ?? "")
        let keywords = (
            words: Self.sortedUnique([title.words, headline.words] + skills.words),
            smart: Self.sortedUnique([title.smart, headline.smart] + skills.smart)
        )
        (nameWords, nameSmart) = Self.stored(name)
        (titleWords, titleSmart) = Self.stored(title)
        (skillWords, skillSmart) = Self.stored(skills)
        (keywordWords, keywordSmart) = Self.stored(keywords)
        seniorityKey = TextNormalizer.key(person.seniority ?? "")
        departmentKeys = Self.keys((person.departments ?? []) + (person.subDepartments ?? []) + (person.functions ?? []))
        locationKeys = Self.keys([person.city, person.state, person.country].compactMap { $0 })
        languageKeys = Self.keys((person.languages ?? []).compactMap(\.language))

        var current: [String] = []
        var previous: [String] = []
        for experience in person.workExperiences ?? [] {
            guard let company = experience.company else { continue }
            for value in [company.id, company.name] {
                guard let value else { continue }
                if experience.isCurrent { current.append(value) } else { previous.append(value) }
            }
        }
        if let companyID = person.companyId { current.append(String(decoding: companyID.lowercasedText, as: UTF8.self)) }
        if let companyName { current.append(companyName) }
        currentCompanyKeys = Self.keys(current)
        previousCompanyKeys = Self.keys(previous)
        socialKeys = Self.sortedUnique([linkedinKey].compactMap { $0 } + (person.socialMediaLinks ?? []).compactMap(ProfileURL.normalize))
    }

    /// A text's two forms as stored: the smart form is left empty when it equals the words form
    /// (always so for ASCII text), and readers take an empty smart form for the words form
    /// (`RowPages`, `FilterCompiler.smartForm`). Most rows are a quarter narrower for it, and
    /// writing a row costs PostgreSQL less.
    static func stored<Form: RangeReplaceableCollection & Equatable>(_ forms: (words: Form, smart: Form)) -> (words: Form, smart: Form) {
        (forms.words, forms.smart == forms.words ? Form() : forms.smart)
    }

    static func keys(_ values: [String]) -> [String] {
        sortedUnique(values.map(TextNormalizer.key))
    }

    /// The padded forms of each value (see `TextNormalizer.paddedForms`), each list sorted and unique.
    static func paddedForms(_ values: [String]) -> (words: [String], smart: [String]) {
        let forms = values.map(TextNormalizer.paddedForms)
        return (sortedUnique(forms.map(\.words)), sortedUnique(forms.map(\.smart)))
    }

    /// The non-empty values, sorted, each once (lists hold a handful: sorting beats hashing), in
    /// the array given: callers pass a temporary, which is then changed in place.
    static func sortedUnique(_ values: consuming [String]) -> [String] {
        values.removeAll { $0.isEmpty }
        values.sort()
        var kept = 0
        for index in values.indices where kept == 0 || values[index] != values[kept - 1] {
            values.swapAt(kept, index)
            kept += 1
        }
        values.removeSubrange(kept...)
        return values
    }
}

/// The normalized columns a company is searched by.
struct CompanySearchColumns: Sendable {
    let domainKey: String?
    let nameWords, nameSmart, locationKeys, technologyKeys: [String]
    let industryKey, typeKey: String

    init(_ company: borrowing Company) {
        domainKey = (company.domain ?? company.websiteUrl).flatMap(ProfileURL.domain)
        let names = [company.name, company.domain ?? domainKey].compactMap { $0 }
        (nameWords, nameSmart) = PersonSearchColumns.stored(PersonSearchColumns.paddedForms(names))
        let hq = company.headquarters
        locationKeys = PersonSearchColumns.keys([hq.city, hq.state, hq.country].compactMap { $0 })
        technologyKeys = PersonSearchColumns.keys(company.technologies ?? [])
        industryKey = TextNormalizer.key(company.industry ?? "")
        typeKey = TextNormalizer.key(company.type ?? "")
    }
}
