import Hummingbird
import LeadbaseCore
import LeadbaseStore
import Logging
import Metrics
import Prometheus
import ServiceLifecycle

/// The composition root, used by `leadbase serve` and by every test: opens the database, wires
/// stores, services and controllers, and returns the application to run. Its service group runs
/// the PostgreSQL client, then migrates (`DatabaseService`) before the server or any other
/// service touches the database.
public func buildApplication(_ configuration: AppConfiguration) async throws -> some ApplicationProtocol {
    var logger = Logger(label: "leadbase")
    logger.logLevel = configuration.log.level
    _ = MetricsRegistry.shared  // metrics made from here on are exported
    _ = OpenAPIDocument.served  // read (and checked) before anything is served
    let (database, client) = try await Database.openForServiceGroup(try configuration.database.location(), logger: logger)
    let databaseService = DatabaseService(database: database)
    let migrated = databaseService.migrated
    // In the group's order: the client first, the migrations next, then what waits for them.
    var services: [any Service] = []
    if let client { services.append(client) }
    if client != nil { services.append(ChangeWatchService(database: database)) }
    services.append(databaseService)
    services.append(IdempotencyPurgeService(store: SQLIdempotencyStore(database: database), migrated: migrated, logger: logger))
    let router: Router<AppRequestContext>
    do {
        let search: any DirectorySearch
        switch configuration.searchIndex {
        case .files, .memory:
            // Opened or built by its service once the server runs; `/ready` answers 503 until then.
            let index = IndexedDirectorySearch(
                database: database, folder: configuration.searchIndex == .files ? configuration.indexDirectory : nil)
            services.append(DirectoryIndexService(index: index, migrated: migrated))
            search = index
        case .sql:
            search = SQLDirectorySearch(database: database)
        }
        let autocomplete = VocabularyAutocomplete(database: database, search: search)
        services.append(
            VocabularyWarmupService(
                autocomplete: autocomplete, index: search as? IndexedDirectorySearch, migrated: migrated, logger: logger))
        router = try await buildRouter(configuration, database: database, search: search, autocomplete: autocomplete)
    } catch {
        await database.close()
        throw error
    }
    var app = Application(
        responder: HeadResponder(inner: router.buildResponder()),
        configuration: .init(address: .hostname(configuration.http.host, port: configuration.http.port), serverName: "Leadbase"),
        logger: logger
    )
    app.addServices(services)
    // Nothing is served before the schema is current; a failed migration stops the server.
    app.beforeServerStarts { [logger] in
        try await migrated.wait()
        logger.info(
            "Leadbase ready",
            metadata: ["database": "\(database.location)", "address": "\(configuration.http.host):\(configuration.http.port)"])
    }
    return app
}

/// Every route of the server; the OpenAPI test reads the routes from here. `search` defaults to
/// plain SQL, `autocomplete` to a vocabulary read on first use.
func buildRouter(
    _ configuration: AppConfiguration, database: Database, search: (any DirectorySearch)? = nil,
    autocomplete: (any DirectoryAutocomplete)? = nil
) async throws -> Router<AppRequestContext> {
    let accounts = SQLAccountStore(database: database)
    let leadLists = LeadListService(store: SQLLeadListStore(database: database))
    let search = search ?? SQLDirectorySearch(database: database)
    let directory = DirectoryService(search: search, store: SQLDirectoryStore(database: database))
    let membership = MembershipService(lists: leadLists, search: search, store: SQLMembershipStore(database: database))
    let jwt = try await JWTVerifier.make(configuration.jwt)

    let router = Router(context: AppRequestContext.self)
    let routes = RouteMethods()
    router.addMiddleware {
        RequestLogMiddleware(maxBodySize: configuration.http.maxBodySize)
        MetricsMiddleware()
        ResponseHeadersMiddleware()
        // Outside the envelope, so that error answers carry CORS headers.
        CrossOriginMiddleware(allowed: configuration.http.corsOrigins, routes: routes)
        ErrorEnvelopeMiddleware(routes: routes)
    }
    OperationsController(database: database, registry: MetricsRegistry.shared, searchIndex: search as? IndexedDirectorySearch)
        .addRoutes(to: router)

    let api = router.group("api/v1")
        .add(middleware: AuthenticationMiddleware(accounts: accounts, jwt: jwt, limiter: RateLimiter(limits: configuration.rateLimits)))
        .group(context: AuthenticatedContext.self)
    let idempotent = IdempotentWrites(store: SQLIdempotencyStore(database: database))
    let lists = LeadListController(service: leadLists, membership: membership)
    lists.addRoutes(to: api.group("entities/leadlists"), idempotent: idempotent)
    ICPController(service: ICPService(store: SQLICPStore(database: database))).addRoutes(
        to: api.group("entities/icps"), idempotent: idempotent)
    lists.addLeadRoutes(to: api.group("entities/leads"))
    ProspectController(service: directory).addRoutes(to: api.group("entities/prospects"))
    AutocompleteController(autocomplete: autocomplete ?? VocabularyAutocomplete(database: database, search: search))
        .addRoutes(to: api.group("operations/autocomplete"))
    routes.load(router)
    return router
}

