/// A document's allowed state changes as data (DESIGN §3): `(from, to, action, permission)`.
///
/// Modules declare their table once; ``transition(for:from:)`` is the only way to learn
/// whether an action is allowed in a state, so UI, API and imports cannot disagree.
public struct StateMachine<State: RawRepresentable & Hashable & Sendable>: Sendable where State.RawValue == String {
    public struct Transition: Sendable {
        public let from: Set<State>
        public let to: State
        public let action: String
        public let permission: Permission
        public init(from: Set<State>, to: State, action: String, permission: Permission) {
            self.from = from
            self.to = to
            self.action = action
            self.permission = permission
        }
    }

    public let entity: String
    public let transitions: [Transition]

    public init(entity: String, transitions: [Transition]) {
        self.entity = entity
        self.transitions = transitions
    }

    /// The transition for `action` from `state`.
    /// - Throws: 409 `<entity>.invalid_transition` with params `action`, `state`.
    public func transition(for action: String, from state: State) throws -> Transition {
        guard let transition = transitions.first(where: { $0.action == action && $0.from.contains(state) }) else {
            throw DomainError(status: 409, code: "\(entity).invalid_transition", params: ["action": action, "state": state.rawValue])
        }
        return transition
    }

    /// Actions available from `state` for a caller holding `permissions`.
    public func actions(from state: State, permissions: Set<String>) -> [String] {
        transitions.filter { $0.from.contains(state) && permissions.contains($0.permission.key) }.map(\.action)
    }
}
