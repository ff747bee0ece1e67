import Configuration
import LeadbaseStore

/// Where the server listens and how large a request it reads.
public struct HTTPSettings: Sendable {
    public var host: String
    public var port: Int
    /// Largest accepted request body, in bytes; larger is 413.
    public var maxBodySize: Int

    public static let host = Setting(
        key: "http.host", flag: "host", environment: "LEADBASE_HOST", default: "127.0.0.1", summary: "address to listen on")
    public static let port = Setting(
        key: "http.port", flag: "port", environment: "LEADBASE_PORT", default: "8080", summary: "port to listen on")
    public static let maxBodySize = Setting(
        key: "http.maxBodyBytes", environment: "LEADBASE_MAX_BODY_BYTES", default: "4194304", summary: "largest request body in bytes")
    public static let keys = [host, port, maxBodySize]

    public init(reader: ConfigReader) throws(ConfigurationError) {
        host = try reader.requiredText(Self.host)
        port = try reader.requiredValue(Self.port, expected: "a port number (0-65535)") { text in
            Int(text).flatMap { (0...65535).contains($0) ? $0 : nil }
        }
        maxBodySize = try reader.requiredValue(Self.maxBodySize, expected: "a positive number of bytes") { text in
            Int(text).flatMap { $0 > 0 ? $0 : nil }
        }
    }
}
