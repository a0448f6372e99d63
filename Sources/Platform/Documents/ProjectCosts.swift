import Fluent
import Foundation
import Synchronization
import Vapor

/// Costs other modules book to projects (issue 13 point 5), as the Projects module sees them
/// without reading their tables: the Expenses module installs a source of kind `expenses`
/// (approved and paid claim lines linked to a project); Procurement will install `purchases`.
public protocol ProjectCostSource: Sendable {
    /// `labour`, `expenses`, `purchases` or `other`: the budget line the costs count against.
    var kind: String { get }
    /// The costs booked to each of `projectIDs` of company `tenantID`, in minor units of the
    /// company's base currency; projects without any are absent.
    func costs(projectIDs: [UUID], tenantID: UUID, on db: any Database) async throws -> [UUID: Int64]
}

/// What a module that books costs to projects may ask of them (installed by Projects): which of
/// some project ids the acting person may book costs to, with their names.
public protocol ProjectDirectory: Sendable {
    /// Of `ids`, the open projects the actor of `context` may see, with their code and name
    /// (`PRJ-2026-00001 Shop opening`).
    func bookable(_ ids: [UUID], context: ServiceContext) async throws -> [UUID: String]
    /// The names (code and name) of projects `ids` of the actor's company, whoever may see them.
    func names(_ ids: [UUID], tenantID: UUID, on db: any Database) async throws -> [UUID: String]
}

/// The installed cost sources.
public final class ProjectCostSources: Sendable {
    private let sources = Mutex<[any ProjectCostSource]>([])

    /// Adds a source (at boot).
    public func register(_ source: any ProjectCostSource) { sources.withLock { $0.append(source) } }

    public var all: [any ProjectCostSource] { sources.withLock { $0 } }
}

extension Application {
    private struct SourcesKey: StorageKey, LockKey { typealias Value = ProjectCostSources }
    private struct DirectoryKey: StorageKey { typealias Value = any ProjectDirectory }

    /// Where modules register the costs they book to projects.
    public var projectCostSources: ProjectCostSources {
        if let existing = storage[SourcesKey.self] { return existing }
        return locks.lock(for: SourcesKey.self).withLock {
            if let existing = storage[SourcesKey.self] { return existing }
            let made = ProjectCostSources()
            storage[SourcesKey.self] = made
            return made
        }
    }

    /// The projects, when the Projects module is installed (nil otherwise).
    public var projectDirectory: (any ProjectDirectory)? {
        get { storage[DirectoryKey.self] }
        set { storage[DirectoryKey.self] = newValue }
    }
}
