package io.chorus.notification.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ReadFrameTest {
    @Test
    void aReadFrameNamesTheChannelAndTheMarkAsJson() throws Exception {
        JsonNode frame = new ObjectMapper().readTree(Frames.read("c-1", "01890000-0000-7000-8000-000000000000"));
        assertThat(frame.path("op").asText()).isEqualTo("read");
        assertThat(frame.path("channelId").asText()).isEqualTo("c-1");
        assertThat(frame.path("lastReadMessageId").asText()).isEqualTo("01890000-0000-7000-8000-000000000000");
        assertThat(new ObjectMapper()
                        .readTree(Frames.read("c\"1", "x\\"))
                        .path("channelId")
                        .asText())
                .isEqualTo("c\"1");
    }
}
