import AfieldAPI
import Fluent
import Foundation
import Partners
import Platform
import SQLKit

/// The CRM reports (issue 12 point 9) as SQL aggregates, every figure within the reader's data
/// scopes: customers by `partners.customer` (through Partners' ``CustomerFigures``), leads by
/// `crm.lead`, visits and follow-ups by one's own plus `crm.activity`, opportunities by
/// `crm.opportunity`. Periods are days in the reader's time zone, both ends included; without
/// them, the last 12 weeks up to today.
struct CRMReports: Sendable {
    let context: ServiceContext

    static let defaultDays = 84

    private var sql: any SQLDatabase { context.database as! any SQLDatabase }

    /// The period's days and the instants bounding them.
    func period(from: String?, to: String?) throws -> (from: String, to: String, start: Date, end: Date) {
        let zone = context.actor.timeZone
        let last = to ?? context.today()
        let first = from ?? CalendarDay.adding(-(Self.defaultDays - 1), to: last) ?? last
        let (start, end) = try OpportunityReports.period(from: first, to: last, zone: zone)
        guard let start, let end else { throw DomainError.invalid([.init("from", "request.invalid_date")]) }
        guard first <= last else { throw DomainError.invalid([.init("to", "crm.report.period")]) }
        guard let span = CalendarDay.days(from: first, to: last), span <= 366 * 3 else { throw DomainError.invalid([.init("from", "crm.report.too_long")]) }
        return (first, last, start, end)
    }

    private func require(any permissions: [Permission]) throws {
        guard permissions.contains(where: { context.actor.holds($0) }) else {
            throw DomainError(status: 403, code: "auth.forbidden", params: ["permission": permissions[0].key])
        }
    }

    /// The `crm.<resource>` scope as an SQL condition on `table` (owner and department columns).
    private func scoped(_ resource: String, table: String) async throws -> SQLQueryString? {
        try await context.recordScope(resource).condition(table: table, department: "department_id", employee: "owner_id", createdBy: nil)
    }

    /// Visits and follow-ups: one's own, and colleagues' within `crm.activity` for a holder of `crm.activity.read`.
    private func activityScope(table: String) async throws -> SQLQueryString {
        let own: SQLQueryString = context.actor.employeeID.map { "\(ident: table).owner_id = \(bind: $0)" } ?? "1 = 0"
        guard context.actor.holds(CRMModule.activityRead) else { return own }
        guard let condition = try await scoped(CRMModule.activityResource, table: table) else { return "1 = 1" }
        return "(" + own + " OR " + condition + ")"
    }

    // MARK: - New customers and leads by source

    func sources(from: String?, to: String?) async throws -> SourceReportDTO {
        try require(any: [PartnerPermissions.customerRead, CRMModule.leadRead])
        let period = try period(from: from, to: to)
        var rows: [String: SourceRowDTO] = [:]
        if context.actor.holds(PartnerPermissions.customerRead) {
            for (source, count) in try await CustomerFigures(context: context).newBySource(start: period.start, end: period.end) {
                rows[source, default: SourceRowDTO(source: source, customers: 0, leads: 0, convertedLeads: 0)].customers += count
            }
        }
        if context.actor.holds(CRMModule.leadRead) {
            var query: SQLQueryString = """
                SELECT COALESCE(source, '') AS source, COUNT(*) AS n, CAST(SUM(CASE WHEN state = 'converted' THEN 1 ELSE 0 END) AS BIGINT) AS converted
                FROM crm_leads WHERE tenant_id = \(bind: context.tenantID) AND created_at >= \(bind: period.start) AND created_at < \(bind: period.end)
                """
            if let condition = try await scoped(CRMModule.leadResource, table: "crm_leads") { query = query + " AND " + condition }
            query = query + " GROUP BY COALESCE(source, '')"
            struct Row: Decodable { let source: String; let n: Int; let converted: Int? }
            for row in try await sql.raw(query).all(decoding: Row.self) {
                rows[row.source, default: SourceRowDTO(source: row.source, customers: 0, leads: 0, convertedLeads: 0)].leads += row.n
                rows[row.source]!.convertedLeads += row.converted ?? 0
            }
        }
        let sorted = rows.values.sorted { ($0.customers + $0.leads, $1.source) > ($1.customers + $1.leads, $0.source) }
        let totals = SourceRowDTO(source: "", customers: sorted.reduce(0) { $0 + $1.customers }, leads: sorted.reduce(0) { $0 + $1.leads },
                                  convertedLeads: sorted.reduce(0) { $0 + $1.convertedLeads })
        return SourceReportDTO(from: period.from, to: period.to, rows: sorted, totals: totals)
    }

    // MARK: - Visits and follow-ups per rep per week

