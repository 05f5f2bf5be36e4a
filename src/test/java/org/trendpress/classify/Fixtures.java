package org.trendpress.classify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The hand-written examples in src/test/resources/classify/examples.json. */
final class Fixtures {

    private Fixtures() {}

    static List<LabeledExample> examples() {
        try (InputStream in = Fixtures.class.getResourceAsStream("/classify/examples.json")) {
            JsonNode arr = new ObjectMapper().readTree(in);
            List<LabeledExample> out = new ArrayList<>();
            int i = 0;
            for (JsonNode n : arr) {
                String arxiv = n.path("arxiv").asText(null);
                ItemFeatures f = new ItemFeatures(n.path("title").asText(), n.path("summary").asText(), arxiv, null,
                        arxiv == null ? List.of() : List.of("https://arxiv.org/abs/" + arxiv), arxiv == null ? 0 : 3,
                        "mixed", List.of());
                Set<Topic> topics = n.has("topics") ? Arrays.stream(n.path("topics").asText().split(","))
                        .map(t -> Topic.fromCode(t).orElseThrow()).collect(Collectors.toSet()) : null;
                out.add(new LabeledExample(String.format("fixture:%02d", i++), "fixture", f,
                        Kind.of(n.path("kind").asText()), topics));
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
