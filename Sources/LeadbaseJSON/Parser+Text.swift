import LeadbaseCore

extension Parser where Output == String {
    /// A string obeying `TextRules.identifierIssue`.
    public static func identifier(maxLength: Int) -> Parser<String> {
        Parser { value in
            Parser<String>.string.parse(value).flatMap { text in
                TextRules.identifierIssue(text, maxLength: maxLength).map { .failure(ParseFailure($0)) } ?? .success(text)
            }
        }
    }

    /// A string of at most `maxLength` characters (free text; the body check has already
    /// refused control characters other than tab and line breaks).
    public static func string(maxLength: Int) -> Parser<String> {
        string.check("Must be at most \(maxLength) characters") { $0.count <= maxLength }
    }
}
