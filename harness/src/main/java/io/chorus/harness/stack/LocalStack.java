package io.chorus.harness.stack;

import eu.rekawek.toxiproxy.ToxiproxyClient;
import io.chorus.harness.stack.StackDescription.Owner;
import io.chorus.harness.stack.StackDescription.State;
import io.chorus.harness.stack.config.CassandraConfig;
import io.chorus.harness.stack.config.ElasticsearchConfig;
import io.chorus.harness.stack.config.GatewayConfig;
import io.chorus.harness.stack.config.NatsConfig;
import io.chorus.harness.stack.config.NatsUser;
import io.chorus.harness.stack.config.ServiceConfig;
import io.chorus.harness.stack.engines.Engines;
import io.chorus.harness.stack.health.Health;
import io.chorus.harness.stack.health.HealthProbe;
import io.chorus.harness.stack.health.Probes;
import io.chorus.harness.stack.health.StackHealth;
import io.chorus.harness.stack.unsyncedfs.Mounts;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * The whole stack as processes on this machine, in a run folder of its own with ports of its own: a NATS
 * JetStream cluster, Cassandra, Elasticsearch, FerretDB (the MongoDB wire protocol) on a PostgreSQL, Toxiproxy with one proxy per
 * service-to-engine link, and every service.
 */
public final class LocalStack implements Stack {
    private static final Duration ENGINE_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration SERVICE_TIMEOUT = Duration.ofMinutes(2);
    /**
     * What one more service JVM adds to the wait for all of them: every JVM starts at once, and each takes seconds of
     * a core to load and compile its classes, so 40 of them (wide-fanout's 32 instances) on 2 cores need far more than
     * the dozen of an ordinary shape.
     */
    private static final Duration SERVICE_TIMEOUT_EACH = Duration.ofSeconds(10);

    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    /** The component name of the stack's HAProxy (decision 0220). */
    public static final String GATEWAY = "gateway";
    /** Environment variable: extra options for every service JVM (a profiler's, say). */
    public static final String SERVICE_JVM_OPTIONS = "CHORUS_SERVICE_JVM_OPTIONS";

    private final ChorusHome home;
    private final RunFolder run;
    private final StackShape shape;
    private final Engines engines;
    private final ProcessTable processes;
    private final PrintStream progress;
    private final Map<String, Process> started = new LinkedHashMap<>();
    private StackDescription description;

    private LocalStack(
            ChorusHome home,
            RunFolder run,
            StackShape shape,
            Engines engines,
            ProcessTable processes,
            PrintStream progress) {
        this.home = home;
        this.run = run;
        this.shape = shape;
        this.engines = engines;
        this.processes = processes;
        this.progress = progress;
        this.description = run.read().orElse(null);
    }

    /** A new stack in a new run folder; nothing runs until {@link #up()}. */
    public static LocalStack create(ChorusHome home, StackShape shape, Engines engines, PrintStream progress) {
        RunFolder run = new RunFolders(home.runs(), new ProcessTable()).create("stack");
        return new LocalStack(home, run, shape, engines, new ProcessTable(), progress);
    }

    /** The stack of an existing run folder, to ask its status or bring it down. */
    public static LocalStack attach(ChorusHome home, RunFolder run, Engines engines, PrintStream progress) {
        StackDescription existing =
                run.read().orElseThrow(() -> new IllegalArgumentException("no stack.json in " + run.dir()));
        return new LocalStack(home, run, existing.shape(), engines, new ProcessTable(), progress);
    }

    public RunFolder runFolder() {
        return run;
    }

    public StackDescription description() {
        return description;
    }

    @Override
    public java.util.Optional<LocalStack> local() {
        return java.util.Optional.of(this);
    }

