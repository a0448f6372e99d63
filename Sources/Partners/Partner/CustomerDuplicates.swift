import AfieldAPI
import Fluent
import Foundation
import Platform
import SQLKit

/// 查重: customers that look like the one being entered, by normalised name
/// (``DuplicateKeys/name(_:)``), phone digits (``DuplicateKeys/phone(_:)``) and tax id.
///
/// Exact matches block a create or an edit (422 with `partners.duplicate_*` on the field);
/// near names only warn. A match the caller may not open is still reported — a rep must learn
/// that a colleague already owns the customer — but by its owner and department and a masked
/// name only (issue 12 point 2).
public struct CustomerDuplicates: Sendable {
    let context: ServiceContext

    public init(context: ServiceContext) { self.context = context }

    /// Most matches answered.
    static let limit = 20
    /// Most near-name candidates read from the database before comparing in Swift.
    static let candidateLimit = 200

    /// The customers matching `input`, exact matches first.
    /// - Throws: 403 without customer read or pool claim permission.
    public func check(_ input: DuplicateCheckInput) async throws -> DuplicateReport {
        guard context.actor.holds(PartnerRole.customer.readPermission) || context.actor.holds(CustomerOwnership.claim) else {
            throw DomainError(status: 403, code: "auth.forbidden", params: ["permission": PartnerRole.customer.readPermission.key])
        }
        let found = try await matches(name: input.name, phone: input.phone, taxId: input.taxId, excluding: input.excludeId, on: context.database)
        return DuplicateReport(matches: try await describe(found))
    }

    /// A match before it is described for the caller.
    struct Found {
        let partner: Partner
        let field: String
        let exact: Bool
    }

    /// The problems a save must stop on: one per field with an exact match, whose params name the
    /// owner (`owner`) — or `pool` = `true` — without revealing the customer.
    func blocking(name: String?, phone: String?, taxId: String?, excluding: UUID?, on db: any Database) async throws -> [DomainError.Field] {
        let found = try await matches(name: name, phone: phone, taxId: taxId, excluding: excluding, on: db, nearNames: false)
        guard !found.isEmpty else { return [] }
        let names = try await EmployeeDirectory(db: db).names(Set(found.compactMap(\.partner.ownerID)), tenantID: context.tenantID)
        var problems: [DomainError.Field] = []
        for match in found where !problems.contains(where: { $0.path == match.field }) {
            var params: [String: String] = ["owner": match.partner.ownerID.flatMap { names[$0] } ?? "—"]
            if match.partner.poolSince != nil { params["pool"] = "true" }
            let code = match.partner.poolSince != nil ? "partners.duplicate_in_pool" : "partners.duplicate_\(match.field == "taxId" ? "tax_id" : match.field)"
            problems.append(.init(match.field, code, params: params))
        }
        return problems
    }

