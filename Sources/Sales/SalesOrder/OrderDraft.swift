import AfieldAPI
import Fluent
import Foundation
import Partners
import Platform
import Products

/// An ``OrderInput`` checked against the tenant's data and priced: what `preview` shows and
/// `create` stores. Building one never writes anything.
struct OrderDraft: Sendable {
    struct Line: Sendable {
        let product: ProductCatalog.Reference
        let quantity: Quantity
        let unitPrice: Money
        let discount: Percentage
        let amount: Money
    }

    let customer: PartnerDirectory.Reference
    let carrier: PartnerDirectory.Reference?

    /// The draft's lines as new rows of order `orderID`, each with a fresh id, in draft order.
    func lineRows(orderID: UUID, tenantID: UUID) -> [SalesOrderLine] {
        lines.enumerated().map { position, line in
            let row = SalesOrderLine()
            row.id = UUID()
            row.tenantID = tenantID
            row.$order.id = orderID
            row.position = position
            row.productID = line.product.id
            row.quantity = line.quantity.scaled
            row.unitPriceMinor = line.unitPrice.minorUnits
            row.discount = line.discount.hundredths
            row.amountMinor = line.amount.minorUnits
            return row
        }
    }

    /// The products of the draft's lines by id (the names an order's answer shows).
    var products: [UUID: ProductCatalog.Reference] {
        Dictionary(lines.map { ($0.product.id, $0.product) }, uniquingKeysWith: { first, _ in first })
    }
    let salespersonID: UUID?
    let salespersonName: String?
    let departmentID: UUID?
    let orderDate: String
    let requiredDate: String?
    let freight: Money
    /// Trimmed; nil when blank.
    let notes: String?
    let lines: [Line]
    let untaxed: Money

    var total: Money { untaxed + freight }

