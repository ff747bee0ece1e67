import LeadbaseCore
import LeadbaseJSON

/// RFC 4180 CSV: fields quoted when they hold a comma, quote, CR or LF (quotes doubled), CRLF
/// line ends, UTF-8. A field that starts with a character OWASP lists as a formula prefix (`=`,
/// `+`, `-`, `@`, tab, carriage return; and line feed) gets a leading `'`, so that a spreadsheet
/// shows it as text instead of running it (a phone number `+1…` so reads `'+1…`).
public enum CSV {
    public static func row(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    /// The header row of a list's export.
    static func header(of type: LeadListType) -> String {
        switch type {
        case .person: row(leadHeader)
        case .company: row(companyHeader)
        }
    }

    /// One row per member.
    static func rows(_ members: ListMembers) -> String {
        switch members {
        case .people(let leads): leads.map { row(leadRow($0)) }.joined()
        case .companies(let companies): companies.map { row(companyRow($0)) }.joined()
        }
    }

    /// The first characters that make a spreadsheet read a cell as a formula.
    static let formulaPrefixes: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r", "\n"]

    static func field(_ value: String) -> String {
        var value = value
        if let first = value.unicodeScalars.first, formulaPrefixes.contains(first) { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else {
            return value
        }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The columns of a person-list export, and one lead's row.
    public static let leadHeader = [
        "id", "firstName", "lastName", "jobTitle", "seniority", "emails", "phones", "linkedinUrl",
        "city", "state", "country", "companyId", "companyName", "companyDomain", "syncedAt", "addedAt",
    ]

    public static func leadRow(_ lead: Lead) -> [String] {
        let person = lead.person
        let company = lead.company
        return [
            person.id.uuidString.lowercased(), person.firstName, person.lastName, person.jobTitle ?? "",
            person.seniority ?? "", (person.emails ?? []).joined(separator: "; "), (person.phones ?? []).joined(separator: "; "),
            person.linkedinUrl ?? "", person.city ?? "", person.state ?? "", person.country ?? "",
            person.companyId?.uuidString.lowercased() ?? "", company?.name ?? "", company?.domain ?? "",
            lead.syncedAt.map(ISO8601.format) ?? "", ISO8601.format(lead.addedAt),
        ]
    }

    /// The columns of a company-list export, and one company's row.
    public static let companyHeader = [
        "id", "name", "domain", "websiteUrl", "linkedinUrl", "industry", "employeeCount", "annualRevenue",
        "foundedYear", "type", "city", "state", "country",
    ]

    public static func companyRow(_ company: Company) -> [String] {
        let hq = company.headquarters
        return [
            company.id.uuidString.lowercased(), company.name, company.domain ?? "", company.websiteUrl ?? "",
            company.linkedinUrl ?? "", company.industry ?? "", company.employeeCount.map(String.init) ?? "",
            company.annualRevenue.map(String.init) ?? "", company.foundedYear.map(String.init) ?? "", company.type ?? "",
            hq.city ?? "", hq.state ?? "", hq.country ?? "",
        ]
    }
}
