package io.chorus.harness.stack.containers;

import io.chorus.harness.stack.GatewayCertificate;
import io.chorus.harness.stack.RunFolder;
import io.chorus.harness.stack.Stack;
import io.chorus.harness.stack.StackDescription;
import io.chorus.harness.stack.StackFailure;
import io.chorus.harness.stack.StackShape;
import io.chorus.harness.stack.containers.ContainerSpec.Exited;
import io.chorus.harness.stack.containers.ContainerSpec.HttpReady;
import io.chorus.harness.stack.containers.ContainerSpec.LogReady;
import io.chorus.harness.stack.engines.MissingPrerequisite;
import io.chorus.harness.stack.health.Health;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.containers.wait.strategy.HttpWaitStrategy;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * The stack in containers ({@code --stack containers}, decision 0265): {@link ContainerPlan}'s containers started by
 * Testcontainers on a network of their own, wave by wave. The containers live as long as the harness process:
 * Testcontainers removes them when it exits, whatever way it ends.
 */
public final class ContainerStack implements Stack {
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

    private final Path repository;
    private final String imageVersion;
    private final PrintStream out;
    private final Map<String, GenericContainer<?>> started = new LinkedHashMap<>();
    private final Map<String, ContainerSpec> specs = new LinkedHashMap<>();
    private Network network;

    private ContainerStack(Path repository, String imageVersion, PrintStream out) {
        this.repository = repository;
        this.imageVersion = imageVersion;
        this.out = out;
    }

    /**
     * A containers stack for {@code shape}, refused at once (before anything starts), in one line, when the shape
     * is not one it runs or when no container engine is found ({@link MissingPrerequisite}: exit 2).
     */
    public static ContainerStack create(
            Path repository, StackShape shape, String imageVersion, ContainerRuntime runtime, PrintStream out) {
        String refusal = ContainerPlan.refusal(shape);
        if (refusal != null) {
            throw new IllegalArgumentException(refusal);
        }
        runtime.require();
        return new ContainerStack(repository, imageVersion, out);
    }

    @Override
    public synchronized StackDescription up() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new MissingPrerequisite("--stack containers: the Docker engine found does not answer");
        }
        String runId = "containers-"
                + LocalDateTime.now(ZoneId.systemDefault()).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        RunFolder folder =
                new RunFolder(repository.resolve(".chorus/containers").resolve(runId));
        ContainerPlan plan = new ContainerPlan(
                repository,
                imageVersion,
                ContainerSecrets.random(),
                GatewayCertificate.make(Path.of("openssl"), folder));
        network = Network.newNetwork();
        try {
            for (List<ContainerSpec> wave : plan.waves()) {
                List<GenericContainer<?>> containers = new ArrayList<>();
                for (ContainerSpec spec : wave) {
                    GenericContainer<?> container = container(spec);
                    specs.put(spec.name(), spec);
                    started.put(spec.name(), container);
                    containers.add(container);
                }
                Startables.deepStart(containers).join();
                out.println("started "
                        + String.join(
                                ", ", wave.stream().map(ContainerSpec::name).toList()));
            }
        } catch (RuntimeException e) {
            down();
            throw new StackFailure("the containers stack did not come up: " + e.getMessage(), e);
        }
        String host = DockerClientFactory.instance().dockerHostIpAddress();
        StackDescription description = plan.describe(runId, folder.dir(), new ContainerPlan.PublishedPorts() {
            @Override
            public String host() {
                return host;
            }

            @Override
            public int port(String container, int containerPort) {
                return started.get(container).getMappedPort(containerPort);
            }
        });
        folder.write(description);
        out.println("stack.json " + folder.stackJson());
        return description;
    }

    private GenericContainer<?> container(ContainerSpec spec) {
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(spec.image()))
                .withNetwork(network)
                .withNetworkAliases(spec.name())
                .withEnv(spec.env());
        if (!spec.ports().isEmpty()) {
            container.withExposedPorts(spec.ports().toArray(Integer[]::new));
        }
        if (!spec.command().isEmpty()) {
            container.withCommand(spec.command().toArray(String[]::new));
        }
        spec.files()
                .forEach((target, source) -> container.withCopyFileToContainer(
                        MountableFile.forHostPath(repository.resolve(source)), target));
        if (spec.ready() instanceof HttpReady http) {
            HttpWaitStrategy wait =
                    Wait.forHttp(http.path()).forPort(http.port()).forStatusCode(200);
            if (http.basicAuth() != null) {
                int colon = http.basicAuth().indexOf(':');
                wait.withBasicCredentials(
                        http.basicAuth().substring(0, colon), http.basicAuth().substring(colon + 1));
            }
            container.waitingFor(wait.withStartupTimeout(START_TIMEOUT));
        } else if (spec.ready() instanceof LogReady log) {
            // Testcontainers matches each log line with its line end
            container.waitingFor(
                    Wait.forLogMessage(log.regex() + "\n", log.times()).withStartupTimeout(START_TIMEOUT));
        } else if (spec.ready() instanceof Exited) {
            container.withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(START_TIMEOUT));
        }
        return container;
    }

    @Override
    public synchronized List<Health> status() {
        List<Health> health = new ArrayList<>();
        started.forEach((name, container) -> {
            if (!(specs.get(name).ready() instanceof Exited)) {
                health.add(
                        container.isRunning()
                                ? Health.ok(name, "container running")
                                : Health.failing(name, "container not running"));
            }
        });
        return health;
    }

    @Override
    public synchronized void down() {
        List<String> names = new ArrayList<>(started.keySet());
        for (int i = names.size() - 1; i >= 0; i--) {
            started.get(names.get(i)).stop();
        }
        started.clear();
        if (network != null) {
            network.close();
            network = null;
        }
    }
}
