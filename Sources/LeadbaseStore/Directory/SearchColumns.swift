import Foundation
import LeadbaseCore

/// The normalized columns a person is searched by, computed once when it is written, so that
/// matching is the same on both databases whatever their locale (see `TextNormalizer`).
struct PersonSearchColumns: Sendable {
    let nameWords, nameSmart, titleWords, titleSmart, seniorityKey: String
    let departmentKeys, locationKeys, skillWords, skillSmart, languageKeys: [String]
    let currentCompanyKeys, previousCompanyKeys, socialKeys, keywordWords, keywordSmart: [String]

    /// `companyName` is the name of the person's current company in the directory, if known.
    init(_ person: Person, companyName: String?) {
        nameWords = TextNormalizer.padded(person.fullName, foldingAccents: false)
        nameSmart = TextNormalizer.padded(person.fullName, foldingAccents: true)
        titleWords = TextNormalizer.padded(person.jobTitle ?? "", foldingAccents: false)
        titleSmart = TextNormalizer.padded(person.jobTitle ?? "", foldingAccents: true)
        seniorityKey = TextNormalizer.key(person.seniority ?? "")
        departmentKeys = Self.keys((person.departments ?? []) + (person.subDepartments ?? []) + (person.functions ?? []))
        locationKeys = Self.keys([person.city, person.state, person.country].compactMap { $0 })
        skillWords = Self.padded(person.skills ?? [], foldingAccents: false)
        skillSmart = Self.padded(person.skills ?? [], foldingAccents: true)
        languageKeys = Self.keys((person.languages ?? []).compactMap(\.language))

        let experiences = person.workExperiences ?? []
        var current = experiences.filter(\.isCurrent).flatMap { [$0.company?.id, $0.company?.name] }.compactMap { $0 }
        current += [person.companyId?.uuidString, companyName].compactMap { $0 }
        currentCompanyKeys = Self.keys(current)
        previousCompanyKeys = Self.keys(
            experiences.filter { !$0.isCurrent }.flatMap { [$0.company?.id, $0.company?.name] }.compactMap { $0 }
        )
        socialKeys = Array(Set(([person.linkedinUrl].compactMap { $0 } + (person.socialMediaLinks ?? [])).compactMap(ProfileURL.normalize))).sorted()
        let keywordSources = [person.jobTitle, person.headline].compactMap { $0 } + (person.skills ?? [])
        keywordWords = Self.padded(keywordSources, foldingAccents: false)
        keywordSmart = Self.padded(keywordSources, foldingAccents: true)
    }

    static func keys(_ values: [String]) -> [String] {
        Array(Set(values.map(TextNormalizer.key).filter { !$0.isEmpty })).sorted()
    }

    static func padded(_ values: [String], foldingAccents: Bool) -> [String] {
        Array(Set(values.map { TextNormalizer.padded($0, foldingAccents: foldingAccents) }.filter { !$0.isEmpty })).sorted()
    }
}

/// The normalized columns a company is searched by.
struct CompanySearchColumns: Sendable {
    let linkedinKey, domainKey: String?
    let nameWords, nameSmart, locationKeys, technologyKeys: [String]
    let industryKey, typeKey: String

    init(_ company: Company) {
        linkedinKey = company.linkedinUrl.flatMap(ProfileURL.normalize)
        domainKey = (company.domain ?? company.websiteUrl).flatMap(ProfileURL.domain)
        let names = [company.name, company.domain ?? domainKey].compactMap { $0 }
        nameWords = PersonSearchColumns.padded(names, foldingAccents: false)
        nameSmart = PersonSearchColumns.padded(names, foldingAccents: true)
        let hq = company.headquarters
        locationKeys = PersonSearchColumns.keys([hq.city, hq.state, hq.country].compactMap { $0 })
        technologyKeys = PersonSearchColumns.keys(company.technologies ?? [])
        industryKey = TextNormalizer.key(company.industry ?? "")
        typeKey = TextNormalizer.key(company.type ?? "")
    }
}
