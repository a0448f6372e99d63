import AfieldAPI
import Fluent
import Foundation
import Platform
import SQLKit

/// Leave requests, balances and the team calendar (issue 10 point 5). An employee asks for
/// themselves; managers and HR read within their data scope on `leave.request`.
struct LeaveService: Sendable {
    let context: ServiceContext

    func types() async throws -> [LeaveTypeDTO] {
        try await LeaveType.query(on: context.database).filter(\.$tenantID == context.tenantID).sort(\.$position).all().map { $0.dto(context.language) }
    }

    /// The balances of an employee (nil: the actor) on `asOf` (default today), tracked types only.
    func balances(employeeID: UUID?, asOf: String?) async throws -> [LeaveBalanceDTO] {
        let employee = try await visibleEmployee(employeeID)
        let day = asOf ?? context.today()
        var answer: [LeaveBalanceDTO] = []
        for type in try await LeaveType.query(on: context.database).filter(\.$tenantID == context.tenantID).filter(\.$tracksBalance == true)
            .sort(\.$position).all() {
            let book = try await Self.book(employee.id!, type.key, tenantID: context.tenantID, on: context.database)
            let pending = try await Self.pending(employee.id!, type.key, tenantID: context.tenantID, on: context.database)
            answer.append(LeaveBalanceDTO(
                type: type.key, typeName: type.name(context.language), unit: type.unit, asOf: day, available: Self.text(book.available(on: day) - pending),
                pending: Self.text(pending),
                lots: book.lots.filter { $0.remaining > 0 && ($0.expiresOn ?? "9999") >= day }
                    .map { LeaveLotDTO(kind: $0.kind, remaining: Self.text($0.remaining), expiresOn: $0.expiresOn) }))
        }
        return answer
    }

    /// What `input` would take from the actor's balance.
    func preview(_ input: LeaveRequestInput) async throws -> LeavePreviewDTO {
        let plan = try await self.plan(input)
        return LeavePreviewDTO(type: plan.type.key, unit: plan.type.unit, amount: Self.text(plan.amount),
                               days: plan.days.map { LeaveDayDTO(date: $0.date, amount: Self.text($0.amount)) },
                               available: plan.available.map(Self.text), enough: plan.available.map { $0 >= plan.amount } ?? true)
    }

