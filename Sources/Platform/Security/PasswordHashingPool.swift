import NIOPosix
import Vapor

/// Threads of their own for bcrypt.
///
/// bcrypt takes ~0.3 s of CPU per sign-in by design. On Vapor's shared thread pool — which
/// the SQLite driver also runs every query on — thirty people signing in at 9:00 would queue
/// every database read behind their hashes, and unrelated requests would time out waiting for
/// a connection. Hashing here keeps the database's threads free; sign-ins then wait only for
/// each other.
public final class PasswordHashingPool: LifecycleHandler, Sendable {
    let pool: NIOThreadPool

    public init(threads: Int = max(1, System.coreCount)) {
        pool = NIOThreadPool(numberOfThreads: threads)
        pool.start()
    }

    public func shutdownAsync(_ application: Application) async {
        try? await pool.shutdownGracefully()
    }
}

extension Application {
    private struct PasswordHashingPoolKey: StorageKey { typealias Value = PasswordHashingPool }

    /// The pool bcrypt runs on (made on first use, stopped with the application).
    public var passwordHashingPool: PasswordHashingPool {
        if let pool = storage[PasswordHashingPoolKey.self] { return pool }
        let pool = PasswordHashingPool()
        storage[PasswordHashingPoolKey.self] = pool
        lifecycle.use(pool)
        return pool
    }
}

extension Request {
    /// The application's password hasher, running on ``PasswordHashingPool``.
    public var passwordHasher: AsyncPasswordHasher {
        password.sync.async(on: application.passwordHashingPool.pool, hopTo: eventLoop)
    }
}
