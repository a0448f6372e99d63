import AfieldAPI
import AfieldTesting
@testable import Approvals
import Fluent
import Foundation
import Platform
import Testing

/// The chatter every record page gets (issue 9 point 2): comments with @mentions that notify,
/// followers told of new comments, files tied to records and readable only by those who may read
/// the record (also through `/api/v1/files/{id}`), and every change audited. Northwind: Nancy
/// Davolio and Janet Leverling are sales users who see their own orders only; Andrew Fuller is
/// the administrator.
@Suite("Record chatter")
struct RecordChatterTests {
    static let nancy = "nancy.davolio@northwind.example"
    static let janet = "janet.leverling@northwind.example"

    /// One of Nancy's orders (Janet cannot see it).
    static func nancysOrder(_ nancy: APIClient) async throws -> OrderSummary {
        try #require(try await nancy.get("/api/v1/sales/orders?limit=1").decode(AfieldAPI.Page<OrderSummary>.self).items.first)
    }

    static func userID(_ client: APIClient) async throws -> UUID { try await client.get("/api/v1/auth/me").decode(Me.self).id }

    static func upload(_ client: APIClient, _ text: String = "delivery note", name: String = "note.txt") async throws -> FileRef {
        let answer = try await client.send(.POST, "/api/v1/files", bytes: Data(text.utf8), contentType: "text/plain", headers: [("X-File-Name", name)])
        #expect(answer.status == .created, "\(answer.text)")
        return try answer.decode()
    }

