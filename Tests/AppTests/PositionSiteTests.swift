import AfieldAPI
import AfieldTesting
import Foundation
import Platform
import SQLKit
import Testing

/// Positions (职位) and sites (办公地点) of the organisation (issue 3, platform).
@Suite("Positions and sites")
struct PositionSiteTests {
    @Test("positions: add, unique name among current ones, rename, archive only when nobody holds it, restore, 409 when stale")
    func positions() async throws {
        try await withAfield { _, client in
            let api = try await client.signedIn()
            let created = try await api.post("/api/v1/org/positions", json: PositionInput(name: "  Field Engineer ", code: "FE"))
            #expect(created.status == .created)
            let engineer: PositionDTO = try created.decode()
            #expect(engineer.name == "Field Engineer")
            #expect(engineer.code == "FE")
            #expect(engineer.version == 1)
            let duplicate = try await api.post("/api/v1/org/positions", json: PositionInput(name: "field engineer", code: "fe"))
            #expect(duplicate.status == .unprocessableEntity)
            #expect(try duplicate.error.fields?.map(\.code).sorted() == ["org.position.code_taken", "org.position.name_taken"])
            let empty = try await api.post("/api/v1/org/positions", json: PositionInput(name: " "))
            #expect(try empty.error.fields?.map(\.code) == ["field.required"])
            let long = try await api.post("/api/v1/org/positions", json: PositionInput(name: String(repeating: "x", count: 101)))
            #expect(try long.error.fields?.first?.message == "At most 100 characters.")

            let renamed: PositionDTO = try await api.send(.PATCH, "/api/v1/org/positions/\(engineer.id)",
                                                          json: PositionUpdate(version: 1, name: "Service Engineer", code: "")).decode()
            #expect(renamed.name == "Service Engineer")
            #expect(renamed.code == nil)
            #expect(renamed.version == 2)
            let stale = try await api.send(.PATCH, "/api/v1/org/positions/\(engineer.id)", json: PositionUpdate(version: 1, name: "X"))
            #expect(stale.status == .conflict)
            #expect(try stale.decode(StaleAnswer<PositionDTO>.self).current.name == "Service Engineer")

            // "Sales Representative" comes from Northwind and is held by six people.
            let all: [PositionDTO] = try await api.get("/api/v1/org/positions").decode()
            let reps = try #require(all.first { $0.name == "Sales Representative" })
            #expect(reps.employeeCount == 6)
            let inUse = try await api.send(.PATCH, "/api/v1/org/positions/\(reps.id)", json: PositionUpdate(version: reps.version, archived: true))
            #expect(try inUse.error.fields?.map(\.code) == ["org.position.in_use"])
            let archived: PositionDTO = try await api.send(.PATCH, "/api/v1/org/positions/\(engineer.id)",
                                                           json: PositionUpdate(version: 2, archived: true)).decode()
            #expect(archived.archived)
            // Its name is free again; restoring the old one then clashes.
            let again: PositionDTO = try await api.post("/api/v1/org/positions", json: PositionInput(name: "Service Engineer")).decode()
            let restore = try await api.send(.PATCH, "/api/v1/org/positions/\(engineer.id)", json: PositionUpdate(version: 3, archived: false))
            #expect(try restore.error.fields?.map(\.code) == ["org.position.name_taken"])
            #expect(again.archived == false)

            let nancy = try await client.signedIn("nancy.davolio@northwind.example")
            #expect(try await nancy.get("/api/v1/org/positions").status == .ok)
            #expect(try await nancy.post("/api/v1/org/positions", json: PositionInput(name: "Mine")).status == .forbidden)
        }
    }

