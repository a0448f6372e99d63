/// A business error with a stable code, an HTTP status and parameters for its message.
///
/// Thrown anywhere below the controllers; ``APIErrorMiddleware`` turns it into the JSON error
/// body of DESIGN §4 with the message localised from the ``MessageCatalog``.
public struct DomainError: Error, Sendable {
    /// One problem with one input field (a path such as `lines[0].quantity`).
    public struct Field: Sendable, Equatable {
        public var path: String
        public var code: String
        public var params: [String: String]
        public init(_ path: String, _ code: String, params: [String: String] = [:]) {
            self.path = path
            self.code = code
            self.params = params
        }
    }

    /// HTTP status code, e.g. 404, 409, 422.
    public var status: UInt
    public var code: String
    public var params: [String: String]
    public var fields: [Field]
    /// The record as it is now, sent beside the error (409 on a stale version) so the client
    /// can show or merge it without another request.
    public var current: (any Encodable & Sendable)?

    public init(status: UInt, code: String, params: [String: String] = [:], fields: [Field] = [], current: (any Encodable & Sendable)? = nil) {
        self.status = status
        self.code = code
        self.params = params
        self.fields = fields
        self.current = current
    }

    /// 404 `not_found`: also the answer for another tenant's id (case A-40), so existence never leaks.
    public static func notFound(_ entity: String) -> DomainError {
        DomainError(status: 404, code: "not_found", params: ["entity": entity])
    }

    /// 422 `validation_failed` carrying field problems.
    public static func invalid(_ fields: [Field]) -> DomainError {
        DomainError(status: 422, code: "validation_failed", params: ["count": String(fields.count)], fields: fields)
    }

    /// 409 `conflict.id_taken`: a client-made id (a record created offline) is already a record's.
    /// Said whichever tenant holds it: a UUID made at random is never guessed, so nothing leaks.
    public static func idTaken(_ entity: String) -> DomainError {
        DomainError(status: 409, code: "conflict.id_taken", params: ["entity": entity])
    }

    /// 409 `conflict.stale_version`: someone else changed the record first.
    public static func staleVersion(_ entity: String, current: (any Encodable & Sendable)? = nil) -> DomainError {
        DomainError(status: 409, code: "conflict.stale_version", params: ["entity": entity], current: current)
    }
}