    /// Files a request of the actor and submits it for approval; without a flow for
    /// `leave.request` it is approved at once.
    /// - Throws: 422 `leave.over_balance` (`available`, `amount`), `leave.overlaps` (`number`),
    ///   `leave.document_required`, field problems; nothing is written then.
    func submit(_ input: LeaveRequestInput) async throws -> LeaveRequestDTO {
        let plan = try await self.plan(input)
        if let available = plan.available, available < plan.amount {
            throw DomainError(status: 422, code: "leave.over_balance", params: ["available": Self.text(available), "amount": Self.text(plan.amount)])
        }
        let actor = context.actor
        let audit = context.audit
        let now = context.now()
        let gate = context.application.approvalGate
        let outcome = LeaveApproval()
        let period = String(plan.start.prefix(4))
        let id = try await context.write { db in
            // Requests of one person take turns on their balance: this row stays locked until commit.
            try await Self.lockProfile(plan.employee.id!, tenantID: actor.tenantID, on: db)
            if plan.type.tracksBalance {
                let book = try await Self.book(plan.employee.id!, plan.type.key, tenantID: actor.tenantID, on: db)
                let available = book.available(on: plan.start) - (try await Self.pending(plan.employee.id!, plan.type.key, tenantID: actor.tenantID, on: db))
                if available < plan.amount {
                    throw DomainError(status: 422, code: "leave.over_balance", params: ["available": Self.text(available), "amount": Self.text(plan.amount)])
                }
            }
            if let clash = try await LeaveRequest.query(on: db).filter(\.$tenantID == actor.tenantID).filter(\.$employeeID == plan.employee.id!)
                .filter(\.$state ~~ LeaveState.holding).filter(\.$startDate <= plan.end).filter(\.$endDate >= plan.start).first() {
                throw DomainError(status: 422, code: "leave.overlaps", params: ["number": clash.number])
            }
            let row = LeaveRequest()
            row.id = UUID()
            row.tenantID = actor.tenantID
            row.number = try await DocumentNumbering().next(prefix: "LV", period: period, key: "leave.request", tenantID: actor.tenantID, on: db)
            row.employeeID = plan.employee.id!
            row.departmentID = plan.employee.departmentID
            row.typeKey = plan.type.key
            row.startDate = plan.start
            row.endDate = plan.end
            row.halfDaysText = plan.halfDays.sorted().joined(separator: ",")
            row.hours = plan.type.unit == "hour" ? plan.amount : nil
            row.amount = plan.amount
            row.daysJSON = String(decoding: try JSONEncoder().encode(plan.days), as: UTF8.self)
            row.reason = plan.reason
            row.attachmentsText = plan.attachments.map(\.uuidString).joined(separator: ",")
            row.state = LeaveState.pending.rawValue
            row.createdBy = actor.userID
            row.createdAt = now
            row.updatedAt = now
            row.version = 1
            try await row.create(on: db)
            if !plan.attachments.isEmpty {
                try await FileLink.link(plan.attachments, to: LeaveModule.requestEntity, record: row.id!, tenantID: actor.tenantID, by: actor.userID, at: now, on: db)
            }
            var changes = AuditChanges()
            changes.created([("number", row.number), ("type", row.typeKey), ("start_date", row.startDate), ("end_date", row.endDate),
                             ("half_days", row.halfDaysText.isEmpty ? nil : row.halfDaysText), ("amount", Self.text(row.amount)), ("reason", row.reason),
                             ("state", row.state)])
            try await AuditLog.append(entity: LeaveModule.requestEntity, entityID: row.id, action: "create", changes: changes, context: audit, on: db, now: now)
            try await Revisions.bump(LeaveModule.revisionKey, tenantID: actor.tenantID, on: db)
            let request = ApprovalRequest(
                tenantID: actor.tenantID, subject: LeaveApproval.subject, documentID: row.id!,
                title: "\(row.number) · \(plan.employee.name) · \(plan.type.name(context.language)) \(Self.amountWithUnit(row.amount, hours: row.hours != nil, language: context.language))",
                requesterID: actor.userID,
                facts: ["days": .number(Decimal(row.amount) / 100), "type": .text(row.typeKey), "startDate": .date(row.startDate)]
                    .merging(plan.employee.departmentID.map { ["department": ApprovalFact.department($0)] } ?? [:]) { a, _ in a },
                summary: [ApprovalSummaryLine(labelCode: "leave.summary.type", value: .text(plan.type.name(context.language))),
                          ApprovalSummaryLine(labelCode: "leave.summary.dates", value: .text(row.startDate == row.endDate ? row.startDate : "\(row.startDate) – \(row.endDate)")),
                          ApprovalSummaryLine(labelCode: "leave.summary.amount", value: .text(Self.amountWithUnit(row.amount, hours: row.hours != nil,
                                                                                                                  language: context.language)))])
            if try await gate.requestApproval(request, context: audit, on: db) == nil {
                try await outcome.approved(documentID: row.id!, context: audit, on: db)
            }
            return row.id!
        }
        return try await detail(id)
    }

