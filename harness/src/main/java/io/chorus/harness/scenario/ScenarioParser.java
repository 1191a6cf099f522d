package io.chorus.harness.scenario;

import io.chorus.harness.checker.Metric;
import io.chorus.harness.nemesis.FaultSchedule;
import io.chorus.harness.scenario.MembershipShape.BusyUsers;
import io.chorus.harness.scenario.MembershipShape.LargeChannels;
import io.chorus.harness.scenario.MembershipShape.RandomSpread;
import io.chorus.harness.scenario.OnlineSpec.Spread;
import io.chorus.harness.scenario.Phase.MessageSize;
import io.chorus.harness.scenario.Phase.RateStep;
import io.chorus.harness.stack.StackShape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a scenario file into a {@link Scenario}, or fails with {@link InvalidScenario} listing every problem with
 * its line, field and what was expected. It never throws anything else, whatever the input (a fuzz test holds it
 * to that). YAML is composed into a node tree first (not bound to classes), so each value keeps its position.
 */
public final class ScenarioParser {
    static final long MAX_USERS = 100_000_000L;
    static final int MAX_FILE_BYTES = 1 << 20;
    private static final String NAME = "[a-z0-9][a-z0-9-]{0,62}";
    private static final List<String> TOP = List.of(
            "name",
            "description",
            "seed",
            "stack",
            "population",
            "online",
            "phases",
            "slos",
            "faults",
            "webhooks",
            "push");