/// The process's Prometheus registry. swift-metrics can be bootstrapped once per process, so the
/// registry is made (and the bootstrap done) on first use, however many applications are built.
enum MetricsRegistry {
    static let shared: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()
}

/// Listens for PostgreSQL's notifications of changes until graceful shutdown, so that identities
/// and the directory revision can be kept in memory (`ChangeWatch`).
struct ChangeWatchService: Service {
    let database: Database

    func run() async throws {
        await cancelWhenGracefulShutdown { await self.database.watchChanges() }
    }
}

/// Opens or builds the search index, then keeps it in step with the database until graceful
/// shutdown (`IndexedDirectorySearch.run`).
struct DirectoryIndexService: Service {
    let index: IndexedDirectorySearch
    let migrated: Signal

    func run() async throws {
        try await migrated.wait()
        await cancelWhenGracefulShutdown { await self.index.run() }
    }
}

/// Gets the autocomplete vocabulary ready once the schema is current and the search index (if
/// any) has loaded, so that lookups do not wait for it: the index's (its saved counts, or a count
/// of its documents), or without an index a read from SQL. Not before the index has loaded: a
/// read from SQL meanwhile would be thrown away, and side by side with the index's build on two
/// cores the two took 108 s instead of about 45 s at 1,000,000 people (bench/README.md). A
/// failure is logged; the first lookup then tries again.
struct VocabularyWarmupService: Service {
    let autocomplete: VocabularyAutocomplete
    let index: IndexedDirectorySearch?
    let migrated: Signal
    let logger: Logger

    func run() async throws {
        try await migrated.wait()
        await cancelWhenGracefulShutdown {
            while let index = self.index, !index.isLoaded {
                do { try await Task.sleep(for: .milliseconds(200)) } catch { return }
            }
            do {
                try await self.autocomplete.warm()
            } catch  where !Task.isCancelled {
                self.logger.warning("Reading the autocomplete vocabulary failed", metadata: ["error": "\(String(reflecting: error))"])
            } catch {}
        }
        // A service that returns would end the group.
        try? await gracefulShutdown()
    }
}

/// Deletes the kept answers of idempotent writes once they are past their lifetime: at start and
/// every hour, until graceful shutdown. A failed purge is logged and tried at the next hour.
struct IdempotencyPurgeService: Service {
    let store: SQLIdempotencyStore
    let migrated: Signal
    let logger: Logger

    func run() async throws {
        try await migrated.wait()
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    let purged = try await store.purge()
                    if purged > 0 { logger.info("Purged expired idempotency keys", metadata: ["count": "\(purged)"]) }
                } catch {
                    logger.warning("Purging expired idempotency keys failed", metadata: ["error": "\(String(reflecting: error))"])
                }
                try? await Task.sleep(for: .seconds(3600))
            }
        }
    }
}
