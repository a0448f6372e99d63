import AfieldAPI
import Foundation
import SQLKit

/// The audit log viewer (`GET /api/v1/audit/entries`) on the shared list mechanism: newest first;
/// sort by time, user, kind of record, action or source; filter by kind of record, record, user,
/// source and the reader's days (`from`/`to`); export what is shown. Each entry is named and told
/// as a sentence in the reader's language (``AuditNaming``).
enum AuditList {
    private struct Row: Decodable {
        let seq: Int64
        let at: String
        let actorId: UUID?
        let actorName: String
        let onBehalfOf: UUID?
        let entity: String
        let entityId: UUID?
        let action: String
        let changes: String
        let source: String
        let ip: String?
        let userAgent: String?
        let requestId: String?
    }

    static let table = AuditEntry.schema

    /// `from`/`to`: days in the reader's time zone, compared with the stored UTC text.
    static func day(_ name: String, end: Bool) -> ListExtraFilter {
        ListExtraFilter(.date(name), dayCondition: { value, table, zone in
            guard let value else { return nil }
            guard CalendarDay.isValid(value) else { throw DomainError.invalid([.init(name, "request.invalid_date")]) }
            let bound = AuditViewer.utcStart(of: value, in: zone, plusDays: end ? 1 : 0)
            return end ? "\(ident: table).\(ident: "at") < \(bind: bound)" : "\(ident: table).\(ident: "at") >= \(bind: bound)"
        })
    }

    static let definition = ListDefinition<AuditEntryDTO>(
        key: "audit.entries", table: table, fileName: "audit-log",
        columns: [
            ListColumn("at", header: "audit.list.at", kind: .instant, expression: "audit_entries.seq", filterable: false) { .text($0.at) },
            ListColumn("actorName", header: "audit.list.user", kind: .text, expression: "audit_entries.actor_name") { .text($0.actorName) },
            ListColumn("summary", header: "audit.list.summary", kind: .text) { .of($0.summary) },
            ListColumn("entityLabel", header: "audit.list.entity", kind: .text, expression: "audit_entries.entity", filterable: false) { .of($0.entityLabel) },
            ListColumn("entityName", header: "audit.list.record", kind: .text) { .of($0.entityName) },
            ListColumn("action", header: "audit.list.action", kind: .text, expression: "audit_entries.action") { .text($0.action) },
            ListColumn("source", header: "audit.list.source", kind: .enumeration, expression: "audit_entries.source",
                       values: AuditSource.allValues, valueLabels: "audit.list.source.") { .text($0.source) },
            ListColumn("ip", header: "audit.list.ip", kind: .text, expression: "audit_entries.ip") { .of($0.ip) },
        ],
        defaultColumns: ["summary", "at", "actorName", "source"],
        defaultSort: [ListSort("at", descending: true)],
        defaultLimit: 50,
        extraFilters: [
            ListExtraFilter("entity") { value, table in value.map { "\(ident: table).\(ident: "entity") = \(bind: $0)" } },
            ListExtraFilter(.uuid("record")) { value, table in
                guard let value else { return nil }
                guard let id = UUID(uuidString: value) else { throw DomainError.invalid([.init("record", "request.invalid_id")]) }
                return "\(ident: table).\(ident: "entity_id") = \(bind: id)"
            },
            ListExtraFilter(.uuid("user")) { value, table in
                guard let value else { return nil }
                guard let id = UUID(uuidString: value) else { throw DomainError.invalid([.init("user", "request.invalid_id")]) }
                return "\(ident: table).\(ident: "actor_id") = \(bind: id)"
            },
            day("from", end: false), day("to", end: true),
        ],
        select: { query in
            query.column("seq").column("at")
                .column(SQLAlias(SQLColumn("actor_id"), as: SQLIdentifier("actorId")))
                .column(SQLAlias(SQLColumn("actor_name"), as: SQLIdentifier("actorName")))
                .column(SQLAlias(SQLColumn("on_behalf_of"), as: SQLIdentifier("onBehalfOf")))
                .column("entity")
                .column(SQLAlias(SQLColumn("entity_id"), as: SQLIdentifier("entityId")))
                .column("action").column("changes").column("source").column("ip")
                .column(SQLAlias(SQLColumn("user_agent"), as: SQLIdentifier("userAgent")))
                .column(SQLAlias(SQLColumn("request_id"), as: SQLIdentifier("requestId")))
        },
        decode: { row in
            let r = try row.decode(model: Row.self, keyDecodingStrategy: .useDefaultKeys)
            let entry = AuditEntry()
            entry.seq = r.seq
            entry.at = r.at
            entry.actorID = r.actorId
            entry.actorName = r.actorName
            entry.onBehalfOf = r.onBehalfOf
            entry.entity = r.entity
            entry.entityID = r.entityId
            entry.action = r.action
            entry.changes = r.changes
            entry.source = r.source
            entry.ip = r.ip
            entry.userAgent = r.userAgent
            entry.requestID = r.requestId
            // The route needs audit.entry.read: its readers see where each change came from.
            return entry.dto(origin: true)
        },
        finish: { items, context in
            guard let naming = context.settings?.auditNaming else { return items }
            let entries = items.map { dto -> AuditEntry in
                let entry = AuditEntry()
                entry.entity = dto.entity
                entry.entityID = dto.entityId
                return entry
            }
            let names = try await naming.names(of: entries, tenantID: context.tenantID, on: context.db)
            return items.map { dto in
                var dto = dto
                let name = dto.entityId.flatMap { names[dto.entity]?[$0] }
                dto.entityLabel = naming.label(dto.entity, context.language)
                dto.entityName = name
                dto.summary = naming.sentence(entity: dto.entity, action: dto.action, state: dto.changes["state"]?.after, name: name, context.language)
                return dto
            }
        })

    static let messages: [String: MessageCatalog.Entry] = [
        "audit.list.at": .init(en: "When", zhCN: "时间"),
        "audit.list.user": .init(en: "Who", zhCN: "操作人"),
        "audit.list.summary": .init(en: "What", zhCN: "内容"),
        "audit.list.entity": .init(en: "Kind of record", zhCN: "记录类型"),
        "audit.list.record": .init(en: "Record", zhCN: "记录"),
        "audit.list.action": .init(en: "Action", zhCN: "操作"),
        "audit.list.source": .init(en: "Source", zhCN: "来源"),
        "audit.list.ip": .init(en: "IP address", zhCN: "IP 地址"),
        "audit.list.source.web": .init(en: "Web", zhCN: "网页"),
        "audit.list.source.api": .init(en: "API", zhCN: "接口"),
        "audit.list.source.import": .init(en: "Import", zhCN: "导入"),
        "audit.list.source.system": .init(en: "System", zhCN: "系统"),
    ]
}

extension AuditSource {
    static var allValues: [String] { ["web", "api", "import", "system"] }
}
