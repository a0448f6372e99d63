import AfieldAPI
import Foundation
import Platform

/// A group's working time, read and checked from ``AfieldAPI/AttendanceScheduleDTO``: fixed
/// hours per weekday, flexible hours around core hours, or shifts from a roster.
/// Times of day are minutes after local midnight (0…1439).
struct AttendanceSchedule: Sendable, Equatable {
    struct Hours: Sendable, Equatable {
        var start: Int
        var end: Int
        /// Whether the hours end on the next day (22:00–06:00).
        var crossesMidnight: Bool { end <= start }
    }

    enum Kind: Sendable, Equatable {
        /// Hours by ISO weekday; weekdays without hours rest.
        case fixed([Int: Hours])
        case flexible(restWeekdays: Set<Int>, core: Hours, requiredMinutes: Int)
        /// Shifts by key, with their names.
        case shifts([String: (hours: Hours, name: String)])

        static func == (a: Kind, b: Kind) -> Bool {
            switch (a, b) {
            case (.fixed(let x), .fixed(let y)): x == y
            case (.flexible(let r1, let c1, let m1), .flexible(let r2, let c2, let m2)): r1 == r2 && c1 == c2 && m1 == m2
            case (.shifts(let x), .shifts(let y)): x.mapValues(\.hours) == y.mapValues(\.hours) && x.mapValues(\.name) == y.mapValues(\.name)
            default: false
            }
        }
    }

    var kind: Kind

    /// The weekly rest days this schedule itself implies (nil for shifts: the roster decides).
    var restWeekdays: Set<Int>? {
        switch kind {
        case .fixed(let hours): Set(1...7).subtracting(hours.keys)
        case .flexible(let rest, _, _): rest
        case .shifts: nil
        }
    }

    /// `HH:mm` → minutes after midnight; nil when not a time of day.
    static func minutes(_ text: String?) -> Int? {
        guard let text, text.count == 5, text.dropFirst(2).first == ":", let h = Int(text.prefix(2)), let m = Int(text.suffix(2)),
              (0...23).contains(h), (0...59).contains(m), text.allSatisfy({ $0.isASCII }) else { return nil }
        return h * 60 + m
    }

    /// Minutes after midnight → `HH:mm`.
    static func clock(_ minutes: Int) -> String { String(format: "%02d:%02d", minutes / 60 % 24, minutes % 60) }

