import AfieldAPI
import Foundation
import Platform
import SQLKit

/// What sales puts on the home workbench: confirmed orders past their required date, the
/// caller's own drafts, the "new order" shortcut, and this month's orders and own sales against
/// last month — every figure under the caller's order scope, every day in their time zone.
enum SalesWorkbench {
    static var todos: [WorkbenchTodo] {
        [WorkbenchTodo(id: "sales.overdue", permission: SalesModule.orderRead, priority: 10, overdue: true, path: "/orders?state=confirmed") { context in
            // Confirmed but not delivered after the day the customer needed it (Northwind's
            // RequiredDate): late already, where the user is today.
            try await orders(context, where: ["state = \(bind: SalesOrderState.confirmed.rawValue)",
                                              "required_date IS NOT NULL", "required_date < \(bind: context.today)"],
                             orderBy: "required_date ASC, number ASC", day: "required_date")
         },
         WorkbenchTodo(id: "sales.drafts", permission: SalesModule.orderCreate, priority: 20, path: "/orders?state=draft") { context in
            try await orders(context, where: ["state = \(bind: SalesOrderState.draft.rawValue)", "created_by = \(bind: context.actor.userID)"],
                             orderBy: "order_date DESC, number DESC", day: "order_date")
         }]
    }

    static var shortcuts: [WorkbenchShortcut] {
        [WorkbenchShortcut(id: "sales.order.new", permission: SalesModule.orderCreate, icon: "orders", path: "/orders/new",
                           auditEntity: SalesModule.auditEntity)]
    }

    static var kpis: [WorkbenchKPI] {
        [WorkbenchKPI(id: "sales.orders_month", permission: SalesModule.orderRead, path: "/orders") { context in
            let months = context.months
            let (current, previous) = (try await month(context, months.current).count, try await month(context, months.previous).count)
            return WorkbenchFigure(value: String(current), previous: String(previous), currency: nil, period: months.current.label,
                                   previousPeriod: months.previous.label)
         },
         WorkbenchKPI(id: "sales.my_sales_month", permission: SalesModule.orderRead, path: "/orders") { context in
            let months = context.months
            let currency = context.actor.tenant.currency
            let mine = context.actor.employeeID
            let current = try await month(context, months.current, salesperson: mine).amount
            let previous = try await month(context, months.previous, salesperson: mine).amount
            return WorkbenchFigure(value: Money(minorUnits: current, currency: currency).decimalText,
                                   previous: Money(minorUnits: previous, currency: currency).decimalText, currency: currency.code,
                                   period: months.current.label, previousPeriod: months.previous.label)
         }]
    }

    /// Orders counted as sales (confirmed or delivered) dated in `span`, in scope; with a
    /// salesperson, only theirs. `amount` is untaxed total plus freight in minor units of the
    /// company's currency (orders in other currencies are left out of the sum, not converted).
    static func month(_ context: WorkbenchContext, _ span: MonthSpan, salesperson: UUID?? = nil) async throws -> (count: Int, amount: Int64) {
        guard let sql = context.db as? any SQLDatabase else { return (0, 0) }
        var query: SQLQueryString = """
            SELECT COUNT(*) AS n, CAST(COALESCE(SUM(CASE WHEN currency = \(bind: context.actor.tenant.currency.code)
              THEN untaxed_minor + freight_minor ELSE 0 END), 0) AS BIGINT) AS amount
            FROM sales_orders WHERE tenant_id = \(bind: context.actor.tenantID)
              AND state IN (\(binds: SalesOrderState.counted.map(\.rawValue)))
              AND order_date >= \(bind: span.firstDay) AND order_date < \(bind: span.endDay)
            """
        if let salesperson {
            guard let salesperson else { return (0, 0) }
            query = query + " AND salesperson_id = \(bind: salesperson)"
        }
        if let scope = try await scopeCondition(context) { query = query + " AND " + scope }
        guard let row = try await sql.raw(query).first() else { return (0, 0) }
        return (try row.decode(column: "n", as: Int.self), try row.decode(column: "amount", as: Int64.self))
    }

    private static func scopeCondition(_ context: WorkbenchContext) async throws -> SQLQueryString? {
        try await context.scope(SalesModule.orderResource)
            .condition(table: SalesOrder.schema, department: "department_id", employee: "salesperson_id", createdBy: "created_by")
    }

    private static func orders(_ context: WorkbenchContext, where conditions: [SQLQueryString], orderBy: String,
                               day: String) async throws -> (count: Int, items: [WorkbenchItemDTO]) {
        guard let sql = context.db as? any SQLDatabase else { return (0, []) }
        var filter: SQLQueryString = "tenant_id = \(bind: context.actor.tenantID)"
        for condition in conditions { filter = filter + " AND " + condition }
        if let scope = try await scopeCondition(context) { filter = filter + " AND " + scope }
        let count = try await sql.raw("SELECT COUNT(*) AS n FROM sales_orders WHERE " + filter).first()?.decode(column: "n", as: Int.self) ?? 0
        guard count > 0 else { return (0, []) }
        let rows = try await sql.raw("""
            SELECT id, number, customer_name, \(unsafeRaw: day) AS day FROM sales_orders WHERE \(filter)
            ORDER BY \(unsafeRaw: orderBy), id LIMIT \(literal: WorkbenchContext.itemLimit)
            """).all()
        let items = try rows.map { row in
            let id = try row.decode(column: "id", as: UUID.self)
            return WorkbenchItemDTO(id: id, title: try row.decode(column: "number", as: String.self),
                                    subtitle: try row.decode(column: "customer_name", as: String.self),
                                    day: try row.decode(column: "day", as: String?.self), path: "/orders/\(id.uuidString.lowercased())")
        }
        return (count, items)
    }
}
