import Foundation
import LeadbaseCore

/// The normalized columns a person is searched by, computed once when it is written, so that
/// matching is the same on both databases whatever their locale (see `TextNormalizer`).
struct PersonSearchColumns: Sendable {
    let nameWords, nameSmart, titleWords, titleSmart, headlineWords, headlineSmart, seniorityKey: String
    let departmentKeys, locationKeys, skillWords, skillSmart, certificationWords, certificationSmart: [String]
    let languageWords, languageSmart, currentCompanyKeys, previousCompanyKeys, socialKeys, socialPlatformKeys: [String]
    let schoolWords, schoolSmart, degreeWords, degreeSmart, fieldOfStudyWords, fieldOfStudySmart, educationYearKeys: [String]

    /// `linkedinKey` is the person's `linkedinUrl` normalized (`ProfileURL.normalize`);
    /// `companyName` is the name of the person's current company in the directory, if known.
    /// (`person` is borrowed, not passed owned as an initializer's arguments are by default, which
    /// would retain and release each of its fields once more.)
    init(_ person: borrowing Person, linkedinKey: String?, companyName: String?) {
        (nameWords, nameSmart) = Self.stored(TextNormalizer.paddedForms(person.fullName))
        (titleWords, titleSmart) = Self.stored(TextNormalizer.paddedForms(person.jobTitle ?? ""))
        (headlineWords, headlineSmart) = Self.stored(TextNormalizer.paddedForms(person.headline ?? ""))
        (skillWords, skillSmart) = Self.stored(Self.paddedForms(person.skills ?? []))
        (certificationWords, certificationSmart) = Self.stored(Self.paddedForms(person.certifications ?? []))
        (languageWords, languageSmart) = Self.stored(Self.languageForms(person.languages ?? []))
        seniorityKey = TextNormalizer.key(person.seniority ?? "")
        departmentKeys = Self.keys((person.departments ?? []) + (person.subDepartments ?? []) + (person.functions ?? []))
        locationKeys = Self.keys([person.city, person.state, person.country].compactMap { $0 })

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
        let links = person.socialMediaLinks ?? []
        socialKeys = Self.sortedUnique([linkedinKey].compactMap { $0 } + links.compactMap(ProfileURL.normalize))
        socialPlatformKeys = SocialPlatform.keys(of: [person.linkedinUrl].compactMap { $0 } + links)

        let educations = person.educations ?? []
        (schoolWords, schoolSmart) = Self.stored(Self.paddedForms(educations.compactMap { $0.institution?.name }))
        (degreeWords, degreeSmart) = Self.stored(Self.paddedForms(educations.compactMap(\.degreeName)))
        (fieldOfStudyWords, fieldOfStudySmart) = Self.stored(Self.paddedForms(educations.compactMap(\.fieldOfStudy)))
        educationYearKeys = Self.sortedUnique(educations.compactMap { Self.year($0.dates?.end ?? $0.dates?.start).map(String.init) })
    }

    /// Each language's padded name and, when its level is known, the name followed by the level's
    /// token (`LanguageLevel.token`): a language filter with a `range` asks for the token.
    static func languageForms(_ languages: [Person.Language]) -> (words: [String], smart: [String]) {
        var words: [String] = []
        var smart: [String] = []
        for language in languages {
            let forms = TextNormalizer.paddedForms(language.language ?? "")
            guard !forms.words.isEmpty else { continue }
            words.append(forms.words)
            smart.append(forms.smart)
            if let level = language.level.flatMap(LanguageLevel.init(named:)) {
                words.append(forms.words + level.token + " ")
                smart.append(forms.smart + level.token + " ")
            }
        }
        return (sortedUnique(words), sortedUnique(smart))
    }

    /// The year a date of a record begins with (`2015`, `2015-06`, `2015-06-30T…`), if any.
    static func year(_ date: String?) -> Int? {
        guard let date, date.utf8.count >= 4, let year = Int(date.prefix(4)) else { return nil }
        return year
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
    let nameWords, nameSmart, locationKeys, technologyKeys, keywordWords, keywordSmart, socialPlatformKeys: [String]
    let nameOnlyWords, nameOnlySmart, industryKey, industryWords, industrySmart, typeKey: String

    init(_ company: borrowing Company) {
        domainKey = (company.domain ?? company.websiteUrl).flatMap(ProfileURL.domain)
        let names = [company.name, company.domain ?? domainKey].compactMap { $0 }
        (nameWords, nameSmart) = PersonSearchColumns.stored(PersonSearchColumns.paddedForms(names))
        (nameOnlyWords, nameOnlySmart) = PersonSearchColumns.stored(TextNormalizer.paddedForms(company.name))
        let hq = company.headquarters
        locationKeys = PersonSearchColumns.keys([hq.city, hq.state, hq.country].compactMap { $0 })
        technologyKeys = PersonSearchColumns.keys(company.technologies ?? [])
        industryKey = TextNormalizer.key(company.industry ?? "")
        (industryWords, industrySmart) = PersonSearchColumns.stored(TextNormalizer.paddedForms(company.industry ?? ""))
        typeKey = TextNormalizer.key(company.type ?? "")
        let keywords = [company.description, company.summary].compactMap { $0 } + (company.specialties ?? [])
        (keywordWords, keywordSmart) = PersonSearchColumns.stored(PersonSearchColumns.paddedForms(keywords))
        socialPlatformKeys = SocialPlatform.keys(of: [company.linkedinUrl].compactMap { $0 } + (company.socialMediaLinks ?? []))
    }
}
