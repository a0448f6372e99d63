import Fluent
import Foundation
import SQLKit

extension IdentityModule {
    /// Users, sign-ins, the company, roles and invitations in the audit log.
    public var auditEntities: [AuditEntityKind] {
        [AuditEntityKind("platform.user", label: .init(en: "User", zhCN: "用户"), actions: [
            "lock": .init(en: "Locked {entity}{name}", zhCN: "锁定了{entity}{name}"),
            "unlock": .init(en: "Unlocked {entity}{name}", zhCN: "解锁了{entity}{name}"),
            "change_password": .init(en: "Changed the password of {entity}{name}", zhCN: "修改了{entity}{name}的密码"),
            "totp_setup": .init(en: "Started two-factor set-up for {entity}{name}", zhCN: "为{entity}{name}开始设置两步验证"),
         ], names: .column("name", in: User.schema)),
         // A session is its user's: the actor column says who; a token's name says which.
         AuditEntityKind("platform.session", label: .init(en: "Session", zhCN: "登录会话"), actions: [
            "sign_in": .init(en: "Signed in", zhCN: "登录"),
            "sign_out": .init(en: "Signed out", zhCN: "退出登录"),
            "revoke": .init(en: "Ended a session", zhCN: "结束了一个登录会话"),
            "create_token": .init(en: "Created API token{name}", zhCN: "创建了 API 令牌{name}"),
         ], names: .column("name", in: UserSession.schema)),
         AuditEntityKind("platform.tenant", label: .init(en: "Company", zhCN: "公司"), actions: [
            "create": .init(en: "Registered {entity}{name}", zhCN: "注册了{entity}{name}"),
            "update": .init(en: "Changed the settings of {entity}{name}", zhCN: "修改了{entity}{name}的设置"),
         ], names: AuditNameLookup { ids, tenantID, db in
            // A company's entries name only the company itself.
            guard ids.contains(tenantID), let tenant = try await Tenant.find(tenantID, on: db) else { return [:] }
            return [tenantID: tenant.name]
         }),
         AuditEntityKind("platform.role", label: .init(en: "Role", zhCN: "角色"), names: AuditNameLookup { ids, tenantID, db in
            // Built-in roles have no name of their own, only a key.
            let rows = try await TenantRole.query(on: db).filter(\.$tenantID == tenantID).filter(\.$id ~~ ids).all()
            return Dictionary(rows.compactMap { role in role.id.map { ($0, role.name ?? role.key) } }, uniquingKeysWith: { first, _ in first })
         }),
         AuditEntityKind("platform.invitation", label: .init(en: "Invitation", zhCN: "邀请"), actions: [
            "accept": .init(en: "Accepted {entity}{name}", zhCN: "接受了{entity}{name}"),
            "revoke": .init(en: "Revoked {entity}{name}", zhCN: "撤销了{entity}{name}"),
         ], names: .column("email", in: Invitation.schema))]
    }
}