    func matches(name: String?, phone: String?, taxId: String?, excluding: UUID?, on db: any Database, nearNames: Bool = true) async throws -> [Found] {
        let tenantID = context.tenantID
        func customers() -> QueryBuilder<Partner> {
            let query = Partner.query(on: db).filter(\.$tenantID == tenantID).filter(\.$isCustomer == true).filter(\.$archived == false)
            if let excluding { query.filter(\.$id != excluding) }
            return query
        }
        var found: [Found] = []
        var seen: Set<UUID> = []
        func add(_ partners: [Partner], field: String, exact: Bool) {
            for partner in partners where partner.id.map({ seen.insert($0).inserted }) ?? false {
                found.append(Found(partner: partner, field: field, exact: exact))
            }
        }
        if let taxId = taxId.map(CreditCode.normalise), !taxId.isEmpty {
            add(try await customers().filter(\.$taxID == taxId).limit(Self.limit).all(), field: "taxId", exact: true)
        }
        let key = name.map(DuplicateKeys.name) ?? ""
        if !key.isEmpty {
            add(try await customers().filter(\.$nameKey == key).limit(Self.limit).all(), field: "name", exact: true)
        }
        if let phoneKey = phone.flatMap(DuplicateKeys.phone) {
            add(try await customers().filter(\.$phoneKey == phoneKey).limit(Self.limit).all(), field: "phone", exact: true)
        }
        if nearNames, key.count >= 2 {
            let sql = db as! any SQLDatabase
            let escaped = key.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
            let inside: SQLQueryString = sql.dialect.name == "postgresql" ? "strpos(\(bind: key), partners.name_key) > 0" : "instr(\(bind: key), partners.name_key) > 0"
            // A near name is at most k = max(1, length / 5) edits away (``DuplicateKeys/isNear``), so
            // cut into k + 1 pieces it keeps at least one piece whole (the pigeonhole principle):
            // candidates start with the first piece (a range the (tenant, name_key) index serves)
            // or contain another; or one name holds the other.
            let characters = Array(key)
            let pieces = min(max(1, characters.count / 5) + 1, characters.count)
            var parts: [String] = []
            for index in 0..<pieces {
                parts.append(String(characters[(index * characters.count / pieces)..<((index + 1) * characters.count / pieces)]))
            }
            func like(_ text: String) -> String {
                text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
            }
            var condition: SQLQueryString = """
                ((partners.name_key >= \(bind: parts[0]) AND partners.name_key < \(bind: parts[0] + "\u{10FFFF}")) \
                OR partners.name_key LIKE \(bind: "%" + escaped + "%") ESCAPE '\\' \
                OR (length(partners.name_key) >= 4 AND \(inside))
                """
            for part in parts.dropFirst() where part.count >= 2 {
                condition = condition + " OR partners.name_key LIKE \(bind: "%" + like(part) + "%") ESCAPE '\\'"
            }
            condition = condition + ")"
            let candidates = try await customers().filter(\.$nameKey != key).filter(.sql(condition)).sort(\.$nameKey).limit(Self.candidateLimit).all()
            add(candidates.filter { DuplicateKeys.isNear(key, $0.nameKey) }, field: "name", exact: false)
        }
        return Array(found.prefix(Self.limit))
    }

    /// The matches as the caller may see them.
    func describe(_ found: [Found]) async throws -> [DuplicateMatch] {
        guard !found.isEmpty else { return [] }
        let actor = context.actor
        let scope = actor.holds(PartnerRole.customer.readPermission) ? try await context.recordScope("partners.customer") : nil
        let pool = actor.holds(CustomerOwnership.claim) || actor.holds(CustomerOwnership.transfer) ? try await context.recordScope(CustomerPool.resource) : nil
        let owners = try await EmployeeDirectory(db: context.database).names(Set(found.compactMap(\.partner.ownerID)), tenantID: context.tenantID)
        let departmentIDs = Set(found.compactMap(\.partner.departmentID))
        let departments = departmentIDs.isEmpty ? [] : try await Department.query(on: context.database).filter(\.$tenantID == context.tenantID)
            .filter(\.$id ~~ departmentIDs).all()
        let departmentNames = Dictionary(departments.compactMap { d in d.id.map { ($0, d.name) } }, uniquingKeysWith: { a, _ in a })
        return found.map { match in
            let p = match.partner
            let inPool = p.poolSince != nil
            let visible = inPool ? pool?.contains(department: p.departmentID, employee: nil, createdBy: nil) == true
                : scope?.contains(department: p.departmentID, employee: p.ownerID, createdBy: nil) == true
            return DuplicateMatch(field: match.field, exact: match.exact, visible: visible, id: visible ? p.id : nil, code: visible ? p.code : nil,
                                  name: visible ? p.name : Self.mask(p.name), ownerName: p.ownerID.flatMap { owners[$0] },
                                  departmentName: p.departmentID.flatMap { departmentNames[$0] }, inPool: inPool)
        }
    }

    /// The name with its middle hidden: the first two and last two characters of a name of six or
    /// more (`上海**技术`), else the first and last (`A**e`); one or two characters become `**`.
    static func mask(_ name: String) -> String {
        let characters = Array(name)
        switch characters.count {
        case 0...2: return "**"
        case 3...5: return String(characters[0]) + "**" + String(characters[characters.count - 1])
        default: return String(characters[0..<2]) + "**" + String(characters[(characters.count - 2)...])
        }
    }
}
