import AfieldAPI
import Fluent
import Foundation
import Platform

/// Punches as the API shows them.
enum PunchViews {
    static func dtos(_ rows: [Punch], tenantID: UUID, on db: any Database) async throws -> [PunchDTO] {
        let names = try await EmployeeDirectory(db: db).names(Set(rows.map(\.employeeID)), tenantID: tenantID)
        let siteIDs = Array(Set(rows.compactMap(\.siteID)))
        let sites = siteIDs.isEmpty ? [] : try await Site.query(on: db).filter(\.$tenantID == tenantID).filter(\.$id ~~ siteIDs).all()
        let siteNames = Dictionary(uniqueKeysWithValues: sites.compactMap { s in s.id.map { ($0, s.name) } })
        return rows.map { p in
            PunchDTO(id: p.id!, employeeID: p.employeeID, employeeName: names[p.employeeID], workDate: p.workDate, at: p.at, serverTime: p.serverTime,
                     deviceTime: p.deviceTime, latitude: p.latitude, longitude: p.longitude, accuracy: p.accuracy, siteID: p.siteID,
                     siteName: p.siteID.flatMap { siteNames[$0] }, distanceMeters: p.distanceMeters, inside: p.inside, field: p.field, note: p.note,
                     photoFileID: p.photoFileID, customerID: p.customerID, queued: p.queued, clockSkewSeconds: p.clockSkewSeconds, flagged: p.flagged,
                     source: p.source)
        }
    }
}
