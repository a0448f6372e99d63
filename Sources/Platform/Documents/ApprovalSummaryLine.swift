import Foundation

/// One line of a document's card summary in the approval inbox: a label (a message code of the
/// module's catalog, shown in the reader's language) and its value.
public struct ApprovalSummaryLine: Sendable {
    public var labelCode: String
    public var value: ApprovalFact
    /// ISO 4217 code of a `money` value.
    public var currency: String?
    public init(labelCode: String, value: ApprovalFact, currency: String? = nil) {
        self.labelCode = labelCode
        self.value = value
        self.currency = currency
    }
}
