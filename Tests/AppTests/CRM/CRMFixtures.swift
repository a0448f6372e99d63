import AfieldAPI
import AfieldTesting
import App
import Fluent
import Foundation
import Platform
import Vapor

/// People and records the CRM tests share.
enum CRMFixtures {
    /// `count` new sales reps of the demo company, each a user with the built-in sales role and an
    /// employee in the Sales department, as service contexts acting for them (no sign-in: bcrypt
    /// for 20 people would dominate the test).
    static func reps(_ count: Int, app: Application, clock: AfieldClock? = nil) async throws -> [ServiceContext] {
        let tenant = try await Tenant.query(on: app.db).filter(\.$slug == DemoCompany.slug).first()!
        let tenantID = try tenant.requireID()
        let role = try await TenantRole.query(on: app.db).filter(\.$tenantID == tenantID).filter(\.$key == "sales").first()!
        let nancy = try await Employee.query(on: app.db).filter(\.$tenantID == tenantID).filter(\.$name == "Nancy Davolio").first()!
        var contexts: [ServiceContext] = []
        for index in 1...count {
            let user = User(tenantID: tenantID, email: "rep\(index)@crm.example", name: "Rep \(index)", passwordHash: "x")
            try await user.create(on: app.db)
            let employee = Employee(tenantID: tenantID, code: "REP-\(index)", name: "Rep \(index)")
            employee.userID = user.id
            employee.departmentID = nancy.departmentID
            try await employee.create(on: app.db)
            try await UserRole(tenantID: tenantID, userID: try user.requireID(), roleID: try role.requireID()).create(on: app.db)
            contexts.append(try await ServiceContext.acting(as: try user.requireID(), in: tenantID, source: .api, application: app, clock: clock))
        }
        return contexts
    }

    /// The demo company's id.
    static func tenantID(_ app: Application) async throws -> UUID {
        try await Tenant.query(on: app.db).filter(\.$slug == DemoCompany.slug).first()!.requireID()
    }
}
