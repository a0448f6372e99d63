import AfieldAPI
import Fluent
import Foundation
import Platform

extension ApprovalEngine {
    /// Adds a line to the instance's timeline. Without `actorID` the line is the system's
    /// (a rule or a timer acted).
    func record(_ instance: ApprovalInstance, action: String, actorID: UUID? = nil, actorName: String? = nil,
                onBehalfOf: (id: UUID, name: String)? = nil, step: ApprovalStep? = nil, comment: String? = nil,
                attachments: [UUID] = [], detail: String? = nil, params: [String: String] = [:]) async throws {
        let event = ApprovalEvent()
        event.tenantID = tenantID
        event.instanceID = try instance.requireID()
        event.round = instance.round
        // Events of one action share a clock; a counter keeps their order stable.
        event.at = now.addingTimeInterval(Double(eventCounter()) / 1000)
        event.actorID = actorID
        event.actorName = actorName
        event.onBehalfOfID = onBehalfOf?.id
        event.onBehalfOfName = onBehalfOf?.name
        event.action = action
        event.stepName = step.map { $0.name.isEmpty ? "" : $0.name }
        event.comment = comment
        event.attachments = attachments.isEmpty ? nil : try JSONText.encode(attachments)
        event.detailCode = detail
        event.detailParams = params.isEmpty ? nil : try JSONText.encode(params)
        try await event.create(on: db)
        try await linkFiles(instance, action: action, attachments: attachments, actorID: actorID)
        // What people do is audited like every other mutation; what rules do is on the timeline.
        if actorID != nil {
            var changes: [String: (String?, String?)] = ["step": (nil, event.stepName)]
            if let comment { changes["comment"] = (nil, comment) }
            if let onBehalfOf { changes["onBehalfOf"] = (nil, onBehalfOf.name) }
            if !params.isEmpty { changes["detail"] = (nil, params.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")) }
            try await audit(instance, action: action, changes: changes)
        }
    }

    /// The audit entry of an instance change (entity `approvals.instance`), by the caller
    /// unless `actor` says otherwise (a rule's decision).
    func audit(_ instance: ApprovalInstance, action: String, changes: [String: (String?, String?)], as actor: AuditContext? = nil) async throws {
        var auditChanges = AuditChanges()
        for (field, change) in changes.sorted(by: { $0.key < $1.key }) { auditChanges.set(field, change.0, change.1) }
        try await AuditLog.append(entity: ApprovalsModule.auditEntity, entityID: instance.id, action: action, changes: auditChanges,
                                  context: actor ?? context, on: db)
    }
}

/// JSON text columns.
enum JSONText {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}

/// An ``ApprovalFact`` as stored on the instance: kind and text.
struct StoredFact: Codable, Sendable {
    var kind: String
    var value: String
    var exponent: Int?

    static func encode(_ facts: [String: ApprovalFact]) -> [String: StoredFact] {
        facts.mapValues { fact in
            switch fact {
            case .number(let value): StoredFact(kind: "number", value: "\(value)")
            case .money(let minor, let exponent): StoredFact(kind: "money", value: String(minor), exponent: exponent)
            case .date(let value): StoredFact(kind: "date", value: value)
            case .text(let value): StoredFact(kind: "text", value: value)
            case .options(let values): StoredFact(kind: "options", value: values.joined(separator: "\u{1F}"))
            case .users(let ids): StoredFact(kind: "users", value: ids.map(\.uuidString).joined(separator: ","))
            case .department(let id): StoredFact(kind: "department", value: id.uuidString)
            }
        }
    }

    static func decode(_ stored: [String: StoredFact]) -> [String: ApprovalFact] {
        stored.compactMapValues { fact in
            switch fact.kind {
            case "number": Decimal(string: fact.value).map { .number($0) }
            case "money": Int64(fact.value).map { .money($0, exponent: fact.exponent ?? 2) }
            case "date": .date(fact.value)
            case "text": .text(fact.value)
            case "options": .options(fact.value.isEmpty ? [] : fact.value.components(separatedBy: "\u{1F}"))
            case "users": .users(fact.value.split(separator: ",").compactMap { UUID(uuidString: String($0)) })
            case "department": UUID(uuidString: fact.value).map { .department($0) }
            default: nil
            }
        }
    }
}