    /// Cancels a request of the actor (HR: any they may see): a pending one leaves the
    /// approvers' inboxes; an approved one gives its days back.
    /// - Throws: 409 `conflict.stale_version`; 422 `leave.not_cancellable`.
    func cancel(_ id: UUID, version: Int?) async throws -> LeaveRequestDTO {
        guard let version else { throw DomainError.invalid([.init("version", "field.required")]) }
        let row = try await visibleRequest(id)
        guard row.employeeID == context.actor.employeeID || context.actor.holds(LeaveModule.manage) else { throw DomainError.notFound("leave_request") }
        let audit = context.audit
        let now = context.now()
        let gate = context.application.approvalGate
        // Stale is told with the current request, read before the write (see HolidayCalendarService).
        guard row.version == version else { throw DomainError.staleVersion("leave_request", current: try await dtos([row])[0]) }
        try await context.write { db in
            guard let fresh = try await LeaveRequest.query(on: db).filter(\.$id == id).first() else { throw DomainError.notFound("leave_request") }
            guard fresh.version == version else { throw DomainError.staleVersion("leave_request") }
            guard [LeaveState.pending.rawValue, LeaveState.approved.rawValue].contains(fresh.state) else {
                throw DomainError(status: 422, code: "leave.not_cancellable", params: ["state": fresh.state])
            }
            let updated = try await (db as! any SQLDatabase).update(LeaveRequest.schema)
                .set("state", to: LeaveState.cancelled.rawValue).set("updated_at", to: now).set(SQLColumn("version"), to: SQLRaw("version + 1"))
                .where("id", .equal, id).where("version", .equal, version).returning("id").first()
            guard updated != nil else { throw DomainError.staleVersion("leave_request") }
            if fresh.state == LeaveState.pending.rawValue {
                _ = try await gate.documentCancelled(subject: LeaveApproval.subject, documentID: id, reason: "leave.approval_cancelled", context: audit, on: db)
            } else {
                try await LeaveLedgerEntry(tenantID: fresh.tenantID, employeeID: fresh.employeeID, typeKey: fresh.typeKey, kind: "restored", amount: fresh.amount,
                                           date: fresh.startDate, expiresOn: nil, dedupeKey: "restored:\(id)", requestID: id, by: audit.actorID, at: now).create(on: db)
            }
            var changes = AuditChanges()
            changes.set("state", fresh.state, LeaveState.cancelled.rawValue)
            try await AuditLog.append(entity: LeaveModule.requestEntity, entityID: id, action: "cancel", changes: changes, context: audit, on: db, now: now)
            try await Revisions.bump(LeaveModule.revisionKey, tenantID: fresh.tenantID, on: db)
        }
        return try await detail(id)
    }

    func detail(_ id: UUID) async throws -> LeaveRequestDTO {
        try await dtos([try await visibleRequest(id)])[0]
    }

    /// Requests of an employee (nil: the actor), newest first.
    func list(employeeID: UUID?) async throws -> [LeaveRequestDTO] {
        let employee = try await visibleEmployee(employeeID)
        let rows = try await LeaveRequest.query(on: context.database).filter(\.$tenantID == context.tenantID).filter(\.$employeeID == employee.id!)
            .sort(\.$startDate, .descending).sort(\.$id).limit(200).all()
        return try await dtos(rows)
    }

    /// Who is away from `from` through `to` (pending and approved requests), among the people
    /// the actor may see, in `departmentID` and below when given.
    func team(from: String, through to: String, departmentID: UUID?) async throws -> [LeaveRequestDTO] {
        try context.require(LeaveModule.requestRead)
        guard !WorkCalendar.limited(from, to, { [from] }).isEmpty else { throw DomainError.invalid([.init("to", "leave.bad_range")]) }
        let scope = try await context.recordScope(LeaveModule.requestResource)
        var rows = try await LeaveRequest.query(on: context.database).filter(\.$tenantID == context.tenantID).filter(\.$state ~~ LeaveState.holding)
            .filter(\.$startDate <= to).filter(\.$endDate >= from).sort(\.$startDate).sort(\.$id).limit(1000).all()
            .filter { scope.contains(department: $0.departmentID, employee: $0.employeeID, createdBy: nil) }
        if let departmentID {
            guard try await Department.query(on: context.database).filter(\.$tenantID == context.tenantID).filter(\.$id == departmentID).first() != nil
            else { throw DomainError.notFound("department") }
            let tree = try await DepartmentTree.load(tenantID: context.tenantID, on: context.database).subtree(departmentID)
            rows = rows.filter { $0.departmentID.map(tree.contains) ?? false }
        }
        return try await dtos(rows)
    }

    // MARK: - Shared

    struct Plan {
        var employee: Employee
        var type: LeaveType
        var start: String
        var end: String
        var halfDays: Set<String>
        var days: [LeaveDuration.Day]
        var amount: Int64
        var available: Int64?
        var reason: String?
        var attachments: [UUID]
    }

