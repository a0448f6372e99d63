import Foundation

/// One record found by global search (`GET /api/v1/search?q=`).
///
/// `kind` names what it is (`partners.customer`, `sales.order`, …); `path` is the web app route
/// that opens it (`/orders/<id>`); `subtitle` adds what tells two hits apart (city, customer,
/// state), already in the caller's language where it is text of Afield's own.
public struct SearchHit: Codable, Sendable, Equatable {
    public var kind: String
    public var id: UUID
    public var title: String
    public var subtitle: String?
    public var path: String

    public init(kind: String, id: UUID, title: String, subtitle: String?, path: String) {
        self.kind = kind
        self.id = id
        self.title = title
        self.subtitle = subtitle
        self.path = path
    }
}

/// The hits of one kind, best first, with the kind's name in the caller's language and the list
/// route that shows every match (`/customers?q=…`), when there is one.
public struct SearchGroup: Codable, Sendable, Equatable {
    public var kind: String
    public var title: String
    public var hits: [SearchHit]
    /// More than `hits` matched; `morePath` lists them all.
    public var hasMore: Bool
    public var morePath: String?

    public init(kind: String, title: String, hits: [SearchHit], hasMore: Bool, morePath: String?) {
        self.kind = kind
        self.title = title
        self.hits = hits
        self.hasMore = hasMore
        self.morePath = morePath
    }
}

/// `GET /api/v1/search?q=…&limit=…`: the groups that matched, in the order modules declared them,
/// each with at most `limit` hits (default 5). Only kinds the caller may read take part, and each
/// under the caller's data scope.
public struct SearchResults: Codable, Sendable, Equatable {
    public var query: String
    public var groups: [SearchGroup]

    public init(query: String, groups: [SearchGroup]) {
        self.query = query
        self.groups = groups
    }
}