    /// Reads `dto`, appending a problem (paths under `schedule.`) for each thing wrong.
    static func read(_ dto: AttendanceScheduleDTO, problems: inout [DomainError.Field]) -> AttendanceSchedule? {
        let before = problems.count
        func hours(_ start: String?, _ end: String?, _ path: String) -> Hours? {
            guard let s = minutes(start) else { problems.append(.init("\(path).start", "attendance.schedule.bad_time")); return nil }
            guard let e = minutes(end) else { problems.append(.init("\(path).end", "attendance.schedule.bad_time")); return nil }
            guard s != e else { problems.append(.init("\(path).end", "attendance.schedule.empty_hours")); return nil }
            return Hours(start: s, end: e)
        }
        func weekdays(_ values: [Int]?, _ path: String) -> Set<Int> {
            for (i, d) in (values ?? []).enumerated() where !(1...7).contains(d) { problems.append(.init("\(path)[\(i)]", "attendance.bad_weekday")) }
            return Set((values ?? []).filter { (1...7).contains($0) })
        }
        switch dto.kind {
        case "fixed":
            var table: [Int: Hours] = [:]
            for (i, day) in (dto.weekdays ?? []).enumerated() {
                let path = "schedule.weekdays[\(i)]"
                guard (1...7).contains(day.weekday) else { problems.append(.init("\(path).weekday", "attendance.bad_weekday")); continue }
                guard table[day.weekday] == nil else { problems.append(.init("\(path).weekday", "attendance.schedule.weekday_twice")); continue }
                if let h = hours(day.start, day.end, path) { table[day.weekday] = h }
            }
            if table.isEmpty && problems.count == before { problems.append(.init("schedule.weekdays", "attendance.schedule.no_working_day")) }
            return problems.count == before ? AttendanceSchedule(kind: .fixed(table)) : nil
        case "flexible":
            let rest = weekdays(dto.restWeekdays, "schedule.restWeekdays")
            if rest.count == 7 { problems.append(.init("schedule.restWeekdays", "attendance.schedule.no_working_day")) }
            let core = hours(dto.coreStart, dto.coreEnd, "schedule.core")
            if let core, core.crossesMidnight { problems.append(.init("schedule.coreEnd", "attendance.schedule.core_overnight")) }
            guard let required = dto.requiredMinutes, (1...1440).contains(required) else {
                problems.append(.init("schedule.requiredMinutes", "attendance.schedule.bad_required"))
                return nil
            }
            guard let core, problems.count == before else { return nil }
            return AttendanceSchedule(kind: .flexible(restWeekdays: rest, core: core, requiredMinutes: required))
        case "shifts":
            var table: [String: (hours: Hours, name: String)] = [:]
            for (i, shift) in (dto.shifts ?? []).enumerated() {
                let path = "schedule.shifts[\(i)]"
                let key = shift.key.trimmingCharacters(in: .whitespaces)
                guard !key.isEmpty, key.count <= 8, key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
                    problems.append(.init("\(path).key", "attendance.schedule.bad_shift_key")); continue
                }
                guard table[key] == nil else { problems.append(.init("\(path).key", "attendance.schedule.shift_twice")); continue }
                guard let name = AttendanceInput.name(shift.name, max: 40, path: "\(path).name", problems: &problems) else { continue }
                if let h = hours(shift.start, shift.end, path) { table[key] = (h, name) }
            }
            if table.isEmpty && problems.count == before { problems.append(.init("schedule.shifts", "attendance.schedule.no_shift")) }
            return problems.count == before ? AttendanceSchedule(kind: .shifts(table)) : nil
        default:
            problems.append(.init("schedule.kind", "attendance.schedule.bad_kind"))
            return nil
        }
    }

    /// The schedule as the API and the database keep it.
    var dto: AttendanceScheduleDTO {
        switch kind {
        case .fixed(let table):
            AttendanceScheduleDTO(kind: "fixed", weekdays: table.keys.sorted().map { d in
                WorkHoursDTO(weekday: d, start: Self.clock(table[d]!.start), end: Self.clock(table[d]!.end))
            })
        case .flexible(let rest, let core, let required):
            AttendanceScheduleDTO(kind: "flexible", restWeekdays: rest.sorted(), coreStart: Self.clock(core.start), coreEnd: Self.clock(core.end),
                                  requiredMinutes: required)
        case .shifts(let table):
            AttendanceScheduleDTO(kind: "shifts", shifts: table.keys.sorted().map { k in
                ShiftDTO(key: k, name: table[k]!.name, start: Self.clock(table[k]!.hours.start), end: Self.clock(table[k]!.hours.end))
            })
        }
    }

    /// The schedule as stored (``AttendanceScheduleDTO`` as JSON; encoding such a value cannot fail).
    var json: String { String(decoding: (try? JSONEncoder.sorted.encode(dto)) ?? Data("{}".utf8), as: UTF8.self) }

    /// The schedule stored in `json` (written by ``json``; a fixed 09:00–18:00 Monday–Friday if unreadable).
    static func stored(_ json: String) -> AttendanceSchedule {
        var problems: [DomainError.Field] = []
        if let dto = try? JSONDecoder().decode(AttendanceScheduleDTO.self, from: Data(json.utf8)), let schedule = read(dto, problems: &problems) {
            return schedule
        }
        return .officeHours
    }

    /// Monday to Friday, 09:00–18:00.
    static let officeHours = AttendanceSchedule(kind: .fixed(Dictionary(uniqueKeysWithValues: (1...5).map { ($0, Hours(start: 540, end: 1080)) })))
}

extension JSONEncoder {
    /// Keys sorted: the same value always gives the same text.
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}
