import AfieldAPI
import Fluent
import Foundation
import Platform
import SQLKit

/// The funnel and the weighted forecast (issue 12 points 7 and 9), over the opportunities in
/// the caller's `crm.opportunity` data scope.
struct OpportunityReports: Sendable {
    let context: ServiceContext

    private func scope() async throws -> SQLQueryString {
        guard context.actor.holds(CRMModule.opportunityRead) || context.actor.holds(CRMModule.opportunityWrite) else {
            throw DomainError(status: 403, code: "auth.forbidden", params: ["permission": CRMModule.opportunityRead.key])
        }
        let condition = try await context.recordScope(CRMModule.opportunityResource)
            .condition(table: "crm_opportunities", department: "department_id", employee: "owner_id", createdBy: nil)
        return "crm_opportunities.tenant_id = \(bind: context.tenantID)" + (condition.map { " AND " + $0 } ?? "")
    }

    private var sql: any SQLDatabase { context.database as! any SQLDatabase }

    private struct Group: Decodable {
        let key: String?
        let stage_id: UUID?
        let position: Int?
        let n: Int
        let amount: Int64?
    }

    /// Per stage: the open opportunities in it now (count, amount); for won and lost, those
    /// closed in the period. `reached` counts opportunities created in the period (`from`…`to`,
    /// days in the company's time zone, both optional) that got at least as far as the stage.
    /// SQL aggregates: one grouped query each for the open stages, the closed ones and the reach.
    func funnel(from: String?, to: String?) async throws -> FunnelDTO {
        let zone = context.actor.tenant.timeZone
        let (start, end) = try Self.period(from: from, to: to, zone: zone)
        let scope = try await scope()
        func within(_ column: String) -> SQLQueryString {
            var condition: SQLQueryString = ""
            if start == nil, end == nil, column == "closed_at" { return " AND closed_at IS NOT NULL" }
            if let start { condition = condition + " AND \(ident: column) >= \(bind: start)" }
            if let end { condition = condition + " AND \(ident: column) < \(bind: end)" }
            return condition
        }
        let open = try await sql.raw("SELECT stage_id, COUNT(*) AS n, CAST(SUM(amount) AS BIGINT) AS amount FROM crm_opportunities WHERE " + scope
            + " AND state = 'open' GROUP BY stage_id").all(decoding: Group.self)
        let closed = try await sql.raw("SELECT state AS key, COUNT(*) AS n, CAST(SUM(amount) AS BIGINT) AS amount FROM crm_opportunities WHERE " + scope
            + " AND state IN ('won', 'lost')" + within("closed_at") + " GROUP BY state").all(decoding: Group.self)
        let reach = try await sql.raw("SELECT state AS key, furthest_position AS position, COUNT(*) AS n FROM crm_opportunities WHERE " + scope
            + within("created_at") + " GROUP BY state, furthest_position").all(decoding: Group.self)
        let stages = try await Stages(context: context).all().filter { !$0.archived }
        let currency = context.actor.tenant.currency
        var result: [FunnelStageDTO] = []
        var base: Int?
        for stage in stages {
            let here: (count: Int, amount: Int64)
            let reached: Int
            switch stage.kind {
            case "open":
                let rows = open.filter { $0.stage_id == stage.id }
                here = (rows.reduce(0) { $0 + $1.n }, rows.reduce(0) { $0 + ($1.amount ?? 0) })
                reached = reach.filter { $0.key == "won" || ($0.position ?? -1) >= stage.position }.reduce(0) { $0 + $1.n }
            default:
                let rows = closed.filter { $0.key == stage.kind }
                here = (rows.reduce(0) { $0 + $1.n }, rows.reduce(0) { $0 + ($1.amount ?? 0) })
                reached = reach.filter { $0.key == stage.kind }.reduce(0) { $0 + $1.n }
            }
            if base == nil { base = reached }
            let conversion = base.map { $0 == 0 ? "0.0" : FixedDecimal.format(Int64(RoundingRule.halfUp.divide(Int128(reached) * 1000, by: Int128($0))), scale: 1) } ?? "0.0"
            result.append(FunnelStageDTO(stageId: stage.id!, name: stage.name, kind: stage.kind, probability: stage.probability, count: here.count,
                                         amount: Money(minorUnits: here.amount, currency: currency).decimalText,
                                         reached: reached, conversion: conversion))
        }
        return FunnelDTO(currency: currency.code, stages: result)
    }

