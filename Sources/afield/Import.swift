import App
import ArgumentParser
import Fluent
import Foundation
import Platform
import Vapor

/// `afield import <source> …`.
struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Import data into a company.", subcommands: [ImportNorthwind.self])
}

/// `afield import northwind DIR --tenant SLUG`: idempotent; prints created/updated/unchanged.
struct ImportNorthwind: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "northwind", abstract: "Import the Northwind CSV files of DIR.")

    @ArgumentParser.Argument(help: "Folder with categories.csv, customers.csv, … (e.g. Demo/northwind).")
    var directory: String

    @ArgumentParser.Option(name: .long, help: "Slug of the company to import into.")
    var tenant: String

    @ArgumentParser.Option(name: .long, help: "Create a company with this name when the slug does not exist yet.")
    var createCompany: String?

    @ArgumentParser.Option(name: .long, help: "Also create a sign-in for each employee (first.last@DOMAIN) with this password.")
    var userPassword: String?

    @ArgumentParser.Option(name: .long, help: "E-mail domain of the created sign-ins (with --user-password).")
    var emailDomain = "northwind.example"

    @OptionGroup var options: DatabaseOptions

    func run() async throws {
        let directory = URL(fileURLWithPath: self.directory)
        let slug = tenant
        let createCompany = self.createCompany
        let users = userPassword.map { NorthwindImporter.Users(password: $0, administratorCode: "NW-EMP-2", domain: emailDomain) }
        do {
            try await Runner.withApp(options, publicDirectory: nil) { app in
                try await app.autoMigrate()
                var company = try await Tenant.query(on: app.db).filter(\.$slug == slug).first()
                if company == nil, let name = createCompany {
                    company = try await IdentityService(db: app.db, hasher: app.password.async)
                        .createTenant(slug: slug, name: name, currency: .usd, timeZone: "UTC", locale: .en)
                }
                guard let company else { throw ValidationError("no company with slug '\(slug)' (use --create-company NAME to create it)") }
                let importer = NorthwindImporter(directory: directory, users: users) { line in print("  \(line)") }
                print("importing \(directory.path) into \(company.name)…")
                let tenantID = try company.requireID()
                let tally = try await importer.run(tenantID: tenantID, writes: app.afieldWrites, db: app.db, hasher: app.password.async,
                                                   audit: .system(tenantID, name: "afield import northwind", source: .import))
                print(tally.description)
            }
        } catch let error as ValidationError {
            Runner.fail(error.message)
        } catch let error as DomainError {
            Runner.fail(([error.code] + error.fields.map { "\($0.path): \($0.code)" }).joined(separator: "; "))
        } catch {
            Runner.fail(String(describing: error))
        }
    }
}
