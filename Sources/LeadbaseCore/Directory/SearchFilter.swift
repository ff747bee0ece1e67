/// How a text value is matched (all ignore case):
/// STRICT, the whole field is the value's words; WORD, every word of the value is a whole word of the
/// field; SMART, every word of the value starts a word of the field, accents ignored.
public enum TextMode: String, Sendable, Hashable, CaseIterable {
    case strict = "STRICT"
    case word = "WORD"
    case smart = "SMART"
}

/// What one value of a filter asks of a field.
public enum Criterion: Sendable, Hashable {
    /// Equal to a list value (already in `TextNormalizer.key` form).
    case equals(String)
    /// A text match; `words` are normalized for the mode (accent-folded for SMART).
    case text(TextMode, words: [String])
}

/// The four operators of the grammar over a set of values.
public enum FilterOperator: String, Sendable, Hashable, CaseIterable {
    /// Matches at least one value.
    case anyInclude
    /// Matches none of the values.
    case anyExclude
    /// Matches every value.
    case allInclude
    /// Does not match all of the values together.
    case allExclude
}

/// The stored fields the grammar filters on (a filter key reads one or several: `keyword` reads
/// the title, headline, skills and certifications). Person fields are searched by people search;
/// company fields by company search, and by people search on the person's current company.
public enum SearchField: String, Sendable, Hashable, CaseIterable {
    // contact
    case fullName, jobTitle, headline, seniority, departmentAndFunction, personLocation, skill, certification
    /// Each language's name, and its name with its level's token (see `LanguageLevel`).
    case language
    case currentCompany, previousCompany, socialMediaLink, socialPlatform
    case school, degree, fieldOfStudy
    /// The years of each education's end (or start, when it has no end).
    case educationYear
    // account
    case nameOrDomain, companyName, domain, linkedin, industry, industryText, companyLocation
    case employeeSize, revenue, foundedYear, companyType, technology, companyKeyword, companySocialPlatform

    public var isCompanyField: Bool {
        switch self {
        case .nameOrDomain, .companyName, .domain, .linkedin, .industry, .industryText, .companyLocation, .employeeSize, .revenue,
            .foundedYear, .companyType, .technology, .companyKeyword, .companySocialPlatform:
            true
        default: false
        }
    }
}

/// One operator of one key, with its values: a value matches when it matches in any of `fields`
/// (all person fields, or all company fields).
public struct FilterCondition: Sendable, Hashable {
    public let fields: [SearchField]
    public let op: FilterOperator
    public let criteria: [Criterion]

    public init(fields: [SearchField], op: FilterOperator, criteria: [Criterion]) {
        precondition(!fields.isEmpty && Set(fields.map(\.isCompanyField)).count == 1, "one kind of field")
        self.fields = fields
        self.op = op
        self.criteria = criteria
    }

    public init(field: SearchField, op: FilterOperator, criteria: [Criterion]) {
        self.init(fields: [field], op: op, criteria: criteria)
    }

    public var isOnCompany: Bool { fields[0].isCompanyField }
}

/// Inclusive numeric bounds; either may be open.
public struct NumberRange: Sendable, Hashable {
    public let start: Int?
    public let end: Int?

    public init(start: Int?, end: Int?) {
        self.start = start
        self.end = end
    }
}

/// A range filter: the field lies in at least one of the ranges (and has a value), or, with
/// `unknown`, has no value.
public struct RangeCondition: Sendable, Hashable {
    public let field: SearchField
    public let ranges: [NumberRange]
    public let unknown: Bool

    public init(field: SearchField, ranges: [NumberRange]) {
        self.field = field
        self.ranges = ranges
        unknown = false
    }

    /// The records without a value of `field` (a range of `type` NONE).
    public init(unknown field: SearchField) {
        self.field = field
        ranges = []
        unknown = true
    }
}

/// Every filter of a search, ANDed together. Empty means "everything".
public struct SearchFilter: Sendable, Hashable {
    public var conditions: [FilterCondition] = []
    public var ranges: [RangeCondition] = []

    public init(conditions: [FilterCondition] = [], ranges: [RangeCondition] = []) {
        self.conditions = conditions
        self.ranges = ranges
    }

    /// Whether any part filters on the company.
    public var usesCompany: Bool {
        conditions.contains(where: \.isOnCompany) || ranges.contains { $0.field.isCompanyField }
    }
}
