import NIOCore

/// The IPv4 addresses other devices can reach this computer at, for the banner of a server
/// listening on every interface (`--host 0.0.0.0`).
enum NetworkAddresses {
    static func reachable() -> [String] {
        let devices = (try? System.enumerateDevices()) ?? []
        var seen: Set<String> = []
        return devices.compactMap { device -> String? in
            guard case .v4 = device.address, let ip = device.address?.ipAddress, !ip.hasPrefix("127.") else { return nil }
            return seen.insert(ip).inserted ? ip : nil
        }
    }
}
