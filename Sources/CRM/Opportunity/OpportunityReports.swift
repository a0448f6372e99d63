import AfieldAPI
import Fluent
import Foundation
import Platform

/// The funnel and the weighted forecast (issue 12 points 7 and 9), over the opportunities in
/// the caller's `crm.opportunity` data scope.
struct OpportunityReports: Sendable {
    let context: ServiceContext

    private func scoped() async throws -> QueryBuilder<Opportunity> {
        guard context.actor.holds(CRMModule.opportunityRead) || context.actor.holds(CRMModule.opportunityWrite) else {
            throw DomainError(status: 403, code: "auth.forbidden", params: ["permission": CRMModule.opportunityRead.key])
        }
        let scope = try await context.recordScope(CRMModule.opportunityResource)
        return Opportunity.query(on: context.database).filter(\.$tenantID == context.tenantID).filter(scope: scope, employee: "owner_id", createdBy: nil)
    }

    /// Per stage: the open opportunities in it now (count, amount); for won and lost, those
    /// closed in the period. `reached` counts opportunities created in the period (`from`…`to`,
    /// days in the company's time zone, both optional) that got at least as far as the stage.
    func funnel(from: String?, to: String?) async throws -> FunnelDTO {
        let zone = context.actor.tenant.timeZone
        let (start, end) = try Self.period(from: from, to: to, zone: zone)
        let rows = try await scoped().all()
        let stages = try await Stages(context: context).all().filter { !$0.archived }
        let currency = context.actor.tenant.currency
        func inPeriod(_ date: Date?) -> Bool {
            guard let date else { return start == nil && end == nil }
            return (start.map { date >= $0 } ?? true) && (end.map { date < $0 } ?? true)
        }
        let created = rows.filter { inPeriod($0.createdAt) }
        var result: [FunnelStageDTO] = []
        var base: Int?
        for stage in stages {
            let here: [Opportunity]
            let reached: Int
            switch stage.kind {
            case "open":
                here = rows.filter { $0.stageID == stage.id && $0.state == "open" }
                reached = created.filter { $0.state == "won" || $0.furthestPosition >= stage.position }.count
            default:
                here = rows.filter { $0.state == stage.kind && inPeriod($0.closedAt) }
                reached = created.filter { $0.state == stage.kind }.count
            }
            if base == nil { base = reached }
            let conversion = base.map { $0 == 0 ? "0.0" : FixedDecimal.format(Int64(RoundingRule.halfUp.divide(Int128(reached) * 1000, by: Int128($0))), scale: 1) } ?? "0.0"
            result.append(FunnelStageDTO(stageId: stage.id!, name: stage.name, kind: stage.kind, probability: stage.probability, count: here.count,
                                         amount: Money(minorUnits: here.reduce(0) { $0 + $1.amount }, currency: currency).decimalText,
                                         reached: reached, conversion: conversion))
        }
        return FunnelDTO(currency: currency.code, stages: result)
    }

    /// `months` months from `first` (`YYYY-MM`, default this month): open opportunities by
    /// expected close month with their weighted amount, and what was won in each month.
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
        let rows = try await scoped().filter(\.$state ~~ ["open", "won"]).all()
        let stages = Dictionary(uniqueKeysWithValues: try await Stages(context: context).all().map { ($0.id!, $0.probability) })
        let currency = context.actor.tenant.currency
        return keys.map { month in
            let open = rows.filter { $0.state == "open" && $0.expectedClose?.hasPrefix(month) == true }
            let weighted = open.reduce(Int64(0)) { $0 + Int64(RoundingRule.halfUp.divide(Int128($1.amount) * Int128(stages[$1.stageID] ?? 0), by: 100)) }
            let won = rows.filter { $0.state == "won" && $0.closedAt.map { CalendarDay.string(for: $0, in: zone).hasPrefix(month) } == true }
            return ForecastMonthDTO(month: month, count: open.count, amount: Money(minorUnits: open.reduce(0) { $0 + $1.amount }, currency: currency).decimalText,
                                    weighted: Money(minorUnits: weighted, currency: currency).decimalText,
                                    won: Money(minorUnits: won.reduce(0) { $0 + $1.amount }, currency: currency).decimalText)
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
