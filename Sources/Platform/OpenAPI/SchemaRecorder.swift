import Foundation

/// Derives a JSON Schema from a `Decodable` type by decoding it with a recording decoder:
/// every key and value the type asks for becomes a property of the schema. The schema thus
/// always matches the DTO's real `Codable` shape, with no second description to keep in sync.
///
/// Limits: a key read with `decodeIfPresent` is optional; dictionaries show as free objects;
/// `UUID` and `Date` map to `string` with a format.
public enum SchemaRecorder {
    /// The JSON Schema (as a JSON-compatible tree) of `type`.
    public static func schema(of type: any Decodable.Type) -> JSONValue {
        if type == UUID.self { return .object(["type": "string", "format": "uuid"]) }
        if type == Date.self { return .object(["type": "string", "format": "date-time"]) }
        let recorder = Recorder()
        _ = try? type.init(from: RecordingDecoder(node: recorder.root, path: [], types: [String(reflecting: type)]))
        return recorder.root.schema()
    }
}

/// A JSON value tree used for generated documents.
public indirect enum JSONValue: Encodable, Sendable, Equatable, ExpressibleByStringLiteral, ExpressibleByDictionaryLiteral,
    ExpressibleByArrayLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral {
    case string(String), number(Int), bool(Bool), array([JSONValue]), object([String: JSONValue]), null

    public init(stringLiteral value: String) { self = .string(value) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) { self = .object(Dictionary(elements, uniquingKeysWith: { a, _ in a })) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .number(value) }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .string(let v): try c.encode(v)
        case .number(let v): try c.encode(v)
        case .bool(let v): try c.encode(v)
        case .array(let v): try c.encode(v)
        case .object(let v): try c.encode(v)
        case .null: try c.encodeNil()
        }
    }

    public subscript(key: String) -> JSONValue? {
        if case .object(let o) = self { return o[key] } else { return nil }
    }
}

final class Recorder {
    let root = Node()
}

/// What was learnt about one value while decoding.
final class Node {
    enum Kind { case unknown, string(format: String?), integer, number, boolean, array(Node), object, dictionary }
    var kind: Kind = .unknown
    var properties: [(String, Node, Bool)] = []  // name, node, required

    func child(_ key: String, required: Bool) -> Node {
        if let existing = properties.first(where: { $0.0 == key }) { return existing.1 }
        let node = Node()
        properties.append((key, node, required))
        return node
    }

    func schema() -> JSONValue {
        switch kind {
        case .unknown: return [:]
        case .string(let format):
            if let format { return ["type": "string", "format": .string(format)] }
            return ["type": "string"]
        case .integer: return ["type": "integer"]
        case .number: return ["type": "number"]
        case .boolean: return ["type": "boolean"]
        case .array(let item): return ["type": "array", "items": item.schema()]
        case .dictionary: return ["type": "object", "additionalProperties": ["type": "string"]]
        case .object:
            var props: [String: JSONValue] = [:]
            for (name, node, _) in properties { props[name] = node.schema() }
            let required = properties.filter { $0.2 }.map { JSONValue.string($0.0) }
            var schema: [String: JSONValue] = ["type": "object", "properties": .object(props)]
            if !required.isEmpty { schema["required"] = .array(required) }
            return .object(schema)
        }
    }
}

struct RecordingDecoder: Decoder {
    let node: Node
    let path: [any CodingKey]
    /// Types being decoded around this point; a type met again inside itself (a tree such as
    /// the org chart) is decoded shallowly — empty arrays, absent optionals — so recording ends.
    var types: [String] = []
    var shallow = false
    var codingPath: [any CodingKey] { path }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        if case .unknown = node.kind { node.kind = .object }
        if Key.self == _DictionaryKey.self || String(describing: Key.self).contains("_DictionaryCodingKey") { node.kind = .dictionary }
        return KeyedDecodingContainer(RecordingKeyed<Key>(node: node, path: path, types: types, shallow: shallow))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let item = Node()
        node.kind = .array(item)
        return RecordingUnkeyed(item: item, path: path, types: types, empty: shallow)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { RecordingSingle(node: node, path: path, types: types) }
}

