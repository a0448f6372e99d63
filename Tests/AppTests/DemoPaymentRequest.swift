import AfieldAPI
import AfieldTesting
import Foundation

extension APIClient {
    /// The demo company's payment request (form template `paymentRequest`): 240.00 to Exotic Liquids for
    /// syrup, submitted by this client's user; its flow goes to the requester's manager.
    /// - Throws: when the form is missing or the submission is not 201.
    func submitDemoPaymentRequest() async throws -> ApprovalInstanceDTO {
        let forms: [ApprovalFormDTO] = try await get("/api/v1/approvals/forms").decode()
        guard let payment = forms.first(where: { $0.templateKey == "paymentRequest" }) else { throw TestFailure("no payment request form") }
        let submitted = try await post("/api/v1/approvals/instances", json: ApprovalSubmitRequest(formId: payment.id, values: [
            "payee": "Exotic Liquids", "amount": "240.00", "items": .array([.object(["description": "Syrup", "amount": "240.00"])]),
        ]))
        guard submitted.status == .created else { throw TestFailure("payment request not submitted: \(submitted.status) \(submitted.text)") }
        return try submitted.decode()
    }
}
