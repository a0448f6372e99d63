import Fluent
import Foundation
import Platform

/// Text fields of tasks and projects.
enum ProjectsText {
    /// One line, trimmed; nil when blank. Appends `text.control_characters` / `text.too_long`.
    static func line(_ raw: String?, max: Int, path: String, required: Bool = false, problems: inout [DomainError.Field]) -> String? {
        switch TextInput.name(raw, max: max, required: required) {
        case .success(let text): return text
        case .failure(let problem):
            problems.append(problem.field(path))
            return nil
        }
    }

    /// Several lines, trimmed; nil when blank.
    static func note(_ raw: String?, max: Int, path: String, problems: inout [DomainError.Field]) -> String? {
        switch TextInput.note(raw, max: max) {
        case .success(let text): return text
        case .failure(let problem):
            problems.append(problem.field(path))
            return nil
        }
    }
}

/// Hours as the API writes them: hundredths of an hour ↔ decimal text with two decimals.
enum Hours {
    static func text(_ centihours: Int) -> String { FixedDecimal.format(Int64(centihours), scale: 2) }

    /// Parses 0…`max` hours with at most two decimals.
    static func parse(_ text: String, path: String, max: Int = 10_000, problems: inout [DomainError.Field]) -> Int? {
        do {
            let value = try FixedDecimal.parse(text, scale: 2)
            guard value >= 0, value <= Int64(max) * 100 else {
                problems.append(.init(path, "number.range", params: ["min": "0", "max": String(max)]))
                return nil
            }
            return Int(value)
        } catch {
            problems.append(error.field(path))
            return nil
        }
    }
}

/// Employees as tasks need them: name, department, user and that user's time zone.
struct People: Sendable {
    struct Person: Sendable {
        let name: String
        let departmentID: UUID?
        let userID: UUID?
        let timeZone: TimeZone
    }

    let byID: [UUID: Person]

    /// The employees `ids` of company `tenantID` (unknown ids absent); a person without a user
    /// or without a time zone of their own is in `companyZone`.
    static func load(_ ids: Set<UUID>, tenantID: UUID, companyZone: TimeZone, db: any Database) async throws -> People {
        guard !ids.isEmpty else { return People(byID: [:]) }
        let employees = try await Employee.query(on: db).filter(\.$tenantID == tenantID).filter(\.$id ~~ Array(ids)).all()
        let userIDs = employees.compactMap(\.userID)
        let users = userIDs.isEmpty ? [] : try await User.query(on: db).filter(\.$tenantID == tenantID).filter(\.$id ~~ userIDs).all()
        let zones = Dictionary(uniqueKeysWithValues: users.compactMap { user in user.id.map { ($0, user.timeZone.flatMap(TimeZone.init(identifier:))) } })
        return People(byID: Dictionary(uniqueKeysWithValues: employees.compactMap { employee in
            employee.id.map { id in
                (id, Person(name: employee.name, departmentID: employee.departmentID, userID: employee.userID,
                            timeZone: employee.userID.flatMap { zones[$0] ?? nil } ?? companyZone))
            }
        }))
    }

    subscript(_ id: UUID?) -> Person? { id.flatMap { byID[$0] } }
}