    func activity(from: String?, to: String?) async throws -> ActivityReportDTO {
        try require(any: [CRMModule.visit, CRMModule.activityRead])
        let period = try period(from: from, to: to)
        let weeks = Self.weeks(from: period.from, to: period.to)
        var counts: [UUID: [String: (visits: Int, followUps: Int)]] = [:]
        // Done visits by their day (already a day in the rep's calendar), grouped in SQL.
        var visits: SQLQueryString = """
            SELECT owner_id, planned_for AS day, COUNT(*) AS n FROM crm_visits WHERE tenant_id = \(bind: context.tenantID) AND state = 'done'
            AND planned_for >= \(bind: period.from) AND planned_for <= \(bind: period.to) AND
            """
        visits = visits + " " + (try await activityScope(table: "crm_visits")) + " GROUP BY owner_id, planned_for"
        struct DayRow: Decodable { let owner_id: UUID; let day: String; let n: Int }
        for row in try await sql.raw(visits).all(decoding: DayRow.self) {
            counts[row.owner_id, default: [:]][Self.week(of: row.day), default: (0, 0)].visits += row.n
        }
        // Follow-ups by their instant, bucketed in SQL by the instants the reader's weeks begin
        // (in their time zone, daylight saving included): one grouped scan of the period.
        let zone = context.actor.timeZone
        var bucket: SQLQueryString = "CASE"
        for (index, week) in weeks.enumerated().dropLast() {
            let nextMonday = CalendarDay.adding(7, to: Self.monday(of: week)) ?? period.to
            let (boundary, _) = try OpportunityReports.period(from: nextMonday, to: nil, zone: zone)
            bucket = bucket + " WHEN at < \(bind: boundary ?? period.end) THEN \(literal: index)"
        }
        bucket = weeks.count > 1 ? bucket + " ELSE \(literal: weeks.count - 1) END" : "0"
        var followUps: SQLQueryString = "SELECT owner_id, " + bucket + """
             AS bucket, COUNT(*) AS n FROM crm_follow_ups WHERE tenant_id = \(bind: context.tenantID) AND at >= \(bind: period.start) AND at < \(bind: period.end) AND
            """
        followUps = followUps + " " + (try await activityScope(table: "crm_follow_ups")) + " GROUP BY owner_id, bucket"
        struct BucketRow: Decodable { let owner_id: UUID; let bucket: Int; let n: Int }
        for row in try await sql.raw(followUps).all(decoding: BucketRow.self) where weeks.indices.contains(row.bucket) {
            counts[row.owner_id, default: [:]][weeks[row.bucket], default: (0, 0)].followUps += row.n
        }
        let names = try await EmployeeDirectory(db: context.database).names(Set(counts.keys), tenantID: context.tenantID)
        let rows = counts.map { owner, byWeek in
            ActivityRowDTO(ownerId: owner, ownerName: names[owner], visits: byWeek.values.reduce(0) { $0 + $1.visits },
                           followUps: byWeek.values.reduce(0) { $0 + $1.followUps },
                           weeks: weeks.map { ActivityWeekDTO(week: $0, visits: byWeek[$0]?.visits ?? 0, followUps: byWeek[$0]?.followUps ?? 0) })
        }.sorted { ($0.visits + $0.followUps, $1.ownerName ?? "") > ($1.visits + $1.followUps, $0.ownerName ?? "") }
        return ActivityReportDTO(from: period.from, to: period.to, weeks: weeks, rows: rows,
                                 totals: ActivityWeekDTO(week: "", visits: rows.reduce(0) { $0 + $1.visits }, followUps: rows.reduce(0) { $0 + $1.followUps }))
    }

