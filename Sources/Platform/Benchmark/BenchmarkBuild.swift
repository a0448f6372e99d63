/// Whether this binary was compiled for measuring the cost of Afield's guards (issue 3 "Measure").
///
/// Built with `swift build -c release --build-path .build-noguards -Xswiftc -DAFIELD_BENCHMARK_NO_GUARDS`
/// (see `Benchmarks/overhead.sh`), ``Request/recordScope(_:)`` answers "everything" and
/// ``AuditLog/append(entity:entityID:action:changes:context:on:now:)`` writes nothing, so the same
/// requests can be timed with and without data scopes and the audit log. Such a binary is unsafe:
/// `afield serve` refuses to start it unless `AFIELD_BENCHMARK_NO_GUARDS=yes` is set, and says so
/// loudly. No normal build (debug, release, tests) ever contains this path.
public enum BenchmarkBuild {
    #if AFIELD_BENCHMARK_NO_GUARDS
    public static let guardsOff = true
    #else
    public static let guardsOff = false
    #endif
}
