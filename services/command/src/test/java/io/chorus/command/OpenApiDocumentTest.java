package io.chorus.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.common.api.OpenApiCoverage;
import io.chorus.common.api.OpenApiResource;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import org.junit.jupiter.api.Test;

/** Every REST endpoint of the command service is in docs/openapi/command.json, and the document names no other. */
class OpenApiDocumentTest {
    @Test
    void everyEndpointIsDocumented() throws Exception {
        List<Class<?>> resources = new ArrayList<>(OpenApiCoverage.resourcesUnder("io.chorus.command"));
        resources.add(OpenApiResource.class);
        assertThat(resources).hasSizeGreaterThan(1);
        SortedSet<String> served = OpenApiCoverage.served(resources);
        SortedSet<String> documented;
        try (InputStream in = OpenApiResource.class.getResourceAsStream(OpenApiResource.classpathLocation("command"))) {
            assertThat(in).as("openapi/command.json on the class path").isNotNull();
            documented = OpenApiCoverage.documented(in);
        }
        assertThat(OpenApiCoverage.missing(served, documented))
                .as("endpoints missing from docs/openapi/command.json")
                .isEmpty();
        assertThat(OpenApiCoverage.missing(documented, served))
                .as("documented endpoints nothing serves")
                .isEmpty();
    }
}
