package org.trendpress.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON form of a frozen {@link IssueModel} (the {@code issues.content_json} column), shared
 * by publish (writes it) and dispatch (reads it). Instants are ISO-8601 strings, never numbers;
 * unknown properties are ignored so archived issues stay readable when the model grows.
 */
public final class IssueJson {

    private static final ObjectMapper MAPPER = mapper();

    private IssueJson() {}

    /** A new mapper configured the way issue JSON is written and read. */
    public static ObjectMapper mapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public static String write(IssueModel issue) {
        try {
            return MAPPER.writeValueAsString(issue);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write issue JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static IssueModel read(String json) {
        if (json == null || json.isBlank()) {
            throw new IllegalArgumentException("issue JSON is empty");
        }
        try {
            return MAPPER.readValue(json, IssueModel.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot read issue JSON: " + e.getOriginalMessage(), e);
        }
    }
}