    @Override
    public StackDescription up() {
        Instant begin = Instant.now();
        try (StopOnExit cleanup = StopOnExit.guard("stack-cleanup", this::down)) {
            Path java = engines.javaHome().resolve("bin/java");
            requireServiceJars();
            EngineBinaries binaries = EngineBinaries.resolve(engines);
            GatewayBinaries gatewayBinaries = shape.gatewayEnabled() ? GatewayBinaries.resolve(engines) : null;
            List<ServiceProcess> services = Topology.services(shape);
            PortPlan plan = PortClaims.machineWide().claim(run, ports -> PortPlan.allocate(shape, services, ports));
            description = StackDescription.planned(
                    run.dir().getFileName().toString(),
                    run.dir(),
                    shape,
                    services,
                    plan,
                    ProcessHandle.current().pid(),
                    newSecret());
            run.write(description);
            progress.println("run folder " + run.dir());

            startEngines(java, binaries, plan);
            awaitHealthy(
                    List.of(Probes.toxiproxy(
                            "toxiproxy", description.toxiproxy().api(), 0)),
                    ENGINE_TIMEOUT);
            createProxies(plan);
            awaitHealthy(StackHealth.engineProbes(description), ENGINE_TIMEOUT);
            progress.printf(
                    "engines healthy after %ds%n",
                    Duration.between(begin, Instant.now()).toSeconds());

            services.forEach(s -> startService(java, s, plan));
            awaitHealthy(
                    description.services().all().stream()
                            .map(s -> Probes.service(s.name(), s.admin()))
                            .toList(),
                    servicesTimeout(services.size()));
            if (gatewayBinaries != null) {
                startGateway(gatewayBinaries, services, plan);
            }
            update(description.withState(State.UP));
            progress.printf(
                    "all %d components healthy after %ds%n",
                    description.pids().size(),
                    Duration.between(begin, Instant.now()).toSeconds());
            return description;
        } catch (RuntimeException e) {
            progress.println("stack failed to come up: " + e.getMessage());
            down();
            if (description != null) {
                update(description.withState(State.FAILED));
            }
            throw e instanceof StackFailure ? e : new StackFailure(e.getMessage(), e);
        }
    }

    /** Lets the stack outlive this process: {@code harness up} returns while the stack keeps running. */
    public void detach() {
        update(description.withOwner(new Owner(ProcessHandle.current().pid(), true)));
    }

    @Override
    public List<Health> status() {
        if (description == null) {
            return List.of();
        }
        return StackHealth.check(StackHealth.probes(description));
    }

    @Override
    public synchronized void down() {
        if (description == null) {
            return;
        }
        if (description.state() != State.FAILED) {
            update(description.withState(State.STOPPING));
        }
        String tag = run.processTag();
        List<String> components = new ArrayList<>(description.pids().keySet());
        List<String> serviceNames = description.services().all().stream()
                .map(StackDescription.Endpoint::name)
                .toList();
        // services first, so none of them logs a storm of connection errors while the engines go away; the
        // filesystem under the NATS nodes last, once nothing writes to it
        stopAll(components.stream().filter(serviceNames::contains).toList(), tag);
        stopAll(
                components.stream()
                        .filter(c -> !serviceNames.contains(c) && !c.equals(NatsStorage.COMPONENT))
                        .toList(),
                tag);
        stopAll(components.stream().filter(NatsStorage.COMPONENT::equals).toList(), tag);
        List<Long> left = processes.stop(processes.tagged(tag), STOP_GRACE);
        if (!left.isEmpty()) {
            throw new StackFailure("processes of " + run.dir() + " did not exit: " + left);
        }
        started.clear();
        // a mount whose process died without unmounting would fail every call, and the deletion of the data
        releaseMounts();
        deleteData();
        PortClaims.machineWide().release(run);
        if (description.state() != State.FAILED) {
            update(description.withState(State.DOWN));
        }
    }

    private void stopAll(List<String> components, String tag) {
        List<CompletableFuture<Void>> stopping = components.stream()
                .map(c -> CompletableFuture.runAsync(() -> stop(c, tag)))
                .toList();
        stopping.forEach(CompletableFuture::join);
    }

    private void stop(String component, String tag) {
        long leader = description.pids().get(component);
        List<Long> group = new ArrayList<>(processes.group(tag, leader));
        if (processes.isAlive(leader) && processes.tagged(tag).contains(leader) && !group.contains(leader)) {
            group.add(leader);
        }
        List<Long> left = processes.stop(group, STOP_GRACE);
        if (!left.isEmpty()) {
            progress.println(component + " did not exit: " + left);
        }
    }

