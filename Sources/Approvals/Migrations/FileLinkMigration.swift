import AfieldAPI
import Fluent
import Foundation
import Platform

/// `approvals.0009_file_links`: ties the files already named in approval comments, decisions
/// and forms to their instances (``FileLink``), so that from now on they are read under the
/// instance's rule like new ones, not by anyone in the company.
struct LinkApprovalFiles: AsyncMigration {
    var name: String { "approvals.0009_file_links" }

    func prepare(on database: any Database) async throws {
        for event in try await ApprovalEvent.query(on: database).filter(\.$attachments != nil).all() {
            guard let text = event.attachments, let files = try? JSONText.decode([UUID].self, text), !files.isEmpty,
                  let instance = try await ApprovalInstance.find(event.instanceID, on: database) else { continue }
            try await link(files, instance, by: event.actorID ?? instance.requesterID, at: event.at, on: database)
        }
        for instance in try await ApprovalInstance.query(on: database).filter(\.$values != nil).all() {
            guard let text = instance.values, let values = try? JSONText.decode([String: FormValue].self, text) else { continue }
            try await link(ApprovalEngine.uuids(in: values), instance, by: instance.requesterID, at: instance.submittedAt, on: database)
        }
    }

    private func link(_ candidates: [UUID], _ instance: ApprovalInstance, by user: UUID, at: Date, on db: any Database) async throws {
        guard !candidates.isEmpty else { return }
        let files = try await StoredFile.query(on: db).filter(\.$tenantID == instance.tenantID).filter(\.$id ~~ candidates).all().compactMap(\.id)
        try await FileLink.link(files, to: ApprovalsModule.auditEntity, record: try instance.requireID(), tenantID: instance.tenantID, by: user,
                                at: at, on: db)
    }

    func revert(on database: any Database) async throws {
        try await FileLink.query(on: database).filter(\.$entity == ApprovalsModule.auditEntity).delete()
    }
}
