import AfieldAPI
import Foundation
import Vapor

/// An action a list offers on several selected records at once (archive, assign, approve…).
///
/// `run` is the single action's own code path for one record: it checks the same permission and
/// data scope, writes in its own transaction (a savepoint when the request runs as one) and
/// writes the same audit entry, so a bulk action is exactly the single action repeated. What
/// refuses one record (a ``DomainError``) is reported for that record; the others go on.
public struct ListBulkAction: Sendable {
    /// Most records in one bulk request or one export of a selection.
    public static let maximumItems = 200

    /// URL segment, e.g. `archive`.
    public let key: String
    /// Message code of the action's name, e.g. `partners.bulk.archive`.
    public let label: String
    public let permission: Permission
    /// nil, `reference` or `text`: what `value` the action needs.
    public let valueKind: String?
    public let run: @Sendable (_ context: ServiceContext, _ id: UUID, _ value: String?) async throws -> Void

    public init(_ key: String, label: String, permission: Permission, valueKind: String? = nil,
                run: @escaping @Sendable (_ context: ServiceContext, _ id: UUID, _ value: String?) async throws -> Void) {
        self.key = key
        self.label = label
        self.permission = permission
        self.valueKind = valueKind
        self.run = run
    }

    /// Runs the action on each id of `body`, in order, and reports per record.
    /// - Throws: 422 `list.bulk_empty` / `list.too_many_ids` for no ids or too many;
    ///   `list.bulk_value_required` when the action needs a value and none came.
    func perform(_ body: ListBulkRequest, context: ServiceContext) async throws -> ListBulkResultDTO {
        var ids: [UUID] = []
        for id in body.ids where !ids.contains(id) { ids.append(id) }
        guard !ids.isEmpty else { throw DomainError.invalid([.init("ids", "list.bulk_empty")]) }
        guard ids.count <= Self.maximumItems else {
            throw DomainError.invalid([.init("ids", "list.too_many_ids", params: ["max": String(Self.maximumItems)])])
        }
        let value = body.value?.trimmingCharacters(in: .whitespaces)
        if valueKind != nil && (value ?? "").isEmpty { throw DomainError.invalid([.init("value", "list.bulk_value_required")]) }
        if valueKind == "reference", let value, UUID(uuidString: value) == nil {
            throw DomainError.invalid([.init("value", "list.bulk_invalid_value")])
        }
        let describer = APIErrorMiddleware(catalog: context.application.afield.catalog)
        var items: [ListBulkResultDTO.Item] = []
        for id in ids {
            do {
                try await run(context, id, value)
                items.append(.init(id: id, outcome: "done"))
            } catch let refusal as DomainError where refusal.status < 500 {
                let detail = describer.detail(refusal, context.language)
                let message = detail.fields?.first?.message ?? detail.message
                items.append(.init(id: id, outcome: "refused", code: detail.fields?.first?.code ?? detail.code, message: message))
            }
        }
        return ListBulkResultDTO(items: items)
    }
}
