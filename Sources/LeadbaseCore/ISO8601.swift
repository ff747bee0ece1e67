import Foundation

/// The one place dates cross the API boundary: how they are read and how they are written.
public enum ISO8601 {
    /// Reads a date-time with time zone (fractional seconds optional) or a calendar date (UTC midnight).
    public static func parse(_ text: String) -> Date? {
        if let date = try? Date(text, strategy: .iso8601) { return date }
        if let date = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) {
            return date
        }
        if text.count == 10, let date = try? Date(text, strategy: Date.ISO8601FormatStyle().year().month().day()) {
            return date
        }
        return nil
    }

    /// Writes `2026-01-31T09:00:00.000Z`: UTC, millisecond precision, the form JavaScript clients expect.
    public static func format(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}
