import Vapor

/// `?page=&limit=` of a list request (DESIGN §4). `page` ≥ 1 (default 1); `limit` 1…200
/// (default 20; larger values are capped, not refused).
public struct PageRequest: Sendable, Equatable {
    public static let defaultLimit = 20
    public static let maxLimit = 200

    public let page: Int
    public let limit: Int

    public init(page: Int, limit: Int) {
        self.page = page
        self.limit = limit
    }

    /// Rows to skip; saturates instead of overflowing, so an absurd page is simply past the end.
    public var offset: Int {
        let (value, overflow) = (page - 1).multipliedReportingOverflow(by: limit)
        return overflow ? Int(Int32.max) : min(value, Int(Int32.max))
    }

    /// `offset..<offset+limit`, safe for any page.
    public var range: Range<Int> { offset..<(offset + limit) }

    /// Reads the page from the query string.
    /// - Throws: 422 `request.invalid_page` for non-numbers, zero or negatives.
    public init(from req: Request, defaultLimit: Int = PageRequest.defaultLimit) throws {
        func read(_ name: String, default value: Int) throws -> Int {
            guard let text = req.queryText(name) else { return value }
            guard let number = Int(text), number >= 1 else {
                throw DomainError.invalid([.init(name, "request.invalid_page")])
            }
            return number
        }
        page = try read("page", default: 1)
        limit = min(try read("limit", default: defaultLimit), Self.maxLimit)
    }
}

extension Request {
    /// A trimmed, non-empty query parameter, or nil.
    public func queryText(_ name: String) -> String? {
        guard let text = query[String.self, at: name]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        return text
    }

    /// A UUID query parameter.
    /// - Throws: 422 `request.invalid_id` when present but not a UUID.
    public func queryID(_ name: String) throws -> UUID? {
        guard let text = queryText(name) else { return nil }
        guard let id = UUID(uuidString: text) else { throw DomainError.invalid([.init(name, "request.invalid_id")]) }
        return id
    }

    /// A `true` / `false` query parameter; nil when absent or blank.
    /// - Throws: 422 `request.invalid_flag` for anything else.
    public func queryFlag(_ name: String) throws -> Bool? {
        guard let text = queryText(name) else { return nil }
        switch text.lowercased() {
        case "true": return true
        case "false": return false
        default: throw DomainError.invalid([.init(name, "request.invalid_flag")])
        }
    }

    /// A `YYYY-MM-DD` query parameter.
    /// - Throws: 422 `request.invalid_date`.
    public func queryDay(_ name: String) throws -> String? {
        guard let text = queryText(name) else { return nil }
        guard CalendarDay.isValid(text) else { throw DomainError.invalid([.init(name, "request.invalid_date")]) }
        return text
    }

    /// The `{id}` path parameter as a UUID; a malformed id answers 404 like an unknown one.
    public func pathID(_ name: String = "id", entity: String) throws -> UUID {
        guard let text = parameters.get(name), let id = UUID(uuidString: text) else { throw DomainError.notFound(entity) }
        return id
    }
}
