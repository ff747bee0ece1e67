import LeadbaseCore

/// The keys of `contact` and `account`: which stored fields each reads, and how its values read
/// (see the README's "Filter keys").
extension FilterParser {
    /// How a key's values read.
    enum KeyKind {
        /// `{"any"/"all": {"include"/"exclude": ["a", "b"]}}`: exact values.
        case list(ListValue)
        /// The same blocks, with values in the list form or the text form (`{"mode", "content"}`).
        case text
        /// `{"type": "RANGE", "range": …}`.
        case range
        /// `contact.keyword`: the text form, or `{"sources", "content"}` (see `KeywordSource`).
        case keyword
        /// `contact.language`: the text form, with an optional `range` of levels.
        case language
    }

    /// How a list value becomes what the field stores.
    enum ListValue {
        /// `TextNormalizer.key`.
        case key
        /// A profile URL, normalized (`ProfileURL.normalize`); a value that is no URL matches nothing.
        case profileURL
        /// A website URL or bare domain, as its domain; anything else is a 400.
        case domain
        /// A LinkedIn URL, normalized; anything else is a 400.
        case linkedinURL
        /// A LinkedIn URL (normalized) or a website (its domain), matched against both.
        case companyURL
        /// A `SocialPlatform` name.
        case platform
    }

    struct Key {
        let fields: [SearchField]
        let kind: KeyKind

        init(_ field: SearchField, _ kind: KeyKind) {
            fields = [field]
            self.kind = kind
        }

        init(_ fields: [SearchField], _ kind: KeyKind) {
            self.fields = fields
            self.kind = kind
        }
    }

    static let contactKeys: [String: Key] = [
        "fullName": Key(.fullName, .text),
        "jobTitle": Key(.jobTitle, .text),
        "seniority": Key(.seniority, .list(.key)),
        "departmentAndFunction": Key(.departmentAndFunction, .list(.key)),
        "location": Key(.personLocation, .list(.key)),
        "skill": Key(.skill, .text),
        "certification": Key(.certification, .text),
        "language": Key(.language, .language),
        "socialMediaLink": Key(.socialMediaLink, .list(.profileURL)),
        "socialMedia": Key(.socialPlatform, .list(.platform)),
        "keyword": Key(KeywordSource.allCases.map(\.field), .keyword),
    ]

    /// The parts of `contact.education`; `date` is read apart (years, see `educationYears`).
    static let educationKeys: [String: Key] = [
        "school": Key(.school, .text),
        "degree": Key(.degree, .text),
        "fieldOfStudy": Key(.fieldOfStudy, .text),
    ]

    static let accountKeys: [String: Key] = [
        "nameOrDomain": Key(.nameOrDomain, .text),
        "name": Key(.companyName, .text),
        "domain": Key(.domain, .list(.domain)),
        "linkedin": Key(.linkedin, .list(.linkedinURL)),
        "url": Key([.linkedin, .domain], .list(.companyURL)),
        "industry": Key(.industry, .list(.key)),
        "industries": Key(.industryText, .text),
        "location": Key(.companyLocation, .list(.key)),
        "employeeSize": Key(.employeeSize, .range),
        "revenue": Key(.revenue, .range),
        "foundedYear": Key(.foundedYear, .range),
        "type": Key(.companyType, .list(.key)),
        "technology": Key(.technology, .list(.key)),
        "technologies": Key(.technology, .list(.key)),
        "keyword": Key(.companyKeyword, .text),
        "socialMedia": Key(.companySocialPlatform, .list(.platform)),
    ]

    /// Every key of `contact`, and of `account`, for the API documents and the tests.
    public static var contactKeyNames: [String] { (Array(contactKeys.keys) + ["company", "education"]).sorted() }
    public static var accountKeyNames: [String] { accountKeys.keys.sorted() }

    /// A list value as the field stores it.
    static func listValue(_ value: String, _ rule: ListValue) -> Result<String, ParseFailure> {
        switch rule {
        case .key:
            return .success(TextNormalizer.key(value))
        case .profileURL:
            return .success(ProfileURL.normalize(value) ?? TextNormalizer.key(value))
        case .domain:
            guard let domain = ProfileURL.domain(value), domain.contains(".") else { return .failure(ParseFailure("Invalid domain")) }
            return .success(domain)
        case .linkedinURL:
            guard let url = ProfileURL.normalize(value), url.hasPrefix("linkedin.com/") else {
                return .failure(ParseFailure("Invalid LinkedIn URL"))
            }
            return .success(url)
        case .companyURL:
            guard let url = ProfileURL.normalize(value), let domain = ProfileURL.domain(value), domain.contains(".") else {
                return .failure(ParseFailure("Invalid URL"))
            }
            return .success(domain == "linkedin.com" ? url : domain)
        case .platform:
            guard let platform = SocialPlatform(rawValue: value) else {
                return .failure(ParseFailure("Must be one of: \(SocialPlatform.allCases.map(\.rawValue).joined(separator: ", "))"))
            }
            return .success(platform.key)
        }
    }
}

extension FilterParser.KeyKind {
    var isLanguage: Bool {
        if case .language = self { true } else { false }
    }
}
