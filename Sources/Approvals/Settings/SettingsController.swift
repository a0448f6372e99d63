import AfieldAPI
import Fluent
import Foundation
import Platform
import Vapor

/// `/api/v1/approvals/settings` and `/delegations`: the approval administrator, the urge
/// interval, the defaults of flows (the department head's amount, the "same approver" rule),
/// and delegations while away (代理审批).
struct SettingsController: Sendable {
    func register(_ routes: any RoutesBuilder) {
        routes.on(.GET, "settings", permission: .authenticated, summary: "The company's approval settings", use: settings)
        routes.on(.PUT, "settings", permission: ApprovalsModule.settingsManage, summary: "Set the approval administrator, urge interval, department head's amount and the same-approver rule",
                  body: ApprovalSettingsDTO.self, use: saveSettings)
        routes.on(.GET, "delegations", permission: ApprovalsModule.inboxRead, summary: "Delegations from or to the caller (all with settings permission)",
                  use: delegations)
        routes.on(.POST, "delegations", permission: ApprovalsModule.inboxAct,
                  summary: "Delegate one's approvals for a period (anyone's, with the settings permission)", body: ApprovalDelegationDTO.self,
                  status: .created, use: delegate)
        routes.on(.DELETE, "delegations", ":id", permission: ApprovalsModule.inboxAct, summary: "End a delegation", status: .noContent, use: endDelegation)
    }

    @Sendable func settings(_ req: Request) async throws -> ApprovalSettingsDTO {
        let actor = try req.actor
        let row = try await ApprovalSettings.query(on: req.database).filter(\.$tenantID == actor.tenantID).first()
        let currency = actor.tenant.currency
        let threshold = row?.departmentHeadAbove ?? DepartmentHeadThreshold.defaultMinorUnits(for: currency)
        return ApprovalSettingsDTO(administratorId: row?.administratorID,
                                   urgeIntervalMinutes: row?.urgeIntervalMinutes ?? ApprovalSettings.defaultUrgeIntervalMinutes,
                                   departmentHeadAbove: FixedDecimal.format(threshold, scale: currency.exponent),
                                   sameApprover: row?.sameApproverRule ?? .approveOnce)
    }

    @Sendable func saveSettings(_ req: Request) async throws -> ApprovalSettingsDTO {
        let body = try req.content.decode(ApprovalSettingsDTO.self)
        let actor = try req.actor
        let audit = try req.auditContext
        let currency = actor.tenant.currency
        var problems: [DomainError.Field] = []
        if !(1...1440).contains(body.urgeIntervalMinutes) { problems.append(.init("urgeIntervalMinutes", "approvals.urge_interval_invalid")) }
        if let admin = body.administratorId, try await OrgDirectory(tenantID: actor.tenantID, db: req.database).person(admin)?.active != true {
            problems.append(.init("administratorId", "approvals.user_unknown"))
        }
        let threshold = body.departmentHeadAbove.map { text -> Int64? in
            guard let minor = try? FixedDecimal.parse(text.trimmingCharacters(in: .whitespaces), scale: currency.exponent), minor >= 0 else { return nil }
            return minor
        }
        if threshold == .some(nil) {
            problems.append(.init("departmentHeadAbove", "approvals.settings.amount_invalid", params: ["digits": String(currency.exponent)]))
        }
        if !problems.isEmpty { throw DomainError.invalid(problems) }
        let locale = try await Tenant.find(actor.tenantID, on: req.database)?.locale
        try await req.write { db in
            let row = try await ApprovalSettings.query(on: db).filter(\.$tenantID == actor.tenantID).first() ?? ApprovalSettings(tenantID: actor.tenantID)
            let previousThreshold = row.departmentHeadAbove ?? DepartmentHeadThreshold.defaultMinorUnits(for: currency)
            var changes = AuditChanges()
            changes.set("administratorId", row.administratorID?.uuidString, body.administratorId?.uuidString)
            changes.set("urgeIntervalMinutes", row.id == nil ? nil : String(row.urgeIntervalMinutes), String(body.urgeIntervalMinutes))
            row.administratorID = body.administratorId
            row.urgeIntervalMinutes = body.urgeIntervalMinutes
            if let threshold = threshold ?? nil, threshold != previousThreshold {
                changes.set("departmentHeadAbove", FixedDecimal.format(previousThreshold, scale: currency.exponent),
                            FixedDecimal.format(threshold, scale: currency.exponent))
                row.departmentHeadAbove = threshold
            }
            if let rule = body.sameApprover, rule != row.sameApproverRule {
                changes.set("sameApprover", row.sameApproverRule.rawValue, rule.rawValue)
                row.sameApprover = rule.rawValue
            }
            row.version += 1
            try await row.save(on: db)
            try await AuditLog.append(entity: "approvals.settings", entityID: row.id, action: "update", changes: changes, context: audit, on: db)
            if let threshold = threshold ?? nil, threshold != previousThreshold {
                try await DefaultFlows.follow(threshold: threshold, currency: currency, language: AppLanguage(tag: locale ?? "") ?? .en,
                                              tenantID: actor.tenantID, context: audit, on: db)
            }
        }
        return try await settings(req)
    }

