import Foundation
import Testing

@testable import LeadbaseCore
@testable import LeadbaseJSON

@Suite("ISO-8601 dates")
struct ISO8601Tests {
    @Test(
        "date-times with a zone, fractional seconds and plain dates are read; output is UTC with milliseconds",
        arguments: [
            ("2026-01-31T09:00:00Z", "2026-01-31T09:00:00.000Z"),
            ("2026-01-31T09:00:00.250Z", "2026-01-31T09:00:00.250Z"),
            ("2026-01-31T11:00:00+02:00", "2026-01-31T09:00:00.000Z"),
            ("2026-01-31", "2026-01-31T00:00:00.000Z"),
        ])
    func roundTrip(input: String, output: String) throws {
        #expect(ISO8601.format(try #require(ISO8601.parse(input))) == output)
    }

    @Test("a date is written at its nearest millisecond, whichever side of it the Double falls, the same text Foundation reads back")
    func nearestMillisecond() throws {
        // Half of all whole milliseconds are a hair below themselves as a Double (this one among
        // them), and Foundation's formatter wrote the one before.
        #expect(ISO8601.format(Date(timeIntervalSince1970: 1_764_312_596_001 / 1000)) == "2025-11-28T06:49:56.001Z")
        #expect(ISO8601.format(Date(timeIntervalSince1970: 1_764_312_596.8034)) == "2025-11-28T06:49:56.803Z")
        #expect(ISO8601.format(Date(timeIntervalSince1970: 1_764_312_596.8036)) == "2025-11-28T06:49:56.804Z")
        #expect(ISO8601.format(Date(timeIntervalSince1970: 1_767_225_599.9996)) == "2026-01-01T00:00:00.000Z")
        #expect(ISO8601.format(Date(timeIntervalSince1970: -0.001)) == "1969-12-31T23:59:59.999Z")
        #expect(ISO8601.format(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00.000Z")
        // Every millisecond of a stretch of days across a year's end and a leap day: the text is
        // the one Foundation writes for the exact millisecond, and reads back to it.
        let exact = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        for milliseconds in stride(from: Int64(1_703_980_800_000), to: 1_709_337_600_000, by: 3_600_007) {
            let date = Date(timeIntervalSince1970: Double(milliseconds) / 1000)
            let text = ISO8601.format(date)
            let read = try #require(ISO8601.parse(text))
            #expect(Int64((read.timeIntervalSince1970 * 1000).rounded()) == milliseconds, "\(text)")
            #expect(text.dropLast(5) == date.addingTimeInterval(0.0005).formatted(exact).dropLast(5), "\(text)")
        }
    }

    @Test("anything else is refused", arguments: ["", "yesterday", "2026-13-01", "2026-01-31T09:00:00", "31/01/2026"])
    func refused(input: String) {
        #expect(ISO8601.parse(input) == nil)
    }
}
