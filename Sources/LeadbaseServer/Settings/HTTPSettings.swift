import Configuration
import Foundation
import LeadbaseStore

/// Where the server listens and how large a request it reads.
public struct HTTPSettings: Sendable {
    public var host: String
    public var port: Int
    /// Largest accepted request body, in bytes; larger is 413.
    public var maxBodySize: Int
    /// The browser origins that may call the API (CORS).
    public var corsOrigins: AllowedOrigins

    public static let host = Setting(
        key: "http.host", flag: "host", environment: "LEADBASE_HOST", default: "127.0.0.1", summary: "address to listen on")
    public static let port = Setting(
        key: "http.port", flag: "port", environment: "LEADBASE_PORT", default: "8080", summary: "port to listen on")
    public static let maxBodySize = Setting(
        key: "http.maxBodyBytes", environment: "LEADBASE_MAX_BODY_BYTES", default: "4194304", summary: "largest request body in bytes")
    public static let corsOrigins = Setting(
        key: "http.corsOrigins", environment: "LEADBASE_CORS_ORIGINS",
        summary: "browser origins allowed to call the API (CORS), comma-separated, or *")
    public static let keys = [host, port, maxBodySize, corsOrigins]

    public init(reader: ConfigReader) throws(ConfigurationError) {
        host = try reader.requiredText(Self.host)
        port = try reader.requiredValue(Self.port, expected: "a port number (0-65535)") { text in
            Int(text).flatMap { (0...65535).contains($0) ? $0 : nil }
        }
        maxBodySize = try reader.requiredValue(Self.maxBodySize, expected: "a positive number of bytes") { text in
            Int(text).flatMap { $0 > 0 ? $0 : nil }
        }
        corsOrigins =
            try reader.value(Self.corsOrigins, expected: "* or a comma-separated list of origins such as https://app.example.com") {
                AllowedOrigins($0)
            } ?? AllowedOrigins()
    }

    /// Origins as a browser sends them (`scheme://host[:port]`), or any origin (`*`).
    public struct AllowedOrigins: Sendable, Equatable {
        public private(set) var isAny = false
        public private(set) var origins: Set<String> = []

        /// None.
        public init() {}

        /// `*`, or origins separated by commas; nil when one is not an http(s) origin.
        public init?(_ text: String) {
            let items = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            if items == ["*"] {
                isAny = true
                return
            }
            for item in items {
                guard let url = URLComponents(string: item), ["http", "https"].contains(url.scheme), let host = url.host, !host.isEmpty,
                    url.path.isEmpty, url.query == nil, url.fragment == nil, url.user == nil
                else { return nil }
                origins.insert(item)
            }
            guard !origins.isEmpty else { return nil }
        }

        public var isEmpty: Bool { !isAny && origins.isEmpty }

        public func allows(_ origin: String) -> Bool {
            isAny || origins.contains(origin.lowercased())
        }
    }
}