    @Sendable func delegations(_ req: Request) async throws -> [ApprovalDelegationDTO] {
        let actor = try req.actor
        var query = ApprovalDelegation.query(on: req.database).filter(\.$tenantID == actor.tenantID)
        if !actor.holds(ApprovalsModule.settingsManage) {
            query = query.group(.or) { $0.filter(\.$userID == actor.userID).filter(\.$delegateID == actor.userID) }
        }
        let org = OrgDirectory(tenantID: actor.tenantID, db: req.database)
        var result: [ApprovalDelegationDTO] = []
        for row in try await query.sort(\.$startsOn).all() {
            result.append(ApprovalDelegationDTO(id: row.id, user: PersonRef(id: row.userID, name: try await org.name(row.userID)), userId: row.userID,
                                                delegateId: row.delegateID, delegate: PersonRef(id: row.delegateID, name: try await org.name(row.delegateID)),
                                                startsOn: row.startsOn, endsOn: row.endsOn))
        }
        return result
    }

    @Sendable func delegate(_ req: Request) async throws -> ApprovalDelegationDTO {
        let body = try req.content.decode(ApprovalDelegationDTO.self)
        let actor = try req.actor
        let audit = try req.auditContext
        guard body.userId == actor.userID || actor.holds(ApprovalsModule.settingsManage) else {
            throw DomainError(status: 403, code: "auth.forbidden", params: ["permission": ApprovalsModule.settingsManage.key])
        }
        let org = OrgDirectory(tenantID: actor.tenantID, db: req.database)
        var problems: [DomainError.Field] = []
        if try await org.person(body.userId) == nil { problems.append(.init("userId", "approvals.user_unknown")) }
        let delegateActive = try await org.person(body.delegateId)?.active == true
        if body.delegateId == body.userId || !delegateActive { problems.append(.init("delegateId", "approvals.user_unknown")) }
        let start = body.startsOn, end = body.endsOn
        if !CalendarDay.isValid(start) { problems.append(.init("startsOn", "request.invalid_date")) }
        if !CalendarDay.isValid(end) { problems.append(.init("endsOn", "request.invalid_date")) }
        if problems.isEmpty, end < start { problems.append(.init("endsOn", "approvals.delegation_range")) }
        if !problems.isEmpty { throw DomainError.invalid(problems) }
        let userID = body.userId
        let id = try await req.write { db in
            // One delegate at a time: which of two overlapping delegations applies would be a guess.
            if try await ApprovalDelegation.query(on: db).filter(\.$tenantID == actor.tenantID).filter(\.$userID == userID)
                .filter(\.$startsOn <= end).filter(\.$endsOn >= start).first() != nil {
                throw DomainError(status: 409, code: "approvals.delegation_overlap")
            }
            let row = ApprovalDelegation()
            row.tenantID = actor.tenantID
            row.userID = body.userId
            row.delegateID = body.delegateId
            row.startsOn = start
            row.endsOn = end
            try await row.create(on: db)
            var changes = AuditChanges()
            changes.set("userId", nil, body.userId.uuidString)
            changes.set("delegateId", nil, body.delegateId.uuidString)
            changes.set("period", nil, "\(start)…\(end)")
            try await AuditLog.append(entity: "approvals.delegation", entityID: row.id, action: "create", changes: changes, context: audit, on: db)
            return try row.requireID()
        }
        guard let dto = try await delegations(req).first(where: { $0.id == id }) else { throw DomainError.notFound("approval_delegation") }
        return dto
    }

    @Sendable func endDelegation(_ req: Request) async throws -> HTTPStatus {
        let actor = try req.actor
        let audit = try req.auditContext
        let id = try req.pathID(entity: "approval_delegation")
        guard let row = try await ApprovalDelegation.query(on: req.database).filter(\.$id == id).filter(\.$tenantID == actor.tenantID).first(),
              row.userID == actor.userID || actor.holds(ApprovalsModule.settingsManage) else {
            throw DomainError.notFound("approval_delegation")
        }
        try await req.write { db in
            try await ApprovalDelegation.query(on: db).filter(\.$id == id).delete()
            var changes = AuditChanges()
            changes.set("delegateId", row.delegateID.uuidString, nil)
            try await AuditLog.append(entity: "approvals.delegation", entityID: id, action: "delete", changes: changes, context: audit, on: db)
        }
        return .noContent
    }
}
