import AfieldAPI
import Fluent
import Foundation
import Vapor

/// `/api/v1/sync`: the per-tenant change feed for offline clients (DESIGN §4), read from the
/// audit log, which already records every change in order — no second log to keep in step.
public struct SyncModule: AfieldModule {
    public static let id = "sync"
    public static let dependsOn: [any AfieldModule.Type] = [IdentityModule.self]

    public init() {}

    public var permissions: [Permission] { [] }
    public var migrations: [any AsyncMigration] { [] }
    public var messages: [String: MessageCatalog.Entry] {
        ["sync.invalid_cursor": .init(en: "The cursor must be a whole number of at least 0.", zhCN: "游标必须是不小于 0 的整数。")]
    }

    public func routes(_ api: any RoutesBuilder) throws {
        api.on(.GET, "changes", permission: .authenticated, summary: "Changes since a cursor that the caller may see, oldest first",
               query: [.integer("after", minimum: 0), .integer("limit", minimum: 1)]) { req async throws -> ChangeFeed in
            // Which entities a permission reveals is merged from every module at start-up.
            let after: Int64
            if let text = req.queryText("after") {
                guard let value = Int64(text), value >= 0 else { throw DomainError.invalid([.init("after", "sync.invalid_cursor")]) }
                after = value
            } else {
                after = 0
            }
            let limit = try PageRequest(from: req, defaultLimit: 100).limit
            return try await Self.changes(after: after, limit: limit, context: try req.serviceContext,
                                          visibility: req.application.afield.feedEntities, filters: req.application.afield.feedFilters)
        }
    }

    /// Up to `limit` changes after the cursor `after` that the actor of `context` may see.
    static func changes(after: Int64, limit: Int, context: ServiceContext, visibility: [String: [Permission]],
                        filters: [String: FeedFilter]) async throws -> ChangeFeed {
        let actor = context.actor
        let visible = visibility.filter { _, permissions in permissions.contains { actor.holds($0) } }.map(\.key)
        // Read one extra row to know whether more follow.
        let rows = visible.isEmpty ? [] : try await AuditEntry.query(on: context.database).filter(\.$tenantID == actor.tenantID)
            .filter(\.$seq > after).filter(\.$entity ~~ visible).sort(\.$seq).limit(limit + 1).all()
        let page = Array(rows.prefix(limit))
        // Records outside the caller's data scope are skipped; the cursor still moves past them.
        var hidden: Set<UUID> = []
        for (entity, entries) in Dictionary(grouping: page, by: \.entity) {
            guard let filter = filters[entity] else { continue }
            let ids = Array(Set(entries.compactMap(\.entityID)))
            hidden.formUnion(Set(ids).subtracting(try await filter(context, ids)))
        }
        let changes = page.filter { $0.entityID.map { !hidden.contains($0) } ?? true }
            .map { ChangeFeed.Change(seq: $0.seq, entity: $0.entity, id: $0.entityID, action: $0.action, at: $0.at) }
        return ChangeFeed(changes: changes, next: page.last?.seq ?? after, hasMore: rows.count > limit)
    }
}