    /// The ISO 8601 week of a day: `2026-W49` (weeks start on Monday; week 1 holds the year's first Thursday).
    static func week(of day: String) -> String {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = .gmt
        let parts = day.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, let date = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])) else { return day }
        let c = calendar.dateComponents([.yearForWeekOfYear, .weekOfYear], from: date)
        return String(format: "%04d-W%02d", c.yearForWeekOfYear ?? parts[0], c.weekOfYear ?? 1)
    }

    /// The Monday (`YYYY-MM-DD`) of an ISO week `2026-W49`.
    static func monday(of week: String) -> String {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = .gmt
        let parts = week.split(separator: "-W").compactMap { Int($0) }
        guard parts.count == 2,
              let date = calendar.date(from: DateComponents(weekday: 2, weekOfYear: parts[1], yearForWeekOfYear: parts[0])) else { return week }
        return CalendarDay.string(for: date, in: .gmt)
    }

    /// The ISO weeks touching `from`…`to`, in order.
    static func weeks(from: String, to: String) -> [String] {
        var result: [String] = []
        var day = from
        while day <= to {
            let week = week(of: day)
            if result.last != week { result.append(week) }
            guard let next = CalendarDay.adding(1, to: day) else { break }
            day = next
        }
        return result
    }

    // MARK: - Customers not followed up for N days

    func idleCustomers(days: Int) async throws -> IdleCustomersDTO {
        try require(any: [PartnerPermissions.customerRead])
        guard (1...365).contains(days) else { throw DomainError.invalid([.init("days", "number.range", params: ["min": "1", "max": "365"])]) }
        let since = CalendarDay.adding(-days, to: context.today()) ?? context.today()
        let (start, _) = try OpportunityReports.period(from: since, to: nil, zone: context.actor.timeZone)
        let counts = try await CustomerFigures(context: context).notFollowedUp(since: start ?? context.now())
        let names = try await EmployeeDirectory(db: context.database).names(Set(counts.keys), tenantID: context.tenantID)
        let rows = counts.map { OwnerCountDTO(ownerId: $0.key, ownerName: names[$0.key], count: $0.value) }
            .sorted { ($0.count, $1.ownerName ?? "") > ($1.count, $0.ownerName ?? "") }
        return IdleCustomersDTO(days: days, since: since, total: rows.reduce(0) { $0 + $1.count }, rows: rows)
    }

    // MARK: - Wins and losses

    func outcomes(from: String?, to: String?) async throws -> OutcomeReportDTO {
        try require(any: [CRMModule.opportunityRead, CRMModule.opportunityWrite])
        let period = try period(from: from, to: to)
        let currency = context.actor.tenant.currency
        func money(_ minor: Int64) -> String { Money(minorUnits: minor, currency: currency).decimalText }
        func rate(_ won: Int, _ lost: Int) -> String {
            won + lost == 0 ? "0.0" : FixedDecimal.format(Int64(RoundingRule.halfUp.divide(Int128(won) * 1000, by: Int128(won + lost))), scale: 1)
        }
        let scope = try await scoped(CRMModule.opportunityResource, table: "crm_opportunities")
        let closed: SQLQueryString = """
            tenant_id = \(bind: context.tenantID) AND state IN ('won', 'lost') AND closed_at >= \(bind: period.start) AND closed_at < \(bind: period.end)
            """
        var byOwner: SQLQueryString = "SELECT owner_id, state, COUNT(*) AS n, CAST(SUM(amount) AS BIGINT) AS amount FROM crm_opportunities WHERE " + closed
        if let scope { byOwner = byOwner + " AND " + scope }
        byOwner = byOwner + " GROUP BY owner_id, state"
        struct OwnerRow: Decodable { let owner_id: UUID; let state: String; let n: Int; let amount: Int64? }
        var owners: [UUID: (won: Int, lost: Int, wonAmount: Int64, lostAmount: Int64)] = [:]
        for row in try await sql.raw(byOwner).all(decoding: OwnerRow.self) {
            if row.state == "won" {
                owners[row.owner_id, default: (0, 0, 0, 0)].won += row.n
                owners[row.owner_id]!.wonAmount += row.amount ?? 0
            } else {
                owners[row.owner_id, default: (0, 0, 0, 0)].lost += row.n
                owners[row.owner_id]!.lostAmount += row.amount ?? 0
            }
        }
        var reasonsQuery: SQLQueryString = "SELECT COALESCE(lost_reason, '') AS reason, COUNT(*) AS n, CAST(SUM(amount) AS BIGINT) AS amount FROM crm_opportunities WHERE " + closed
            + " AND state = 'lost'"
        if let scope { reasonsQuery = reasonsQuery + " AND " + scope }
        reasonsQuery = reasonsQuery + " GROUP BY COALESCE(lost_reason, '')"
        struct ReasonRow: Decodable { let reason: String; let n: Int; let amount: Int64? }
        let reasons = try await sql.raw(reasonsQuery).all(decoding: ReasonRow.self)
            .sorted { ($0.n, $1.reason) > ($1.n, $0.reason) }
            .map { LostReasonDTO(reason: $0.reason, count: $0.n, amount: money($0.amount ?? 0)) }
        let names = try await EmployeeDirectory(db: context.database).names(Set(owners.keys), tenantID: context.tenantID)
        let rows = owners.map { id, o in
            OwnerOutcomeDTO(ownerId: id, ownerName: names[id], won: o.won, lost: o.lost, wonAmount: money(o.wonAmount), lostAmount: money(o.lostAmount),
                            winRate: rate(o.won, o.lost))
        }.sorted { ($0.won, $1.ownerName ?? "") > ($1.won, $0.ownerName ?? "") }
        let won = owners.values.reduce((0, Int64(0))) { ($0.0 + $1.won, $0.1 + $1.wonAmount) }
        let lost = owners.values.reduce((0, Int64(0))) { ($0.0 + $1.lost, $0.1 + $1.lostAmount) }
        return OutcomeReportDTO(from: period.from, to: period.to, currency: currency.code, won: CountAmountDTO(count: won.0, amount: money(won.1)),
                                lost: CountAmountDTO(count: lost.0, amount: money(lost.1)), winRate: rate(won.0, lost.0), reasons: reasons, byOwner: rows)
    }
}
