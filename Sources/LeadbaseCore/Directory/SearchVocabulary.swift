/// The closed vocabularies of the filter grammar: what a key's values may be, and how a record's
/// data is read into them.

/// A language level, LinkedIn's five, in order; a `language` filter's `range` bounds them.
public enum LanguageLevel: Int, Sendable, Hashable, CaseIterable, Comparable {
    case elementary = 1
    case limitedWorking, professionalWorking, fullProfessional, nativeOrBilingual

    /// The name clients send and records hold: `PROFESSIONAL_WORKING`.
    public var name: String {
        switch self {
        case .elementary: "ELEMENTARY"
        case .limitedWorking: "LIMITED_WORKING"
        case .professionalWorking: "PROFESSIONAL_WORKING"
        case .fullProfessional: "FULL_PROFESSIONAL"
        case .nativeOrBilingual: "NATIVE_OR_BILINGUAL"
        }
    }

    /// A level named as records and clients write it: `NATIVE_OR_BILINGUAL`, `native or bilingual`,
    /// LinkedIn's `Native or bilingual proficiency`, or `NATIVE`; nil for anything else.
    public init?(named text: String) {
        var name = TextNormalizer.words(text, foldingAccents: true).joined(separator: "_").uppercased()
        if name.hasSuffix("_PROFICIENCY") { name.removeLast("_PROFICIENCY".count) }
        if name == "NATIVE" || name == "BILINGUAL" { name = Self.nativeOrBilingual.name }
        guard let level = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = level
    }

    /// The word a language's entry carries for its level (`english level:4`), after the
    /// language's words: `:` never occurs in a searched word, so no value can match it by chance,
    /// and it needs no escaping in a `LIKE` pattern.
    public var token: String { "level:\(rawValue)" }

    public static func < (left: LanguageLevel, right: LanguageLevel) -> Bool { left.rawValue < right.rawValue }
}

/// The platforms of `socialMedia`: a record has a profile there when its LinkedIn URL or one of
/// its `socialMediaLinks` is on the platform's site.
public enum SocialPlatform: String, Sendable, Hashable, CaseIterable {
    case linkedin = "LINKEDIN"
    case twitter = "TWITTER"
    case facebook = "FACEBOOK"
    case instagram = "INSTAGRAM"
    case github = "GITHUB"
    case youtube = "YOUTUBE"
    case tiktok = "TIKTOK"

    /// The sites of the platform (a subdomain, `m.facebook.com`, counts as its site).
    var domains: [String] {
        switch self {
        case .linkedin: ["linkedin.com"]
        case .twitter: ["twitter.com", "x.com"]
        case .facebook: ["facebook.com", "fb.com"]
        case .instagram: ["instagram.com"]
        case .github: ["github.com"]
        case .youtube: ["youtube.com", "youtu.be"]
        case .tiktok: ["tiktok.com"]
        }
    }

    /// The platform a profile URL is on, if any.
    public init?(url: String) {
        guard let host = ProfileURL.domain(url) else { return nil }
        guard let platform = Self.allCases.first(where: { $0.domains.contains { host == $0 || host.hasSuffix("." + $0) } }) else {
            return nil
        }
        self = platform
    }

    /// The value stored and compared (`TextNormalizer.key` of the name).
    public var key: String { TextNormalizer.key(rawValue) }

    /// The platforms of a record's profile URLs, as stored keys, sorted, each once.
    public static func keys(of urls: [String]) -> [String] {
        Array(Set(urls.compactMap { SocialPlatform(url: $0)?.key })).sorted()
    }
}

/// Where `contact.keyword` in its `{"sources": […], "content": […]}` form looks; without
/// `sources` (or in the text form), in all of them.
public enum KeywordSource: String, Sendable, Hashable, CaseIterable {
    case title = "TITLE"
    case headline = "HEADLINE"
    case skill = "SKILL"
    case certification = "CERTIFICATION"

    public var field: SearchField {
        switch self {
        case .title: .jobTitle
        case .headline: .headline
        case .skill: .skill
        case .certification: .certification
        }
    }
}

extension SearchField {
    /// The years an `education.date` range may name; the range's open ends stop here.
    public static let educationYears = 1900...2100
}
