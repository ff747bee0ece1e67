/// The rules every text input obeys, wherever it arrives (a request body, a JWT claim, a CLI
/// flag), so that what is stored is what was sent and reads back the same on both databases.
///
/// Control characters: no string may contain U+0000–U+001F or U+007F, except tab, line feed and
/// carriage return, which free text (a description, an address) may hold. Identifiers — user
/// and organization ids, e-mails, URLs, UUIDs, enum values — may hold none of them at all.
/// A NUL would be refused by PostgreSQL and cut short by SQLite; the others have no business in
/// a prospect's data and make CSV and logs lie.
public enum TextRules {
    /// The longest user id (a `usr_…` id or an identity provider's subject).
    public static let maxUserIDLength = 255
    /// The longest organization id. With a URL or an e-mail, it must fit one btree entry of
    /// PostgreSQL (2,704 bytes): 128 characters of at most 4 bytes, and 500 for a URL.
    public static let maxOrganizationIDLength = 128

    public static let controlCharacterMessage = "Must not contain control characters"

    /// Whether `text` holds a control character; tab, line feed and carriage return count as
    /// such only when `inText` is false (identifiers).
    public static func hasControlCharacter(_ text: String, inText: Bool = true) -> Bool {
        text.utf8.contains { byte in
            (byte < 0x20 && !(inText && (byte == 0x09 || byte == 0x0A || byte == 0x0D))) || byte == 0x7F
        }
    }

    /// Every string (and object key) of `value` that breaks the control-character rule for free
    /// text, with its path: a request body is checked whole before any field is read.
    public static func controlCharacterIssues(in value: JSONValue, at path: [PathComponent] = []) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        collect(value, path, &issues)
        return issues
    }

    private static func collect(_ value: JSONValue, _ path: [PathComponent], _ issues: inout [ValidationIssue]) {
        switch value {
        case .string(let text):
            if hasControlCharacter(text) { issues.append(ValidationIssue(path: path, message: controlCharacterMessage)) }
        case .array(let items):
            for (index, item) in items.enumerated() { collect(item, path + [.index(index)], &issues) }
        case .object(let object):
            for (key, item) in object.sorted(by: { $0.key < $1.key }) {
                if hasControlCharacter(key) {
                    issues.append(ValidationIssue(path: path + [.key(key)], message: "Key must not contain control characters"))
                }
                collect(item, path + [.key(key)], &issues)
            }
        case .null, .bool, .number:
            break
        }
    }

    /// An identifier's rule: 1...`maxLength` characters and no control character at all. Nil
    /// when `text` obeys it, else why not.
    public static func identifierIssue(_ text: String, maxLength: Int) -> String? {
        if text.isEmpty { return "Must not be empty" }
        if text.count > maxLength { return "Must be at most \(maxLength) characters" }
        if hasControlCharacter(text, inText: false) { return controlCharacterMessage }
        return nil
    }
}
