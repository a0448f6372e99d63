import Fluent
import Platform
import Testing
import Vapor

private struct A: AfieldModule {
    static let id = "a"
    static let dependsOn: [any AfieldModule.Type] = []
    var permissions: [Permission] { [] }
    var migrations: [any AsyncMigration] { [] }
    func routes(_ api: any RoutesBuilder) throws {}
}

private struct B: AfieldModule {
    static let id = "b"
    static let dependsOn: [any AfieldModule.Type] = [A.self]
    var permissions: [Permission] { [] }
    var migrations: [any AsyncMigration] { [] }
    func routes(_ api: any RoutesBuilder) throws {}
}

private struct C: AfieldModule {
    static let id = "c"
    static let dependsOn: [any AfieldModule.Type] = [D.self]
    var permissions: [Permission] { [] }
    var migrations: [any AsyncMigration] { [] }
    func routes(_ api: any RoutesBuilder) throws {}
}

private struct D: AfieldModule {
    static let id = "d"
    static let dependsOn: [any AfieldModule.Type] = [C.self]
    var permissions: [Permission] { [] }
    var migrations: [any AsyncMigration] { [] }
    func routes(_ api: any RoutesBuilder) throws {}
}

@Suite("Module registry")
struct ModuleRegistryTests {
    @Test("orders modules after their dependencies")
    func orders() throws {
        let registry = try ModuleRegistry([B(), A()])
        #expect(registry.ordered.map { type(of: $0).id } == ["a", "b"])
    }

    @Test("refuses a missing dependency, a cycle and a duplicate id")
    func refuses() {
        #expect(throws: ModuleRegistry.Problem.missingDependency(module: "b", needs: "a")) { try ModuleRegistry([B()]) }
        #expect(throws: ModuleRegistry.Problem.self) { try ModuleRegistry([C(), D()]) }
        #expect(throws: ModuleRegistry.Problem.duplicateID("a")) { try ModuleRegistry([A(), A()]) }
    }
}
