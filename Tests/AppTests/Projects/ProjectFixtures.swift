import AfieldAPI
import AfieldTesting
import Foundation
import Testing

/// People and times the Projects tests share.
enum ProjectFixtures {
    static let andrew = "andrew.fuller@northwind.example"
    static let nancy = "nancy.davolio@northwind.example"
    static let janet = "janet.leverling@northwind.example"

    /// Monday 2026-12-07, 12:00 UTC (04:00 in the demo company's America/Los_Angeles).
    static let monday = Date(timeIntervalSince1970: 1_796_644_800)

    /// An instant written as ISO 8601 (UTC).
    static func at(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    static func employeeID(_ api: APIClient, _ name: String) async throws -> UUID {
        let answer = try await api.get("/api/v1/org/employees?q=\(name.replacingOccurrences(of: " ", with: "%20"))")
        #expect(answer.status == .ok, "\(answer.text)")
        return try answer.decode(Page<EmployeeDTO>.self).items[0].id
    }

    /// A task created by `api`; fails the test unless it is created.
    static func task(_ api: APIClient, _ input: TaskInput) async throws -> TaskDTO {
        let answer = try await api.post("/api/v1/projects/tasks", json: input)
        #expect(answer.status == .created, "\(answer.text)")
        return try answer.decode()
    }

    /// A project created by `api`; fails the test unless it is created.
    static func project(_ api: APIClient, _ input: ProjectInput) async throws -> ProjectDTO {
        let answer = try await api.post("/api/v1/projects/projects", json: input)
        #expect(answer.status == .created, "\(answer.text)")
        return try answer.decode()
    }

    /// The codes of the field errors of a refused request.
    static func codes(_ answer: APIClient.Answer) throws -> [String] { try answer.error.fields?.map(\.code) ?? [try answer.error.code] }
}
