import AfieldAPI
import AfieldTesting
import Foundation
import Testing

/// A task's links to an order and an approval request (issue 13 point 1): a link is to a document
/// its author may open, checked through Sales' and Approvals' public lookups.
@Suite("Projects: a task's order and approval links")
struct TaskLinkTests {
    typealias F = ProjectFixtures

    @Test("a task links only to an order and an approval request its author may open; unknown ones are refused and change nothing")
    func linksAreChecked() async throws {
        try await withAfield(clock: ManualClock(F.monday).clock) { _, client in
            let andrew = try await client.signedIn()
            let nancy = try await client.signedIn(F.nancy)
            let janet = try await client.signedIn(F.janet)
            let input = try await OrderFixtures.load(nancy).input()
            let hers: OrderDetail = try await nancy.post("/api/v1/sales/orders", json: input).decode()
            let andrews: OrderDetail = try await andrew.post("/api/v1/sales/orders", json: input).decode()

            // A general request of Nancy's, approved by her manager.
            let form = try await andrew.get("/api/v1/approvals/forms").decode([ApprovalFormDTO].self).first { $0.templateKey == "general" }!
            if form.flowId == nil {
                let flow = try await andrew.send(.POST, "/api/v1/approvals/flows",
                                                 raw: #"{"subject":"form.\#(form.id)","name":"General","definition":{"nodes":[{"id":"m","type":"approver","approvers":[{"kind":"manager"}]}]}}"#)
                #expect(flow.status == .created, "\(flow.text)")
            }
            let request: ApprovalInstanceDTO = try await nancy.send(.POST, "/api/v1/approvals/instances",
                                                                    raw: #"{"formId":"\#(form.id)","values":{"title":"Samples","details":"for Alfreds"}}"#).decode()

            // Her own order and request: linked.
            let task = try await F.task(nancy, TaskInput(title: "Follow up the samples", orderId: hers.order.id, approvalId: request.summary.id))
            #expect(task.orderId == hers.order.id && task.approvalId == request.summary.id)
            #expect(task.orderNumber == hers.order.number && task.approvalTitle == request.summary.title)

            // An order that does not exist, and one outside her scope (Andrew's): refused, field by field.
            for order in [UUID(), andrews.order.id] {
                let refused = try await nancy.post("/api/v1/projects/tasks", json: TaskInput(title: "Nope", orderId: order))
                #expect(refused.status == .unprocessableEntity, "\(refused.text)")
                #expect(try refused.error.fields?.map(\.field) == ["orderId"])
                #expect(try F.codes(refused) == ["projects.task.unknown_order"])
            }
            // Janet takes no part in Nancy's request: she may not link it; the message is in her language.
            let refused = try await janet.inLanguage("zh-CN").post("/api/v1/projects/tasks", json: TaskInput(title: "Nope", approvalId: request.summary.id))
            #expect(refused.status == .unprocessableEntity)
            #expect(try F.codes(refused) == ["projects.task.unknown_approval"])
            #expect(refused.text.contains("请选择你可以查看的审批"), "\(refused.text)")

            // A change to an unknown link leaves the task as it was.
            let change = try await nancy.send(.PATCH, "/api/v1/projects/tasks/\(task.id)", raw: #"{"version":\#(task.version),"orderId":"\#(UUID())"}"#)
            #expect(change.status == .unprocessableEntity, "\(change.text)")
            let after: TaskDTO = try await nancy.get("/api/v1/projects/tasks/\(task.id)").decode()
            #expect(after.version == task.version && after.orderId == hers.order.id)

            // The administrator may open every order and every request: he links both.
            let his = try await F.task(andrew, TaskInput(title: "Check the request", orderId: hers.order.id, approvalId: request.summary.id))
            #expect(his.orderId == hers.order.id)
            // Nancy's colleague Janet, made a collaborator, sees the task but not the order or the request: their ids, no words.
            let janetID = try await F.employeeID(andrew, "Janet Leverling")
            let shared = try await andrew.send(.PATCH, "/api/v1/projects/tasks/\(his.id)", raw: #"{"version":\#(his.version),"collaboratorIds":["\#(janetID)"]}"#)
            #expect(shared.status == .ok, "\(shared.text)")
            let seen: TaskDTO = try await janet.get("/api/v1/projects/tasks/\(his.id)").decode()
            #expect(seen.orderId == hers.order.id && seen.orderNumber == nil && seen.approvalTitle == nil)
            // Clearing a link needs no check.
            let cleared = try await nancy.send(.PATCH, "/api/v1/projects/tasks/\(task.id)", raw: #"{"version":\#(task.version),"clear":["orderId","approvalId"]}"#)
            #expect(cleared.status == .ok, "\(cleared.text)")
            let plain: TaskDTO = try cleared.decode()
            #expect(plain.orderId == nil && plain.approvalId == nil)
        }
    }
}
