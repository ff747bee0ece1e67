import Configuration
import LeadbaseStore

/// The per-minute budgets of `/api/v1` requests, in each server process (0 turns one off).
public struct RateLimitSettings: Sendable {
    /// Requests of one credential: an API token, or a JWT's organization and subject.
    public var perCredential: Int
    /// Requests of one organization, all its users together.
    public var perOrganization: Int
    /// Failed authentications from one client address.
    public var authenticationFailures: Int

    public static let perCredential = Setting(
        key: "rateLimit.credential", environment: "LEADBASE_RATE_LIMIT_CREDENTIAL", default: "6000",
        summary: "requests per minute of one API token or JWT subject; 0 turns it off")
    public static let perOrganization = Setting(
        key: "rateLimit.organization", environment: "LEADBASE_RATE_LIMIT_ORGANIZATION", default: "12000",
        summary: "requests per minute of one organization; 0 turns it off")
    public static let authenticationFailures = Setting(
        key: "rateLimit.authenticationFailures", environment: "LEADBASE_RATE_LIMIT_AUTH_FAILURES", default: "300",
        summary: "failed authentications per minute from one client address; 0 turns it off")
    public static let keys = [perCredential, perOrganization, authenticationFailures]

    public init(reader: ConfigReader) throws(ConfigurationError) {
        func budget(_ setting: Setting) throws(ConfigurationError) -> Int {
            try reader.requiredValue(setting, expected: "a number of requests per minute (0 turns it off)") { text in
                Int(text).flatMap { $0 >= 0 ? $0 : nil }
            }
        }
        perCredential = try budget(Self.perCredential)
        perOrganization = try budget(Self.perOrganization)
        authenticationFailures = try budget(Self.authenticationFailures)
    }
}
