import AfieldAPI
import Foundation
import Platform
import SQLKit

/// The customer-profile fields of a create or an edit (``CustomerProfile``), checked together
/// with what the customer already has (a district must lie in the city it ends up with), and
/// applied to the model, the audit entry and, for an edit, the version-guarded `UPDATE`.
///
/// An absent field stays as it is; `""` (and `[]` for tags) clears an optional one.
struct CustomerProfileFields {
    var kind: String?
    var level: String?
    var industry: String?
    var source: String?
    var tags: [String]?
    var taxId: String?
    var creditLimit: DecimalText?
    var paymentTermsDays: Int?
    var provinceCode: String?
    var cityCode: String?
    var districtCode: String?
    var latitude: DecimalText?
    var longitude: DecimalText?

    static let kinds = ["company", "individual"]
    static let levels = ["A", "B", "C"]
    static let maximumTags = 20
    static let maximumTagLength = 40
    static let maximumPaymentTermsDays = 365

    init(_ input: PartnerInput) {
        (kind, level, industry, source, tags, taxId, creditLimit, paymentTermsDays) =
            (input.kind, input.level, input.industry, input.source, input.tags, input.taxId, input.creditLimit, input.paymentTermsDays)
        (provinceCode, cityCode, districtCode, latitude, longitude) = (input.provinceCode, input.cityCode, input.districtCode, input.latitude, input.longitude)
    }

    init(_ update: PartnerUpdate) {
        (kind, level, industry, source, tags, taxId, creditLimit, paymentTermsDays) =
            (update.kind, update.level, update.industry, update.source, update.tags, update.taxId, update.creditLimit, update.paymentTermsDays)
        (provinceCode, cityCode, districtCode, latitude, longitude) = (update.provinceCode, update.cityCode, update.districtCode, update.latitude, update.longitude)
    }

    /// One column's new value.
    struct Change {
        let column: String
        let value: (any Encodable & Sendable)?
        let before: String?
        let after: String?
        let set: (Partner) -> Void
    }

