import Foundation
import Platform

/// Reading what people type into attendance forms, as field problems.
enum AttendanceInput {
    /// The cleaned name (``TextInput/name(_:max:required:)``), or nil with its problem at `path`.
    static func name(_ raw: String?, max: Int, path: String, required: Bool = true, problems: inout [DomainError.Field]) -> String? {
        switch TextInput.name(raw, max: max, required: required) {
        case .success(let name): return name
        case .failure(let problem):
            problems.append(problem.field(path))
            return nil
        }
    }

    /// The cleaned note, or nil (empty, or a problem appended at `path`).
    static func note(_ raw: String?, max: Int, path: String, problems: inout [DomainError.Field]) -> String? {
        switch TextInput.note(raw, max: max) {
        case .success(let note): return note
        case .failure(let problem):
            problems.append(problem.field(path))
            return nil
        }
    }

    /// The IANA identifier of `raw`, nil with `attendance.unknown_time_zone` when unknown.
    static func timeZone(_ raw: String, path: String, problems: inout [DomainError.Field]) -> String? {
        let text = raw.trimmingCharacters(in: .whitespaces)
        // Region names only: abbreviations and offsets ignore summer time.
        guard text.contains("/") || text == "UTC", let zone = TimeZone(identifier: text) else {
            problems.append(.init(path, "attendance.unknown_time_zone"))
            return nil
        }
        return zone.identifier
    }
}
