import AfieldAPI
import Foundation
import Partners
import Platform

/// Planning a day's visits for the caller (``RoutePlanner`` on the customers' coordinates).
struct RoutePlanning: Sendable {
    let context: ServiceContext

    static let maximumStops = 50

    /// - Throws: 403 without ``CRMModule/visit``; 422 (start not a coordinate, no customers or
    ///   more than 50); 404 `customer` when one is not a customer the caller may see.
    func plan(_ input: RoutePlanInput) async throws -> RoutePlanDTO {
        try context.require(CRMModule.visit)
        var problems: [DomainError.Field] = []
        let latitude = GeoCoordinate.parse(input.startLatitude.text, axis: .latitude, path: "startLatitude", problems: &problems)
        let longitude = GeoCoordinate.parse(input.startLongitude.text, axis: .longitude, path: "startLongitude", problems: &problems)
        var ids: [UUID] = []
        for id in input.customerIds where !ids.contains(id) { ids.append(id) }
        if ids.isEmpty { problems.append(.init("customerIds", "field.required")) }
        if ids.count > Self.maximumStops { problems.append(.init("customerIds", "crm.route.too_many", params: ["max": String(Self.maximumStops)])) }
        guard problems.isEmpty, let latitude, let longitude, let startLat = Double(latitude), let startLon = Double(longitude) else {
            throw DomainError.invalid(problems)
        }
        let customers = try await CustomerAccess(context: context).visibleCustomers(ids)
        var stops: [RoutePlanner.Stop] = []
        var skipped: [RouteSkippedDTO] = []
        for id in ids {
            let customer = customers[id]!
            if let lat = customer.latitude.flatMap(Double.init), let lon = customer.longitude.flatMap(Double.init) {
                stops.append(RoutePlanner.Stop(id: id, latitude: lat, longitude: lon))
            } else {
                skipped.append(RouteSkippedDTO(customerId: id, name: customer.name, reason: "no_coordinates"))
            }
        }
        let plan = RoutePlanner(startLatitude: startLat, startLongitude: startLon).plan(stops)
        let planned = zip(plan.order, plan.legs).map { id, leg in
            let customer = customers[id]!
            let lat = customer.latitude ?? "", lon = customer.longitude ?? ""
            return RouteStopDTO(customerId: id, name: customer.name, divisionName: customer.divisionName, address: customer.address,
                                latitude: lat, longitude: lon, legMeters: leg,
                                geoUri: RoutePlanner.geoURI(latitude: lat, longitude: lon, label: customer.name))
        }
        return RoutePlanDTO(stops: planned, totalMeters: plan.totalMeters, skipped: skipped)
    }
}
