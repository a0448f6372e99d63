import AfieldAPI
import Fluent
import Foundation
import Partners
import Platform

/// Reads and checks the lines of a claim as sent (issue 10 point 7):
/// - the category is the line's, else its item's default; with neither the line is refused
///   (case E-01: never accepted without a category, which would skip its budget);
/// - the amount is exact decimal text in the line's currency (default the company's), above
///   zero; a line in another currency needs an exchange rate (decimal text, at most 6 decimals,
///   company-currency units per unit) and its company-currency amount is amount × rate rounded
///   to the company currency's minor unit by the company's rounding rule (``Platform/RoundingRule``,
///   half-up unless the company chose half-even) — totals, budgets and limits use that amount;
/// - a trip named is an approved business trip of the claimant (``ExpenseTrip``);
/// - an invoice number twice in one claim is refused (case E-02); on another claim of the
///   company it is flagged for the approver;
/// - receipts are the caller's uploads (or already this claim's), images or PDF, at most
///   ``receiptLimit`` each — a larger one is refused with 413 whatever path it came by (case E-03).
struct ClaimLines: Sendable {
    struct Line: Sendable {
        var date: String
        var itemID: UUID?
        var categoryID: UUID
        var amount: Int64
        var currency: String
        var description: String?
        var invoiceNumber: String?
        var invoiceType: String?
        var cityTier: String?
        var days: Int?
        var customerID: UUID?
        var receipts: [UUID]
        var overLimit: Bool
        /// For a line in another currency: minor units of `currency` and the rate as stored.
        var originalAmount: Int64? = nil
        var exchangeRate: String? = nil
        var tripID: UUID? = nil
        var projectID: UUID? = nil
    }

    /// Digits after the point an exchange rate may have.
    static let rateScale = 6

    /// 5 MiB: the most one receipt may be (the upload route's body limit says the same).
    static let receiptLimit = 5 * 1024 * 1024
    static let receiptLimitText = "5 MB"
    /// Receipts are pictures or PDF.
    static let receiptTypes: Set<String> = ["image/jpeg", "image/png", "image/webp", "image/heic", "image/heif", "application/pdf"]

    let context: ServiceContext

