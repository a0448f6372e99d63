import AfieldAPI
import Fluent
import Foundation

extension Chatter {
    /// Files tied to the record, newest first.
    /// - Parameter checked: the caller already knows the record is readable; otherwise it is checked.
    public func attachments(_ entity: String, _ id: UUID, checked: Bool = false) async throws -> [RecordAttachmentDTO] {
        if !checked { _ = try await readableKind(entity, id, chatter: false) }
        let links = try await FileLink.query(on: db).filter(\.$tenantID == reader.tenantID).filter(\.$entity == entity)
            .filter(\.$recordID == id).sort(\.$createdAt, .descending).sort(\.$id, .descending).all()
        guard !links.isEmpty else { return [] }
        let files = try await StoredFile.query(on: db).filter(\.$tenantID == reader.tenantID).filter(\.$id ~~ links.map(\.fileID)).all()
        let byID = Dictionary(uniqueKeysWithValues: files.map { ($0.id!, $0) })
        let names = try await userNames(links.map(\.linkedBy), on: db)
        return links.compactMap { link in
            byID[link.fileID].map {
                RecordAttachmentDTO(file: $0.ref, attachedBy: PersonRef(id: link.linkedBy, name: names[link.linkedBy] ?? ""), attachedAt: link.createdAt)
            }
        }
    }

    /// Ties an uploaded file to the record: from then on only people who may read the record
    /// (or another record it is tied to) may read the file.
    /// - Throws: 404 for a record the caller may not read; 422 on `fileId` when missing or not
    ///   a file the caller may read (`records.file_unknown`); 409 `records.file_attached` when
    ///   it is tied to this record already.
    public func attach(_ entity: String, _ id: UUID, _ input: RecordAttachInput) async throws -> RecordAttachmentDTO {
        _ = try await readableKind(entity, id)
        guard let fileID = input.fileId else { throw DomainError.invalid([.init("fileId", "field.required")]) }
        guard try await FileAccess.canRead(fileID, by: reader, kinds: kinds, on: db) else {
            throw DomainError.invalid([.init("fileId", "records.file_unknown")])
        }
        try await writes.transaction(on: db) { [self] tx in
            guard try await FileLink.query(on: tx).filter(\.$tenantID == reader.tenantID).filter(\.$fileID == fileID).filter(\.$entity == entity)
                .filter(\.$recordID == id).first() == nil else { throw DomainError(status: 409, code: "records.file_attached") }
            try await FileLink.link([fileID], to: entity, record: id, tenantID: reader.tenantID, by: reader.userID, at: now, on: tx)
            let file = try await StoredFile.find(fileID, on: tx)
            var changes = AuditChanges()
            changes.created([("record", "\(entity):\(id)"), ("name", file?.name)])
            try await AuditLog.append(entity: Self.attachmentEntity, entityID: fileID, action: "attach", changes: changes, context: audit, on: tx)
        }
        guard let made = try await attachments(entity, id, checked: true).first(where: { $0.file.id == fileID }) else {
            throw DomainError.notFound("file")
        }
        return made
    }

    /// Unties a file from the record: the person who attached it, or who uploaded it, may. A
    /// file tied to nothing any more is again readable by its uploader only.
    /// - Throws: 404 (record, or file not tied to it), 403 `records.attachment.not_yours`.
    public func detach(_ entity: String, _ id: UUID, file fileID: UUID) async throws {
        _ = try await readableKind(entity, id)
        try await writes.transaction(on: db) { [self] tx in
            guard let link = try await FileLink.query(on: tx).filter(\.$tenantID == reader.tenantID).filter(\.$fileID == fileID)
                .filter(\.$entity == entity).filter(\.$recordID == id).first() else { throw DomainError.notFound("file") }
            let file = try await StoredFile.find(fileID, on: tx)
            guard link.linkedBy == reader.userID || file?.uploadedBy == reader.userID else {
                throw DomainError(status: 403, code: "records.attachment.not_yours")
            }
            try await link.delete(on: tx)
            var changes = AuditChanges()
            changes.set("record", "\(entity):\(id)", nil)
            changes.set("name", file?.name, nil)
            try await AuditLog.append(entity: Self.attachmentEntity, entityID: fileID, action: "detach", changes: changes, context: audit, on: tx)
        }
    }
}