    /// Reads and checks a request of the actor and works out its days.
    func plan(_ input: LeaveRequestInput) async throws -> Plan {
        let actor = context.actor
        guard let employeeID = actor.employeeID,
              let employee = try await EmployeeDirectory(db: context.database).find(employeeID, tenantID: actor.tenantID) else {
            throw DomainError(status: 422, code: "leave.no_employee")
        }
        var problems: [DomainError.Field] = []
        let type = try await LeaveType.query(on: context.database).filter(\.$tenantID == actor.tenantID).filter(\.$key == (input.type ?? "")).first()
        if input.type == nil { problems.append(.init("type", "field.required")) } else if type == nil { problems.append(.init("type", "leave.unknown_type")) }
        func day(_ text: String?, _ path: String) -> String? {
            guard let text else { problems.append(.init(path, "field.required")); return nil }
            guard CalendarDay.isPlausibleBusinessDay(text) else { problems.append(.init(path, "leave.bad_date")); return nil }
            return text
        }
        let start = day(input.startDate, "startDate"), end = day(input.endDate, "endDate")
        if let start, let end, end < start { problems.append(.init("endDate", "leave.end_before_start")) }
        if let start, let end, WorkCalendar.limited(start, end, { [start] }).isEmpty, end >= start { problems.append(.init("endDate", "leave.too_long")) }
        for (i, d) in (input.halfDays ?? []).enumerated() where !CalendarDay.isValid(d) { problems.append(.init("halfDays[\(i)]", "leave.bad_date")) }
        var hours: Int64?
        if let raw = input.hours {
            do { hours = try FixedDecimal.parse(raw.text, scale: 2) } catch { problems.append(.init("hours", "leave.bad_hours")) }
            if let h = hours, !(1...2400).contains(h) { problems.append(.init("hours", "leave.bad_hours")) }
        }
        var reason: String?
        switch TextInput.note(input.reason, max: 500) {
        case .success(let text): reason = text
        case .failure(let problem): problems.append(problem.field("reason"))
        }
        let attachments = input.attachments ?? []
        if !attachments.isEmpty {
            let mine = try await StoredFile.query(on: context.database).filter(\.$tenantID == actor.tenantID).filter(\.$id ~~ attachments).all()
                .filter { $0.uploadedBy == actor.userID }.compactMap(\.id)
            for (i, f) in attachments.enumerated() where !mine.contains(f) { problems.append(.init("attachments[\(i)]", "leave.attachment_unknown")) }
        }
        if let type, type.needsDocument, attachments.isEmpty { problems.append(.init("attachments", "leave.document_required")) }
        guard problems.isEmpty, let type, let start, let end else { throw DomainError.invalid(problems) }
        let working = Set(try await context.application.workingDays.workingDays(employeeID: employeeID, tenantID: actor.tenantID, from: start,
                                                                                through: end, on: context.database))
        let days: [LeaveDuration.Day]
        do {
            days = try LeaveDuration.days(from: start, through: end, unit: type.unit, halfDays: Set(input.halfDays ?? []), hours: hours,
                                          countsHolidays: type.countsHolidays, working: working)
        } catch {
            let field: DomainError.Field = switch error {
            case .halfDaysNotAllowed: .init("halfDays", "leave.half_days_not_allowed")
            case .halfDayOutside(let d): .init("halfDays", "leave.half_day_outside", params: ["date": d])
            case .oneDayForHours: .init("endDate", "leave.hours_one_day")
            case .hoursRequired: .init("hours", "leave.hours_required")
            case .notWorkingDay: .init("startDate", "leave.not_working_day")
            case .nothingToTake: .init("endDate", "leave.nothing_to_take")
            }
            throw DomainError.invalid([field])
        }
        let amount = days.map(\.amount).reduce(0, +)
        var available: Int64?
        if type.tracksBalance {
            let book = try await Self.book(employeeID, type.key, tenantID: actor.tenantID, on: context.database)
            available = book.available(on: start) - (try await Self.pending(employeeID, type.key, tenantID: actor.tenantID, on: context.database))
        }
        return Plan(employee: employee, type: type, start: start, end: end, halfDays: Set(input.halfDays ?? []), days: days, amount: amount,
                    available: available, reason: reason, attachments: attachments)
    }

    static func book(_ employeeID: UUID, _ typeKey: String, tenantID: UUID, on db: any Database) async throws -> LeaveBalanceBook {
        let rows = try await LeaveLedgerEntry.query(on: db).filter(\.$tenantID == tenantID).filter(\.$employeeID == employeeID)
            .filter(\.$typeKey == typeKey).all()
        return LeaveBalanceBook(rows.map { .init(kind: $0.kind, amount: $0.amount, date: $0.date, expiresOn: $0.expiresOn, requestID: $0.requestID) })
    }

