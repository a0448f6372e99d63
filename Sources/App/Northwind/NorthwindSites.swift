import Foundation
import Platform

/// Sites and positions the Northwind files imply: every city an employee lives in becomes a
/// site (Northwind's people work from Seattle, Tacoma, Kirkland, Redmond and London) in its
/// country's time zone, and every job title becomes a position.
struct NorthwindSites {
    /// City centres (decimal degrees, WGS 84) for the sites' check-in geofences; a city not
    /// listed gets a site without a position.
    static let coordinates: [String: (latitude: String, longitude: String)] = [
        "Seattle": ("47.6062", "-122.3321"), "Tacoma": ("47.2529", "-122.4443"), "Kirkland": ("47.6769", "-122.206"),
        "Redmond": ("47.674", "-122.1215"), "London": ("51.5074", "-0.1278"),
    ]
    /// Time zones by Northwind country (all its US employees are in Washington state).
    static let timeZones = ["USA": "America/Los_Angeles", "UK": "Europe/London"]

    let sites: [SiteImport.Record]
    /// Site name by employee code.
    let siteOfEmployee: [String: String]
    /// Position names, sorted.
    let positions: [String]
    /// Position name by employee code.
    let positionOfEmployee: [String: String]

    init(employees: [[String: String?]]) {
        var sites: [String: SiteImport.Record] = [:]
        var siteOfEmployee: [String: String] = [:]
        var positionOfEmployee: [String: String] = [:]
        for row in employees {
            guard let id = row[text: "employee_id"] else { continue }
            let code = "NW-EMP-\(id)"
            if let title = row[text: "title"] { positionOfEmployee[code] = title }
            guard let city = row[text: "city"], let country = row[text: "country"], let zone = Self.timeZones[country] else { continue }
            let place = Self.coordinates[city]
            sites[city] = SiteImport.Record(name: city, address: [city, row[text: "region"], country].compactMap { $0 }.joined(separator: ", "),
                                            latitude: place?.latitude, longitude: place?.longitude, timeZone: zone)
            siteOfEmployee[code] = city
        }
        self.sites = sites.values.sorted { $0.name < $1.name }
        self.siteOfEmployee = siteOfEmployee
        self.positions = Set(positionOfEmployee.values).sorted()
        self.positionOfEmployee = positionOfEmployee
    }
}