    public Scenario parse(Path file) throws InvalidScenario {
        String name = file.toString();
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw fileProblem(name, "is a folder, not a scenario file");
            }
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw fileProblem(name, "is larger than " + MAX_FILE_BYTES + " bytes: not a scenario file");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw fileProblem(name, "no such file");
        } catch (IOException e) {
            throw fileProblem(name, "cannot be read: " + e.getMessage());
        }
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            return parse(name, text);
        } catch (CharacterCodingException e) {
            throw fileProblem(name, "is not UTF-8 text");
        }
    }

    public Scenario parse(String file, String text) throws InvalidScenario {
        Problems problems = new Problems(file);
        Node root = compose(text, problems);
        if (root == null) {
            if (!problems.any()) {
                problems.add((Node) null, "", "the file is empty: expected a scenario (name, population, phases, ...)");
            }
            throw new InvalidScenario(problems.errors());
        }
        Optional<Scenario> scenario =
                YamlMapping.of(root, "", problems, "a scenario").flatMap(top -> scenario(top, problems));
        if (problems.any() || scenario.isEmpty()) {
            throw new InvalidScenario(problems.errors().stream()
                    .sorted(java.util.Comparator.comparingInt(ScenarioError::line)
                            .thenComparingInt(ScenarioError::column))
                    .toList());
        }
        return scenario.get();
    }

    private static InvalidScenario fileProblem(String file, String message) {
        return new InvalidScenario(List.of(new ScenarioError(file, 0, 0, "", message)));
    }

    private static Node compose(String text, Problems problems) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true); // reported by YamlMapping, with the line
        options.setMaxAliasesForCollections(20);
        options.setNestingDepthLimit(40);
        options.setCodePointLimit(MAX_FILE_BYTES);
        try {
            return new Yaml(new SafeConstructor(options)).compose(new java.io.StringReader(text));
        } catch (MarkedYAMLException e) {
            problems.add(
                    e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark(),
                    "",
                    "not valid YAML: " + firstLine(e.getProblem() != null ? e.getProblem() : e.getMessage()));
        } catch (YAMLException | IllegalArgumentException | IllegalStateException e) {
            // snakeyaml reports some input limits and reader faults without a mark
            problems.add((Node) null, "", "not valid YAML: " + firstLine(e.getMessage()));
        }
        return null;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        String line = message.lines().findFirst().orElse("unreadable");
        return line.length() > 160 ? line.substring(0, 160) + "..." : line;
    }

    private Optional<Scenario> scenario(YamlMapping top, Problems problems) {
        Optional<String> name = top.string("name", true, "a name of lower-case letters, digits and dashes")
                .filter(n -> matches(
                        n,
                        NAME,
                        top,
                        "name",
                        problems,
                        "a name of lower-case letters, digits and dashes " + "(it names the report folder)"));
        String description = top.string("description", false, "a line of text").orElse("");
        long seed = top.integer("seed", false, Long.MIN_VALUE + 1, Long.MAX_VALUE, "an integer")
                .orElse(1L);
        java.util.concurrent.atomic.AtomicReference<String> provider =
                new java.util.concurrent.atomic.AtomicReference<>();
        StackShape stack = top.get("stack")
                .flatMap(n -> YamlMapping.of(n, "stack", problems, "the stack's shape"))
                .flatMap(m -> stack(m, problems, provider))
                .orElse(top.has("stack") ? null : StackShape.DEFAULT);
        Optional<PopulationSpec> population = top.required("population", "the users and channels to seed")
                .flatMap(n -> YamlMapping.of(n, "population", problems, "the population"))
                .flatMap(m -> population(m, problems));
        OnlineSpec online = top.get("online")
                .flatMap(n -> YamlMapping.of(n, "online", problems, "the online users"))
                .flatMap(m -> online(m, population, stack, problems))
                .orElse(new OnlineSpec(0, List.of(), Spread.EVEN, List.of()));
        List<Phase> phases = top.list("phases", true, "a list of workload phases")
                .map(list -> phases(list, population, problems))
                .orElse(List.of());
        top.get("phases")
                .filter(n -> n instanceof SequenceNode seq && seq.getValue().isEmpty())
                .ifPresent(n -> problems.add(n, "phases", "expected at least one phase, got an empty list"));
        List<Slo> slos = top.list("slos", false, "a list of SLOs (metric and max or min)")
                .map(list -> slos(list, phases, problems))
                .orElse(List.of());
        WebhooksSpec webhooks = top.get("webhooks")
                .flatMap(n -> YamlMapping.of(n, "webhooks", problems, "the webhook receivers and integrations"))
                .flatMap(m -> WebhooksSection.read(m, population, problems))
                .orElse(null);
        int receivers = webhooks == null ? 0 : webhooks.endpoints();
        PushSpec push = top.get("push")
                .flatMap(n -> YamlMapping.of(n, "push", problems, "the push devices and traffic"))
                .flatMap(m -> PushSection.read(m, population.map(PopulationSpec::users), problems))
                .orElse(null);
        FaultSchedule faults = top.list("faults", false, "a list of faults (at, duration, kind, target, parameters)")
                .map(list -> FaultsSection.read(list, stack, workload(phases), receivers, top.has("push"), problems))
                .orElse(FaultSchedule.EMPTY);
        top.rejectUnknown(TOP);
        if (name.isEmpty() || population.isEmpty() || stack == null) {
            return Optional.empty();
        }
        // links not chosen: proxies only where a fault may need them (decision 0091); a webhook fault acts on the
        // harness's own receivers, never on a link
        boolean linkFaults = faults.faults().stream().anyMatch(f -> !f.kind().isWebhookFault());
        StackShape shape =
                stack.links() != null ? stack : stack.withLinks(linkFaults ? StackShape.PROXIED : StackShape.DIRECT);
        return Optional.of(new Scenario(
                name.get(),
                description,
                seed,
                shape,
                population.get(),
                online,
                phases,
                slos,
                faults,
                provider.get(),
                webhooks,
                push));
    }

    private static Duration workload(List<Phase> phases) {
        return phases.stream().map(Phase::duration).reduce(Duration.ZERO, Duration::plus);
    }

    private static boolean matches(
            String value, String regex, YamlMapping m, String key, Problems problems, String expected) {
        if (value.matches(regex)) {
            return true;
        }
        problems.add(
                m.get(key).orElse(m.node()),
                m.child(key),
                "expected " + expected + ", got '" + abbreviate(value) + "'");
        return false;
    }

    private static String abbreviate(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "..." : value;
    }

    private Optional<StackShape> stack(
            YamlMapping m, Problems problems, java.util.concurrent.atomic.AtomicReference<String> provider) {
        int before = problems.errors().size();
        // what runs the stack when the command line does not say (decision 0265)
        m.string("provider", false, "'local' or 'containers'").ifPresent(p -> {
            if (p.equals(Scenario.LOCAL) || p.equals(Scenario.CONTAINERS)) {
                provider.set(p);
            } else {
                problems.add(
                        m.get("provider").orElseThrow(),
                        m.child("provider"),
                        "expected 'local' (processes on this machine) or 'containers' (the compose stack's containers,"
                                + " where a Docker engine runs), got '" + abbreviate(p) + "'");
            }
        });
        long nats = m.integer("natsNodes", false, 1, 9, "a number of NATS nodes")
                .orElse((long) StackShape.DEFAULT.natsNodes());
        long cassandra = m.integer("cassandraNodes", false, 1, 3, "a number of Cassandra nodes")
                .orElse((long) StackShape.DEFAULT.cassandraNodes());
        long fanout = m.integer("fanoutInstances", false, 1, 32, "a number of fan-out instances")
                .orElse((long) StackShape.DEFAULT.fanoutInstances());
        long notification = m.integer("notificationInstances", false, 1, 64, "a number of notification instances")
                .orElse((long) StackShape.DEFAULT.notificationInstances());
        String sync = m.string("natsSyncInterval", false, "'always' or a duration such as 2m")
                .orElse(null);
        if (sync != null && !sync.equals("always")) {
            Scalars.duration(m.get("natsSyncInterval").orElseThrow(), m.child("natsSyncInterval"), problems);
        }
        String links = m.string("links", false, "'proxied' or 'direct'").orElse(null);
        if (links != null && !links.equals(StackShape.PROXIED) && !links.equals(StackShape.DIRECT)) {
            problems.add(
                    m.get("links").orElseThrow(),
                    m.child("links"),
                    "expected 'proxied' (through Toxiproxy, for " + "link faults) or 'direct', got '"
                            + abbreviate(links) + "'");
        }
        String storage =
                m.string("natsStorage", false, "'disk' or 'unsynced-write-fs'").orElse(null);
        if (storage != null && !storage.equals(StackShape.DISK) && !storage.equals(StackShape.UNSYNCED_WRITE_FS)) {
            problems.add(
                    m.get("natsStorage").orElseThrow(),
                    m.child("natsStorage"),
                    "expected 'disk' or "
                            + "'unsynced-write-fs' (a power-loss fault can drop its unsynced writes), got '"
                            + abbreviate(storage) + "'");
        }
        Boolean gateway = m.string("gateway", false, "true or false")
                .filter(v -> {
                    if (v.equals("true") || v.equals("false")) {
                        return true;
                    }
                    problems.add(
                            m.get("gateway").orElseThrow(),
                            m.child("gateway"),
                            "expected true (clients enter through the stack's gateway) or false, got '" + abbreviate(v)
                                    + "'");
                    return false;
                })
                .map(Boolean::valueOf)
                .orElse(null);
        String plantedBugs =
                StackShape.PLANTED_BUGS.stream().map(b -> "'" + b + "'").collect(Collectors.joining(", "));
        String plantedBug = m.string("plantedBug", false, plantedBugs).orElse(null);
        if (plantedBug != null && !StackShape.PLANTED_BUGS.contains(plantedBug)) {
            problems.add(
                    m.get("plantedBug").orElseThrow(),
                    m.child("plantedBug"),
                    "expected one of " + plantedBugs + " (a bug planted for tests of harness explore), got '"
                            + abbreviate(plantedBug) + "'");
        }
        long command = m.integer("commandInstances", false, 1, 16, "a number of command instances")
                .orElse(1L);
        long query = m.integer("queryInstances", false, 1, 16, "a number of query instances")
                .orElse(1L);
        long messageWriters = m.integer("messageWriters", false, 1, 16, "a number of message writer instances")
                .orElse(1L);
        long metaWriters = m.integer("metaWriters", false, 1, 16, "a number of meta writer instances")
                .orElse(1L);
        long searchIndexers = m.integer("searchIndexers", false, 1, 16, "a number of search indexer instances")
                .orElse(1L);
        Integer perUser = m.integer(
                        "gatewayRequestsPerUser", false, 1, 10_000_000, "a number of requests per user per 10 s")
                .map(Long::intValue)
                .orElse(null);
        Integer perAddress = m.integer(
                        "gatewayRequestsPerAddress",
                        false,
                        1,
                        10_000_000,
                        "a number of requests per client address per 10 s")
                .map(Long::intValue)
                .orElse(null);
        Integer serviceHeapMb = m.integer(
                        "serviceHeapMb", false, StackShape.MIN_SERVICE_HEAP_MB, 4096, "each service JVM's heap in MB")
                .map(Long::intValue)
                .orElse(null);
        String jit = m.string("jit", false, "'tiered' or 'c1'").orElse(null);
        if (jit != null && !StackShape.JITS.contains(jit)) {
            problems.add(
                    m.get("jit").orElseThrow(),
                    m.child("jit"),
                    "expected 'tiered' (C1 then C2, HotSpot's default) or 'c1' (C1 only), got '" + abbreviate(jit)
                            + "'");
        }
        m.rejectUnknown(List.of(
                "provider",
                "natsNodes",
                "cassandraNodes",
                "fanoutInstances",
                "notificationInstances",
                "natsSyncInterval",
                "links",
                "natsStorage",
                "gateway",
                "plantedBug",
                "commandInstances",
                "queryInstances",
                "messageWriters",
                "metaWriters",
                "searchIndexers",
                "gatewayRequestsPerUser",
                "gatewayRequestsPerAddress",
                "serviceHeapMb",
                "jit"));
        if (problems.errors().size() > before) {
            return Optional.empty();
        }
        return Optional.of(new StackShape(
                        (int) nats,
                        (int) cassandra,
                        (int) fanout,
                        (int) notification,
                        sync,
                        links,
                        storage,
                        gateway,
                        plantedBug)
                .withInstances(
                        (int) command, (int) query, (int) messageWriters, (int) metaWriters, (int) searchIndexers)
                .withGatewayLimits(perUser, perAddress)
                .withServiceHeap(serviceHeapMb)
                .withJit(jit));
    }

    private Optional<PopulationSpec> population(YamlMapping m, Problems problems) {
        int before = problems.errors().size();
        Optional<Long> users = m.integer("users", true, 1, MAX_USERS, "a number of users");
        List<MembershipShape> shapes = new ArrayList<>();
        Set<String> groups = new HashSet<>();
        List<Node> nodes = m.list("shapes", true, "a list of membership shapes").orElse(List.of());
        for (int i = 0; i < nodes.size(); i++) {
            String path = "population.shapes[" + i + "]";
            YamlMapping.of(nodes.get(i), path, problems, "a membership shape")
                    .flatMap(s -> shape(s, users.orElse(MAX_USERS), problems))
                    .ifPresent(shape -> {
                        if (!groups.add(shape.group())) {
                            problems.add(
                                    nodes.get(shapes.size()),
                                    path + ".group",
                                    "the group '" + shape.group() + "' is already defined: group names must be unique");
                        }
                        shapes.add(shape);
                    });
        }
        if (m.has("shapes") && nodes.isEmpty()) {
            problems.add(m.get("shapes").orElseThrow(), "population.shapes", "expected at least one membership shape");
        }
        m.rejectUnknown(List.of("users", "shapes"));
        if (users.isEmpty() || problems.errors().size() > before) {
            return Optional.empty();
        }
        return Optional.of(new PopulationSpec(users.get(), shapes));
    }

    private Optional<MembershipShape> shape(YamlMapping s, long users, Problems problems) {
        int before = problems.errors().size();
        Optional<String> group = s.string("group", true, "a group name of lower-case letters, digits and dashes")
                .filter(g -> matches(
                        g, NAME, s, "group", problems, "a group name of lower-case letters, digits and dashes"));
        Optional<String> kind = s.string("kind", true, "large-channels, busy-users or random-spread");
        Optional<MembershipShape> shape = kind.flatMap(k -> switch (k) {
            case "large-channels" -> {
                long channels = s.integer("channels", false, 1, 1_000_000, "a number of channels")
                        .orElse(1L);
                Optional<Long> members =
                        s.integer("members", true, 1, users, "a number of members (at most population.users)");
                s.rejectUnknown(List.of("group", "kind", "channels", "members"));
                yield members.map(n -> new LargeChannels(group.orElse(""), channels, n));
            }
            case "busy-users" -> {
                Optional<Long> many =
                        s.integer("users", true, 1, users, "a number of users (at most population.users)");
                Optional<Long> perUser =
                        s.integer("channelsPerUser", true, 1, 10_000_000, "a number of channels per user");
                long others = s.integer("otherMembers", false, 0, users - 1, "a number of other members per channel")
                        .orElse(1L);
                s.rejectUnknown(List.of("group", "kind", "users", "channelsPerUser", "otherMembers"));
                yield many.flatMap(u -> perUser.map(c -> new BusyUsers(group.orElse(""), u, c, others)));
            }
            case "random-spread" -> {
                Optional<Long> channels = s.integer("channels", true, 1, 10_000_000, "a number of channels");
                Optional<long[]> range = s.required("members", "a number of members, or {min: N, max: M}")
                        .flatMap(n -> range(
                                n,
                                s.child("members"),
                                1,
                                users,
                                "a number of members (at most population.users)",
                                problems));
                s.rejectUnknown(List.of("group", "kind", "channels", "members"));
                yield channels.flatMap(c -> range.map(r -> new RandomSpread(group.orElse(""), c, r[0], r[1])));
            }
            default -> {
                problems.add(
                        s.get("kind").orElse(s.node()),
                        s.child("kind"),
                        "expected large-channels, busy-users or " + "random-spread, got '" + abbreviate(k) + "'");
                yield Optional.empty();
            }
        });
        if (problems.errors().size() > before) {
            return Optional.empty();
        }
        return shape;
    }

    /** A number, or {@code {min, max}}, as a closed range. */
    private static Optional<long[]> range(
            Node node, String path, long min, long max, String expected, Problems problems) {
        if (node instanceof ScalarNode) {
            return Scalars.integer(node, path, min, max, expected, problems).map(v -> new long[] {v, v});
        }
        Optional<YamlMapping> m = YamlMapping.of(node, path, problems, expected + ", or {min: N, max: M}");
        if (m.isEmpty()) {
            return Optional.empty();
        }
        Optional<Long> lo = m.get().integer("min", true, min, max, expected);
        Optional<Long> hi = m.get().integer("max", true, min, max, expected);
        m.get().rejectUnknown(List.of("min", "max"));
        if (lo.isPresent() && hi.isPresent() && lo.get() > hi.get()) {
            problems.add(node, path, "expected min <= max, got min " + lo.get() + " and max " + hi.get());
            return Optional.empty();
        }
        return lo.flatMap(l -> hi.map(h -> new long[] {l, h}));
    }

    private Optional<OnlineSpec> online(
            YamlMapping m, Optional<PopulationSpec> population, StackShape stack, Problems problems) {
        int before = problems.errors().size();
        long maxUsers = population.map(PopulationSpec::users).orElse(MAX_USERS);
        long users = m.integer("users", true, 0, maxUsers, "a number of online users (at most population.users)")
                .orElse(0L);
        List<String> membersOf = groupNames(m, "membersOf", population, false, problems);
        String spreadText =
                m.string("spread", false, "even, random or weighted").orElse("even");
        Spread spread = null;
        for (Spread s : Spread.values()) {
            if (s.yaml().equals(spreadText)) {
                spread = s;
            }
        }
        if (spread == null) {
            List<String> spreads = List.of("even", "random", "weighted");
            problems.add(
                    m.get("spread").orElse(m.node()),
                    "online.spread",
                    "expected even, random or weighted, got '" + abbreviate(spreadText) + "'"
                            + Suggestion.closest(spreadText, spreads)
                                    .map(x -> " (did you mean '" + x + "'?)")
                                    .orElse(""));
        }
        List<Integer> weights = new ArrayList<>();
        List<Node> weightNodes = m.list("weights", false, "a list of weights, one per notification instance")
                .orElse(List.of());
        for (int i = 0; i < weightNodes.size(); i++) {
            Scalars.integer(weightNodes.get(i), "online.weights[" + i + "]", 0, 1_000_000, "a weight", problems)
                    .ifPresent(w -> weights.add(w.intValue()));
        }
        if (spread == Spread.WEIGHTED) {
            int instances = stack == null ? weights.size() : stack.notificationInstances();
            if (weights.size() != instances
                    || weights.stream().mapToInt(Integer::intValue).sum() == 0) {
                problems.add(
                        m.get("weights").orElse(m.node()),
                        "online.weights",
                        "expected " + instances
                                + " weights (one per notification instance, not all 0) with spread: weighted, got "
                                + weightNodes.size());
            }
        } else if (!weightNodes.isEmpty()) {
            problems.add(m.get("weights").orElseThrow(), "online.weights", "only allowed with spread: weighted");
        }
        m.rejectUnknown(List.of("users", "membersOf", "spread", "weights"));
        if (problems.errors().size() > before) {
            return Optional.empty();
        }
        return Optional.of(new OnlineSpec(users, membersOf, spread, weights));
    }

    /** A group name or a list of them, each defined under population.shapes; {@code all} means every group. */
    private static List<String> groupNames(
            YamlMapping m, String key, Optional<PopulationSpec> population, boolean required, Problems problems) {
        String expected = "a group name from population.shapes, a list of them, or all";
        Optional<Node> node = required ? m.required(key, expected) : m.get(key);
        if (node.isEmpty()) {
            return List.of();
        }
        List<Node> items = node.get() instanceof SequenceNode seq ? seq.getValue() : List.of(node.get());
        List<String> known = population.map(PopulationSpec::groups).orElse(List.of());
        List<String> names = new ArrayList<>();
        for (Node item : items) {
            Optional<String> name = Problems.scalar(item, m.child(key), expected, problems);
            if (name.isEmpty()) {
                continue;
            }
            if (name.get().equals("all")) {
                names.addAll(known);
            } else if (population.isPresent() && !known.contains(name.get())) {
                problems.add(
                        item,
                        m.child(key),
                        "expected " + expected + " (" + String.join(", ", known) + "), got '"
                                + abbreviate(name.get()) + "'"
                                + Suggestion.closest(name.get(), known)
                                        .map(s -> " (did you mean '" + s + "'?)")
                                        .orElse(""));
            } else {
                names.add(name.get());
            }
        }
        if (items.isEmpty()) {
            problems.add(node.get(), m.child(key), "expected " + expected + ", got an empty list");
        }
        return names.stream().distinct().toList();
    }

    private List<Phase> phases(List<Node> nodes, Optional<PopulationSpec> population, Problems problems) {
        List<Phase> phases = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < nodes.size(); i++) {
            String path = "phases[" + i + "]";
            Node node = nodes.get(i);
            YamlMapping.of(node, path, problems, "a phase")
                    .flatMap(m -> phase(m, population, problems))
                    .ifPresent(phase -> {
                        if (!names.add(phase.name())) {
                            problems.add(
                                    node,
                                    path + ".name",
                                    "the phase '" + phase.name() + "' is already defined: "
                                            + "phase names must be unique");
                        }
                        phases.add(phase);
                    });
        }
        return phases;
    }

    /** A phase's {@code mix}: operation name to operations per second, each a key of {@link MixOperation}. */
    private static Map<MixOperation, Double> mix(Node node, String path, Problems problems) {
        Map<MixOperation, Double> mix = new java.util.EnumMap<>(MixOperation.class);
        YamlMapping.of(node, path, problems, "operations per second by operation")
                .ifPresent(m -> {
                    for (String key : m.keys()) {
                        Optional<MixOperation> op = MixOperation.of(key);
                        Optional<Double> rate = m.get(key)
                                .flatMap(n ->
                                        Scalars.positiveNumber(n, m.child(key), "operations per second", problems));
                        if (op.isEmpty()) {
                            problems.add(
                                    m.get(key).orElse(node),
                                    m.child(key),
                                    "unknown operation; expected one of: " + String.join(", ", MixOperation.keys())
                                            + Suggestion.closest(key, MixOperation.keys())
                                                    .map(s -> " (did you mean '" + s + "'?)")
                                                    .orElse(""));
                        } else {
                            rate.ifPresent(r -> mix.put(op.get(), r));
                        }
                    }
                });
        return mix;
    }

    private Optional<Phase> phase(YamlMapping m, Optional<PopulationSpec> population, Problems problems) {
        int before = problems.errors().size();
        Optional<String> name = m.string("name", true, "a phase name of lower-case letters, digits and dashes")
                .filter(n ->
                        matches(n, NAME, m, "name", problems, "a phase name of lower-case letters, digits and dashes"));
        Optional<Duration> duration =
                m.get("duration").flatMap(n -> Scalars.duration(n, m.child("duration"), problems));
        List<RateStep> steps = m.required("rate", "messages per second, or a ramp {from, to, step, every}")
                .map(n -> steps(n, m.child("rate"), duration, m, problems))
                .orElse(List.of());
        List<String> channels = groupNames(m, "channels", population, true, problems);
        MessageSize size = m.get("messageSize")
                .flatMap(n -> range(n, m.child("messageSize"), 1, 65_536, "a message length in characters", problems))
                .map(r -> new MessageSize((int) r[0], (int) r[1]))
                .orElse(new MessageSize(100, 100));
        boolean warmup = m.string("warmup", false, "true or false")
                .filter(v -> {
                    if (v.equals("true") || v.equals("false")) {
                        return true;
                    }
                    problems.add(
                            m.get("warmup").orElseThrow(),
                            m.child("warmup"),
                            "expected true or false, got '" + v + "'");
                    return false;
                })
                .map(Boolean::parseBoolean)
                .orElse(false);
        Phase.Pick pick = m.string("pick", false, "channels or groups")
                .flatMap(v -> {
                    if (v.equals("channels") || v.equals("groups")) {
                        return Optional.of(Phase.Pick.valueOf(v.toUpperCase(java.util.Locale.ROOT)));
                    }
                    problems.add(
                            m.get("pick").orElseThrow(),
                            m.child("pick"),
                            "expected channels or groups, got '" + v + "'");
                    return Optional.empty();
                })
                .orElse(Phase.Pick.CHANNELS);
        Map<MixOperation, Double> mix =
                m.get("mix").map(n -> mix(n, m.child("mix"), problems)).orElse(Map.of());
        m.rejectUnknown(List.of("name", "duration", "rate", "channels", "messageSize", "warmup", "pick", "mix"));
        if (problems.errors().size() > before || name.isEmpty() || steps.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Phase(name.get(), steps, channels, size, warmup, pick, mix));
    }

    private List<RateStep> steps(
            Node node, String path, Optional<Duration> duration, YamlMapping phase, Problems problems) {
        if (node instanceof ScalarNode) {
            Optional<Double> rate = Scalars.positiveNumber(node, path, "messages per second", problems)
                    .filter(r -> withinRate(r, node, path, problems));
            if (duration.isEmpty() && !phase.has("duration")) {
                problems.add(
                        phase.node(),
                        phase.child("duration"),
                        "is required with a fixed rate: expected a " + "duration such as 30s");
            }
            return rate.flatMap(r -> duration.map(d -> List.of(new RateStep(r, d))))
                    .orElse(List.of());
        }
        Optional<YamlMapping> ramp =
                YamlMapping.of(node, path, problems, "messages per second, or a ramp {from, to, step, every}");
        if (ramp.isEmpty()) {
            return List.of();
        }
        YamlMapping r = ramp.get();
        Optional<Double> from = r.required("from", "the first step's rate")
                .flatMap(n -> Scalars.positiveNumber(n, r.child("from"), "messages per second", problems));
        Optional<Double> to = r.required("to", "the last step's rate")
                .flatMap(n -> Scalars.positiveNumber(n, r.child("to"), "messages per second", problems));
        Optional<Double> step = r.required("step", "how much each step adds")
                .flatMap(n -> Scalars.positiveNumber(n, r.child("step"), "messages per second", problems));
        Optional<Duration> every = r.required("every", "how long each step lasts")
                .flatMap(n -> Scalars.duration(n, r.child("every"), problems));
        r.rejectUnknown(List.of("from", "to", "step", "every"));
        if (phase.has("duration")) {
            problems.add(
                    phase.get("duration").orElseThrow(),
                    phase.child("duration"),
                    "not allowed with a ramp: a ramp lasts (number of steps) x every");
        }
        if (from.isEmpty() || to.isEmpty() || step.isEmpty() || every.isEmpty()) {
            return List.of();
        }
        if (from.get() > to.get() || !withinRate(to.get(), node, path, problems)) {
            if (from.get() > to.get()) {
                problems.add(node, path, "expected from <= to, got from " + from.get() + " and to " + to.get());
            }
            return List.of();
        }
        double count = Math.floor((to.get() - from.get()) / step.get()) + 1;
        if (count > 1000) {
            problems.add(node, path, "expected at most 1000 steps, got " + (long) count + " (raise step)");
            return List.of();
        }
        List<RateStep> steps = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            steps.add(new RateStep(from.get() + i * step.get(), every.get()));
        }
        return steps;
    }

    private static boolean withinRate(double rate, Node node, String path, Problems problems) {
        if (rate > 1_000_000) {
            problems.add(node, path, "expected at most 1000000 messages per second, got " + rate);
            return false;
        }
        return true;
    }

    private List<Slo> slos(List<Node> nodes, List<Phase> phases, Problems problems) {
        List<Slo> slos = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            String path = "slos[" + i + "]";
            YamlMapping.of(nodes.get(i), path, problems, "an SLO (metric and max or min)")
                    .flatMap(m -> slo(m, phases, problems))
                    .ifPresent(slos::add);
        }
        return slos;
    }

    private Optional<Slo> slo(YamlMapping m, List<Phase> phases, Problems problems) {
        Optional<Metric> metric = m.string("metric", true, "a metric name").flatMap(name -> {
            Optional<Metric> found = Metric.find(name);
            if (found.isEmpty()) {
                problems.add(
                        m.get("metric").orElse(m.node()),
                        m.child("metric"),
                        "unknown metric '" + abbreviate(name)
                                + "'"
                                + Suggestion.closest(name, Metric.names())
                                        .map(s -> " (did you mean '" + s + "'?)")
                                        .orElse("")
                                + "; expected one of: " + String.join(", ", Metric.names()));
            }
            return found;
        });
        boolean latency = metric.map(Metric::isLatency).orElse(false);
        Optional<Double> max = m.get("max").flatMap(n -> Scalars.threshold(n, m.child("max"), latency, problems));
        Optional<Double> min = m.get("min").flatMap(n -> Scalars.threshold(n, m.child("min"), latency, problems));
        m.rejectUnknown(List.of("metric", "max", "min"));
        if (m.has("max") == m.has("min")) {
            problems.add(m.node(), m.path(), "expected exactly one of max or min");
            return Optional.empty();
        }
        if (metric.isPresent()
                && metric.get().name().equals("throughput.highest_held")
                && phases.stream().noneMatch(Phase::isRamp)) {
            problems.add(
                    m.get("metric").orElse(m.node()),
                    m.child("metric"),
                    "throughput.highest_held needs a phase whose rate is a ramp {from, to, step, every}");
        }
        Slo.Bound bound = m.has("max") ? Slo.Bound.MAX : Slo.Bound.MIN;
        Optional<Double> threshold = bound == Slo.Bound.MAX ? max : min;
        return metric.flatMap(mt -> threshold.map(t -> new Slo(mt.name(), bound, t)));
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
