import AfieldAPI
import Fluent
import Foundation
import Platform

/// The printed sales order (`GET /api/v1/sales/orders/{id}/print`): the module declares the
/// template; Platform's ``PDFPrinter`` turns it into a PDF with headless Chromium.
///
/// It shows the company, the heading and number, customer, dates, salesperson, carrier,
/// delivery address, lines and totals, in the reader's language; amounts are the order's decimal
/// texts (minor units, never binary floating point) with thousands separators; the time of
/// printing is in the reader's time zone.
struct SalesOrderPrint {
    let language: AppLanguage
    let companyName: String
    let timeZone: TimeZone
    let printedAt: Date
    let printedBy: String

    /// The document of `detail`.
    func document(_ detail: OrderDetail) -> PrintDocument {
        let o = detail.order
        let money = { (text: String) in Self.grouped(text) }
        let fields: [(String, String?)] = [
            ("customer", o.customerName), ("orderDate", o.orderDate), ("requiredDate", o.requiredDate), ("shippedDate", o.shippedDate),
            ("salesperson", o.salespersonName), ("carrier", detail.carrierName), ("state", label("state.\(o.state)")),
        ]
        let info: [PrintHTML] = fields.compactMap { (key, value) -> PrintHTML? in
            guard let value, !value.isEmpty else { return nil }
            return "<tr><th>\(label(key))</th><td>\(value)</td></tr>"
        }
        let address = detail.shipTo
        let shipLines = [address.name, address.address, [address.postalCode, address.city, address.region].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " "),
                         address.country].compactMap { $0 }.filter { !$0.isEmpty }
        let lines: [PrintHTML] = detail.lines.enumerated().map { (index, line) -> PrintHTML in
            let discount = line.discountPercent == "0" ? "" : line.discountPercent + "%"
            return """
                <tr><td class="num">\(String(index + 1))</td><td>\(line.productName)<div class="muted">\(line.sku)</div></td>\
                <td class="num">\(Self.grouped(line.quantity))</td><td class="num">\(money(line.unitPrice))</td>\
                <td class="num">\(discount)</td><td class="num">\(money(line.amount))</td></tr>
                """
        }
        let printed = Self.timestamp(printedAt, in: timeZone)
        let shipRows: [PrintHTML] = shipLines.map { (text: String) -> PrintHTML in "<div>\(text)</div>" }
        let ship: PrintHTML = shipLines.isEmpty ? "" : "<div class=\"ship\"><h2>\(label("shipTo"))</h2>\(shipRows)</div>"
        let notes: PrintHTML = detail.notes.map { (text: String) -> PrintHTML in "<h2>\(label("notes"))</h2><p class=\"notes\">\(text)</p>" } ?? ""
        let body: PrintHTML = """
            <header class="head">
              <div><div class="company">\(companyName)</div></div>
              <div class="title"><h1>\(label("heading"))</h1><div class="number">\(o.number)</div></div>
            </header>
            <section class="columns">
              <table class="info">\(info)</table>
              \(ship)
            </section>
            <h2>\(label("lines"))</h2>
            <table class="lines">
              <thead><tr><th class="num">#</th><th>\(label("product"))</th><th class="num">\(label("quantity"))</th>\
            <th class="num">\(label("unitPrice"))</th><th class="num">\(label("discount"))</th><th class="num">\(label("amount"))</th></tr></thead>
              <tbody>\(lines)</tbody>
            </table>
            <table class="totals">
              <tr><th>\(label("untaxed"))</th><td class="num">\(money(o.untaxedTotal)) \(o.currency)</td></tr>
              <tr><th>\(label("freight"))</th><td class="num">\(money(o.freight)) \(o.currency)</td></tr>
              <tr class="grand"><th>\(label("total"))</th><td class="num">\(money(o.total)) \(o.currency)</td></tr>
            </table>
            \(notes)
            <footer class="muted">\(label("printed", ["time": printed, "zone": timeZone.identifier, "name": printedBy]))</footer>
            """
        return PrintDocument(language: language, title: "\(label("heading")) \(o.number)", body: body, style: Self.style)
    }

    static let style = """
        .head { display: flex; justify-content: space-between; align-items: flex-start; border-bottom: 0.6mm solid #1f2933; padding-bottom: 4mm; }
        .company { font-size: 14pt; font-weight: 700; }
        .title { text-align: right; }
        .number { font-size: 12pt; font-weight: 600; }
        .columns { display: flex; gap: 10mm; margin-top: 5mm; }
        .info { width: auto; flex: 1; }
        .info th { color: #5f6b76; font-weight: 400; width: 32mm; padding-left: 0; }
        .info td, .info th { border: none; padding-top: 0.8mm; padding-bottom: 0.8mm; }
        .ship { flex: 1; }
        .ship h2 { margin-top: 0; }
        .totals { width: 80mm; margin: 4mm 0 0 auto; }
        .totals th { text-align: left; font-weight: 400; }
        .totals .grand th, .totals .grand td { font-weight: 700; border-top: 0.4mm solid #1f2933; }
        .notes { white-space: pre-wrap; }
        footer { margin-top: 10mm; font-size: 8pt; }
        """

    /// `1234567.50` → `1,234,567.50`: grouped on the text, so no digit passes through a float.
    static func grouped(_ text: String) -> String {
        var rest = Substring(text)
        let sign = rest.hasPrefix("-") ? "-" : ""
        if !sign.isEmpty { rest = rest.dropFirst() }
        let parts = rest.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = Array(parts.first ?? "")
        var groups: [String] = []
        var end = whole.count
        while end > 0 {
            let start = max(0, end - 3)
            groups.insert(String(whole[start..<end]), at: 0)
            end = start
        }
        let fraction = parts.count > 1 ? "." + parts[1] : ""
        return sign + (groups.isEmpty ? "0" : groups.joined(separator: ",")) + fraction
    }

    /// `YYYY-MM-DD HH:mm` of `instant` in `timeZone`.
    static func timestamp(_ instant: Date, in timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
        return String(format: "%04d-%02d-%02d %02d:%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0)
    }

    private func label(_ key: String, _ params: [String: String] = [:]) -> String {
        guard let entry = Self.labels[key] else { return key }
        var text = language == .zhCN ? entry.zhCN : entry.en
        for (name, value) in params { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
        return text
    }

    /// The template's words, in English and Simplified Chinese.
    static let labels: [String: MessageCatalog.Entry] = [
        "heading": .init(en: "Sales order", zhCN: "销售订单"),
        "customer": .init(en: "Customer", zhCN: "客户"),
        "orderDate": .init(en: "Order date", zhCN: "订单日期"),
        "requiredDate": .init(en: "Required by", zhCN: "要求交货日期"),
        "shippedDate": .init(en: "Shipped", zhCN: "发货日期"),
        "salesperson": .init(en: "Salesperson", zhCN: "销售员"),
        "carrier": .init(en: "Carrier", zhCN: "承运商"),
        "state": .init(en: "Status", zhCN: "状态"),
        "state.draft": .init(en: "Draft", zhCN: "草稿"),
        "state.pending": .init(en: "Awaiting approval", zhCN: "待审批"),
        "state.confirmed": .init(en: "Confirmed", zhCN: "已确认"),
        "state.delivered": .init(en: "Delivered", zhCN: "已交货"),
        "state.cancelled": .init(en: "Cancelled", zhCN: "已取消"),
        "shipTo": .init(en: "Deliver to", zhCN: "收货地址"),
        "lines": .init(en: "Lines", zhCN: "订单明细"),
        "product": .init(en: "Product", zhCN: "产品"),
        "quantity": .init(en: "Quantity", zhCN: "数量"),
        "unitPrice": .init(en: "Unit price", zhCN: "单价"),
        "discount": .init(en: "Discount", zhCN: "折扣"),
        "amount": .init(en: "Amount", zhCN: "金额"),
        "untaxed": .init(en: "Untaxed total", zhCN: "未税合计"),
        "freight": .init(en: "Freight", zhCN: "运费"),
        "total": .init(en: "Total", zhCN: "总计"),
        "notes": .init(en: "Notes", zhCN: "备注"),
        "printed": .init(en: "Printed {time} ({zone}) by {name}", zhCN: "{name} 打印于 {time}（{zone}）"),
    ]
}
