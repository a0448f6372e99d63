/// The body of every error answer (DESIGN §4).
///
/// Shape: `{"error":{"code":"sales.order.quantity_not_positive","message":"…","params":{…},
/// "fields":[{"field":"lines[0].quantity","code":"…","message":"…"}]}}`. `message` is localised
/// by `Accept-Language` (en, zh-CN); `code` is stable and meant for programs.
public struct ErrorResponse: Codable, Sendable, Equatable {
    public var error: ErrorDetail

    public init(error: ErrorDetail) { self.error = error }
}

/// The inside of ``ErrorResponse``.
public struct ErrorDetail: Codable, Sendable, Equatable {
    public var code: String
    public var message: String
    public var params: [String: String]
    /// Field-level problems of a 422 answer, in input order; absent otherwise.
    public var fields: [FieldError]?

    public init(code: String, message: String, params: [String: String] = [:], fields: [FieldError]? = nil) {
        self.code = code
        self.message = message
        self.params = params
        self.fields = fields
    }
}

/// One invalid input field: `field` is a path into the request body such as `lines[0].quantity`.
public struct FieldError: Codable, Sendable, Equatable {
    public var field: String
    public var code: String
    public var message: String

    public init(field: String, code: String, message: String) {
        self.field = field
        self.code = code
        self.message = message
    }
}
