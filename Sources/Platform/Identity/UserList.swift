import AfieldAPI
import Foundation
import SQLKit

/// The company's users on the shared list mechanism (`GET /api/v1/auth/users`): by name; search by
/// name or e-mail (`q`); filter by active, locked, two-factor; sort by name, e-mail or state.
enum UserList {
    private struct Row: Decodable {
        let id: UUID
        let name: String
        let email: String
        let active: Bool
        let locked: Bool
        let totpEnabled: Bool
        let mustChangePassword: Bool
        let version: Int
    }

    static let table = User.schema

    static let definition = ListDefinition<UserDTO>(
        key: "identity.users", table: table, fileName: "users",
        columns: [
            ListColumn("name", header: "identity.list.name", kind: .text, expression: "users.name") { .text($0.name) },
            ListColumn("email", header: "identity.list.email", kind: .text, expression: "users.email") { .text($0.email) },
            ListColumn("roles", header: "identity.list.roles", kind: .text) { .text($0.roles.joined(separator: ", ")) },
            ListColumn("active", header: "identity.list.active", kind: .boolean, expression: "users.active") { .text($0.active ? "✓" : "") },
            ListColumn("locked", header: "identity.list.locked", kind: .boolean, expression: "(users.locked_at IS NOT NULL)") { .text($0.locked ? "✓" : "") },
            ListColumn("twoFactorEnabled", header: "identity.list.two_factor", kind: .boolean, expression: "users.totp_enabled") {
                .text($0.twoFactorEnabled ? "✓" : "")
            },
        ],
        defaultColumns: ["name", "roles", "active"],
        defaultSort: [ListSort("name")],
        extraFilters: [ListExtraFilter("q") { value, table in
            guard let value else { return nil }
            let name = SQLContains.condition(table: table, column: "name", text: value)
            let email = SQLContains.condition(table: table, column: "email", text: value.lowercased())
            return "(\(name) OR \(email))"
        }],
        select: { query in
            query.column(SQLColumn("id", table: table)).column("name").column("email").column("active")
                .column(SQLAlias(SQLRaw("(users.locked_at IS NOT NULL)"), as: SQLIdentifier("locked")))
                .column(SQLAlias(SQLColumn("totp_enabled"), as: SQLIdentifier("totpEnabled")))
                .column(SQLAlias(SQLColumn("must_change_password"), as: SQLIdentifier("mustChangePassword")))
                .column("version")
        },
        decode: { row in
            let u = try row.decode(model: Row.self, keyDecodingStrategy: .useDefaultKeys)
            return UserDTO(id: u.id, name: u.name, email: u.email, roles: [], active: u.active, locked: u.locked, twoFactorEnabled: u.totpEnabled,
                           mustChangePassword: u.mustChangePassword, version: u.version)
        },
        finish: { items, context in
            let roles = try await RoleAssignment.keys(of: items.map(\.id), on: context.db)
            return items.map { var item = $0; item.roles = roles[$0.id] ?? []; return item }
        })

    static let messages: [String: MessageCatalog.Entry] = [
        "identity.list.name": .init(en: "Name", zhCN: "姓名"),
        "identity.list.email": .init(en: "E-mail", zhCN: "邮箱"),
        "identity.list.roles": .init(en: "Roles", zhCN: "角色"),
        "identity.list.active": .init(en: "Active", zhCN: "启用"),
        "identity.list.locked": .init(en: "Locked", zhCN: "已锁定"),
        "identity.list.two_factor": .init(en: "Two-factor", zhCN: "双重验证"),
    ]
}
