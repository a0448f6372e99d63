extension Array {
    /// The elements in order, cut into runs in which no `key` repeats: a batch import handles a
    /// run with one lookup of the existing rows, so a record repeated in one file goes into the
    /// next run and sees what the first wrote.
    public func distinctRuns<Key: Hashable>(by key: (Element) -> Key) -> [[Element]] {
        var runs: [[Element]] = []
        var current: [Element] = []
        var keys: Set<Key> = []
        for element in self {
            if !keys.insert(key(element)).inserted {
                runs.append(current)
                current = []
                keys = [key(element)]
            }
            current.append(element)
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }
}
