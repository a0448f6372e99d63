import Foundation

/// China's provinces, cities and districts (NBS 2023 统计用区划代码; `Demo/admin-divisions-cn`),
/// for customer addresses (issue 12 point 2).
///
/// Codes nest by prefix: a district `310115` lies in city `3101`, which lies in province `31`.
/// Municipalities name their city level 「市辖区」 (`1101`), and some provinces have
/// 「省直辖县级行政区划」 (`4190`): such city names are left out of ``fullName(province:city:district:)``.
/// No Hong Kong, Macao or Taiwan entries.
public enum AdminDivisionsCN {
    /// Division code → name, all levels.
    public static let names: [String: String] = {
        var names: [String: String] = [:]
        for line in table.split(separator: "\n") {
            guard let space = line.firstIndex(of: " ") else { continue }
            names[String(line[..<space])] = String(line[line.index(after: space)...])
        }
        return names
    }()

    /// City-level names that are placeholders, not places.
    static let placeholderCities: Set<String> = ["市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"]

    /// Why a choice of codes does not make an address, as a message code:
    /// `division.unknown` (a code that is not a division of its level), `division.mismatch` (a
    /// city outside the province, a district outside the city), `division.incomplete` (a city
    /// without its province, a district without its city). Nil when the choice is valid; all nil is valid.
    public static func problem(province: String?, city: String?, district: String?) -> (field: String, code: String)? {
        if let province, province.count != 2 || names[province] == nil { return ("provinceCode", "division.unknown") }
        if let city {
            guard city.count == 4, names[city] != nil else { return ("cityCode", "division.unknown") }
            guard let province else { return ("provinceCode", "division.incomplete") }
            guard city.hasPrefix(province) else { return ("cityCode", "division.mismatch") }
        }
        if let district {
            guard district.count == 6, names[district] != nil else { return ("districtCode", "division.unknown") }
            guard let city else { return ("cityCode", "division.incomplete") }
            guard district.hasPrefix(city) else { return ("districtCode", "division.mismatch") }
        }
        return nil
    }

    /// "上海市 浦东新区", "广东省 深圳市 南山区": the names of the codes given, placeholder cities left out.
    public static func fullName(province: String?, city: String?, district: String?) -> String? {
        let parts = [province, city, district].compactMap { code -> String? in
            guard let code, let name = names[code] else { return nil }
            return code.count == 4 && placeholderCities.contains(name) ? nil : name
        }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }

    /// The whole tree as (code, name, children): provinces → cities → districts, each level by code.
    public static func tree() -> [(code: String, name: String, children: [(code: String, name: String, children: [(code: String, name: String)])])] {
        let codes = names.keys.sorted()
        return codes.filter { $0.count == 2 }.map { p in
            (p, names[p]!, codes.filter { $0.count == 4 && $0.hasPrefix(p) }.map { c in
                (c, names[c]!, codes.filter { $0.count == 6 && $0.hasPrefix(c) }.map { ($0, names[$0]!) })
            })
        }
    }
}
