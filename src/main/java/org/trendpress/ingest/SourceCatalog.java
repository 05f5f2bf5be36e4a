package org.trendpress.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads the sources to poll from a YAML file ({@code config/sources.yaml}). */
public final class SourceCatalog {

    private SourceCatalog() {}

    public static List<SourceConfig> load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IngestException("sources file not found: " + file);
        }
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new IngestException("cannot read " + file + ": " + FeedParser.oneLine(e.getMessage()), e);
        }
        JsonNode list = root == null ? null : root.get("sources");
        if (list == null || !list.isArray()) {
            throw new IngestException(file + ": expected a top-level 'sources:' list");
        }
        List<SourceConfig> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (JsonNode n : list) {
            SourceConfig s = new SourceConfig(
                    text(n, "id"), text(n, "name"), text(n, "type"), text(n, "url"), text(n, "schedule"),
                    text(n, "kind"), n.path("weight").asDouble(1.0), n.path("enabled").asBoolean(true));
            if (!ids.add(s.id())) {
                throw new IngestException(file + ": source id '" + s.id() + "' appears twice");
            }
            out.add(s);
        }
        return out;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
