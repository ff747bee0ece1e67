import Hummingbird
import LeadbaseCore

/// A person with `company` embedded (null when the directory has none for them), written from the
/// stored documents as they are: the person's object with one more key.
struct ProspectResponse: ResponseGenerator {
    let prospect: Prospect

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var buffer = ByteBuffer()
        try Self.write(prospect, into: &buffer)
        return .json(buffer)
    }

    /// The person's object without its closing brace, `"company":` and the company, then the brace.
    static func write(_ prospect: Prospect, into buffer: inout ByteBuffer) throws {
        let start = buffer.writerIndex
        try write(prospect.person, into: &buffer)
        // Back to the person's last "}", past any whitespace after it.
        var end = buffer.writerIndex
        while end > start, let byte = buffer.getInteger(at: end - 1, as: UInt8.self), Self.isWhitespace(byte) { end -= 1 }
        guard end > start, buffer.getInteger(at: end - 1, as: UInt8.self) == UInt8(ascii: "}") else { throw DocumentNotAnObject() }
        end -= 1
        var last = end
        while last > start, let byte = buffer.getInteger(at: last - 1, as: UInt8.self), Self.isWhitespace(byte) { last -= 1 }
        buffer.moveWriterIndex(to: end)
        let isEmpty = buffer.getInteger(at: last - 1, as: UInt8.self) == UInt8(ascii: "{")
        buffer.writeString(isEmpty ? "\"company\":" : ",\"company\":")
        if let company = prospect.company { try write(company, into: &buffer) } else { buffer.writeString("null") }
        buffer.writeString("}")
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }

    private static func write(_ document: JSONDocument, into buffer: inout ByteBuffer) throws {
        let count = document.count
        var decoded = false
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: count + EncodedDocumentSlack.bytes) { target in
            decoded = document.write(to: target.baseAddress!)
            return decoded ? count : 0
        }
        guard decoded else { throw DocumentNotAnObject() }
    }

    /// A stored document that does not decode to a JSON object: a 500. The directory writes only
    /// objects; an index file's documents are checked seconds after a start (README, "Search
    /// index"), and a damaged one met before then fails its request here rather than reach the
    /// response.
    struct DocumentNotAnObject: Error {}
}

/// The page envelope of people searches, with each prospect written as `ProspectResponse` does.
struct ProspectPageResponse: ResponseGenerator {
    let page: Page<Prospect>

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(page.content.reduce(256) { $0 + $1.person.count + ($1.company?.count ?? 4) + 32 })
        buffer.writeString("{\"content\":[")
        for (index, prospect) in page.content.enumerated() {
            if index > 0 { buffer.writeString(",") }
            try ProspectResponse.write(prospect, into: &buffer)
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
