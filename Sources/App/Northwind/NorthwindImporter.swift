import Fluent
import Foundation
import Partners
import Platform
import Products
import Sales
import Vapor

/// Imports the Northwind sample into a tenant (issue 2 mapping), idempotently: a rerun reports
/// every record unchanged and creates nothing.
///
/// Mapping: categories → product categories (`NW-CAT-<id>`); suppliers → partners with the
/// supplier role (`NW-SUP-<id>`, contact person → contact); customers → partners with the customer
/// role (code = Northwind id); shippers → carriers (`NW-SHIP-<id>`); products → products
/// (SKU `NW-<id>`; discontinued → archived); employees → employees (`NW-EMP-<id>`, manager from
/// `reports_to`; their city → a site in the country's time zone, their title → a position);
/// orders + order details → sales orders (number = Northwind order id; delivered
/// when shipped, else confirmed; freight kept apart from product sales). Currency: the tenant's.
public struct NorthwindImporter: Sendable {
    /// Users to create for employees, e.g. for the demo company; nil creates none.
    public struct Users: Sendable {
        public var password: String
        /// Employee code of the administrator; the others get the sales role.
        public var administratorCode: String
        public var domain: String
        public init(password: String, administratorCode: String, domain: String) {
            self.password = password
            self.administratorCode = administratorCode
            self.domain = domain
        }
    }

    let directory: URL
    let users: Users?
    let progress: @Sendable (String) -> Void

    public init(directory: URL, users: Users?, progress: @escaping @Sendable (String) -> Void = { _ in }) {
        self.directory = directory
        self.users = users
        self.progress = progress
    }

    /// Runs the import in one transaction (all or nothing).
    /// - Throws: `NorthwindFiles.Problem` for unreadable or inconsistent files; nothing is stored then.
    public func run(tenantID: UUID, writes: WriteSerializer, db: any Database, hasher: AsyncPasswordHasher, audit: AuditContext) async throws -> ImportTally {
        let prepared = try await prepare(hasher: hasher)
        return try await writes.transaction(on: db) { db in
            try await self.importAll(prepared, tenantID: tenantID, db: db, hasher: hasher, audit: audit)
        }
    }

    /// What the import needs before its transaction: the files, and the users' password hash.
    struct Prepared: Sendable {
        let tables: Tables
        /// One bcrypt hash for all created users, who share the password (the demo's
        /// `afield-demo`): hashing it per user took ~0.3 s each (debug build), inside the write
        /// transaction.
        let passwordHash: String?
    }

    /// Reads the files and hashes the users' password; call before opening the transaction, so
    /// that a broken file or password stores nothing and no write waits for bcrypt.
    func prepare(hasher: AsyncPasswordHasher) async throws -> Prepared {
        let tables = try Tables(files: NorthwindFiles(directory: directory))
        guard let users else { return Prepared(tables: tables, passwordHash: nil) }
        if let problem = IdentityService.passwordProblems(users.password).first {
            throw DomainError.invalid([problem])
        }
        return Prepared(tables: tables, passwordHash: try await hasher.hash(users.password))
    }

