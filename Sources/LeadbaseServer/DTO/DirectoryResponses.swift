import Hummingbird
import LeadbaseCore

/// A person with `company` embedded (null when the directory has none for them).
struct ProspectResponse: ResponseEncodable {
    let prospect: Prospect

    enum CodingKeys: String, CodingKey { case company }

    func encode(to encoder: any Encoder) throws {
        try prospect.person.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(prospect.company, forKey: .company)
    }
}

/// The page envelope: `{content, totalElements, totalPages, number, size, first, last, numberOfElements, empty}`.
struct PageResponse<Item: Encodable & Sendable>: ResponseEncodable {
    let page: Page<Item>

    enum CodingKeys: String, CodingKey {
        case content, totalElements, totalPages, number, size, first, last, numberOfElements, empty
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(page.content, forKey: .content)
        try container.encode(page.totalElements, forKey: .totalElements)
        try container.encode(page.totalPages, forKey: .totalPages)
        try container.encode(page.number, forKey: .number)
        try container.encode(page.size, forKey: .size)
        try container.encode(page.first, forKey: .first)
        try container.encode(page.last, forKey: .last)
        try container.encode(page.numberOfElements, forKey: .numberOfElements)
        try container.encode(page.empty, forKey: .empty)
    }
}

extension Page {
    func map<T>(_ transform: (Item) -> T) -> Page<T> {
        Page<T>(content: content.map(transform), totalElements: totalElements, number: number, size: size)
    }
}

extension Company: ResponseEncodable {}
