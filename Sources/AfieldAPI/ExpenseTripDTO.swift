import Foundation

/// An approved business trip (出差) of the caller that a claim line may name: `id` is the trip's
/// approval instance (what `ExpenseLineInput.tripID` takes); dates `YYYY-MM-DD`.
public struct ExpenseTripDTO: Codable, Sendable, Equatable {
    public var id: UUID
    public var startDate: String
    public var endDate: String
    public var destination: String?
    public init(id: UUID, startDate: String, endDate: String, destination: String?) {
        self.id = id
        self.startDate = startDate
        self.endDate = endDate
        self.destination = destination
    }
}
