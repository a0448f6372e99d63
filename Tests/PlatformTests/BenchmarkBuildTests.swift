import Platform
import Testing

@Suite("Benchmark build switch")
struct BenchmarkBuildTests {
    @Test("normal builds keep data scopes and the audit log (AFIELD_BENCHMARK_NO_GUARDS is benchmark-only)")
    func guardsOn() {
        #expect(BenchmarkBuild.guardsOff == false)
    }
}