private struct _DictionaryKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// Answers a primitive request with a plausible value and records its kind.
private func answer<T: Decodable>(_ type: T.Type, node: Node, path: [any CodingKey], types: [String]) throws -> T {
    switch type {
    case is String.Type:
        if case .unknown = node.kind { node.kind = .string(format: nil) }
        return "" as! T
    case is Bool.Type: node.kind = .boolean; return false as! T
    case is Int.Type: node.kind = .integer; return 0 as! T
    case is Int64.Type: node.kind = .integer; return Int64(0) as! T
    case is Double.Type: node.kind = .number; return 0.0 as! T
    case is Decimal.Type: node.kind = .number; return Decimal(0) as! T
    case is UUID.Type: node.kind = .string(format: "uuid"); return UUID() as! T
    case is Date.Type: node.kind = .string(format: "date-time"); return Date() as! T
    default:
        let name = String(reflecting: T.self)
        let repeated = types.contains(name)
        if repeated, case .unknown = node.kind { node.kind = .object }
        return try T(from: RecordingDecoder(node: repeated ? Node() : node, path: path, types: types + [name], shallow: repeated))
    }
}

private struct RecordingKeyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let node: Node
    let path: [any CodingKey]
    let types: [String]
    let shallow: Bool
    var codingPath: [any CodingKey] { path }
    var allKeys: [Key] { [] }
    func contains(_ key: Key) -> Bool { !shallow }
    func decodeNil(forKey key: Key) throws -> Bool { _ = node.child(key.stringValue, required: false); return false }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try answer(type, node: node.child(key.stringValue, required: true), path: path + [key], types: types)
    }
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        if shallow { return nil }
        return try answer(type, node: node.child(key.stringValue, required: false), path: path + [key], types: types)
    }
    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try RecordingDecoder(node: node.child(key.stringValue, required: true), path: path + [key], types: types, shallow: shallow).container(keyedBy: type)
    }
    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try RecordingDecoder(node: node.child(key.stringValue, required: true), path: path + [key], types: types, shallow: shallow).unkeyedContainer()
    }
    func superDecoder() throws -> any Decoder { RecordingDecoder(node: node, path: path, types: types, shallow: shallow) }
    func superDecoder(forKey key: Key) throws -> any Decoder {
        RecordingDecoder(node: node.child(key.stringValue, required: true), path: path + [key], types: types, shallow: shallow)
    }
}

private struct RecordingUnkeyed: UnkeyedDecodingContainer {
    let item: Node
    let path: [any CodingKey]
    let types: [String]
    let empty: Bool
    var codingPath: [any CodingKey] { path }
    var count: Int? { empty ? 0 : 1 }
    var currentIndex = 0
    var isAtEnd: Bool { empty || currentIndex >= 1 }

    init(item: Node, path: [any CodingKey], types: [String], empty: Bool) {
        self.item = item
        self.path = path
        self.types = types
        self.empty = empty
    }

    mutating func decodeNil() throws -> Bool { false }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        currentIndex += 1
        return try answer(type, node: item, path: path, types: types)
    }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        currentIndex += 1
        return try RecordingDecoder(node: item, path: path, types: types).container(keyedBy: type)
    }
    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        currentIndex += 1
        return try RecordingDecoder(node: item, path: path, types: types).unkeyedContainer()
    }
    mutating func superDecoder() throws -> any Decoder { RecordingDecoder(node: item, path: path, types: types) }
}

private struct RecordingSingle: SingleValueDecodingContainer {
    let node: Node
    let path: [any CodingKey]
    let types: [String]
    var codingPath: [any CodingKey] { path }
    func decodeNil() -> Bool { false }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try answer(type, node: node, path: path, types: types) }
}