    /// The changes to make to `partner` (nil: a new one), or the problems, each under its field name.
    func resolve(for partner: Partner, currency: Currency) -> ([DomainError.Field], [Change]) {
        var problems: [DomainError.Field] = []
        var changes: [Change] = []
        func text(_ value: String?) -> String? {
            guard let value else { return nil }
            return value.trimmingCharacters(in: .whitespaces)
        }
        func change<T: Encodable & Sendable & Equatable & CustomStringConvertible>(_ column: String, _ keyPath: ReferenceWritableKeyPath<Partner, T?>, _ new: T?) {
            guard partner[keyPath: keyPath] != new else { return }
            changes.append(Change(column: column, value: new, before: partner[keyPath: keyPath]?.description, after: new?.description) { $0[keyPath: keyPath] = new })
        }
        func line(_ field: String, _ value: String?, max: Int) -> String?? {
            guard let value = text(value) else { return .none }
            if TextInput.hasForbidden(value, multiline: false) { problems.append(.init(field, TextInput.Problem.controlCharacters.rawValue)); return .none }
            if value.unicodeScalars.count > max { problems.append(.init(field, "field.too_long", params: ["max": String(max)])); return .none }
            return .some(value.isEmpty ? nil : value)
        }

        if let kind = text(kind) {
            if Self.kinds.contains(kind) {
                if partner.kind != kind {
                    changes.append(Change(column: "kind", value: kind, before: partner.kind, after: kind) { $0.kind = kind })
                }
            } else {
                problems.append(.init("kind", "field.not_allowed", params: ["allowed": Self.kinds.joined(separator: ", ")]))
            }
        }
        if let level = text(level) {
            if level.isEmpty || Self.levels.contains(level.uppercased()) {
                change("level", \.level, level.isEmpty ? nil : level.uppercased())
            } else {
                problems.append(.init("level", "field.not_allowed", params: ["allowed": Self.levels.joined(separator: ", ")]))
            }
        }
        if let industry = line("industry", industry, max: PartnerFields.maximumLength) { change("industry", \.industry, industry) }
        if let source = line("source", source, max: PartnerFields.maximumLength) { change("source", \.source, source) }
        if let tags {
            var clean: [String] = []
            for (index, tag) in tags.enumerated() {
                let tag = tag.trimmingCharacters(in: .whitespaces)
                if tag.isEmpty || tag.contains(Partner.tagSeparator) || TextInput.hasForbidden(tag, multiline: false) {
                    problems.append(.init("tags[\(index)]", "partners.tag.invalid"))
                } else if tag.unicodeScalars.count > Self.maximumTagLength {
                    problems.append(.init("tags[\(index)]", "field.too_long", params: ["max": String(Self.maximumTagLength)]))
                } else if !clean.contains(tag) {
                    clean.append(tag)
                }
            }
            if clean.count > Self.maximumTags { problems.append(.init("tags", "partners.tag.too_many", params: ["max": String(Self.maximumTags)])) }
            let stored = clean.isEmpty ? nil : Partner.tagSeparator + clean.joined(separator: Partner.tagSeparator) + Partner.tagSeparator
            change("tags", \.tags, stored)
        }
        if let taxId = text(taxId) {
            if taxId.isEmpty {
                change("tax_id", \.taxID, nil)
            } else {
                let normal = CreditCode.normalise(taxId)
                if let problem = CreditCode.check(normal) { problems.append(.init("taxId", problem.rawValue)) } else { change("tax_id", \.taxID, normal) }
            }
        }
        if let limit = creditLimit.map({ $0.text.trimmingCharacters(in: .whitespaces) }) {
            if limit.isEmpty {
                change("credit_limit", \.creditLimit, nil)
            } else {
                do {
                    let minor = try FixedDecimal.parse(limit, scale: currency.exponent)
                    if minor < 0 { problems.append(.init("creditLimit", "number.negative")) } else { change("credit_limit", \.creditLimit, minor) }
                } catch {
                    problems.append(error.field("creditLimit"))
                }
            }
        }
        if let days = paymentTermsDays {
            if (0...Self.maximumPaymentTermsDays).contains(days) {
                change("payment_terms_days", \.paymentTermsDays, days)
            } else {
                problems.append(.init("paymentTermsDays", "number.range", params: ["min": "0", "max": String(Self.maximumPaymentTermsDays)]))
            }
        }

        // Divisions: judged on the codes the customer ends up with.
        func code(_ sent: String?, _ current: String?) -> String? {
            guard let sent = text(sent) else { return current }
            return sent.isEmpty ? nil : sent
        }
        let province = code(provinceCode, partner.provinceCode), city = code(cityCode, partner.cityCode), district = code(districtCode, partner.districtCode)
        if provinceCode != nil || cityCode != nil || districtCode != nil {
            if let problem = AdminDivisionsCN.problem(province: province, city: city, district: district) {
                problems.append(.init(problem.field, problem.code))
            } else {
                change("province_code", \.provinceCode, province)
                change("city_code", \.cityCode, city)
                change("district_code", \.districtCode, district)
            }
        }
        if latitude != nil || longitude != nil {
            let lat = latitude.map { $0.text.trimmingCharacters(in: .whitespaces) }, lon = longitude.map { $0.text.trimmingCharacters(in: .whitespaces) }
            if lat?.isEmpty == true && lon?.isEmpty == true {
                change("latitude", \.latitude, nil)
                change("longitude", \.longitude, nil)
            } else if let lat, let lon, !lat.isEmpty, !lon.isEmpty {
                let a = GeoCoordinate.parse(lat, axis: .latitude, path: "latitude", problems: &problems)
                let b = GeoCoordinate.parse(lon, axis: .longitude, path: "longitude", problems: &problems)
                if let a, let b {
                    change("latitude", \.latitude, a)
                    change("longitude", \.longitude, b)
                }
            } else {
                problems.append(.init(lat?.isEmpty == false ? "longitude" : "latitude", "org.site.coordinates_pair"))
            }
        }
        return (problems, changes)
    }
}
