import HTTPTypes
import Hummingbird
import LeadbaseCore
import LeadbaseStore
import NIOCore
import Synchronization

/// `Idempotency-Key` on the write handlers it wraps: the first request with a key runs, in one
/// transaction with the recording of its answer (`SQLIdempotencyStore`); a later request with the
/// same key and the same method, path, query and body, from the same user of the same
/// organization, within 24 hours, gets that answer again, with `Idempotent-Replayed: true`, and
/// writes nothing. The same key with a different request is a 422. Only successful (2xx) answers
/// are kept: a request that failed changed nothing, and its key stays unused. Dry runs neither
/// use nor keep keys. A request without the header is untouched.
///
/// It wraps handlers rather than being a middleware: the handler runs inside the store's
/// transaction closure, which a middleware's non-escaping `next` may not enter.
struct IdempotentWrites: Sendable {
    let store: SQLIdempotencyStore

    /// The most characters a key may have (a UUID has 36; the IETF draft's examples are shorter).
    static let maxKeyLength = 255

    typealias Handler<Output> = @Sendable (Request, AuthenticatedContext) async throws -> Output

    func callAsFunction<Output: ResponseGenerator>(_ handler: @escaping Handler<Output>) -> Handler<Response> {
        { request, context in
            guard let key = request.headers[.idempotencyKey] else {
                return try await handler(request, context).response(from: request, context: context)
            }
            guard (1...Self.maxKeyLength).contains(key.utf8.count), key.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
                throw LeadbaseError.invalid(
                    message: "Invalid Idempotency-Key header",
                    issues: [
                        ValidationIssue(
                            path: [.key("Idempotency-Key")], message: "Must be 1 to \(Self.maxKeyLength) visible ASCII characters")
                    ])
            }
            if try request.dryRun() { return try await handler(request, context).response(from: request, context: context) }
            return try await once(key, request, context, handler)
        }
    }

    private func once<Output: ResponseGenerator>(
        _ key: String, _ request: Request, _ context: AuthenticatedContext, _ handler: @escaping Handler<Output>
    ) async throws -> Response {
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: context.maxUploadSize)
        } catch is NIOTooManyBytesError {
            throw HTTPError(.contentTooLarge)
        }
        let claim = IdempotencyClaim(
            identity: context.identity, key: key,
            request: [
                Array(request.method.rawValue.utf8), Array(request.uri.path.utf8), Array((request.uri.query ?? "").utf8),
                Array(body.readableBytesView),
            ])
        let buffered = request
        let outcome: IdempotencyOutcome
        do {
            // A run the database refused runs again, from the same buffered body.
            outcome = try await store.once(claim) {
                let response = try await handler(buffered, context).response(from: buffered, context: context)
                let answer = try await RecordedAnswer(collecting: response)
                guard (200..<300).contains(answer.status) else { throw Unkept(answer: answer) }
                return answer
            }
        } catch let unkept as Unkept {
            return unkept.answer.response(replayed: false)
        } catch is IdempotencyKeyReused {
            throw APIError(
                status: .unprocessableContent, code: "IDEMPOTENCY_KEY_REUSED",
                message: "Idempotency-Key \(key) was used for a different request"
            )
        }
        switch outcome {
        case .answered(let answer): return answer.response(replayed: false)
        case .replayed(let answer): return answer.response(replayed: true)
        }
    }

    /// An answer that is not kept (not a 2xx): thrown to roll back what its request wrote.
    private struct Unkept: Error {
        let answer: RecordedAnswer
    }
}

extension RecordedAnswer {
    /// `response`, its body read to the end.
    init(collecting response: Response) async throws {
        let collector = BodyCollector()
        try await response.body.write(collector)
        var headers: [[String]] = []
        for field in response.headers where field.name != .contentLength {
            headers.append([field.name.rawName, field.value])
        }
        self.init(status: Int(response.status.code), headers: headers, body: collector.text)
    }

    func response(replayed: Bool) -> Response {
        var fields = HTTPFields()
        for header in headers where header.count == 2 {
            if let name = HTTPField.Name(header[0]) { fields.append(HTTPField(name: name, value: header[1])) }
        }
        if replayed { fields[.idempotentReplayed] = "true" }
        return Response(status: HTTPResponse.Status(code: status), headers: fields, body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}

/// A response body writer that keeps what is written.
private final class BodyCollector: ResponseBodyWriter, Sendable {
    private let buffer = Mutex(ByteBuffer())

    func write(_ part: ByteBuffer) async throws {
        buffer.withLock { _ = $0.writeImmutableBuffer(part) }
    }

    func finish(_ trailingHeaders: HTTPFields?) async throws {}

    var text: String {
        buffer.withLock { String(buffer: $0) }
    }
}

extension HTTPField.Name {
    static let idempotencyKey = Self("Idempotency-Key")!
    static let idempotentReplayed = Self("Idempotent-Replayed")!
}
