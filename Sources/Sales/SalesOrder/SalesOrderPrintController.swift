import AfieldAPI
import Foundation
import Platform
import Vapor

/// `GET /api/v1/sales/orders/{id}/print`: the order as a PDF, under the order's read permission
/// and data scope (another salesperson's order answers 404, as its detail does).
struct SalesOrderPrintController: Sendable {
    func register(_ routes: any RoutesBuilder) {
        routes.on(.GET, "orders", ":id", "print", permission: SalesModule.orderRead,
                  summary: "The order as a PDF (application/pdf) in the caller's language; 503 when the server cannot print", use: printOrder)
    }

    @Sendable func printOrder(_ req: Request) async throws -> Response {
        let actor = try req.actor
        // The same read as the order's page: its permission and data scope (404 outside it).
        let detail = try await SalesOrderService(context: try req.serviceContext).detail(try req.pathID(entity: "sales_order"))
        let template = SalesOrderPrint(language: req.language, companyName: actor.tenant.name, timeZone: actor.timeZone, printedAt: req.now,
                                       printedBy: actor.name)
        return try await req.application.pdfPrinter.response(template.document(detail), filename: detail.order.number, logger: req.logger)
    }
}
