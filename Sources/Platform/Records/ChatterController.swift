import AfieldAPI
import Foundation
import Vapor

extension RouteInfo {
    /// `[String: JSONValue]`: schemas of path parameters that are not record ids (a record
    /// kind), for the OpenAPI document; the others are UUIDs.
    public static let pathSchemas = "afield.pathSchemas"
}

/// `/api/v1/records/{entity}/{id}/…`: the chatter of any record whose module declared its kind
/// (``RecordKind``) — comments with @mentions, followers, attachments and the audit history.
/// Every route answers 404 for a record the caller may not read.
struct ChatterController {
    func register(_ routes: any RoutesBuilder) {
        let record = routes.grouped(":entity", ":id")
        let declared = [
            record.on(.GET, permission: RecordsModule.read,
                      summary: "A record's chatter: comments (newest first), attachments, followers and whether the caller follows", use: overview),
            record.on(.POST, "comments", permission: RecordsModule.write,
                      summary: "Comment on a record, mentioning colleagues who may read it (they are notified and follow it)",
                      body: RecordCommentInput.self, status: .created, use: post),
            record.on(.PATCH, "comments", ":commentId", permission: RecordsModule.write,
                      summary: "Change one's own comment (send the version read; 409 when stale)", body: RecordCommentUpdate.self, use: edit),
            record.on(.DELETE, "comments", ":commentId", permission: RecordsModule.write,
                      summary: "Delete one's own comment (with version: 409 when stale)", query: [.integer("version", minimum: 1)],
                      status: .noContent, use: delete),
            record.on(.POST, "follow", permission: RecordsModule.write,
                      summary: "Follow a record (be told of its new comments); answers the followers", use: follow),
            record.on(.DELETE, "follow", permission: RecordsModule.write, summary: "Stop following a record; answers the followers", use: unfollow),
            record.on(.GET, "attachments", permission: RecordsModule.read, summary: "Files tied to a record, newest first", use: attachments),
            record.on(.POST, "attachments", permission: RecordsModule.write,
                      summary: "Tie an uploaded file (POST /files first) to a record: from then on only those who may read the record may read the file",
                      body: RecordAttachInput.self, status: .created, use: attach),
            record.on(.DELETE, "attachments", ":fileId", permission: RecordsModule.write,
                      summary: "Untie a file from a record (who attached or uploaded it)", status: .noContent, use: detach),
            record.on(.GET, "mentionable", permission: RecordsModule.read,
                      summary: "Colleagues who may read the record, to @mention (search by name or e-mail)", query: ["q"], use: mentionable),
            record.on(.GET, "history", permission: RecordsModule.read, summary: "The record's audit history, newest first", use: history),
        ]
        let entity: JSONValue = ["type": "string", "pattern": .string(RecordKind.pattern)]
        for route in declared { route.userInfo[RouteInfo.pathSchemas] = ["entity": entity] as [String: JSONValue] }
    }

    private func target(_ req: Request) throws -> (entity: String, id: UUID) {
        guard let entity = req.parameters.get("entity"), entity.range(of: RecordKind.pattern, options: .regularExpression) != nil else {
            throw DomainError.notFound("record")
        }
        return (entity, try req.pathID(entity: "record"))
    }

    @Sendable func overview(_ req: Request) async throws -> RecordChatterDTO {
        let (entity, id) = try target(req)
        return try await req.chatter.overview(entity, id)
    }

    @Sendable func post(_ req: Request) async throws -> RecordCommentDTO {
        let (entity, id) = try target(req)
        return try await req.chatter.post(entity, id, try req.content.decode(RecordCommentInput.self))
    }

    @Sendable func edit(_ req: Request) async throws -> RecordCommentDTO {
        let (entity, id) = try target(req)
        let comment = try req.pathID("commentId", entity: "comment")
        return try await req.chatter.edit(entity, id, comment: comment, try req.content.decode(RecordCommentUpdate.self))
    }

    @Sendable func delete(_ req: Request) async throws -> Response {
        let (entity, id) = try target(req)
        let comment = try req.pathID("commentId", entity: "comment")
        var version: Int?
        if let text = req.queryText("version") {
            guard let number = Int(text), number >= 1 else { throw DomainError.invalid([.init("version", "request.invalid_value")]) }
            version = number
        }
        try await req.chatter.delete(entity, id, comment: comment, version: version)
        return Response(status: .noContent)
    }

    @Sendable func follow(_ req: Request) async throws -> [PersonRef] {
        let (entity, id) = try target(req)
        return try await req.chatter.follow(entity, id)
    }

    @Sendable func unfollow(_ req: Request) async throws -> [PersonRef] {
        let (entity, id) = try target(req)
        return try await req.chatter.unfollow(entity, id)
    }

    @Sendable func attachments(_ req: Request) async throws -> [RecordAttachmentDTO] {
        let (entity, id) = try target(req)
        return try await req.chatter.attachments(entity, id)
    }

    @Sendable func attach(_ req: Request) async throws -> RecordAttachmentDTO {
        let (entity, id) = try target(req)
        return try await req.chatter.attach(entity, id, try req.content.decode(RecordAttachInput.self))
    }

    @Sendable func detach(_ req: Request) async throws -> Response {
        let (entity, id) = try target(req)
        try await req.chatter.detach(entity, id, file: try req.pathID("fileId", entity: "file"))
        return Response(status: .noContent)
    }

    @Sendable func mentionable(_ req: Request) async throws -> [PersonRef] {
        let (entity, id) = try target(req)
        return try await req.chatter.mentionable(entity, id, text: req.queryText("q"))
    }

    @Sendable func history(_ req: Request) async throws -> [AuditEntryDTO] {
        let (entity, id) = try target(req)
        let kind = try await req.chatter.readableKind(entity, id, chatter: false)
        return try await AuditViewer.history(entity: kind.auditEntity, id: id, for: req)
    }
}
