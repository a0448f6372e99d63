import AfieldAPI
import Foundation

/// Derives a JSON Schema from a `Decodable` type by decoding it with a recording decoder:
/// every key and value the type asks for becomes a property of the schema. The schema thus
/// always matches the DTO's real `Codable` shape, with no second description to keep in sync.
///
/// What decoding cannot show comes from the type itself: a key read with `decodeIfPresent` is
/// optional and may be `null`; a `CaseIterable` string enum lists its values; a dictionary's
/// values get their own schema; ``APISchemaProviding`` types give their schema whole and
/// ``APISchemaRefining`` DTOs add required keys, lengths, ranges and formats. In a request body
/// every free text carries the pattern the server's text guard enforces (no control characters,
/// no bidirectional overrides), so a schema-valid request is never refused for its characters.
public enum SchemaRecorder {
    /// The JSON Schema (as a JSON-compatible tree) of `type`; `request` adds the text patterns
    /// the server requires of what it receives.
    public static func schema(of type: any Decodable.Type, request: Bool = false) -> JSONValue {
        var components: [String: JSONValue] = [:]
        return schema(of: type, request: request, components: &components)
    }

    /// As ``schema(of:request:)``; a type met inside itself (a tree: a flow's branch holds nodes)
    /// becomes a `$ref` to `#/components/schemas/<name>`, whose schema is added to `components`.
    public static func schema(of type: any Decodable.Type, request: Bool, components: inout [String: JSONValue]) -> JSONValue {
        let (root, _, recorder) = record(type)
        let schema = root.schema(request: request)
        for name in recorder.referenced.sorted() {
            guard let node = recorder.nodes[name] else { continue }
            components[componentName(name, request: request)] = node.schema(request: request)
        }
        return schema
    }

    /// The component holding any JSON value whose texts pass the server's text guard: what a
    /// request may send where the document names no shape (a form's values, unknown members).
    public static let cleanJSONName = "CleanJSON"
    static let cleanJSONRef: JSONValue = ["$ref": .string("#/components/schemas/\(cleanJSONName)")]

    /// The schema of ``cleanJSONName``.
    public static var cleanJSON: JSONValue {
        ["anyOf": [
            ["type": "string", "pattern": .string(SchemaPattern.text)],
            ["type": ["number", "boolean", "null"]],
            ["type": "array", "items": cleanJSONRef],
            ["type": "object", "propertyNames": ["pattern": .string(SchemaPattern.line)], "additionalProperties": cleanJSONRef],
        ]]
    }

    /// A component name for a Swift type name (`AfieldAPI.FlowNode`, `…FlowNode.request`).
    static func componentName(_ typeName: String, request: Bool) -> String {
        let safe = String(typeName.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "_" || $0 == "-" ? $0 : "_" })
        return request ? safe + ".request" : safe
    }

    /// The recording of `type`, and whether decoding it failed part-way (then properties after
    /// the failure are missing: a test checks that no API type does this).
    static func record(_ type: any Decodable.Type) -> (schema: Node, failure: (any Error)?, recorder: Recorder) {
        let recorder = Recorder()
        if let provided = type as? any APISchemaProviding.Type {
            recorder.root.kind = .provided(provided.apiSchema)
            return (recorder.root, nil, recorder)
        }
        if type == UUID.self { recorder.root.kind = .string(format: "uuid"); return (recorder.root, nil, recorder) }
        if type == Date.self { recorder.root.kind = .string(format: "date-time"); return (recorder.root, nil, recorder) }
        if let refining = type as? any APISchemaRefining.Type { recorder.root.refinements = refining.schemaRefinements }
        let name = String(reflecting: type)
        recorder.nodes[name] = recorder.root
        do {
            _ = try Recorder.$current.withValue(recorder) {
                try type.init(from: RecordingDecoder(node: recorder.root, path: [], types: [name]))
            }
            return (recorder.root, nil, recorder)
        } catch {
            return (recorder.root, error, recorder)
        }
    }

    /// Whether `type` records without failing part-way (then properties after the failure would
    /// be missing from its schema): nil, or the error. A test runs it on every API type.
    public static func recordingFailure(_ type: any Decodable.Type) -> (any Error)? { record(type).failure }
}

