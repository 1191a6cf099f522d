package io.chorus.harness.stack.containers;

import java.util.List;
import java.util.Map;

/**
 * One container of the containers stack, as Docker would be asked to run it: no Docker is needed to build or read
 * one, so what the stack would start is unit-tested everywhere.
 *
 * @param name    the component's name (its {@code stack.json} name and its network alias)
 * @param image   the image, pinned to a version (the same as {@code compose/compose.yaml}'s)
 * @param ports   the container ports published on the host (each to a free host port Docker picks)
 * @param env     the container's environment (secrets included: they are made per stack)
 * @param command the container's command; empty: the image's own
 * @param files   container path to the repository file copied there before the start ({@code compose/...})
 * @param ready   when the container counts as started
 */
public record ContainerSpec(
        String name,
        String image,
        List<Integer> ports,
        Map<String, String> env,
        List<String> command,
        Map<String, String> files,
        Ready ready) {

    public ContainerSpec {
        ports = List.copyOf(ports);
        env = Map.copyOf(env);
        command = List.copyOf(command);
        files = Map.copyOf(files);
    }

    /** What says a container is started: an HTTP 200 on one of its ports, or a line of its log seen some times. */
    public sealed interface Ready permits HttpReady, LogReady, Exited {}

    /** @param basicAuth {@code user:password} for an engine that requires it; null: none */
    public record HttpReady(int port, String path, String basicAuth) implements Ready {}

    public record LogReady(String regex, int times) implements Ready {}

    /** A one-shot container (users created in an engine): started once it has exited with status 0. */
    public record Exited() implements Ready {}
}
