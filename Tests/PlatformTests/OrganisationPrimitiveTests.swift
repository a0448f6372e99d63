import Foundation
import Platform
import Testing

/// The small rules under sites and sensitive HR fields.
@Suite("Masks and coordinates")
struct OrganisationPrimitiveTests {
    @Test("masks show the last four letters or digits, and nothing of short values", arguments: [
        ("110101199003077777", "•••• 7777"), ("6222 0212 3456 7890", "•••• 7890"), ("(206) 555-9857", "•••• 9857"),
        ("GB29 NWBK 6016 1331 9268 19", "•••• 6819"), ("AB123456C", "•••• 456C"), ("1234567", "••••"), ("", "••••"),
    ])
    func mask(value: String, expected: String) {
        #expect(EmployeeSensitiveFields.mask(value) == expected)
    }

    @Test("coordinates are read exactly at 7 decimals and checked against their range", arguments: [
        ("31.2304", GeoCoordinate.Axis.latitude, "31.2304", nil), ("+047.60620", .latitude, "47.6062", nil), ("-90", .latitude, "-90", nil),
        ("90.0000001", .latitude, nil, "org.site.latitude_range"), ("-180.0000000", .longitude, "-180", nil),
        ("180.1", .longitude, nil, "org.site.longitude_range"), ("1.12345678", .longitude, nil, "number.too_many_decimals"),
        ("1e2", .latitude, nil, "number.not_a_number"), ("0.1", .latitude, "0.1", nil),
    ] as [(String, GeoCoordinate.Axis, String?, String?)])
    func coordinate(text: String, axis: GeoCoordinate.Axis, expected: String?, problem: String?) {
        var problems: [DomainError.Field] = []
        #expect(GeoCoordinate.parse(text, axis: axis, path: "p", problems: &problems) == expected)
        #expect(problems.first?.code == problem)
    }
}
