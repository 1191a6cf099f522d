package io.chorus.common.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WellFormedStringsTest {
    private final ObjectMapper json = new ObjectMapper().registerModule(new WellFormedStrings());

    record Body(String text, List<String> names) {}

    @Test
    void findsEverySurrogateWithoutItsPartner() {
        assertThat(WellFormedStrings.unpairedSurrogate("plain")).isEqualTo(-1);
        assertThat(WellFormedStrings.unpairedSurrogate("ok \uD83D\uDE00")).isEqualTo(-1);
        assertThat(WellFormedStrings.unpairedSurrogate("a\uD800b")).isEqualTo(1);
        assertThat(WellFormedStrings.unpairedSurrogate("a\uDC00b")).isEqualTo(1);
        assertThat(WellFormedStrings.unpairedSurrogate("end\uD83D")).isEqualTo(3);
        assertThat(WellFormedStrings.unpairedSurrogate("\uDE00\uD83D")).isEqualTo(0);
        assertThat(WellFormedStrings.unpairedSurrogate("\uD83D\uDE00\uDE00")).isEqualTo(2);
    }

    /** A string is well-formed exactly when it survives a round trip through UTF-8. */
    @Test
    void agreesWithAUtf8RoundTrip() {
        qt().forAll(strings().allPossible().ofLengthBetween(0, 40)).checkAssert(s -> {
            boolean roundTrips = new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).equals(s);
            assertThat(WellFormedStrings.unpairedSurrogate(s) < 0).as(s).isEqualTo(roundTrips);
        });
    }

    @Test
    void aBodyWithALoneSurrogateAnywhereIsNotReadAndAPairIs() throws Exception {
        assertThatThrownBy(() -> json.readValue("{\"text\":\"a\\ud800b\"}", Body.class))
                .isInstanceOf(JsonMappingException.class)
                .hasMessageContaining("unpaired UTF-16 surrogate at index 1");
        assertThatThrownBy(() -> json.readValue("{\"text\":\"x\",\"names\":[\"ok\",\"\\udc00\"]}", Body.class))
                .isInstanceOf(JsonMappingException.class);
        assertThatThrownBy(() -> json.readValue(
                        "{\"a\":\"\\ud83d\"}",
                        new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() {}))
                .isInstanceOf(JsonMappingException.class);
        assertThat(json.readValue("{\"text\":\"\\ud83d\\ude00\",\"names\":[\"a\"]}", Body.class))
                .isEqualTo(new Body("\uD83D\uDE00", List.of("a")));
        assertThat(json.readValue("{\"text\":null}", Body.class).text()).isNull();
    }
}
