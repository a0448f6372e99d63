import AfieldAPI
import Fluent
import Foundation
import Platform

extension ApprovalEngine {
    /// Ties the files of an event (a comment's or a decision's attachments) and, on submission
    /// and resubmission, the files named in the form's values to the instance (``FileLink``):
    /// from then on only people who may see the instance may read them.
    func linkFiles(_ instance: ApprovalInstance, action: String, attachments: [UUID], actorID: UUID?) async throws {
        var files = attachments
        if action == "submit" || action == "resubmit", let values = instance.values {
            let candidates = Self.uuids(in: try JSONText.decode([String: FormValue].self, values))
            if !candidates.isEmpty {
                files += try await StoredFile.query(on: db).filter(\.$tenantID == tenantID).filter(\.$id ~~ candidates).field(\.$id).all()
                    .compactMap(\.id)
            }
        }
        guard !files.isEmpty else { return }
        try await FileLink.link(files, to: ApprovalsModule.auditEntity, record: try instance.requireID(), tenantID: tenantID,
                                by: actorID ?? instance.requesterID, at: now, on: db)
    }

    /// Every text in `values` (at any depth) that is a UUID: file fields hold file ids, but so
    /// may tables' columns; the caller keeps those that are files.
    static func uuids(in values: [String: FormValue]) -> [UUID] {
        var found: [UUID] = []
        func walk(_ value: FormValue) {
            switch value {
            case .string(let text): if let id = UUID(uuidString: text) { found.append(id) }
            case .array(let items): items.forEach(walk)
            case .object(let fields): fields.values.forEach(walk)
            case .number, .bool, .null: break
            }
        }
        values.values.forEach(walk)
        return Array(Set(found))
    }
}