    /// - Throws: 413 `expenses.receipt_too_large`; 422 with field problems.
    func read(_ inputs: [ExpenseLineInput], claimID: UUID?) async throws -> [Line] {
        let actor = context.actor
        let db = context.database
        let currency = actor.tenant.currency
        var problems: [DomainError.Field] = []
        if inputs.isEmpty { problems.append(.init("lines", "expenses.no_lines")) }
        let categories = Dictionary(uniqueKeysWithValues: try await ExpenseCategory.query(on: db).filter(\.$tenantID == actor.tenantID).all().map { ($0.id!, $0) })
        let itemIDs = inputs.compactMap(\.itemID)
        let items = itemIDs.isEmpty ? [:] : Dictionary(uniqueKeysWithValues: try await ExpenseItem.query(on: db).filter(\.$tenantID == actor.tenantID)
            .filter(\.$id ~~ itemIDs).all().map { ($0.id!, $0) })
        let receiptIDs = Array(Set(inputs.flatMap { $0.receipts ?? [] }))
        let files = receiptIDs.isEmpty ? [:] : Dictionary(uniqueKeysWithValues: try await StoredFile.query(on: db).filter(\.$tenantID == actor.tenantID)
            .filter(\.$id ~~ receiptIDs).all().map { ($0.id!, $0) })
        let linked = claimID == nil || receiptIDs.isEmpty ? [] : Set(try await FileLink.query(on: db).filter(\.$tenantID == actor.tenantID)
            .filter(\.$entity == ExpensesModule.claimEntity).filter(\.$recordID == claimID!).all().map(\.fileID))
        let customers = try await PartnerDirectory(db: db).references(Set(inputs.compactMap(\.customerID)), tenantID: actor.tenantID)
        let tripIDs = inputs.compactMap(\.tripID)
        var trips: Set<UUID> = []
        if !tripIDs.isEmpty, let employeeID = actor.employeeID {
            let rows = try await ExpenseTrip.query(on: db).filter(\.$tenantID == actor.tenantID).filter(\.$employeeID == employeeID)
                .filter(\.$instanceID ~~ tripIDs).all()
            trips = Set(rows.map(\.instanceID))
        }
        // Projects the claimant may book costs to, when the Projects module is installed.
        let projectIDs = Array(Set(inputs.compactMap(\.projectID)))
        let projects = projectIDs.isEmpty ? [:] : try await context.application.projectDirectory?.bookable(projectIDs, context: context) ?? [:]
        var seenInvoices: [String: Int] = [:]
        var lines: [Line] = []
        for (i, input) in inputs.enumerated() {
            let path = "lines[\(i)]"
            let before = problems.count
            let date = input.date.flatMap { CalendarDay.isPlausibleBusinessDay($0) ? $0 : nil }
            if date == nil { problems.append(.init("\(path).date", input.date == nil ? "field.required" : "expenses.bad_date")) }
            if let item = input.itemID, items[item] == nil { problems.append(.init("\(path).itemID", "expenses.unknown_item")) }
            let categoryID = input.categoryID ?? input.itemID.flatMap { items[$0]?.defaultCategoryID }
            if let c = categoryID, categories[c] == nil || categories[c]?.archived == true {
                problems.append(.init("\(path).categoryID", "expenses.unknown_category"))
            } else if categoryID == nil {
                problems.append(.init("\(path).categoryID", "expenses.category_required"))
            }
            var lineCurrency = currency
            if let code = input.currency?.uppercased(), code != currency.code {
                if let other = Currency(code: code) { lineCurrency = other } else {
                    problems.append(.init("\(path).currency", "expenses.unknown_currency"))
                }
            }
            var amount: Int64?
            if let raw = input.amount {
                amount = try? FixedDecimal.parse(raw.text, scale: lineCurrency.exponent)
                if amount == nil || amount! <= 0 || amount! > 1_000_000_000_000 {
                    problems.append(.init("\(path).amount", "expenses.bad_amount", params: ["decimals": String(lineCurrency.exponent)]))
                    amount = nil
                }
            } else { problems.append(.init("\(path).amount", "field.required")) }
            var originalAmount: Int64?
            var rateText: String?
            if lineCurrency != currency {
                if let raw = input.exchangeRate {
                    let rate = try? FixedDecimal.parse(raw.text, scale: Self.rateScale)
                    if let rate, rate > 0, rate <= 1_000_000 * 1_000_000 {
                        rateText = FixedDecimal.formatTrimmed(rate, scale: Self.rateScale)
                        if let foreign = amount {
                            let converted = Self.convert(foreign, from: lineCurrency.exponent, rate: rate, to: currency.exponent, rule: actor.tenant.rounding)
                            if converted <= 0 || converted > 1_000_000_000_000 {
                                problems.append(.init("\(path).amount", "expenses.bad_amount", params: ["decimals": String(lineCurrency.exponent)]))
                                amount = nil
                            } else { (originalAmount, amount) = (foreign, converted) }
                        }
                    } else { problems.append(.init("\(path).exchangeRate", "expenses.bad_rate", params: ["decimals": String(Self.rateScale)])) }
                } else {
                    problems.append(.init("\(path).exchangeRate", "expenses.rate_required", params: ["currency": lineCurrency.code, "company": currency.code]))
                }
            }
            if let trip = input.tripID, !trips.contains(trip) { problems.append(.init("\(path).tripID", "expenses.unknown_trip")) }
            var invoice: String?
            if let raw = input.invoiceNumber?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
                if raw.count > 40 || !raw.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) {
                    problems.append(.init("\(path).invoiceNumber", "expenses.bad_invoice_number"))
                } else if let first = seenInvoices[raw] {
                    problems.append(.init("\(path).invoiceNumber", "expenses.invoice_twice", params: ["line": String(first + 1)]))
                } else {
                    seenInvoices[raw] = i
                    invoice = raw
                }
            }
            if let type = input.invoiceType, !["vatSpecial", "vatNormal", "electronic", "receipt"].contains(type) {
                problems.append(.init("\(path).invoiceType", "expenses.bad_invoice_type"))
            }
            if let tier = input.cityTier, !["1", "2", "3", "other"].contains(tier) { problems.append(.init("\(path).cityTier", "expenses.bad_city_tier")) }
            if let days = input.days, !(1...366).contains(days) { problems.append(.init("\(path).days", "expenses.bad_days")) }
            if let customer = input.customerID, customers[customer]?.isCustomer != true { problems.append(.init("\(path).customerID", "expenses.unknown_customer")) }
            if let project = input.projectID, projects[project] == nil { problems.append(.init("\(path).projectID", "expenses.unknown_project")) }
            let description: String?
            switch TextInput.note(input.description, max: 200) {
            case .success(let text): description = text
            case .failure(let problem): problems.append(problem.field("\(path).description")); description = nil
            }
            for (r, id) in (input.receipts ?? []).enumerated() {
                guard let file = files[id], file.uploadedBy == actor.userID || linked.contains(id) else {
                    problems.append(.init("\(path).receipts[\(r)]", "expenses.unknown_receipt")); continue
                }
                if file.size > Int64(Self.receiptLimit) {
                    throw DomainError(status: 413, code: "expenses.receipt_too_large", params: ["max": Self.receiptLimitText, "name": String(file.name.prefix(100))])
                }
                if !Self.receiptTypes.contains(file.contentType) { problems.append(.init("\(path).receipts[\(r)]", "expenses.receipt_type")) }
            }
            guard problems.count == before, let date, let categoryID, let amount else { continue }
            let limit = categories[categoryID]?.limits[input.cityTier ?? "other"]
            lines.append(Line(date: date, itemID: input.itemID, categoryID: categoryID, amount: amount, currency: lineCurrency.code, description: description,
                              invoiceNumber: invoice, invoiceType: input.invoiceType, cityTier: input.cityTier, days: input.days, customerID: input.customerID,
                              receipts: input.receipts ?? [], overLimit: limit.map { amount > $0 * Int64(input.days ?? 1) } ?? false,
                              originalAmount: originalAmount, exchangeRate: rateText, tripID: input.tripID, projectID: input.projectID))
        }
        guard problems.isEmpty else { throw DomainError.invalid(problems) }
        return lines
    }

    /// `amount` (minor units, `exponent` digits) × `rate` (scaled by 10^``rateScale``) in minor
    /// units of a currency with `target` digits, rounded by `rule`: 100.00 USD × 7.1234 → 712.34.
    static func convert(_ amount: Int64, from exponent: Int, rate: Int64, to target: Int, rule: RoundingRule) -> Int64 {
        var numerator = Int128(amount) * Int128(rate)
        var denominator = Int128(1)
        for _ in 0..<(exponent + rateScale) { denominator *= 10 }
        for _ in 0..<target { numerator *= 10 }
        let result = rule.divide(numerator, by: denominator)
        return result > Int128(Int64.max) ? Int64.max : Int64(result)
    }

    /// Invoice numbers of `lines` already on another claim of the company being approved,
    /// approved or paid (case E-02).
    static func usedElsewhere(_ numbers: [String], excluding claimID: UUID, tenantID: UUID, on db: any Database) async throws -> Set<String> {
        guard !numbers.isEmpty else { return [] }
        let lines = try await ExpenseLine.query(on: db).filter(\.$tenantID == tenantID).filter(\.$invoiceNumber ~~ numbers)
            .filter(\.$claimID != claimID).all()
        guard !lines.isEmpty else { return [] }
        let claims = Set(try await ExpenseClaim.query(on: db).filter(\.$id ~~ Array(Set(lines.map(\.claimID)))).filter(\.$state ~~ ClaimState.usingInvoices)
            .all().compactMap(\.id))
        return Set(lines.filter { claims.contains($0.claimID) }.compactMap(\.invoiceNumber))
    }
}
