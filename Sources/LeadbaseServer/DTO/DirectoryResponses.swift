import Hummingbird
import LeadbaseCore

/// A person with `company` embedded (null when the directory has none for them), written from the
/// stored documents as they are: the person's object with one more key.
struct ProspectResponse: ResponseGenerator {
    let prospect: Prospect

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var buffer = ByteBuffer()
        Self.write(prospect, into: &buffer)
        return .json(buffer)
    }

    static func write(_ prospect: Prospect, into buffer: inout ByteBuffer) {
        let person = prospect.person.bytes
        let open = person[..<(person.lastIndex(of: UInt8(ascii: "}")) ?? 0)]  // the object without its "}"
        let isEmpty = open.isEmpty || open.last(where: { ![0x20, 0x0A, 0x0D, 0x09].contains($0) }) == UInt8(ascii: "{")
        if open.isEmpty { buffer.writeString("{") } else { buffer.writeBytes(open) }
        buffer.writeString(isEmpty ? "\"company\":" : ",\"company\":")
        if let company = prospect.company { buffer.writeBytes(company.bytes) } else { buffer.writeString("null") }
        buffer.writeString("}")
    }
}

/// The page envelope of people searches, with each prospect written as `ProspectResponse` does.
struct ProspectPageResponse: ResponseGenerator {
    let page: Page<Prospect>

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(page.content.reduce(256) { $0 + $1.person.bytes.count + ($1.company?.bytes.count ?? 4) + 16 })
        buffer.writeString("{\"content\":[")
        for (index, prospect) in page.content.enumerated() {
            if index > 0 { buffer.writeString(",") }
            ProspectResponse.write(prospect, into: &buffer)
        }
        buffer.writeString(
            """
            ],"totalElements":\(page.totalElements),"totalPages":\(page.totalPages),"number":\(page.number),\
            "size":\(page.size),"first":\(page.first),"last":\(page.last),\
            "numberOfElements":\(page.numberOfElements),"empty":\(page.empty)}
            """)
        return .json(buffer)
    }
}

extension Response {
    /// A 200 with a JSON body already written.
    static func json(_ body: ByteBuffer) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: ResponseBody(byteBuffer: body))
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

extension Company: ResponseEncodable {}