    /// Checks every field and collects all problems before failing.
    /// - Throws: 422 `validation_failed` with one ``DomainError/Field`` per problem.
    /// - Parameters:
    ///   - customerScope: customers outside it are "unknown" to this caller.
    ///   - orderScope: the caller's scope on orders; a salesperson outside it is "unknown" too,
    ///     so nobody books orders into a colleague's figures they cannot see.
    ///   - today: the order date when `input` has none (`YYYY-MM-DD`, where the actor is).
    static func validate(_ input: OrderInput, actor: RequestActor, customerScope: RecordScope, orderScope: RecordScope? = nil,
                         today: String, db: any Database) async throws -> OrderDraft {
        var problems: [DomainError.Field] = []
        let tenant = actor.tenant
        let currency = tenant.currency
        let partnerIDs = Set([input.customerId, input.carrierId].compactMap { $0 })
        let partners = try await PartnerDirectory(db: db).references(partnerIDs, tenantID: actor.tenantID)

        var customer: PartnerDirectory.Reference?
        if let id = input.customerId {
            customer = partners[id].flatMap {
                $0.isCustomer && !$0.archived && customerScope.contains(department: $0.departmentID, employee: $0.ownerID, createdBy: nil) ? $0 : nil
            }
            if customer == nil { problems.append(.init("customerId", "sales.order.unknown_customer")) }
        } else {
            problems.append(.init("customerId", "field.required"))
        }
        var carrier: PartnerDirectory.Reference?
        if let id = input.carrierId {
            carrier = partners[id].flatMap { $0.isCarrier ? $0 : nil }
            if carrier == nil { problems.append(.init("carrierId", "sales.order.unknown_carrier")) }
        }
        let salespersonID = input.salespersonId ?? actor.employeeID
        var salespersonName: String?
        var departmentID: UUID?
        if let id = salespersonID {
            let salesperson = try await EmployeeDirectory(db: db).find(id, tenantID: actor.tenantID)
            salespersonName = salesperson?.name
            departmentID = salesperson?.departmentID
            let outside = salesperson.map { orderScope?.contains(department: $0.departmentID, employee: $0.id, createdBy: nil) == false } ?? false
            if salesperson == nil || outside { problems.append(.init("salespersonId", "sales.order.unknown_salesperson")) }
        }
        let orderDate = input.orderDate ?? today
        if !CalendarDay.isValid(orderDate) {
            problems.append(.init("orderDate", "request.invalid_date"))
        } else if !CalendarDay.isPlausibleBusinessDay(orderDate) {
            problems.append(.init("orderDate", "request.implausible_date"))
        }
        if let required = input.requiredDate {
            if !CalendarDay.isValid(required) {
                problems.append(.init("requiredDate", "request.invalid_date"))
            } else if CalendarDay.isValid(orderDate), required < orderDate {
                problems.append(.init("requiredDate", "sales.order.required_before_order"))
            }
        }

        var freight = Money.zero(currency)
        if let text = input.freight?.text, !text.trimmingCharacters(in: .whitespaces).isEmpty {
            do throws(FixedDecimal.ParseError) {
                let value = try Money(parsing: text, currency: currency)
                if value.minorUnits < 0 { problems.append(.init("freight", "sales.order.freight_negative")) } else { freight = value }
            } catch { problems.append(Self.numberProblem("freight", error)) }
        }

        var notes = input.notes?.trimmingCharacters(in: .whitespacesAndNewlines)
        if notes?.isEmpty == true { notes = nil }
        if let text = notes, TextInput.hasForbidden(text, multiline: true) {
            problems.append(.init("notes", TextInput.Problem.controlCharacters.rawValue))
        } else if let text = notes, text.unicodeScalars.count > OrderInput.notesMaximum {
            problems.append(.init("notes", "field.too_long", params: ["max": String(OrderInput.notesMaximum)]))
        }

        var inputLines = input.lines ?? []
        if inputLines.isEmpty { problems.append(.init("lines", "sales.order.no_lines")) }
        if inputLines.count > OrderPricing.maximumLines {
            problems.append(.init("lines", "sales.order.too_many_lines", params: ["max": String(OrderPricing.maximumLines)]))
            inputLines = []
        }
        let products = try await ProductCatalog(db: db).references(Set(inputLines.compactMap(\.productId)), tenantID: actor.tenantID)
        var lines: [Line] = []
        var untaxed: Int64 = 0
        for (index, line) in inputLines.enumerated() {
            let path = "lines[\(index)]"
            var product: ProductCatalog.Reference?
            if let id = line.productId {
                product = products[id]
                if product == nil {
                    problems.append(.init("\(path).productId", "sales.order.unknown_product"))
                } else if product!.archived {
                    problems.append(.init("\(path).productId", "sales.order.product_archived"))
                    product = nil
                }
            } else {
                problems.append(.init("\(path).productId", "field.required"))
            }
            var quantity: Quantity?
            if let text = line.quantity?.text {
                do throws(FixedDecimal.ParseError) {
                    let q = try Quantity(parsing: text)
                    if q.scaled <= 0 { problems.append(.init("\(path).quantity", "sales.order.quantity_not_positive")) } else { quantity = q }
                } catch { problems.append(Self.numberProblem("\(path).quantity", error)) }
            } else {
                problems.append(.init("\(path).quantity", "field.required"))
            }
            var discount = Percentage(hundredths: 0)
            if let text = line.discountPercent?.text, !text.trimmingCharacters(in: .whitespaces).isEmpty {
                do throws(FixedDecimal.ParseError) {
                    discount = try Percentage(parsing: text)
                    if discount.hundredths < 0 || discount.hundredths > Percentage.hundredPercent {
                        problems.append(.init("\(path).discountPercent", "sales.order.discount_out_of_range"))
                    }
                } catch { problems.append(Self.numberProblem("\(path).discountPercent", error)) }
            }
            var unitPrice = product?.listPrice
            if let text = line.unitPrice?.text, !text.trimmingCharacters(in: .whitespaces).isEmpty {
                do throws(FixedDecimal.ParseError) {
                    let price = try Money(parsing: text, currency: currency)
                    if price.minorUnits < 0 { problems.append(.init("\(path).unitPrice", "sales.order.price_negative")) } else { unitPrice = price }
                } catch { problems.append(Self.numberProblem("\(path).unitPrice", error)) }
            }
            if let price = unitPrice, price.currency != currency {
                problems.append(.init("\(path).unitPrice", "sales.order.currency_mismatch", params: ["currency": price.currency.code]))
                continue
            }
            guard let product, let quantity, let unitPrice, (0...Percentage.hundredPercent).contains(discount.hundredths) else { continue }
            guard let amount = OrderPricing.lineAmount(unitPrice: unitPrice.minorUnits, quantity: quantity, discount: discount, rule: tenant.rounding),
                  case let (sum, overflow) = untaxed.addingReportingOverflow(amount), !overflow, sum.magnitude <= OrderPricing.maximumAmount
            else {
                problems.append(.init("\(path).quantity", "number.out_of_range"))
                continue
            }
            untaxed = sum
            lines.append(Line(product: product, quantity: quantity, unitPrice: unitPrice, discount: discount,
                              amount: Money(minorUnits: amount, currency: currency)))
        }
        let (total, overflow) = untaxed.addingReportingOverflow(freight.minorUnits)
        if overflow || total.magnitude > OrderPricing.maximumAmount { problems.append(.init("freight", "number.out_of_range")) }
        guard problems.isEmpty, let customer else { throw DomainError.invalid(problems) }
        return OrderDraft(customer: customer, carrier: carrier, salespersonID: salespersonID, salespersonName: salespersonName, departmentID: departmentID, orderDate: orderDate,
                          requiredDate: input.requiredDate, freight: freight, notes: notes, lines: lines,
                          untaxed: Money(minorUnits: untaxed, currency: currency))
    }

    static func numberProblem(_ path: String, _ error: FixedDecimal.ParseError) -> DomainError.Field {
        switch error {
        case .notANumber: .init(path, "number.not_a_number")
        case .tooManyDecimals(let allowed): .init(path, "number.too_many_decimals", params: ["allowed": String(allowed)])
        case .outOfRange: .init(path, "number.out_of_range")
        }
    }

    /// The preview answer.
    var preview: OrderPreview {
        OrderPreview(lines: lines.map(\.dto), untaxedTotal: untaxed.decimalText, freight: freight.decimalText,
                     total: total.decimalText, currency: untaxed.currency.code)
    }
}

extension OrderDraft.Line {
    var dto: OrderLineDTO {
        OrderLineDTO(id: nil, productId: product.id, sku: product.sku, productName: product.name, quantity: quantity.decimalText,
                     unitPrice: unitPrice.decimalText, discountPercent: discount.decimalText, amount: amount.decimalText)
    }
}