    /// What the person's requests still being approved hold of `typeKey`.
    static func pending(_ employeeID: UUID, _ typeKey: String, tenantID: UUID, on db: any Database) async throws -> Int64 {
        try await LeaveRequest.query(on: db).filter(\.$tenantID == tenantID).filter(\.$employeeID == employeeID).filter(\.$typeKey == typeKey)
            .filter(\.$state == LeaveState.pending.rawValue).all().map(\.amount).reduce(0, +)
    }

    /// Locks (and makes, the first time) the employee's leave profile row until the transaction ends.
    static func lockProfile(_ employeeID: UUID, tenantID: UUID, on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        try await sql.raw("""
            INSERT INTO leave_profiles (id, tenant_id, employee_id, version) VALUES (\(bind: UUID()), \(bind: tenantID), \(bind: employeeID), 1)
            ON CONFLICT (tenant_id, employee_id) DO UPDATE SET version = leave_profiles.version + 1
            """).run()
    }

    /// Hundredths as decimal text without trailing zeros (`250` → `2.5`).
    /// An amount (hundredths) with its unit in `language`, as the approver's card shows it:
    /// `1.5 days`, `1 day`, `3 hours`, `1.5 天`, `3 小时`.
    static func amountWithUnit(_ hundredths: Int64, hours: Bool, language: AppLanguage) -> String {
        let number = text(hundredths)
        if language == .zhCN { return "\(number) \(hours ? "小时" : "天")" }
        let one = hundredths == 100
        return "\(number) \(hours ? (one ? "hour" : "hours") : (one ? "day" : "days"))"
    }

    static func text(_ hundredths: Int64) -> String { FixedDecimal.formatTrimmed(hundredths, scale: 2) }

    func visibleEmployee(_ id: UUID?) async throws -> Employee {
        let actor = context.actor
        guard let wanted = id ?? actor.employeeID else { throw DomainError(status: 422, code: "leave.no_employee") }
        guard let employee = try await EmployeeDirectory(db: context.database).find(wanted, tenantID: actor.tenantID) else { throw DomainError.notFound("employee") }
        if wanted == actor.employeeID { return employee }
        guard actor.holds(LeaveModule.requestRead),
              try await context.recordScope(LeaveModule.requestResource).contains(department: employee.departmentID, employee: wanted, createdBy: nil)
        else { throw DomainError.notFound("employee") }
        return employee
    }

    func visibleRequest(_ id: UUID) async throws -> LeaveRequest {
        let actor = context.actor
        guard let row = try await LeaveRequest.query(on: context.database).filter(\.$tenantID == actor.tenantID).filter(\.$id == id).first() else {
            throw DomainError.notFound("leave_request")
        }
        if row.employeeID == actor.employeeID { return row }
        guard actor.holds(LeaveModule.requestRead),
              try await context.recordScope(LeaveModule.requestResource).contains(department: row.departmentID, employee: row.employeeID, createdBy: nil)
        else { throw DomainError.notFound("leave_request") }
        return row
    }

    func dtos(_ rows: [LeaveRequest]) async throws -> [LeaveRequestDTO] {
        guard !rows.isEmpty else { return [] }
        let names = try await EmployeeDirectory(db: context.database).names(Set(rows.map(\.employeeID)), tenantID: context.tenantID)
        let types = Dictionary(uniqueKeysWithValues: try await LeaveType.query(on: context.database).filter(\.$tenantID == context.tenantID).all().map { ($0.key, $0) })
        let gate = context.application.approvalGate
        var answer: [LeaveRequestDTO] = []
        for r in rows {
            let approval = try await gate.status(subject: LeaveApproval.subject, documentID: r.id!, tenantID: context.tenantID, on: context.database)
            answer.append(LeaveRequestDTO(
                id: r.id!, number: r.number, employeeID: r.employeeID, employeeName: names[r.employeeID] ?? "", type: r.typeKey,
                typeName: types[r.typeKey]?.name(context.language) ?? r.typeKey, unit: types[r.typeKey]?.unit ?? "day", startDate: r.startDate, endDate: r.endDate,
                halfDays: r.halfDays, hours: r.hours.map(Self.text), amount: Self.text(r.amount),
                days: r.days.map { LeaveDayDTO(date: $0.date, amount: Self.text($0.amount)) }, reason: r.reason, attachments: r.attachments, state: r.state,
                approvalID: approval?.id, version: r.version, createdAt: r.createdAt ?? Date(timeIntervalSince1970: 0)))
        }
        return answer
    }
}
