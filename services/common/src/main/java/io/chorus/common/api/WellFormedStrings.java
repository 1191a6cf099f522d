package io.chorus.common.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;

/**
 * Refuses a JSON string holding an unpaired UTF-16 surrogate ({@code "\ud800"}): JSON lets a body escape one, Java
 * keeps it, and past the API it is no character at all: the Cassandra driver writes it as {@code ?}, the MongoDB
 * driver as the bytes {@code ED A0 80}, which are not UTF-8, into FerretDB's PostgreSQL storage. Refused
 * while the body is read, the request is a 400 {@code invalid_json} before any resource runs (decision 0115).
 */
public final class WellFormedStrings extends SimpleModule {
    public WellFormedStrings() {
        super("well-formed-strings");
        addDeserializer(String.class, new Checked());
    }

    /** The index of the first surrogate without its partner, or -1 when every surrogate is paired. */
    public static int unpairedSurrogate(CharSequence value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /** Jackson's own string reading, then the check. */
    static final class Checked extends StdScalarDeserializer<String> {
        Checked() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = StringDeserializer.instance.deserialize(parser, context);
            int at = value == null ? -1 : unpairedSurrogate(value);
            if (at >= 0) {
                throw JsonMappingException.from(
                        parser,
                        "a string holds an unpaired UTF-16 surrogate at index " + at + " (not a Unicode character)");
            }
            return value;
        }
    }
}
