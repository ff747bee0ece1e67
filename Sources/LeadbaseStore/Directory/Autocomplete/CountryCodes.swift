import Foundation
import LeadbaseCore

/// ISO 3166-1 alpha-2 codes by English country name, as records write countries: the names
/// Foundation's locale data gives (`Germany`, `South Korea`), a few common other spellings, and
/// the codes themselves (`DE`).
enum CountryCodes {
    /// The code of `country`, if it names one.
    static func code(of country: String) -> String? {
        codes[TextNormalizer.foldedKey(country)]
    }

    private static let codes: [String: String] = {
        let english = Locale(identifier: "en_US")
        var codes: [String: String] = [:]
        for region in Locale.Region.isoRegions {
            let code = region.identifier
            // Regions of two letters are countries and territories; three digits are groupings.
            guard code.utf8.count == 2, code.utf8.allSatisfy({ $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }) else { continue }
            codes[code.lowercased()] = code
            if let name = english.localizedString(forRegionCode: code) { codes[TextNormalizer.foldedKey(name)] = code }
        }
        let aliases = [
            "usa": "US", "united states of america": "US", "america": "US", "uk": "GB", "great britain": "GB",
            "england": "GB", "scotland": "GB", "wales": "GB", "northern ireland": "GB", "korea": "KR", "republic of korea": "KR",
            "czech republic": "CZ", "russian federation": "RU", "viet nam": "VN", "turkey": "TR", "turkiye": "TR",
            "holland": "NL", "the netherlands": "NL", "uae": "AE", "ivory coast": "CI", "burma": "MM", "swaziland": "SZ",
            "macedonia": "MK", "cape verde": "CV", "east timor": "TL", "hong kong sar": "HK", "macau": "MO",
        ]
        for (name, code) in aliases where codes[name] == nil { codes[name] = code }
        return codes
    }()
}
