import AfieldAPI
import Fluent
import SQLKit
import Foundation
import Vapor

/// `/api/v1/sync`: the per-tenant change feed for offline clients (DESIGN §4), read from the
/// audit log, which already records every change in order — no second log to keep in step.
public struct SyncModule: AfieldModule {
    public static let id = "sync"
    public static let dependsOn: [any AfieldModule.Type] = [IdentityModule.self]

    public init() {}

    public var permissions: [Permission] { [] }
    public var migrations: [any AsyncMigration] { [CreateSyncClients(), AddSyncCommandFingerprints()] }
    public var messages: [String: MessageCatalog.Entry] {
        [
            "entity.sync_client": .init(en: "Device", zhCN: "设备"),
            "sync.invalid_cursor": .init(en: "The cursor must be a whole number of at least 0.", zhCN: "游标必须是不小于 0 的整数。"),
            "sync.invalid_client": .init(en: "Afield-Client-Id must be a UUID and Afield-Client-Seq a whole number from 1, sent together.",
                                         zhCN: "Afield-Client-Id 必须是 UUID，Afield-Client-Seq 必须是从 1 开始的整数，且须同时发送。"),
            "sync.key_required": .init(en: "A numbered command needs an Idempotency-Key.", zhCN: "带序号的命令必须附带 Idempotency-Key。"),
            "sync.out_of_order": .init(en: "Commands must arrive in order: number {expected} is expected next.",
                                       zhCN: "命令须按顺序送达：下一个应为第 {expected} 号。"),
            "sync.seq_used": .init(en: "Number {seq} was already used by another command; number {expected} is expected next.",
                                   zhCN: "第 {seq} 号已被另一条命令使用；下一个应为第 {expected} 号。"),
            "sync.already_applied": .init(en: "Command {seq} was applied earlier; its answer is no longer kept.",
                                          zhCN: "第 {seq} 号命令此前已执行，其结果已不再保留。"),
            "sync.client_foreign": .init(en: "This device id belongs to another user: sign in again on this device.",
                                         zhCN: "此设备标识属于其他用户：请在此设备上重新登录。"),
        ]
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
        api.on(.GET, "clients", ":clientId", permission: .authenticated,
               summary: "How far the server has taken an offline client's numbered commands (404: none seen from this user)") { req async throws -> SyncClientDTO in
            guard let id = req.parameters.get("clientId").flatMap(UUID.init(uuidString:)),
                  let last = try await SyncClientState.lastSeq(id, actor: try req.serviceContext.actor, on: req.db as! any SQLDatabase)
            else { throw DomainError.notFound("sync_client") }
            return SyncClientDTO(clientId: id, lastSeq: last)
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
        let head = try await AuditEntry.query(on: context.database).filter(\.$tenantID == actor.tenantID).sort(\.$seq, .descending).first()?.seq ?? 0
        return ChangeFeed(changes: changes, next: page.last?.seq ?? after, hasMore: rows.count > limit, head: max(head, page.last?.seq ?? after))
    }
}
