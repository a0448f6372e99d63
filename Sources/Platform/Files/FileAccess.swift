import Fluent
import Foundation

/// Who may read an uploaded file (`GET /api/v1/files/{id}` and everything that hands a file on).
///
/// - A file tied to records (``FileLink``) may be read by whoever may read one of those records,
///   as the record's module judges it (``RecordKind/readable``: read permission and data scope).
///   A link to a kind no installed module declares opens nothing.
/// - A file tied to nothing yet (just uploaded, not yet attached or submitted) only by the
///   person who uploaded it.
///
/// This is Odoo's rule for `ir.attachment` (the record's access rules; unattached files to their
/// creator). Anything else answers 404, as for another company's file, so existence never leaks.
public enum FileAccess {
    /// Of `fileIDs` (of company `reader.tenantID`), the ones `reader` may read; unknown ids and
    /// other companies' files are left out.
    public static func readable(_ fileIDs: [UUID], by reader: RecordReader, kinds: RecordKinds, on db: any Database) async throws -> Set<UUID> {
        let unique = Array(Set(fileIDs))
        guard !unique.isEmpty else { return [] }
        let files = try await StoredFile.query(on: db).filter(\.$tenantID == reader.tenantID).filter(\.$id ~~ unique).all()
        let links = try await FileLink.query(on: db).filter(\.$tenantID == reader.tenantID).filter(\.$fileID ~~ unique).all()
        var allowed: Set<UUID> = []
        let linked = Set(links.map(\.fileID))
        for file in files where !linked.contains(file.id!) && file.uploadedBy == reader.userID { allowed.insert(file.id!) }
        // One question per kind, however many records the files are tied to.
        for (entity, group) in Dictionary(grouping: links, by: \.entity) {
            guard let kind = kinds.kind(entity) else { continue }
            let open = try await kind.readable(reader, Array(Set(group.map(\.recordID))), db)
            for link in group where open.contains(link.recordID) { allowed.insert(link.fileID) }
        }
        return allowed
    }

    /// Whether `reader` may read file `id`.
    public static func canRead(_ id: UUID, by reader: RecordReader, kinds: RecordKinds, on db: any Database) async throws -> Bool {
        try await readable([id], by: reader, kinds: kinds, on: db).contains(id)
    }
}