    private void startEngines(Path java, EngineBinaries binaries, PortPlan plan) {
        launch("postgres", new PostgresServer(run, binaries.postgresBin()).prepare(plan.postgres()), Map.of());
        if (shape.natsOnUnsyncedWriteFs()) {
            launch(NatsStorage.COMPONENT, NatsStorage.command(java, run.dir(), shape), Map.of());
            awaitMounted();
        }
        for (PortPlan.NatsNode node : plan.nats()) {
            Path conf = run.config(node.name() + ".conf");
            run.writeFile(
                    conf,
                    NatsConfig.render(
                            node,
                            plan.nats(),
                            run.data(node.name()),
                            shape.natsSyncInterval(),
                            NatsUser.of(description.auth().hmacSecret())));
            launch(node.name(), List.of(binaries.natsServer().toString(), "-c", conf.toString()), Map.of());
        }
        List<PortPlan.CassandraNode> cassandra = plan.cassandra();
        for (PortPlan.CassandraNode node : cassandra) {
            Path dir = run.data(node.name());
            Path yaml = run.config(node.name() + ".yaml");
            Path logback = run.config(node.name() + "-logback.xml");
            run.writeFile(yaml, CassandraConfig.yaml(node, cassandra, dir));
            run.writeFile(logback, CassandraConfig.logback());
            launch(
                    node.name(),
                    CassandraConfig.command(
                            java,
                            binaries.cassandraLib(),
                            node,
                            yaml,
                            logback,
                            dir,
                            CassandraConfig.heap(cassandra.size())),
                    Map.of());
            if (cassandra.size() > 1 && !node.equals(cassandra.get(cassandra.size() - 1))) {
                // nodes of a cluster join one after another: two joining at once refuse to bootstrap
                awaitHealthy(List.of(Probes.cql(node.name(), node.host() + ":" + node.nativePort())), ENGINE_TIMEOUT);
            }
        }
        startElasticsearch(binaries.elasticsearchHome(), plan);
        // FerretDB stores in a PostgreSQL of its own (decision 0012), which must listen before FerretDB starts
        awaitHealthy(List.of(Probes.tcp("postgres", "127.0.0.1", plan.postgres())), ENGINE_TIMEOUT);
        Path mongoData = run.data("ferretdb");
        launch(
                "ferretdb",
                List.of(
                        binaries.ferretdb().toString(),
                        "--handler=postgresql",
                        "--postgresql-url=" + PostgresServer.url(plan.postgres()),
                        "--state-dir=" + mongoData,
                        "--listen-addr=127.0.0.1:" + plan.mongo(),
                        "--debug-addr=127.0.0.1:" + plan.ferretdbDebug(),
                        "--telemetry=disable",
                        "--log-level=WARN"),
                Map.of());
        launch(
                "toxiproxy",
                List.of(
                        binaries.toxiproxyServer().toString(),
                        "-host",
                        "127.0.0.1",
                        "-port",
                        Integer.toString(plan.toxiproxyApi())),
                Map.of());
    }

    private void releaseMounts() {
        for (Path mount : NatsStorage.mounts(run.dir(), shape)) {
            try {
                Mounts.release(mount);
            } catch (RuntimeException e) {
                progress.println("could not unmount " + mount + ": " + e.getMessage());
            }
        }
    }

    /** Waits until the unsynced-write filesystem serves every NATS node's store, or its process died. */
    private void awaitMounted() {
        Instant deadline = Instant.now().plus(ENGINE_TIMEOUT);
        List<Path> mounts = NatsStorage.mounts(run.dir(), shape);
        while (!mounts.stream().allMatch(Mounts::isMounted)) {
            failIfAnyDied(List.of(NatsStorage.COMPONENT));
            if (Instant.now().isAfter(deadline)) {
                throw new StackFailure("the NATS stores were not mounted within " + ENGINE_TIMEOUT.toSeconds() + "s:\n"
                        + run.logTail(NatsStorage.COMPONENT, 25));
            }
            sleep(Duration.ofMillis(100));
        }
    }

    /**
     * Drops every write a NATS node's store had not fsynced (a power loss of its page cache); the node must be down.
     * Returns what the filesystem dropped, in words.
     */
    public String dropUnsyncedWrites(String node) {
        if (!shape.natsOnUnsyncedWriteFs()) {
            throw new IllegalStateException("the NATS stores of " + run.dir() + " are on the disk, not on the "
                    + "unsynced-write filesystem: nothing can drop their unsynced writes");
        }
        Long pid = description.pids().get(node);
        if (pid != null && processes.isAlive(pid)) {
            throw new IllegalStateException(
                    node + " still runs as pid " + pid + ": a power loss drops writes of a dead node");
        }
        return Mounts.dropUnsyncedWrites(NatsStorage.store(run.dir(), node));
    }