    @Test("a comment with an @mention notifies the colleague in their language, with a link; both follow; a reply notifies the other follower only")
    func mentionNotifiesAndFollowersHearOfReplies() async throws {
        try await withAfield { app, client in
            let admin = try await client.signedIn()
            let nancy = try await client.signedIn(Self.nancy)
            let order = try await Self.nancysOrder(nancy)
            let nancyID = try await Self.userID(nancy), adminID = try await Self.userID(admin)
            let path = "/api/v1/records/sales.order/\(order.id)"

            let posted = try await admin.post("\(path)/comments", json: RecordCommentInput(text: "  @Nancy Davolio please check\nthe freight  ", mentions: [nancyID]))
            #expect(posted.status == .created, "\(posted.text)")
            let comment: RecordCommentDTO = try posted.decode()
            #expect(comment.text == "@Nancy Davolio please check\nthe freight")
            #expect(comment.mentions == [PersonRef(id: nancyID, name: "Nancy Davolio")])
            #expect(comment.authorName == "Andrew Fuller")
            #expect(comment.mine && comment.version == 1 && comment.editedAt == nil)

            let inbox: AfieldAPI.Page<NotificationDTO> = try await nancy.inLanguage("zh-CN").get("/api/v1/notifications").decode()
            let mention = try #require(inbox.items.first { $0.code == "records.mention" })
            #expect(mention.kind == "mention")
            #expect(mention.title == "Andrew Fuller 在 \(order.number) 中提到了你")
            #expect(mention.body == "@Nancy Davolio please check\nthe freight")
            #expect(mention.link == "/orders/\(order.id)")
            #expect(mention.entity == "sales.order" && mention.entityId == order.id)
            #expect(try await nancy.get("/api/v1/notifications").decode(AfieldAPI.Page<NotificationDTO>.self).items.first?.title
                    == "Andrew Fuller mentioned you on \(order.number)")
            // The author is not told of their own comment.
            #expect(try await admin.get("/api/v1/notifications").decode(AfieldAPI.Page<NotificationDTO>.self).items.allSatisfy { !$0.code.hasPrefix("records.") })

            let chatter: RecordChatterDTO = try await nancy.get(path).decode()
            #expect(Set(chatter.followers.map(\.id)).isSuperset(of: [nancyID, adminID]))
            #expect(chatter.following)
            #expect(chatter.comments.map(\.id) == [comment.id])
            #expect(chatter.comments[0].mine == false)

            let reply: RecordCommentDTO = try await nancy.post("\(path)/comments", json: RecordCommentInput(text: "Done.")).decode()
            #expect(try await nancy.get(path).decode(RecordChatterDTO.self).comments.map(\.id) == [reply.id, comment.id])
            let told: AfieldAPI.Page<NotificationDTO> = try await admin.get("/api/v1/notifications").decode()
            let notice = try #require(told.items.first { $0.code == "records.comment" })
            #expect(notice.kind == "record.comment")
            #expect(notice.title == "Nancy Davolio commented on \(order.number)")
            #expect(notice.body == "Done.")
            #expect(try await nancy.get("/api/v1/notifications").decode(AfieldAPI.Page<NotificationDTO>.self).items.filter { $0.code == "records.comment" }.isEmpty)
            #expect(try await UserNotification.query(on: app.db).filter(\.$code == "records.comment").count() == 1)
        }
    }

    @Test("only colleagues who may read the record can be mentioned; the picker offers only them")
    func mentionsRespectAccess() async throws {
        try await withAfield { _, client in
            let nancy = try await client.signedIn(Self.nancy)
            let janet = try await client.signedIn(Self.janet)
            let order = try await Self.nancysOrder(nancy)
            let path = "/api/v1/records/sales.order/\(order.id)"
            let janetID = try await Self.userID(janet)
            let refused = try await nancy.post("\(path)/comments", json: RecordCommentInput(text: "hi", mentions: [janetID]))
            #expect(refused.status == .unprocessableEntity)
            #expect(try refused.error.fields?.first?.code == "records.mention_cannot_read")
            #expect(try refused.error.fields?.first?.message == "Janet Leverling cannot see this record, so cannot be mentioned here.")
            #expect(try await nancy.post("\(path)/comments", json: RecordCommentInput(text: "hi", mentions: [UUID()])).error.fields?.first?.code
                    == "records.mention_unknown")
            #expect(try await nancy.get(path).decode(RecordChatterDTO.self).comments.isEmpty, "a refused comment changes nothing")
            #expect(try await nancy.get("\(path)/mentionable?q=Janet").decode([PersonRef].self).isEmpty)
            #expect(try await nancy.get("\(path)/mentionable?q=Andrew").decode([PersonRef].self).map(\.name) == ["Andrew Fuller"])
            #expect(try await nancy.get("\(path)/mentionable?q=Nancy").decode([PersonRef].self).isEmpty, "not oneself")
        }
    }

    @Test("the chatter of a record one may not read, of an unknown kind or of another company answers 404 and changes nothing")
    func chatterFollowsRecordAccess() async throws {
        try await withAfield { app, client in
            let nancy = try await client.signedIn(Self.nancy)
            let janet = try await client.signedIn(Self.janet)
            let order = try await Self.nancysOrder(nancy)
            let path = "/api/v1/records/sales.order/\(order.id)"
            #expect(try await nancy.get(path).status == .ok)
            #expect(try await janet.get(path).status == .notFound)
            #expect(try await janet.post("\(path)/comments", json: RecordCommentInput(text: "peek")).status == .notFound)
            #expect(try await janet.send(.POST, "\(path)/follow").status == .notFound)
            #expect(try await janet.get("\(path)/history").status == .notFound)
            #expect(try await janet.get("\(path)/attachments").status == .notFound)
            #expect(try await nancy.get("/api/v1/records/sales.nothing/\(order.id)").status == .notFound)
            #expect(try await nancy.get("/api/v1/records/sales.order/\(UUID())").status == .notFound)
            // Approval instances keep their own timeline: no platform comments on them.
            #expect(try await nancy.get("/api/v1/records/approvals.instance/\(UUID())").status == .notFound)
            let registered = try await client.post("/api/v1/auth/register", json: RegisterRequest(
                companyName: "Other Co", name: "Mallory", email: "mallory@other.example", mobile: "+86 138 0013 8000", password: "other company pw"))
            var other = client
            other.token = try registered.decode(SessionResponse.self).token
            #expect(try await other.get(path).status == .notFound)
            #expect(try await other.post("\(path)/comments", json: RecordCommentInput(text: "x")).status == .notFound)
            #expect(try await RecordComment.query(on: app.db).count() == 0)
            #expect(try await RecordFollower.query(on: app.db).count() == 0)
        }
    }

    @Test("a comment's text follows the text rules: required, at most 4,000 characters, line breaks but no control characters")
    func commentText() async throws {
        try await withAfield { _, client in
            let nancy = try await client.signedIn(Self.nancy)
            let order = try await Self.nancysOrder(nancy)
            let path = "/api/v1/records/sales.order/\(order.id)/comments"
            #expect(try await nancy.post(path, json: RecordCommentInput(text: " \n ")).error.fields?.first?.code == "field.required")
            #expect(try await nancy.post(path, json: RecordCommentInput(text: "a\u{0}b")).error.fields?.first?.code == "text.control_characters")
            #expect(try await nancy.post(path, json: RecordCommentInput(text: "evil \u{202E}txt")).error.fields?.first?.code == "text.control_characters")
            let long = try await nancy.inLanguage("zh-CN").post(path, json: RecordCommentInput(text: String(repeating: "长", count: 4001)))
            #expect(try long.error.fields?.first?.code == "text.too_long")
            #expect(try await nancy.post(path, json: RecordCommentInput(text: String(repeating: "长", count: 4000))).status == .created)
        }
    }

    @Test("authors edit and delete their own comments with the version read; others may not; every chatter change is audited")
    func editDeleteAndAudit() async throws {
        try await withAfield { app, client in
            let admin = try await client.signedIn()
            let nancy = try await client.signedIn(Self.nancy)
            let order = try await Self.nancysOrder(nancy)
            let path = "/api/v1/records/sales.order/\(order.id)"
            let comment: RecordCommentDTO = try await nancy.post("\(path)/comments", json: RecordCommentInput(text: "first")).decode()
            let edited: RecordCommentDTO = try await nancy.send(.PATCH, "\(path)/comments/\(comment.id)",
                                                                json: RecordCommentUpdate(text: "first, corrected", version: 1)).decode()
            #expect(edited.text == "first, corrected" && edited.version == 2 && edited.editedAt != nil)
            let stale = try await nancy.send(.PATCH, "\(path)/comments/\(comment.id)", json: RecordCommentUpdate(text: "again", version: 1))
            #expect(stale.status == .conflict)
            let notMine = try await admin.send(.PATCH, "\(path)/comments/\(comment.id)", json: RecordCommentUpdate(text: "mine now", version: 2))
            #expect(notMine.status == .forbidden)
            #expect(try notMine.error.code == "records.comment.not_author")
            #expect(try await admin.send(.DELETE, "\(path)/comments/\(comment.id)").status == .forbidden)
            #expect(try await nancy.send(.DELETE, "\(path)/comments/\(comment.id)?version=1").status == .conflict)

            #expect(try await nancy.send(.DELETE, "\(path)/follow").status == .ok)
            #expect(try await nancy.get(path).decode(RecordChatterDTO.self).following == false)
            #expect(try await nancy.send(.POST, "\(path)/follow").decode([PersonRef].self).map(\.name).contains("Nancy Davolio"))
            let file = try await Self.upload(nancy)
            #expect(try await nancy.post("\(path)/attachments", json: RecordAttachInput(fileId: file.id)).status == .created)
            #expect(try await nancy.post("\(path)/attachments", json: RecordAttachInput(fileId: file.id)).status == .conflict)
            #expect(try await nancy.send(.DELETE, "\(path)/attachments/\(file.id)").status == .noContent)
            #expect(try await nancy.send(.DELETE, "\(path)/comments/\(comment.id)?version=2").status == .noContent)
            #expect(try await nancy.get(path).decode(RecordChatterDTO.self).comments.isEmpty)

            let entries = try await AuditEntry.query(on: app.db).filter(\.$entity ~~ ["records.comment", "records.follower", "records.attachment"])
                .sort(\.$seq).all()
            #expect(entries.map { "\($0.entity) \($0.action)" } == [
                "records.comment create", "records.comment update", "records.follower unfollow", "records.follower follow",
                "records.attachment attach", "records.attachment detach", "records.comment delete",
            ])
            let deleted = try #require(entries.last)
            #expect(deleted.changes.contains(#""text":{"before":"first, corrected"}"#))
            #expect(entries.allSatisfy { $0.actorName == "Nancy Davolio" })
        }
    }

    @Test("a file attached to an order is read only by those who may read the order — also through /files/{id}; unattached, only by its uploader")
    func attachmentsFollowTheRecord() async throws {
        try await withAfield { _, client in
            let admin = try await client.signedIn()
            let nancy = try await client.signedIn(Self.nancy)
            let janet = try await client.signedIn(Self.janet)
            let order = try await Self.nancysOrder(nancy)
            let path = "/api/v1/records/sales.order/\(order.id)"
            let file = try await Self.upload(nancy, "signed delivery note", name: "签收单.txt")
            // Not attached yet: its uploader's alone.
            #expect(try await nancy.get("/api/v1/files/\(file.id)").status == .ok)
            #expect(try await janet.get("/api/v1/files/\(file.id)").status == .notFound)
            #expect(try await admin.get("/api/v1/files/\(file.id)").status == .notFound)

            let attached: RecordAttachmentDTO = try await nancy.post("\(path)/attachments", json: RecordAttachInput(fileId: file.id)).decode()
            #expect(attached.file == file)
            #expect(attached.attachedBy.name == "Nancy Davolio")
            #expect(try await nancy.get("\(path)/attachments").decode([RecordAttachmentDTO].self).map(\.file.id) == [file.id])
            #expect(try await nancy.get("/api/v1/files/\(file.id)").body == Data("signed delivery note".utf8))
            #expect(try await admin.get("/api/v1/files/\(file.id)").status == .ok, "the administrator may read every order")
            #expect(try await janet.get("/api/v1/files/\(file.id)").status == .notFound, "Janet may not read Nancy's order")
            #expect(try await janet.get("/api/v1/files/\(file.id)/meta").status == .notFound)

            // Janet cannot open the file by attaching it to an order of her own.
            let janetsOrder = try await Self.nancysOrder(janet)
            let sneaky = try await janet.post("/api/v1/records/sales.order/\(janetsOrder.id)/attachments", json: RecordAttachInput(fileId: file.id))
            #expect(sneaky.status == .unprocessableEntity)
            #expect(try sneaky.error.fields?.first?.code == "records.file_unknown")
            #expect(try await janet.get("/api/v1/files/\(file.id)").status == .notFound)
        }
    }

    @Test("a file in an approval comment is read by those who take part in the approval, not by other colleagues")
    func approvalAttachmentsFollowTheInstance() async throws {
        try await withAfield { _, client in
            let admin = try await client.signedIn()
            let nancyID = try await admin.get("/api/v1/auth/users?q=nancy.davolio@").decode(AfieldAPI.Page<UserDTO>.self).items[0].id
            let flow = #"{"subject":"sales.order","name":"Nancy approves","definition":{"nodes":[{"id":"n","type":"approver","approvers":[{"kind":"users","userIds":["\#(nancyID)"]}]}]}}"#
            #expect(try await admin.send(.POST, "/api/v1/approvals/flows", raw: flow).status == .created)
            let order: OrderDetail = try await admin.post("/api/v1/sales/orders", json: try await OrderFixtures.load(admin).input()).decode()
            #expect(try await admin.send(.POST, "/api/v1/sales/orders/\(order.order.id)/confirm").status == .ok)
            let nancy = try await client.signedIn(Self.nancy)
            let janet = try await client.signedIn(Self.janet)
            let instance = try #require(try await nancy.get("/api/v1/approvals/instances?box=todo&limit=1").decode(AfieldAPI.Page<ApprovalSummaryDTO>.self).items.first)
            let file = try await Self.upload(nancy, "credit check", name: "credit.txt")
            let commented = try await nancy.post("/api/v1/approvals/instances/\(instance.id)/comment",
                                                 json: ApprovalDecisionRequest(comment: "see the credit check", attachments: [file.id]))
            #expect(commented.status == .ok, "\(commented.text)")
            #expect(try await nancy.get("/api/v1/files/\(file.id)").status == .ok)
            #expect(try await admin.get("/api/v1/files/\(file.id)").status == .ok, "the requester takes part")
            #expect(try await janet.get("/api/v1/files/\(file.id)").status == .notFound, "Janet takes no part in it")
            // Nor can Janet put it on an approval of her own.
            #expect(try await janet.get("/api/v1/records/approvals.instance/\(instance.id)/attachments").status == .notFound)
            #expect(try await nancy.get("/api/v1/records/approvals.instance/\(instance.id)/attachments").decode([RecordAttachmentDTO].self)
                .map(\.file.id) == [file.id])
        }
    }

    @Test("a file in a submitted form is read by those who take part; files named before the upgrade are tied to their instances by the migration")
    func formFilesFollowTheInstance() async throws {
        try await withAfield { app, client in
            let admin = try await client.signedIn()
            let form = try #require(try await admin.get("/api/v1/approvals/forms").decode([ApprovalFormDTO].self).first { $0.templateKey == "general" })
            if form.flowId == nil {
                let flow = #"{"subject":"form.\#(form.id)","name":"General","definition":{"nodes":[{"id":"m","type":"approver","approvers":[{"kind":"manager"}]}]}}"#
                #expect(try await admin.send(.POST, "/api/v1/approvals/flows", raw: flow).status == .created)
            }
            let nancy = try await client.signedIn(Self.nancy)
            let janet = try await client.signedIn(Self.janet)
            let file = try await Self.upload(nancy, "quote from the printer", name: "quote.txt")
            let janetsFile = try await Self.upload(janet, "not Nancy's", name: "other.txt")
            // Naming a file one may not read is refused, as for comments.
            let refused = try await nancy.post("/api/v1/approvals/instances", json: ApprovalSubmitRequest(
                formId: form.id, values: ["title": "Brochures", "details": "500 copies", "attachments": [.string(janetsFile.id.uuidString)]]))
            #expect(refused.status == .unprocessableEntity)
            let submitted = try await nancy.post("/api/v1/approvals/instances", json: ApprovalSubmitRequest(
                formId: form.id, values: ["title": "Brochures", "details": "500 copies", "attachments": [.string(file.id.uuidString)]]))
            #expect(submitted.status == .created, "\(submitted.text)")
            #expect(try await nancy.get("/api/v1/files/\(file.id)").status == .ok)
            #expect(try await admin.get("/api/v1/files/\(file.id)").status == .ok)
            #expect(try await janet.get("/api/v1/files/\(file.id)").status == .notFound)

            // As after an upgrade from a version without file links: the migration ties the form's file again.
            try await FileLink.query(on: app.db).delete()
            #expect(try await admin.get("/api/v1/files/\(file.id)").status == .notFound)
            try await LinkApprovalFiles().prepare(on: app.db)
            #expect(try await FileLink.query(on: app.db).all().map(\.fileID) == [file.id])
            #expect(try await admin.get("/api/v1/files/\(file.id)").status == .ok)
            #expect(try await janet.get("/api/v1/files/\(file.id)").status == .notFound)
        }
    }
}