/// One recording: the root and, by Swift type name, the node of each type's outermost occurrence,
/// so that a type met inside itself can refer to it.
final class Recorder: @unchecked Sendable {
    let root = Node()
    var nodes: [String: Node] = [:]
    /// Types met inside themselves: their schemas become components.
    var referenced: Set<String> = []

    /// The recording under way (recording is synchronous, on one task).
    @TaskLocal static var current: Recorder?
}

/// What was learnt about one value while decoding.
final class Node {
    enum Kind {
        case unknown, string(format: String?), integer, number, boolean, array(Node), object, dictionary(Node)
        case enumeration([String]), provided(JSONValue), reference(String)
    }
    var kind: Kind = .unknown
    var properties: [(String, Node, Bool)] = []  // name, node, required
    /// Refinements of this object's properties (``APISchemaRefining``).
    var refinements: [String: SchemaRefinement] = [:]

    func child(_ key: String, required: Bool) -> Node {
        if let existing = properties.first(where: { $0.0 == key }) { return existing.1 }
        let node = Node()
        properties.append((key, node, required))
        return node
    }

    func schema(request: Bool) -> JSONValue {
        switch kind {
        case .unknown: return [:]
        case .provided(let schema):
            if request, schema == FormValue.apiSchema { return SchemaRecorder.cleanJSONRef }
            return schema
        case .reference(let name): return ["$ref": .string("#/components/schemas/" + SchemaRecorder.componentName(name, request: request))]
        case .enumeration(let values): return ["type": "string", "enum": .array(values.map(JSONValue.string))]
        case .string(let format):
            if let format { return ["type": "string", "format": .string(format)] }
            return request ? ["type": "string", "pattern": .string(SchemaPattern.text)] : ["type": "string"]
        case .integer: return ["type": "integer", "minimum": .number(Int(Int64.min)), "maximum": .number(Int(Int64.max))]
        case .number: return ["type": "number"]
        case .boolean: return ["type": "boolean"]
        case .array(let item): return ["type": "array", "items": item.schema(request: request)]
        case .dictionary(let value):
            var schema: [String: JSONValue] = ["type": "object", "additionalProperties": value.schema(request: request)]
            if request { schema["propertyNames"] = ["pattern": .string(SchemaPattern.line)] }
            return .object(schema)
        case .object:
            var props: [String: JSONValue] = [:]
            var required: [JSONValue] = []
            for (name, node, decodedAsRequired) in properties {
                var schema = node.schema(request: request).objectValue ?? [:]
                let refinement = refinements[name]
                if let refinement {
                    if let replacement = refinement.replacement?.objectValue { schema = replacement }
                    // A refinement's own pattern replaces the generic text pattern.
                    for (key, value) in refinement.keywords { schema[key] = value }
                }
                let isRequired = decodedAsRequired || refinement?.required == true
                if isRequired { required.append(.string(name)) } else { schema = Self.nullable(schema) }
                props[name] = .object(schema)
            }
            var schema: [String: JSONValue] = ["type": "object", "properties": .object(props)]
            if !required.isEmpty { schema["required"] = .array(required) }
            // Unknown members are ignored, but their names and values pass the same text guard.
            if request {
                schema["propertyNames"] = ["pattern": .string(SchemaPattern.line)]
                schema["additionalProperties"] = SchemaRecorder.cleanJSONRef
            }
            return .object(schema)
        }
    }

