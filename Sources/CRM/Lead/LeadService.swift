import AfieldAPI
import Fluent
import Foundation
import Partners
import Platform
import SQLKit

/// Leads (线索): entering, editing and assigning them, marking them invalid, and converting
/// them into a customer (+ contact + opportunity) in one step.
struct LeadService: Sendable {
    let context: ServiceContext

    /// Checked fields of a lead.
    struct Fields {
        var company: String?
        var contactName: String?
        var phone: String?
        var email: String?
        var source: String?
        var provinceCode: String?
        var cityCode: String?
        var districtCode: String?
        var notes: String?
    }

    /// The problems of `input`'s fields (absent ones unchecked; `requireCompany` for a create).
    static func fields(_ input: LeadInput, requireCompany: Bool, problems: inout [DomainError.Field]) -> Fields {
        var fields = Fields()
        if requireCompany || input.company != nil {
            fields.company = CRMText.line(input.company, max: 200, path: "company", required: true, problems: &problems)
        }
        fields.contactName = CRMText.line(input.contactName, max: 100, path: "contactName", problems: &problems)
        fields.phone = CRMText.line(input.phone, max: 40, path: "phone", problems: &problems)
        fields.email = CRMText.line(input.email, max: 200, path: "email", problems: &problems)
        if let email = fields.email, !IdentityService.looksLikeEmail(email) { problems.append(.init("email", "auth.invalid_email")) }
        fields.source = CRMText.line(input.source, max: 60, path: "source", problems: &problems)
        fields.notes = CRMText.note(input.notes, max: 2000, path: "notes", problems: &problems)
        func code(_ text: String?) -> String? { text.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0.trimmingCharacters(in: .whitespaces) } }
        (fields.provinceCode, fields.cityCode, fields.districtCode) = (code(input.provinceCode), code(input.cityCode), code(input.districtCode))
        if let problem = AdminDivisionsCN.problem(province: fields.provinceCode, city: fields.cityCode, district: fields.districtCode) {
            problems.append(.init(problem.field, problem.code))
        }
        return fields
    }

    /// - Throws: 403 without ``CRMModule/leadWrite``; 422 fields, `crm.lead.duplicate`
    ///   (`number`), `crm.lead.customer_exists` (`owner`), `crm.lead.unknown_owner`; 409 `conflict.id_taken`.
    func create(_ input: LeadInput) async throws -> LeadDTO {
        try context.require(CRMModule.leadWrite)
        var problems: [DomainError.Field] = []
        let fields = Self.fields(input, requireCompany: true, problems: &problems)
        guard problems.isEmpty, let company = fields.company else { throw DomainError.invalid(problems) }
        let (owner, department) = try await self.owner(input.ownerId)
        let lead = Lead()
        lead.id = input.id ?? UUID()
        lead.tenantID = context.tenantID
        lead.company = company
        lead.contactName = fields.contactName
        lead.phone = fields.phone
        lead.email = fields.email
        lead.source = fields.source
        (lead.provinceCode, lead.cityCode, lead.districtCode) = (fields.provinceCode, fields.cityCode, fields.districtCode)
        lead.notes = fields.notes
        lead.ownerID = owner
        lead.departmentID = department
        lead.state = "new"
        lead.createdBy = context.actor.userID
        lead.version = 1
        lead.number = ""
        lead.refreshKeys()
        let duplicates = try await self.duplicates(company: company, phone: fields.phone, excluding: nil)
        guard duplicates.isEmpty else { throw DomainError.invalid(duplicates) }
        let year = String(context.today().prefix(4))
        let id = try await context.write { db in
            if input.id != nil, try await Lead.find(lead.id, on: db) != nil { throw DomainError.idTaken("lead") }
            lead.number = try await DocumentNumbering().next(prefix: "LEAD", period: year, key: "crm.lead", tenantID: lead.tenantID, on: db)
            lead.refreshKeys()
            try await lead.create(on: db)
            var changes = AuditChanges()
            changes.created([("number", lead.number), ("company", lead.company), ("contact_name", lead.contactName), ("phone", lead.phone),
                             ("email", lead.email), ("source", lead.source), ("owner_id", lead.ownerID?.uuidString)])
            try await AuditLog.append(entity: CRMModule.leadEntity, entityID: lead.id, action: "create", changes: changes, context: context.audit, on: db,
                                      now: context.now())
            return try lead.requireID()
        }
        return try await LeadRead(context: context).detail(id)
    }

    /// Applies the fields sent (`version` required; `ownerId` needs ``CRMModule/leadAssign``).
    func update(_ id: UUID, _ input: LeadInput) async throws -> LeadDTO {
        try context.require(CRMModule.leadWrite)
        var problems: [DomainError.Field] = []
        if input.version == nil { problems.append(.init("version", "field.required")) }
        let fields = Self.fields(input, requireCompany: false, problems: &problems)
        guard problems.isEmpty, let version = input.version else { throw DomainError.invalid(problems) }
        let lead = try await LeadRead(context: context).visible(id)
        guard lead.state == "new" || lead.state == "following" else { throw DomainError(status: 409, code: "crm.lead.closed", params: ["state": lead.state]) }
        guard lead.version == version else { throw DomainError.staleVersion("lead", current: try await LeadRead.dtos([lead], context: context)[0]) }
        var changes = AuditChanges()
        func set(_ column: String, _ keyPath: ReferenceWritableKeyPath<Lead, String?>, _ sent: String??) {
            guard let sent, lead[keyPath: keyPath] != sent else { return }
            changes.set(column, lead[keyPath: keyPath], sent)
            lead[keyPath: keyPath] = sent
        }
        if let company = fields.company, company != lead.company {
            changes.set("company", lead.company, company)
            lead.company = company
        }
        set("contact_name", \.contactName, input.contactName == nil ? nil : .some(fields.contactName))
        set("phone", \.phone, input.phone == nil ? nil : .some(fields.phone))
        set("email", \.email, input.email == nil ? nil : .some(fields.email))
        set("source", \.source, input.source == nil ? nil : .some(fields.source))
        set("notes", \.notes, input.notes == nil ? nil : .some(fields.notes))
        if input.provinceCode != nil || input.cityCode != nil || input.districtCode != nil {
            set("province_code", \.provinceCode, .some(fields.provinceCode))
            set("city_code", \.cityCode, .some(fields.cityCode))
            set("district_code", \.districtCode, .some(fields.districtCode))
        }
        if let ownerID = input.ownerId, ownerID != lead.ownerID {
            try context.require(CRMModule.leadAssign)
            let (owner, department) = try await self.owner(ownerID)
            changes.set("owner_id", lead.ownerID?.uuidString, owner.uuidString)
            lead.ownerID = owner
            lead.departmentID = department
        }
        guard !changes.isEmpty else { return try await LeadRead.dtos([lead], context: context)[0] }
        if changes.fields["company"] != nil || changes.fields["phone"] != nil {
            let duplicates = try await self.duplicates(company: changes.fields["company"] != nil ? lead.company : nil,
                                                       phone: changes.fields["phone"] != nil ? lead.phone : nil, excluding: id)
            guard duplicates.isEmpty else { throw DomainError.invalid(duplicates) }
        }
        lead.refreshKeys()
        try await save(lead, expecting: version, action: "update", changes: changes)
        return try await LeadRead(context: context).detail(id)
    }

    /// Marks an open lead invalid with a reason.
    func invalidate(_ id: UUID, _ input: LeadInvalidateInput) async throws -> LeadDTO {
        try context.require(CRMModule.leadWrite)
        var problems: [DomainError.Field] = []
        let reason = CRMText.line(input.reason, max: 200, path: "reason", required: true, problems: &problems)
        guard problems.isEmpty, let reason else { throw DomainError.invalid(problems) }
        let lead = try await LeadRead(context: context).visible(id)
        guard lead.state == "new" || lead.state == "following" else { throw DomainError(status: 409, code: "crm.lead.closed", params: ["state": lead.state]) }
        var changes = AuditChanges()
        changes.set("state", lead.state, "invalid")
        changes.set("invalid_reason", nil, reason)
        lead.state = "invalid"
        lead.invalidReason = reason
        try await save(lead, expecting: input.version, action: "invalidate", changes: changes)
        return try await LeadRead(context: context).detail(id)
    }

    /// Converts an open lead: a new customer with the lead's contact (or the existing customer
    /// `input.customerId`), an opportunity when `opportunityName` is given, the lead `converted`
    /// — all or nothing.
    /// - Throws: as the customer's create (its 查重 included) and the opportunity's; 409
    ///   `crm.lead.closed`, `conflict.stale_version`.
    func convert(_ id: UUID, _ input: LeadConvertInput) async throws -> LeadConversionDTO {
        try context.require(CRMModule.leadWrite)
        try context.require(PartnerPermissions.customerWrite)
        let lead = try await LeadRead(context: context).visible(id)
        guard lead.state == "new" || lead.state == "following" else { throw DomainError(status: 409, code: "crm.lead.closed", params: ["state": lead.state]) }
        guard lead.version == input.version else { throw DomainError.staleVersion("lead", current: try await LeadRead.dtos([lead], context: context)[0]) }
        let context = self.context
        return try await context.atomically {
            let customerID: UUID
            if let existing = input.customerId {
                customerID = try await CustomerAccess(context: context).visibleCustomer(existing).id
            } else {
                var customer = PartnerInput(name: input.customerName ?? lead.company, email: lead.email, phone: lead.phone)
                customer.source = lead.source ?? "lead"
                (customer.provinceCode, customer.cityCode, customer.districtCode) = (lead.provinceCode, lead.cityCode, lead.districtCode)
                let contact = lead.contactName.map { CustomerRegistry.Contact(name: $0, phone: lead.phone, email: lead.email) }
                customerID = try await CustomerRegistry(context: context).create(customer, contact: contact).id
            }
            var opportunityID: UUID?
            if let name = input.opportunityName {
                let opportunity = try await OpportunityService(context: context).create(
                    OpportunityInput(name: name, customerId: customerID, amount: input.amount, expectedCloseDate: input.expectedCloseDate), leadID: id)
                opportunityID = opportunity.id
            }
            var changes = AuditChanges()
            changes.set("state", lead.state, "converted")
            changes.set("customer_id", nil, customerID.uuidString)
            if let opportunityID { changes.set("opportunity_id", nil, opportunityID.uuidString) }
            lead.state = "converted"
            lead.customerID = customerID
            lead.opportunityID = opportunityID
            try await save(lead, expecting: input.version, action: "convert", changes: changes)
            return LeadConversionDTO(lead: try await LeadRead(context: context).detail(id), customerId: customerID, opportunityId: opportunityID)
        }
    }

    /// Writes `lead` if it still has `version`.
    private func save(_ lead: Lead, expecting version: Int, action: String, changes: AuditChanges) async throws {
        let now = context.now()
        let context = self.context
        try await context.write { db in
            let sql = db as! any SQLDatabase
            guard try await sql.update(Lead.schema)
                .set("company", to: lead.company).set("name_key", to: lead.nameKey).set("contact_name", to: lead.contactName)
                .set("phone", to: lead.phone).set("phone_key", to: lead.phoneKey).set("email", to: lead.email).set("source", to: lead.source)
                .set("province_code", to: lead.provinceCode).set("city_code", to: lead.cityCode).set("district_code", to: lead.districtCode)
                .set("notes", to: lead.notes).set("owner_id", to: lead.ownerID).set("department_id", to: lead.departmentID)
                .set("state", to: lead.state).set("invalid_reason", to: lead.invalidReason).set("customer_id", to: lead.customerID)
                .set("opportunity_id", to: lead.opportunityID).set("search_text", to: lead.searchText)
                .set("updated_at", to: now).set("version", to: SQLRaw("version + 1"))
                .where("id", .equal, lead.id).where("tenant_id", .equal, lead.tenantID).where("version", .equal, version)
                .returning("id").first() != nil
            else { throw DomainError.staleVersion("lead") }
            try await AuditLog.append(entity: CRMModule.leadEntity, entityID: lead.id, action: action, changes: changes, context: context.audit, on: db, now: now)
        }
    }

    /// The owner to give a lead: `requested` (an active employee; assigning to someone else needs
    /// ``CRMModule/leadAssign``), else the acting rep.
    private func owner(_ requested: UUID?) async throws -> (UUID, UUID?) {
        guard let requested, requested != context.actor.employeeID else { return try CRMActor.employee(context) }
        try context.require(CRMModule.leadAssign)
        guard let employee = try await EmployeeDirectory(db: context.database).find(requested, tenantID: context.tenantID), !employee.archived else {
            throw DomainError.invalid([.init("ownerId", "crm.lead.unknown_owner")])
        }
        return (requested, employee.departmentID)
    }

    /// Exact duplicates of a company name or phone among open leads (`crm.lead.duplicate`) and
    /// customers (`crm.lead.customer_exists`).
    func duplicates(company: String?, phone: String?, excluding: UUID?) async throws -> [DomainError.Field] {
        var problems: [DomainError.Field] = []
        let nameKey = company.map(DuplicateKeys.name) ?? ""
        let phoneKey = phone.flatMap(DuplicateKeys.phone)
        func openLeads() -> QueryBuilder<Lead> {
            let query = Lead.query(on: context.database).filter(\.$tenantID == context.tenantID).filter(\.$state ~~ ["new", "following"])
            if let excluding { query.filter(\.$id != excluding) }
            return query
        }
        if !nameKey.isEmpty, let lead = try await openLeads().filter(\.$nameKey == nameKey).first() {
            problems.append(.init("company", "crm.lead.duplicate", params: ["number": lead.number]))
        }
        if let phoneKey, let lead = try await openLeads().filter(\.$phoneKey == phoneKey).first() {
            problems.append(.init("phone", "crm.lead.duplicate", params: ["number": lead.number]))
        }
        for problem in try await CustomerRegistry(context: context).blocking(name: company, phone: phone) {
            let path = problem.path == "name" ? "company" : problem.path
            guard !problems.contains(where: { $0.path == path }) else { continue }
            problems.append(.init(path, "crm.lead.customer_exists", params: ["owner": problem.params["owner"] ?? "—"]))
        }
        return problems
    }
}