    @Test("sites keep coordinates as exact decimal text, check their ranges and the time zone, in both languages")
    func sites() async throws {
        try await withAfield { app, client in
            let api = try await client.signedIn()
            // A JSON number and a text with extra zeros: both stored exactly, never through Double.
            let created = try await api.send(.POST, "/api/v1/org/sites", raw: #"""
                {"name":"Shanghai office","address":"No. 1 Century Avenue\nPudong","latitude":31.2304,"longitude":"121.47370","timeZone":"Asia/Shanghai"}
                """#)
            #expect(created.status == .created, "\(created.text)")
            let shanghai: SiteDTO = try created.decode()
            #expect(shanghai.latitude == "31.2304")
            #expect(shanghai.longitude == "121.4737")
            #expect(shanghai.timeZone == "Asia/Shanghai")
            #expect(shanghai.address == "No. 1 Century Avenue\nPudong")
            let raw = try await (app.db as! any SQLDatabase).raw("SELECT latitude, longitude FROM sites WHERE id = \(bind: shanghai.id)").first()
            #expect(try raw?.decode(column: "latitude", as: String.self) == "31.2304")

            let bad = try await api.post("/api/v1/org/sites", json: SiteInput(name: "Nowhere", latitude: "90.0000001", longitude: "-180.5",
                                                                            timeZone: "Mars/Olympus_Mons"))
            #expect(bad.status == .unprocessableEntity)
            let codes = Dictionary(uniqueKeysWithValues: try bad.error.fields!.map { ($0.field, $0.code) })
            #expect(codes == ["latitude": "org.site.latitude_range", "longitude": "org.site.longitude_range", "timeZone": "org.site.unknown_time_zone"])
            let chinese = try await api.inLanguage("zh-CN").post("/api/v1/org/sites", json: SiteInput(name: "Nowhere", latitude: "95", longitude: "1"))
            #expect(try chinese.error.fields?.first?.message == "纬度必须在 -90 到 90 度之间。")
            let english = try await api.post("/api/v1/org/sites", json: SiteInput(name: "Nowhere", latitude: "abc", longitude: "1.123456789"))
            #expect(try english.error.fields?.map(\.message) == ["Enter a number.", "Use at most 7 decimal places."])
            let outOfRange = try await api.post("/api/v1/org/sites", json: SiteInput(name: "Nowhere", latitude: "95", longitude: "121.4737"))
            #expect(try outOfRange.error.fields?.map(\.code) == ["org.site.latitude_range"], "one message for one bad value")
            let half = try await api.post("/api/v1/org/sites", json: SiteInput(name: "Nowhere", latitude: "10"))
            #expect(try half.error.fields?.map { "\($0.field) \($0.code)" } == ["longitude org.site.coordinates_pair"])
            let abbreviation = try await api.post("/api/v1/org/sites", json: SiteInput(name: "Nowhere", timeZone: "PST"))
            #expect(try abbreviation.error.fields?.map(\.code) == ["org.site.unknown_time_zone"])
            #expect(try await api.get("/api/v1/org/sites").decode([SiteDTO].self).contains { $0.name == "Nowhere" } == false, "bad input stores nothing")

            // The company's time zone when none is given; the edges of the ranges are fine.
            let pole: SiteDTO = try await api.post("/api/v1/org/sites", json: SiteInput(name: "Pole", latitude: "-90", longitude: "180")).decode()
            #expect(pole.timeZone == "America/Los_Angeles")
            #expect(pole.latitude == "-90")
            let moved: SiteDTO = try await api.send(.PATCH, "/api/v1/org/sites/\(pole.id)",
                                                    json: SiteUpdate(version: 1, latitude: "", longitude: "", timeZone: "Europe/London")).decode()
            #expect(moved.latitude == nil && moved.longitude == nil)
            #expect(moved.timeZone == "Europe/London")
            let duplicate = try await api.post("/api/v1/org/sites", json: SiteInput(name: "POLE"))
            #expect(try duplicate.error.fields?.map(\.code) == ["org.site.name_taken"])
            let stale = try await api.send(.PATCH, "/api/v1/org/sites/\(pole.id)", json: SiteUpdate(version: 1, name: "South Pole"))
            #expect(stale.status == .conflict)
            #expect(try stale.decode(StaleAnswer<SiteDTO>.self).current.timeZone == "Europe/London")

            let london = try #require(try await api.get("/api/v1/org/sites").decode([SiteDTO].self).first { $0.name == "London" })
            #expect(london.employeeCount == 4)
            let inUse = try await api.send(.PATCH, "/api/v1/org/sites/\(london.id)", json: SiteUpdate(version: london.version, archived: true))
            #expect(try inUse.error.fields?.map(\.code) == ["org.site.in_use"])
            let archived: SiteDTO = try await api.send(.PATCH, "/api/v1/org/sites/\(pole.id)", json: SiteUpdate(version: 2, archived: true)).decode()
            #expect(archived.archived)

            let nancy = try await client.signedIn("nancy.davolio@northwind.example")
            #expect(try await nancy.get("/api/v1/org/sites").status == .ok)
            #expect(try await nancy.send(.PATCH, "/api/v1/org/sites/\(london.id)", json: SiteUpdate(version: london.version, name: "Mine")).status
                    == .forbidden)
        }
    }
}

/// A 409 answer with the record as it is now.
struct StaleAnswer<Record: Decodable>: Decodable {
    var current: Record
}
