/// The modules of an Afield installation, in dependency order.
public struct ModuleRegistry: Sendable {
    /// Modules ordered so that each comes after everything it `dependsOn`.
    public let ordered: [any AfieldModule]

    /// Why a module list cannot be used.
    public enum Problem: Error, Equatable, CustomStringConvertible {
        case duplicateID(String)
        case missingDependency(module: String, needs: String)
        case cycle([String])

        public var description: String {
            switch self {
            case .duplicateID(let id): "module id '\(id)' is used twice"
            case .missingDependency(let module, let needs): "module '\(module)' depends on '\(needs)', which is not registered"
            case .cycle(let ids): "module dependency cycle: \(ids.joined(separator: " → "))"
            }
        }
    }

    /// Orders `modules` by `dependsOn` (stable: registration order among independent modules).
    /// - Throws: ``Problem`` for duplicate ids, unregistered dependencies and cycles.
    public init(_ modules: [any AfieldModule]) throws {
        var byID: [String: any AfieldModule] = [:]
        for module in modules {
            let id = type(of: module).id
            guard byID[id] == nil else { throw Problem.duplicateID(id) }
            byID[id] = module
        }
        var ordered: [any AfieldModule] = []
        var state: [String: Bool] = [:]  // false = visiting, true = done
        func visit(_ module: any AfieldModule, path: [String]) throws {
            let id = type(of: module).id
            if state[id] == true { return }
            if state[id] == false { throw Problem.cycle(path + [id]) }
            state[id] = false
            for dependency in type(of: module).dependsOn {
                guard let needed = byID[dependency.id] else { throw Problem.missingDependency(module: id, needs: dependency.id) }
                try visit(needed, path: path + [id])
            }
            state[id] = true
            ordered.append(module)
        }
        for module in modules { try visit(module, path: []) }
        self.ordered = ordered
    }

    /// Every permission declared by every module, plus the platform's own.
    public var permissions: [Permission] { ordered.flatMap(\.permissions) }

    /// Every module's ``AfieldModule/personalPermissions``.
    public var personalPermissions: [Permission] { ordered.flatMap(\.personalPermissions) }
}
