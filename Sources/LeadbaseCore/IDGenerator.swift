/// Mints the prefixed, opaque ids Leadbase gives organizations, users and tokens (`org_5f0c…`).
public enum IDGenerator {
    /// `prefix_` followed by 128 random bits in lower-case hex.
    public static func make(prefix: String) -> String {
        var generator = SystemRandomNumberGenerator()
        let hex = (0..<2).map { _ in
            let word = String(generator.next() as UInt64, radix: 16)
            return String(repeating: "0", count: 16 - word.count) + word
        }
        return prefix + "_" + hex.joined()
    }
}