    /// The import itself, inside the caller's transaction.
    func importAll(_ prepared: Prepared, tenantID: UUID, db: any Database, hasher: AsyncPasswordHasher, audit: AuditContext) async throws -> ImportTally {
        let tables = prepared.tables
        guard let tenant = try await Tenant.find(tenantID, on: db) else { throw DomainError.notFound("tenant") }
        let currency = Currency(code: tenant.currency) ?? .usd
        let rounding = RoundingRule(rawValue: tenant.rounding) ?? .halfUp
        do {
            var tally = ImportTally()
            let products = ProductImport(db: db)
            for row in tables.categories {
                let id = try row.required("category_id", in: "categories")
                tally.add(try await products.upsertCategory(code: "NW-CAT-\(id)", name: try row.required("category_name", in: "categories"),
                                                            description: row[text: "description"], tenantID: tenantID, audit: audit), kind: "categories")
            }
            progress("categories: \(tally["categories"].total)")

            let employeeRecords = try tables.employees.map { row in
                let id = try row.required("employee_id", in: "employees")
                let name = [row[text: "first_name"], row[text: "last_name"]].compactMap { $0 }.joined(separator: " ")
                return EmployeeImport.Record(code: "NW-EMP-\(id)", name: name, title: row[text: "title"], hireDate: row[text: "hire_date"],
                                             managerCode: row[text: "reports_to"].map { "NW-EMP-\($0)" })
            }
            let employeeImport = EmployeeImport(db: db)
            let (employeeOutcomes, employeeIDs) = try await employeeImport.upsert(employeeRecords, tenantID: tenantID, audit: audit)
            for outcome in employeeOutcomes { tally.add(outcome, kind: "employees") }
            progress("employees: \(tally["employees"].total)")

            let organisation = NorthwindOrganisation(employees: tables.employees, orders: tables.orders)
            let departmentImport = DepartmentImport(db: db)
            let (departmentOutcomes, departmentIDs) = try await departmentImport.upsert(organisation.departments, employeeIDs: employeeIDs,
                                                                                        tenantID: tenantID, audit: audit)
            for outcome in departmentOutcomes { tally.add(outcome, kind: "departments") }
            _ = try await departmentImport.assign(organisation.membership.compactMapValues { departmentIDs[$0] }, tenantID: tenantID, audit: audit)
            let departmentOfEmployee = organisation.membership.compactMapValues { departmentIDs[$0] }
            progress("departments: \(tally["departments"].total)")

            let places = NorthwindSites(employees: tables.employees)
            let siteImport = SiteImport(db: db)
            let (siteOutcomes, siteIDs) = try await siteImport.upsert(places.sites, tenantID: tenantID, audit: audit)
            for outcome in siteOutcomes { tally.add(outcome, kind: "sites") }
            _ = try await siteImport.assign(places.siteOfEmployee.compactMapValues { siteIDs[$0] }, tenantID: tenantID, audit: audit)
            let positionImport = PositionImport(db: db)
            let (positionOutcomes, positionIDs) = try await positionImport.upsert(places.positions, tenantID: tenantID, audit: audit)
            for outcome in positionOutcomes { tally.add(outcome, kind: "positions") }
            _ = try await positionImport.assign(places.positionOfEmployee.compactMapValues { positionIDs[$0] }, tenantID: tenantID, audit: audit)
            progress("sites: \(tally["sites"].total), positions: \(tally["positions"].total)")

            let partners = PartnerImport(db: db)
            var supplierIDs: [String: UUID] = [:]
            for (kind, table, rows) in [("suppliers", "suppliers", tables.suppliers), ("customers", "customers", tables.customers)] {
                var sourceIDs: [String] = []
                let records = try rows.map { row in
                    let sourceID = try row.required(kind == "suppliers" ? "supplier_id" : "customer_id", in: table)
                    sourceIDs.append(sourceID)
                    var record = PartnerImport.Record(
                        code: kind == "suppliers" ? "NW-SUP-\(sourceID)" : sourceID,
                        name: try row.required("company_name", in: table), roles: [kind == "suppliers" ? .supplier : .customer],
                        address: row[text: "address"], city: row[text: "city"], region: row[text: "region"],
                        postalCode: row[text: "postal_code"], country: row[text: "country"], phone: row[text: "phone"],
                        fax: row[text: "fax"], homepage: row[text: "homepage"],
                        contact: row[text: "contact_name"].map { ($0, row[text: "contact_title"]) })
                    let owner = kind == "customers" ? organisation.accountManagers[sourceID] : nil
                    record.ownerID = owner.flatMap { employeeIDs[$0] }
                    record.departmentID = owner.flatMap { departmentOfEmployee[$0] }
                    return record
                }
                for (sourceID, (outcome, id)) in zip(sourceIDs, try await partners.upsert(records, tenantID: tenantID, audit: audit)) {
                    if kind == "suppliers" { supplierIDs[sourceID] = id }
                    tally.add(outcome, kind: kind)
                }
                progress("\(kind): \(tally[kind].total)")
            }
            let shipperIDs = try tables.shippers.map { try $0.required("shipper_id", in: "shippers") }
            let carriers = try zip(shipperIDs, tables.shippers).map { sourceID, row in
                PartnerImport.Record(code: "NW-SHIP-\(sourceID)", name: try row.required("company_name", in: "shippers"), roles: [.carrier],
                                     phone: row[text: "phone"])
            }
            var carrierIDs: [String: UUID] = [:]
            for (sourceID, (outcome, id)) in zip(shipperIDs, try await partners.upsert(carriers, tenantID: tenantID, audit: audit)) {
                carrierIDs[sourceID] = id
                tally.add(outcome, kind: "carriers")
            }
            progress("carriers: \(tally["carriers"].total)")

            let productRecords = try tables.products.map { row in
                let id = try row.required("product_id", in: "products")
                let price = try Self.money(try row.required("unit_price", in: "products"), currency, "products.unit_price")
                let reorder = try Self.quantity(row[text: "reorder_level"] ?? "0", "products.reorder_level")
                return ProductImport.Record(
                    sku: "NW-\(id)", name: try row.required("product_name", in: "products"),
                    categoryCode: row[text: "category_id"].map { "NW-CAT-\($0)" },
                    supplierID: row[text: "supplier_id"].flatMap { supplierIDs[$0] }, packDescription: row[text: "quantity_per_unit"],
                    listPrice: price, reorderLevel: reorder, archived: row[text: "discontinued"] == "1")
            }
            for outcome in try await products.upsert(productRecords, tenantID: tenantID, audit: audit) { tally.add(outcome, kind: "products") }
            progress("products: \(tally["products"].total)")

            if let users, let passwordHash = prepared.passwordHash {
                let identity = IdentityService(db: db, hasher: hasher)
                for (record, row) in zip(employeeRecords, tables.employees) {
                    let local = [row[text: "first_name"], row[text: "last_name"]].compactMap { $0?.lowercased() }.joined(separator: ".")
                    let email = "\(local)@\(users.domain)"
                    if let user = try await User.query(on: db).filter(\.$email == email).first() {
                        try await employeeImport.link(code: record.code, userID: user.id!, tenantID: tenantID)
                        tally.add(.unchanged, kind: "users")
                        continue
                    }
                    let role: BuiltInRole = record.code == users.administratorCode ? .administrator
                        : (record.title?.localizedCaseInsensitiveContains("manager") == true ? .manager : .sales)
                    let problems = IdentityService.problems(email: email, name: record.name, password: users.password)
                    if !problems.isEmpty { throw DomainError.invalid(problems) }
                    let user = try await identity.createUser(tenantID: tenantID, email: email, name: record.name, passwordHash: passwordHash,
                                                              role: role, audit: audit)
                    try await employeeImport.link(code: record.code, userID: user.id!, tenantID: tenantID)
                    tally.add(.created, kind: "users")
                }
                progress("users: \(tally["users"].total)")
            }

            let productIDs = try await ProductCatalog(db: db).ids(skus: tables.products.compactMap { $0[text: "product_id"].map { "NW-\($0)" } },
                                                                  tenantID: tenantID)
            let customerIDs = try await PartnerDirectory(db: db).ids(codes: tables.customers.compactMap { $0[text: "customer_id"] },
                                                                     tenantID: tenantID)
            let customerNames = Dictionary(tables.customers.compactMap { row in row[text: "customer_id"].map { ($0, row[text: "company_name"] ?? $0) } },
                                           uniquingKeysWith: { a, _ in a })
            let employeeNames = Dictionary(employeeRecords.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
            var linesByOrder: [String: [SalesOrderImport.Line]] = [:]
            for row in tables.orderDetails {
                let orderID = try row.required("order_id", in: "order_details")
                let productCode = "NW-\(try row.required("product_id", in: "order_details"))"
                guard let productID = productIDs[productCode] else { throw NorthwindFiles.Problem(description: "order \(orderID): unknown product \(productCode)") }
                linesByOrder[orderID, default: []].append(.init(
                    productID: productID,
                    quantity: try Self.quantity(try row.required("quantity", in: "order_details"), "order_details.quantity"),
                    unitPrice: try Self.money(try row.required("unit_price", in: "order_details"), currency, "order_details.unit_price"),
                    discount: try Self.fraction(row[text: "discount"] ?? "0", "order_details.discount")))
            }
            let orderRecords = try tables.orders.map { row in
                let number = try row.required("order_id", in: "orders")
                let customerCode = try row.required("customer_id", in: "orders")
                guard let customerID = customerIDs[customerCode] else { throw NorthwindFiles.Problem(description: "order \(number): unknown customer \(customerCode)") }
                return SalesOrderImport.Record(
                    number: number, shipped: row[text: "shipped_date"] != nil, orderDate: try row.required("order_date", in: "orders"),
                    requiredDate: row[text: "required_date"], shippedDate: row[text: "shipped_date"], customerID: customerID,
                    customerName: customerNames[customerCode] ?? customerCode,
                    salespersonID: row[text: "employee_id"].flatMap { employeeIDs["NW-EMP-\($0)"] },
                    salespersonName: row[text: "employee_id"].flatMap { employeeNames["NW-EMP-\($0)"] },
                    departmentID: row[text: "employee_id"].flatMap { departmentOfEmployee["NW-EMP-\($0)"] },
                    carrierID: row[text: "ship_via"].flatMap { carrierIDs[$0] },
                    freight: try Self.money(row[text: "freight"] ?? "0", currency, "orders.freight"),
                    shipName: row[text: "ship_name"], shipAddress: row[text: "ship_address"], shipCity: row[text: "ship_city"],
                    shipRegion: row[text: "ship_region"], shipPostalCode: row[text: "ship_postal_code"], shipCountry: row[text: "ship_country"],
                    lines: linesByOrder[number] ?? [])
            }
            let outcomes = try await SalesOrderImport(db: db, rounding: rounding).upsert(orderRecords, tenantID: tenantID, audit: audit)
            for (outcome, record) in zip(outcomes, orderRecords) {
                tally.add(outcome, kind: "orders")
                for _ in record.lines { tally.add(outcome, kind: "order lines") }
            }
            progress("orders: \(tally["orders"].total)")
            return tally
        }
    }

    static func money(_ text: String, _ currency: Currency, _ column: String) throws -> Money {
        do { return try Money(parsing: text, currency: currency) } catch {
            throw NorthwindFiles.Problem(description: "\(column): '\(text)' is not an amount (\(error))")
        }
    }

    static func quantity(_ text: String, _ column: String) throws -> Quantity {
        do { return try Quantity(parsing: text) } catch {
            throw NorthwindFiles.Problem(description: "\(column): '\(text)' is not a quantity (\(error))")
        }
    }

    static func fraction(_ text: String, _ column: String) throws -> Percentage {
        do { return try Percentage(parsingFraction: text) } catch {
            throw NorthwindFiles.Problem(description: "\(column): '\(text)' is not a discount (\(error))")
        }
    }
}

/// All tables, read before the transaction starts so a broken file changes nothing.
struct Tables: Sendable {
    typealias Rows = [[String: String?]]
    let categories, suppliers, customers, shippers, products, employees, orders, orderDetails: Rows

    init(files: NorthwindFiles) throws {
        categories = try files.rows("categories")
        suppliers = try files.rows("suppliers")
        customers = try files.rows("customers")
        shippers = try files.rows("shippers")
        products = try files.rows("products")
        employees = try files.rows("employees")
        orders = try files.rows("orders")
        orderDetails = try files.rows("order_details")
    }
}
