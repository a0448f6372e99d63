import AfieldAPI
import Fluent
import Foundation
import Vapor

/// Reading the audit log: the administrator's viewer (`/api/v1/audit/entries`) and the History
/// tab of a record, which each module serves behind its own read permission and data scope.
public enum AuditViewer {
    /// Entries of one record, newest first, for the record's History tab (the caller may read
    /// the record). Where each change came from (IP address, user agent) is left out unless the
    /// caller may read the audit log itself (``AuditModule/read``).
    public static func history(entity: String, id: UUID, context: ServiceContext, limit: Int = 200) async throws -> [AuditEntryDTO] {
        let rows = try await AuditEntry.query(on: context.database).filter(\.$tenantID == context.tenantID).filter(\.$entity == entity)
            .filter(\.$entityID == id).sort(\.$seq, .descending).limit(limit).all()
        return try await dtos(rows, context: context)
    }

    /// `rows` as the caller may see them, named and told as sentences in the caller's language.
    static func dtos(_ rows: [AuditEntry], context: ServiceContext) async throws -> [AuditEntryDTO] {
        let actor = context.actor
        let naming = context.settings.auditNaming
        let language = context.language
        let names = try await naming.names(of: rows, tenantID: actor.tenantID, on: context.database)
        let origin = actor.holds(AuditModule.read)
        return rows.map { entry in
            let name = entry.entityID.flatMap { names[entry.entity]?[$0] }
            var dto = entry.dto(origin: origin)
            dto.entityLabel = naming.label(entry.entity, language)
            dto.entityName = name
            dto.summary = naming.sentence(entity: entry.entity, action: entry.action, state: dto.changes["state"]?.after, name: name, language)
            return dto
        }
    }

    /// The UTC instant (ISO text, as stored) at which `day` starts in `timeZone`.
    static func utcStart(of day: String, in timeZone: TimeZone, plusDays: Int = 0) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = day.split(separator: "-").compactMap { Int($0) }
        let start = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2] + plusDays)) ?? Date()
        return AuditLog.timestamp(start)
    }
}

extension AuditEntry {
    /// The entry for the API; `origin`: whether the reader may see the IP address and user agent.
    func dto(origin: Bool) -> AuditEntryDTO {
        let changes = (try? JSONDecoder().decode(AuditChanges.self, from: Data(self.changes.utf8)))?.fields ?? [:]
        return AuditEntryDTO(seq: seq, at: at, actorId: actorID, actorName: actorName, onBehalfOf: onBehalfOf, entity: entity, entityId: entityID,
                             action: action, changes: changes.mapValues { .init(before: $0.before, after: $0.after) }, source: source,
                             ip: origin ? ip : nil, userAgent: origin ? userAgent : nil, requestId: requestID)
    }
}

/// `/api/v1/audit`: the audit log viewer for administrators.
public struct AuditModule: AfieldModule {
    public static let id = "audit"
    public static let dependsOn: [any AfieldModule.Type] = [IdentityModule.self]
    /// The whole audit log, every record whatever the holder's data scopes — an auditor's view
    /// (Odoo keeps its audit log to administrators likewise). Records' own History tabs, in
    /// contrast, follow their module's read permission and data scope.
    public static let read = Permission("audit.entry.read")

    public init() {}

    public var permissions: [Permission] { [Self.read] }
    public var messages: [String: MessageCatalog.Entry] { AuditList.messages }
    public var migrations: [any AsyncMigration] { [] }

    public func routes(_ api: any RoutesBuilder) throws {
        api.list(AuditList.definition, "entries", permission: Self.read,
                 summary: "Audit entries, newest first, by entity, record, user, source and day")
        api.on(.GET, "entities", permission: Self.read, summary: "The kinds of record the audit log names, with their labels (for the viewer's filter)") {
            req async throws -> [AuditEntityLabel] in
            req.application.afield.auditNaming.labels(req.language)
        }
    }
}
