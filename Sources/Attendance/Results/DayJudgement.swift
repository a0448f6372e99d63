import AfieldAPI
import Foundation
import Platform

/// A punch as a day's judgement sees it.
struct PunchFact: Sendable, Equatable {
    var at: Date
    var field: Bool
}

/// Approved time away or extra time on one day of one person, as the modules that own it
/// (Leave, trips, outings, overtime) report it through ``AttendanceAbsences``.
public struct AbsenceFact: Sendable, Equatable {
    public enum Kind: String, Sendable { case leave, trip, outing, overtime }

    /// Which part of the day: the owner of the fact need not know the person's hours.
    public enum Portion: Sendable, Equatable {
        case wholeDay
        /// From the planned start to the middle of the planned hours.
        case firstHalf
        /// From the middle of the planned hours to the planned end.
        case secondHalf
        /// The first minutes of the planned hours (hourly leave).
        case firstMinutes(Int)
        /// Between two instants.
        case span(Date, Date)
    }

    public var kind: Kind
    /// The leave type (`annual`, `sick`, …) for leave.
    public var type: String?
    public var portion: Portion
    /// Leave charged on this day in the type's unit (`0.5` days, `2` hours), for the month's
    /// leave by type.
    public var amount: Decimal?
    /// Approved overtime minutes on this day.
    public var minutes: Int?
    public init(kind: Kind, type: String? = nil, portion: Portion = .wholeDay, amount: Decimal? = nil, minutes: Int? = nil) {
        self.kind = kind
        self.type = type
        self.portion = portion
        self.amount = amount
        self.minutes = minutes
    }

    /// The instants covered on a day planned `start`…`end`.
    func covers(start: Date, end: Date) -> (Date, Date) {
        let middle = start.addingTimeInterval(end.timeIntervalSince(start) / 2)
        switch portion {
        case .wholeDay: return (start, end)
        case .firstHalf: return (start, middle)
        case .secondHalf: return (middle, end)
        case .firstMinutes(let minutes): return (start, min(end, start.addingTimeInterval(Double(minutes) * 60)))
        case .span(let from, let to): return (from, to)
        }
    }
}

/// The rules that judge a working day (a group's thresholds), DingTalk's way: times count in
/// whole minutes; a first punch up to `graceLate` after the start is on time, later it is late
/// by the minutes after the start; a last punch up to `graceEarly` before the end is on time;
/// late or early by more than `absentAfter` is absence (旷工). A day is judged once its window has
/// closed; until then only what has happened shows (late, on time) and a day without punches is
/// `upcoming`.
struct DayJudge: Sendable {
    var graceLate = 0
    var graceEarly = 0
    var absentAfter = 240

    func judge(_ plan: DayPlan, punches: [PunchFact], absences: [AbsenceFact], now: Date) -> DailyResultDTO {
        let sorted = punches.sorted { $0.at < $1.at }
        let first = sorted.first?.at
        let last = sorted.count >= 2 ? sorted.last?.at : nil
        let worked = first.flatMap { f in last.map { Self.minute($0) - Self.minute(f) } } ?? 0
        var statuses: [String] = []
        var late = 0, early = 0
        var leave: [String: Decimal] = [:]
        for a in absences where a.kind == .leave { if let amount = a.amount, amount > 0 { leave[a.type ?? "leave", default: 0] += amount } }
        let overtime = absences.filter { $0.kind == .overtime }.compactMap(\.minutes).reduce(0, +)
        func result() -> DailyResultDTO {
            if overtime > 0 { statuses.append("overtime") }
            if sorted.contains(where: \.field), !statuses.contains("field") { statuses.append("field") }
            return DailyResultDTO(date: plan.date, kind: plan.kind.rawValue, shift: plan.shift, start: plan.hours.map { AttendanceSchedule.clock($0.start) },
                                  end: plan.hours.map { AttendanceSchedule.clock($0.end) }, firstPunch: first, lastPunch: last ?? nil,
                                  punchCount: sorted.count, workedMinutes: worked, lateMinutes: late, earlyMinutes: early, overtimeMinutes: overtime,
                                  statuses: statuses, leave: leave.mapValues(Self.text))
        }
        guard plan.kind == .workday, var from = plan.start, var to = plan.end else {
            statuses.append(plan.kind.rawValue)
            return result()
        }
        // Approved time away moves the edges it covers; covering the whole day, it is the day.
        var whole: [String] = []
        let planned = (from, to)
        for a in absences where a.kind != .overtime {
            let (start, end) = a.covers(start: planned.0, end: planned.1)
            guard start < to && end > from else { continue }
            let names = a.kind == .leave ? ["onLeave"] : a.kind == .trip ? ["onTrip", "field"] : ["outing", "field"]
            if start <= from && end >= to { whole += names; continue }
            if start <= from { from = end } else if end >= to { to = start }
            statuses += names
        }
        if !whole.isEmpty {
            statuses += whole
            statuses = Self.unique(statuses)
            return result()
        }
        let closed = now >= plan.windowEnd
        func lateness(_ p: Date) -> Int { let m = Self.minute(p) - Self.minute(from); return m > graceLate ? m : 0 }
        func earliness(_ p: Date) -> Int { let m = Self.minute(to) - Self.minute(p); return m > graceEarly ? m : 0 }
        if sorted.isEmpty {
            statuses.append(closed ? "absent" : "upcoming")
            statuses = Self.unique(statuses)
            return result()
        }
        var missing = false
        if let only = first, sorted.count == 1 {
            // A lone punch: a check-in while the day is on; once over, a check-in if before the
            // middle of the day, else a check-out without a check-in.
            let middle = from.addingTimeInterval(to.timeIntervalSince(from) / 2)
            if !closed || only < middle { late = lateness(only) } else { early = earliness(only) }
            missing = closed
        } else if let first, let last {
            late = lateness(first)
            if closed || last >= to { early = earliness(last) }
            if closed, let required = plan.requiredMinutes, worked < required {
                let short = required - worked
                if short > graceEarly { early = max(early, short) }
            }
        }
        if late > absentAfter || early > absentAfter {
            statuses.append("absent")
        } else {
            if late > 0 { statuses.append("late") }
            if early > 0 { statuses.append("leftEarly") }
        }
        if missing { statuses.append("missingPunch") }
        if !statuses.contains(where: { ["absent", "late", "leftEarly", "missingPunch"].contains($0) }) { statuses.append("onTime") }
        statuses = Self.unique(statuses)
        return result()
    }

    /// Whole minutes since 1970 (a punch at 09:00:59 is a punch at 09:00).
    static func minute(_ date: Date) -> Int { Int((date.timeIntervalSince1970 / 60).rounded(.down)) }

    /// A day count as text, rounded half-up to 2 places, without trailing zeros (`0.5`, `2`).
    static func text(_ value: Decimal) -> String {
        var input = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &input, 2, .plain)
        return "\(rounded)"
    }

    static func unique(_ values: [String]) -> [String] {
        var seen: Set<String> = []
        return values.filter { seen.insert($0).inserted }
    }
}