    /// `schema` that also admits `null`: an optional property may be sent or answered as null.
    static func nullable(_ schema: [String: JSONValue]) -> [String: JSONValue] {
        if schema["$ref"] != nil || schema["anyOf"] != nil { return ["anyOf": [.object(schema), ["type": "null"]]] }
        var schema = schema
        switch schema["type"] {
        case .string(let type)?: schema["type"] = [.string(type), "null"]
        case .array(var types)?:
            if !types.contains(.string("null")) { types.append("null") }
            schema["type"] = .array(types)
        default: return schema  // `{}` admits null already
        }
        if case .array(var values)? = schema["enum"] {
            values.append(.null)
            schema["enum"] = .array(values)
        }
        return schema
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
        if Key.self == _DictionaryKey.self || String(describing: Key.self).contains("_DictionaryCodingKey") {
            if case .dictionary = node.kind {} else { node.kind = .dictionary(Node()) }
        }
        return KeyedDecodingContainer(RecordingKeyed<Key>(node: node, path: path, types: types, shallow: shallow))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let item = Node()
        node.kind = .array(item)
        return RecordingUnkeyed(item: item, path: path, types: types, empty: shallow)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { RecordingSingle(node: node, path: path, types: types, shallow: shallow) }
}

private struct _DictionaryKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// Answers a primitive request with a plausible value and records its kind.
/// - Parameter shallow: inside a type met within itself: arrays stay empty and optionals absent,
///   so that recording a tree ends.
private func answer<T: Decodable>(_ type: T.Type, node: Node, path: [any CodingKey], types: [String], shallow: Bool = false) throws -> T {
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
        if let provided = T.self as? any APISchemaProviding.Type {
            node.kind = .provided(provided.apiSchema)
            // Any value will do for the rest of the recording: decode one from a plain recorder.
            return try T(from: RecordingDecoder(node: Node(), path: path, types: types))
        }
        if let iterable = T.self as? any CaseIterable.Type, let first = firstCase(iterable) as? T {
            // A string enum: its values, and a valid one to go on with ("" is none of them).
            let values = allCaseNames(iterable)
            if !values.isEmpty { node.kind = .enumeration(values) }
            return first
        }
        let name = String(reflecting: T.self)
        // Only a type met inside itself (a tree) ends the recording; an array or dictionary of
        // the same element type at two places (a flow's nodes and a branch's nodes) does not.
        let container = name.hasPrefix("Swift.Array<") || name.hasPrefix("Swift.Dictionary<") || name.hasPrefix("Swift.Optional<")
        let repeated = shallow || (!container && types.contains(name))
        if repeated, !shallow, let recorder = Recorder.current {
            // Met inside itself: refer to the outer occurrence, which is being recorded in full.
            node.kind = .reference(name)
            recorder.referenced.insert(name)
        } else if repeated, case .unknown = node.kind {
            node.kind = .object
        }
        if !repeated, Recorder.current?.nodes[name] == nil { Recorder.current?.nodes[name] = node }
        let target = repeated ? Node() : node
        if let refining = T.self as? any APISchemaRefining.Type { target.refinements = refining.schemaRefinements }
        return try T(from: RecordingDecoder(node: target, path: path, types: types + [name], shallow: repeated))
    }
}

private func firstCase<C: CaseIterable>(_ type: C.Type) -> Any? { type.allCases.first }

private func allCaseNames<C: CaseIterable>(_ type: C.Type) -> [String] {
    type.allCases.compactMap { ($0 as? any RawRepresentable)?.rawValue as? String }
}

private struct RecordingKeyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let node: Node
    let path: [any CodingKey]
    let types: [String]
    let shallow: Bool
    var codingPath: [any CodingKey] { path }
    /// A dictionary shows one key, so that its value type is recorded; an object shows none.
    var allKeys: [Key] {
        if !shallow, case .dictionary = node.kind, let key = Key(stringValue: "key") { return [key] }
        return []
    }
    func contains(_ key: Key) -> Bool { !shallow }
    func decodeNil(forKey key: Key) throws -> Bool {
        if case .dictionary = node.kind { return false }
        _ = node.child(key.stringValue, required: false)
        return false
    }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        if case .dictionary(let value) = node.kind { return try answer(type, node: value, path: path + [key], types: types, shallow: shallow) }
        return try answer(type, node: node.child(key.stringValue, required: true), path: path + [key], types: types, shallow: shallow)
    }
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        if shallow { return nil }
        if case .dictionary(let value) = node.kind { return try answer(type, node: value, path: path + [key], types: types, shallow: shallow) }
        return try answer(type, node: node.child(key.stringValue, required: false), path: path + [key], types: types, shallow: shallow)
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
        return try answer(type, node: item, path: path, types: types, shallow: empty)
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
    var shallow = false
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try answer(type, node: node, path: path, types: types, shallow: shallow) }
}