    private void startElasticsearch(Path esHome, PortPlan plan) {
        ElasticsearchUser user = ElasticsearchUser.forThisProcess(run, esHome);
        Path dir = user.dataDir();
        Path conf = dir.resolve("config");
        try {
            Engines.deleteTree(conf);
            Files.createDirectories(dir.resolve("tmp"));
            Files.createDirectories(dir.resolve("logs"));
            Files.createDirectories(dir.resolve("data"));
            copyFolder(user.home().resolve("config"), conf);
            Path jvmOptions = conf.resolve("jvm.options");
            Files.writeString(
                    jvmOptions,
                    ElasticsearchConfig.absoluteJvmPaths(
                            Files.readString(jvmOptions), dir.resolve("logs"), dir.resolve("data")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        user.own(dir);
        List<String> command = new ArrayList<>(user.commandPrefix());
        command.add(user.home().resolve("bin/elasticsearch").toString());
        command.addAll(ElasticsearchConfig.settings(
                "chorus-" + description.runId(),
                plan.elasticsearchHttp(),
                plan.elasticsearchTransport(),
                dir.resolve("data"),
                dir.resolve("logs")));
        launch(
                "elasticsearch",
                command,
                Map.of(
                        "ES_JAVA_HOME", engines.javaHome().toString(),
                        "ES_JAVA_OPTS", "-Xms512m -Xmx512m",
                        "ES_PATH_CONF", conf.toString(),
                        "ES_TMPDIR", dir.resolve("tmp").toString()));
    }

    private void createProxies(PortPlan plan) {
        ToxiproxyClient client = new ToxiproxyClient("127.0.0.1", plan.toxiproxyApi());
        for (PortPlan.Proxy proxy : plan.proxies()) {
            try {
                client.createProxy(proxy.name(), "127.0.0.1:" + proxy.listen(), proxy.upstream());
            } catch (IOException e) {
                throw new StackFailure("cannot create proxy " + proxy.name() + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Starts a service of this stack again, with the configuration generated for it, after it stopped or was
     * killed (a chaos test restores what it broke); returns when its health check is green.
     */
    public synchronized void restart(String component) {
        if (Topology.services(shape).stream().noneMatch(s -> s.name().equals(component))) {
            throw new IllegalArgumentException("not a service of this stack: " + component);
        }
        relaunch(List.of(component));
    }

    /**
     * Starts components of this stack again (services or engines: {@code nats-2}, {@code cassandra-1},
     * {@code elasticsearch}, {@code ferretdb}) with the command line and configuration they were first started
     * with, all at once (a NATS cluster whose every node was killed needs its nodes together to elect a leader);
     * returns when each one's health check is green. Each must have exited first.
     */
    public void relaunch(List<String> components) {
        synchronized (this) {
            for (String component : components) {
                Long pid = description.pids().get(component);
                if (pid == null || !Files.isRegularFile(launchFile(component))) {
                    throw new IllegalArgumentException("not a component this stack started: " + component);
                }
                if (processes.isAlive(pid)) {
                    throw new IllegalStateException(component + " is still running as pid " + pid);
                }
            }
            components.forEach(this::launchAgain);
        }
        Map<String, HealthProbe> all = StackHealth.byComponent(description);
        awaitHealthy(components.stream().map(all::get).toList(), ENGINE_TIMEOUT, components);
    }

    /**
     * Stops one component of this stack gracefully (SIGTERM to its whole process group, SIGKILL after the grace) and
     * returns once every process of it has exited; {@link #relaunch} starts it again. A test that takes an engine
     * away (Elasticsearch, say) uses this pair and relaunches in a finally block, so the stack is whole for the next.
     */
    public void stop(String component) {
        List<Long> left = processes.stop(processesOf(component), STOP_GRACE);
        if (!left.isEmpty()) {
            throw new StackFailure(component + " did not exit: " + left);
        }
    }

    /** Lists in {@code stack.json} the fake push providers this stack's push pool was pointed at (null: none). */
    public synchronized void listPushProviders(StackDescription.PushProviders providers) {
        update(description.withPush(providers));
    }

    /** Every live process of a component: its process group (Elasticsearch's launcher and its JVM, say). */
    public List<Long> processesOf(String component) {
        Long leader = description.pids().get(component);
        if (leader == null) {
            throw new IllegalArgumentException("not a component of this stack: " + component);
        }
        List<Long> group = new ArrayList<>(processes.group(run.processTag(), leader));
        if (group.isEmpty()
                && processes.isAlive(leader)
                && processes.tagged(run.processTag()).contains(leader)) {
            group.add(leader);
        }
        return group;
    }

    /** The health probe of one component, as {@code harness status} runs it. */
    public Health health(String component) {
        HealthProbe probe = StackHealth.byComponent(description).get(component);
        if (probe == null) {
            throw new IllegalArgumentException("no health check for " + component);
        }
        return probe.probe();
    }

    private void launchAgain(String component) {
        try {
            Launch launch = RunFolder.JSON.readValue(launchFile(component).toFile(), Launch.class);
            launch(component, launch.command(), launch.environment());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + launchFile(component), e);
        }
    }

    private Path launchFile(String component) {
        return run.config(component + ".launch.json");
    }

    /** How a component was started, kept in the run folder so that a later harness can start it again. */
    record Launch(List<String> command, Map<String, String> environment) {}

    /** The wait for {@code count} service JVMs started at once: two minutes, or 10 s each when there are more. */
    static Duration servicesTimeout(int count) {
        Duration each = SERVICE_TIMEOUT_EACH.multipliedBy(count);
        return each.compareTo(SERVICE_TIMEOUT) > 0 ? each : SERVICE_TIMEOUT;
    }

    private void startService(Path java, ServiceProcess service, PortPlan plan) {
        Path config = run.config(service.name() + ".yml");
        run.writeFile(
                config, ServiceConfig.render(service, plan, description.auth().hmacSecret(), shape.plantedBug()));
        launchService(java, service, config);
    }

    /** The gateway goes last: its health checks would only mark services down while they start. */
    private void startGateway(GatewayBinaries binaries, List<ServiceProcess> services, PortPlan plan) {
        Path pem = GatewayCertificate.make(binaries.openssl(), run);
        Path config = run.config("gateway.cfg");
        GatewayConfig.Edge edge = new GatewayConfig.Edge(
                plan.gateway().http(),
                plan.gateway().https(),
                pem,
                description.auth().hmacSecret(),
                GatewayConfig.Limits.DEFAULT.withRates(
                        shape.gatewayRequestsPerUser(), shape.gatewayRequestsPerAddress()));
        run.writeFile(config, GatewayConfig.render(edge, services, plan));
        launch(GATEWAY, List.of(binaries.haproxy().toString(), "-db", "-f", config.toString()), Map.of());
        awaitHealthy(List.of(StackHealth.byComponent(description).get(GATEWAY)), SERVICE_TIMEOUT);
    }

    private void launchService(Path java, ServiceProcess service, Path config) {
        // Each collection and its pause goes to logs/<service>.gc.log: the send path's latency bursts are read
        // against it (a few lines a second at most).
        Path gcLog = run.log(service.name() + ".gc");
        // The whole heap from the start, and a metaspace threshold above what a service loads: with -Xms64m the
        // young generation is 17 MB (a collection every 1-4 s under load, each pausing every request thread) and
        // class loading sets off full collections during warm-up; pre-touched, so a collection never waits for the
        // kernel to fault in the pages it copies into (decision 0078).
        List<String> extra = extraJvmOptions(service.name());
        List<String> command = new ArrayList<>(List.of(
                java.toString(),
                "-Xms" + shape.serviceHeapMb() + "m",
                "-Xmx" + shape.serviceHeapMb() + "m",
                "-XX:+AlwaysPreTouch",
                "-XX:MetaspaceSize=128m"));
        command.addAll(shape.jitOptions());
        // Serial unless the extra options choose a collector: the JVM refuses two
        if (extra.stream().noneMatch(LocalStack::choosesCollector)) {
            command.add("-XX:+UseSerialGC");
        }
        command.addAll(List.of(
                "-Xlog:gc:file=" + gcLog + ":uptime,level,tags",
                "-XX:+ExitOnOutOfMemoryError",
                "-Dchorus.service=" + service.name()));
        command.addAll(extra);
        command.addAll(List.of("-jar", home.serviceJar(service.module()).toString(), "server", config.toString()));
        // glibc gives each thread that mallocs an arena of its own (64 MB reserved, several MB touched): two arenas
        // hold what a service mallocs (the JIT, NIO) in less memory (decision 0223)
        launch(service.name(), command, Map.of("MALLOC_ARENA_MAX", "2"));
    }

    /**
     * Options added to every service JVM from {@value #SERVICE_JVM_OPTIONS} (split on spaces; {@code {service}} is
     * the service's name): a profile of a run's services without a change to the stack, as in
     * {@code -XX:StartFlightRecording=filename=<dir>/{service}.jfr,settings=profile}. A collector named there
     * ({@code -XX:+UseParallelGC}) replaces the serial one.
     */
    static List<String> extraJvmOptions(String service) {
        String options = System.getenv(SERVICE_JVM_OPTIONS);
        if (options == null || options.isBlank()) {
            return List.of();
        }
        return Arrays.stream(options.trim().split("\\s+"))
                .map(o -> o.replace("{service}", service))
                .toList();
    }

    static boolean choosesCollector(String jvmOption) {
        return jvmOption.matches("-XX:\\+Use\\w+GC");
    }

    private void launch(String component, List<String> command, Map<String, String> environment) {
        try {
            run.writeFile(launchFile(component), RunFolder.JSON.writeValueAsString(new Launch(command, environment)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Process process = new ProcessLauncher(run).start(component, command, environment, run.data(component));
        started.put(component, process);
        update(description.withPid(component, process.pid()));
    }

    private void awaitHealthy(List<HealthProbe> probes, Duration timeout) {
        awaitHealthy(probes, timeout, null);
    }

    /**
     * Waits until every probe is green; fails at once when a process this stack started has died (of those in
     * {@code watched}, or any when null: a chaos run may hold another component down on purpose meanwhile).
     */
    private void awaitHealthy(List<HealthProbe> probes, Duration timeout, List<String> watched) {
        Instant deadline = Instant.now().plus(timeout);
        List<HealthProbe> pending = probes;
        List<Health> last = List.of();
        while (true) {
            failIfAnyDied(watched);
            last = StackHealth.check(pending);
            List<HealthProbe> stillPending = new ArrayList<>();
            for (int i = 0; i < pending.size(); i++) {
                if (!last.get(i).healthy()) {
                    stillPending.add(pending.get(i));
                }
            }
            if (stillPending.isEmpty()) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                String why = last.stream()
                        .filter(h -> !h.healthy())
                        .map(h -> h.component() + ": " + h.detail() + "\n" + run.logTail(h.component(), 15))
                        .collect(Collectors.joining("\n"));
                throw new StackFailure("not healthy within " + timeout.toSeconds() + "s:\n" + why);
            }
            pending = stillPending;
            sleep(Duration.ofMillis(500));
        }
    }

    private void failIfAnyDied(List<String> watched) {
        for (Map.Entry<String, Process> entry : started.entrySet()) {
            if ((watched == null || watched.contains(entry.getKey()))
                    && !entry.getValue().isAlive()) {
                throw new StackFailure(entry.getKey() + " exited with status "
                        + entry.getValue().exitValue() + "; the end of " + run.log(entry.getKey()) + ":\n"
                        + run.logTail(entry.getKey(), 25));
            }
        }
    }

    private void requireServiceJars() {
        Topology.services(shape).stream().map(ServiceProcess::module).distinct().forEach(module -> {
            if (!Files.isRegularFile(home.serviceJar(module))) {
                throw new StackFailure(
                        "missing " + home.serviceJar(module) + ": build with ./mvnw -DskipTests package");
            }
        });
    }

    private void update(StackDescription newDescription) {
        description = newDescription;
        run.write(newDescription);
    }

    private void deleteData() {
        try {
            Engines.deleteTree(run.dir().resolve("data"));
            ElasticsearchUser.forThisProcess(run, null).deleteOutsideData();
            new PostgresServer(run, null).deleteOutsideData();
        } catch (IOException e) {
            progress.println("could not delete " + run.dir().resolve("data") + ": " + e.getMessage());
        }
    }

    private static void copyFolder(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }

    /** A fresh development secret per stack: a token of one stack is worthless on another. */
    private static String newSecret() {
        byte[] secret = new byte[32];
        new java.security.SecureRandom().nextBytes(secret);
        return java.util.HexFormat.of().formatHex(secret);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackFailure("interrupted while waiting for the stack", e);
        }
    }

    /** HAProxy and the openssl that makes its certificate, found before anything starts. */
    record GatewayBinaries(Path haproxy, Path openssl) {
        static GatewayBinaries resolve(Engines engines) {
            return new GatewayBinaries(engines.haproxy(), engines.openssl());
        }
    }

    /** The engine binaries and folders, found or installed before anything starts. */
    record EngineBinaries(
            Path natsServer,
            Path toxiproxyServer,
            Path ferretdb,
            Path cassandraLib,
            Path elasticsearchHome,
            Path postgresBin) {
        static EngineBinaries resolve(Engines engines) {
            return new EngineBinaries(
                    engines.natsServer(),
                    engines.toxiproxyServer(),
                    engines.ferretdb(),
                    engines.cassandraLib(),
                    engines.elasticsearchHome(),
                    engines.postgresBin());
        }
    }
}
