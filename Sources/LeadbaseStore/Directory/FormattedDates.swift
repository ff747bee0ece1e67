import Foundation
import LeadbaseJSON

/// Dates as `ISO8601.format` writes them, each formatted once: the rows of a batch share their
/// timestamps, and formatting one costs more than the rest of a row's timestamp handling.
struct FormattedDates {
    private var texts: [Date: String] = [:]
    /// The last date asked for, and its text: nearly always the next one asked for.
    private var last: (date: Date, text: String)?

    mutating func text(for date: Date) -> String {
        if let last, last.date == date { return last.text }
        let text = texts[date] ?? ISO8601.format(date)
        texts[date] = text
        last = (date, text)
        return text
    }
}
