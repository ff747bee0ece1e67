import Configuration
import Logging

/// How much a process logs; every command reads it beside the database settings.
public struct LogSettings: Sendable {
    public var level: Logger.Level

    public static let level = Setting(
        key: "log.level", flag: "log-level", environment: "LEADBASE_LOG_LEVEL", default: "info",
        summary: "trace, debug, info, notice, warning, error or critical")
    public static let keys = [level]

    public init(reader: ConfigReader) throws(ConfigurationError) {
        level = try reader.requiredValue(Self.level, expected: "one of trace, debug, info, notice, warning, error, critical") {
            Logger.Level(rawValue: $0.lowercased())
        }
    }
}
