package io.chorus.common.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Compares the endpoints the JAX-RS resources of a service declare with its OpenAPI document, so a test can fail
 * when one is missing (or when the document names an endpoint nothing serves).
 */
public final class OpenApiCoverage {
    private static final Map<Class<? extends Annotation>, String> VERBS = Map.of(
            GET.class,
            "get",
            POST.class,
            "post",
            PUT.class,
            "put",
            PATCH.class,
            "patch",
            DELETE.class,
            "delete",
            HEAD.class,
            "head");

    private OpenApiCoverage() {}

    /** Every {@code "verb /path"} the resources serve, paths normalised like OpenAPI's ({@code /v1/x/{id}}). */
    public static SortedSet<String> served(List<Class<?>> resources) {
        SortedSet<String> endpoints = new TreeSet<>();
        for (Class<?> resource : resources) {
            Path base = resource.getAnnotation(Path.class);
            if (base == null) {
                continue;
            }
            for (Method method : resource.getMethods()) {
                for (Map.Entry<Class<? extends Annotation>, String> verb : VERBS.entrySet()) {
                    if (method.isAnnotationPresent(verb.getKey())) {
                        Path sub = method.getAnnotation(Path.class);
                        endpoints.add(verb.getValue() + " " + join(base.value(), sub == null ? "" : sub.value()));
                    }
                }
            }
        }
        return endpoints;
    }

    /** Every {@code "verb /path"} the OpenAPI document describes. */
    public static SortedSet<String> documented(InputStream document) throws IOException {
        JsonNode paths = new ObjectMapper().readTree(document).path("paths");
        SortedSet<String> endpoints = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            path.getValue().fieldNames().forEachRemaining(verb -> {
                if (VERBS.containsValue(verb)) {
                    endpoints.add(verb + " " + path.getKey());
                }
            });
        }
        return endpoints;
    }

    /**
     * Every class with a JAX-RS {@code @Path} under a package, found in the class path's directories (a test's
     * {@code target/classes}), so a resource added later is covered without anyone listing it.
     */
    public static List<Class<?>> resourcesUnder(String packageName) throws IOException {
        List<Class<?>> found = new ArrayList<>();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        java.util.Enumeration<java.net.URL> roots = loader.getResources(packageName.replace('.', '/'));
        while (roots.hasMoreElements()) {
            java.net.URL root = roots.nextElement();
            if (!"file".equals(root.getProtocol())) {
                continue;
            }
            java.nio.file.Path dir;
            try {
                dir = java.nio.file.Path.of(root.toURI());
            } catch (java.net.URISyntaxException e) {
                throw new IOException(e);
            }
            try (var files = java.nio.file.Files.walk(dir)) {
                for (java.nio.file.Path file : (Iterable<java.nio.file.Path>) files::iterator) {
                    String name = dir.relativize(file).toString();
                    if (!name.endsWith(".class") || name.contains("$")) {
                        continue;
                    }
                    String className = packageName + "."
                            + name.substring(0, name.length() - 6).replace('/', '.');
                    try {
                        Class<?> type = Class.forName(className, false, loader);
                        if (type.isAnnotationPresent(Path.class)) {
                            found.add(type);
                        }
                    } catch (ClassNotFoundException | LinkageError e) {
                        throw new IOException("cannot load " + className, e);
                    }
                }
            }
        }
        return found;
    }

    public static List<String> missing(Set<String> served, Set<String> documented) {
        List<String> missing = new ArrayList<>(served);
        missing.removeAll(documented);
        return missing;
    }

    static String join(String base, String sub) {
        String path = ("/" + base + "/" + sub).replaceAll("/+", "/");
        path = path.replaceAll("\\{([A-Za-z0-9_]+)\\s*:[^}]*}", "{$1}");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