    /// `months` months from `first` (`YYYY-MM`, default this month): open opportunities by
    /// expected close month with their weighted amount (each month and stage's sum × the
    /// stage's probability, rounded half up once), and what was won in each month.
    func forecast(first: String?, months: Int) async throws -> [ForecastMonthDTO] {
        let zone = context.actor.tenant.timeZone
        let start = first ?? String(context.today().prefix(7))
        guard start.count == 7, CalendarDay.isValid(start + "-01") else { throw DomainError.invalid([.init("from", "crm.forecast.month")]) }
        guard (1...24).contains(months) else { throw DomainError.invalid([.init("months", "request.invalid_value")]) }
        var keys: [String] = []
        var day = start + "-01"
        for _ in 0..<months {
            keys.append(String(day.prefix(7)))
            day = WorkingDaysRange.firstOfNextMonth(day)
        }
        let scope = try await scope()
        let firstDay = keys[0] + "-01"
        let open = try await sql.raw("SELECT SUBSTR(expected_close, 1, 7) AS key, stage_id, COUNT(*) AS n, CAST(SUM(amount) AS BIGINT) AS amount FROM crm_opportunities WHERE "
            + scope + " AND state = 'open' AND expected_close >= \(bind: firstDay) AND expected_close < \(bind: day)"
            + " GROUP BY SUBSTR(expected_close, 1, 7), stage_id").all(decoding: Group.self)
        // Won amounts by the month they closed in the company's time zone: the instants of the
        // window (at most a day wider on each side) are read and placed here.
        let (from, to) = try Self.period(from: firstDay, to: CalendarDay.adding(-1, to: day), zone: zone)
        struct Won: Decodable { let closed_at: Date; let amount: Int64 }
        var wonQuery: SQLQueryString = "SELECT closed_at, amount FROM crm_opportunities WHERE " + scope + " AND state = 'won'"
        if let from { wonQuery = wonQuery + " AND closed_at >= \(bind: from)" }
        if let to { wonQuery = wonQuery + " AND closed_at < \(bind: to)" }
        var won: [String: Int64] = [:]
        for row in try await sql.raw(wonQuery).all(decoding: Won.self) { won[String(CalendarDay.string(for: row.closed_at, in: zone).prefix(7)), default: 0] += row.amount }
        let stages = Dictionary(uniqueKeysWithValues: try await Stages(context: context).all().map { ($0.id!, $0.probability) })
        let currency = context.actor.tenant.currency
        return keys.map { month in
            let rows = open.filter { $0.key == month }
            let weighted = rows.reduce(Int64(0)) { $0 + Int64(RoundingRule.halfUp.divide(Int128($1.amount ?? 0) * Int128($1.stage_id.flatMap { stages[$0] } ?? 0), by: 100)) }
            return ForecastMonthDTO(month: month, count: rows.reduce(0) { $0 + $1.n },
                                    amount: Money(minorUnits: rows.reduce(0) { $0 + ($1.amount ?? 0) }, currency: currency).decimalText,
                                    weighted: Money(minorUnits: weighted, currency: currency).decimalText,
                                    won: Money(minorUnits: won[month] ?? 0, currency: currency).decimalText)
        }
    }

    /// Instants bounding the days `from`…`to` (inclusive) in `zone`.
    static func period(from: String?, to: String?, zone: TimeZone) throws -> (Date?, Date?) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        func start(_ day: String, path: String) throws -> Date {
            let parts = day.split(separator: "-").compactMap { Int($0) }
            guard CalendarDay.isValid(day), parts.count == 3,
                  let date = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])) else {
                throw DomainError.invalid([.init(path, "request.invalid_date")])
            }
            return date
        }
        let a = try from.map { try start($0, path: "from") }
        let b = try to.map { try start($0, path: "to") }.flatMap { calendar.date(byAdding: .day, value: 1, to: $0) }
        return (a, b)
    }
}

/// Month arithmetic on `YYYY-MM-DD` texts.
enum WorkingDaysRange {
    /// The first day of the month after `day`'s.
    static func firstOfNextMonth(_ day: String) -> String {
        let parts = day.split(separator: "-").compactMap { Int($0) }
        guard parts.count >= 2 else { return day }
        let (year, month) = parts[1] == 12 ? (parts[0] + 1, 1) : (parts[0], parts[1] + 1)
        return String(format: "%04d-%02d-01", year, month)
    }
}
