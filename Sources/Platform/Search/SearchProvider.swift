import AfieldAPI
import Fluent
import Foundation

/// What one module offers to global search (issue 9 point 3): a kind of record, who may find it,
/// and how to find it. The search route asks every provider whose permission the caller holds,
/// so a module declares it and edits nothing else (DESIGN §1).
///
/// Providers match by name, number or phone — whatever a person types to find the record — and
/// must apply the caller's data scope exactly as the module's own list does.
public struct SearchProvider: Sendable {
    /// `partners.customer`, `sales.order`, … — also the message code of the group's title
    /// (`search.kind.<kind>`), which the module declares in its ``AfieldModule/messages``.
    public let kind: String
    /// Offered only to callers holding it.
    public let permission: Permission
    /// Groups show lowest first: what people look up most comes first (customers 10, suppliers
    /// 20, products 30, orders 40, people 50, approvals 60); equal ones keep module order.
    public let priority: Int
    /// The web app route that lists every match, given the typed text (already URL-encoded).
    public let morePath: (@Sendable (_ encodedText: String) -> String)?
    /// At most `context.limit + 1` hits, best first (the extra one tells that more exist).
    public let search: @Sendable (_ context: SearchContext) async throws -> [SearchHit]

    public init(kind: String, permission: Permission, priority: Int, morePath: (@Sendable (String) -> String)? = nil,
                search: @escaping @Sendable (SearchContext) async throws -> [SearchHit]) {
        self.kind = kind
        self.permission = permission
        self.priority = priority
        self.morePath = morePath
        self.search = search
    }
}

/// What a provider gets: the text, the caller, and the database — not a Vapor `Request`, so search
/// also runs from a job or a test.
public struct SearchContext: Sendable {
    public let text: SearchText
    /// Hits wanted per kind.
    public let limit: Int
    public let actor: RequestActor
    public let db: any Database
    public let catalog: MessageCatalog
    /// The caller's language (the request's Accept-Language, else their own setting).
    public let language: AppLanguage

    public init(text: SearchText, limit: Int, actor: RequestActor, db: any Database, catalog: MessageCatalog, language: AppLanguage) {
        self.text = text
        self.limit = limit
        self.actor = actor
        self.db = db
        self.catalog = catalog
        self.language = language
    }

    /// A message of Afield's own in the caller's language.
    /// The caller's data scope on a resource (`sales.order`), as lists use it.
    public func scope(_ resource: String) async throws -> RecordScope {
        try await actor.recordScope(resource, on: db)
    }

    public func message(_ code: String, params: [String: String] = [:]) -> String {
        catalog.message(code, language, params: params)
    }
}
