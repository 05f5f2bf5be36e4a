package org.trendpress.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.support.PluginHelper;
import org.junit.jupiter.api.Test;
import org.quartz.CronExpression;

/**
 * The repository holds together: every route file loads and has the id of its file, every
 * {{key}} a route uses resolves in config/, every property key is commented, every cron is valid,
 * and every template that code names exists.
 */
class RepositoryConsistencyTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^}]+)}}");

    @Test
    void everyRouteFileLoadsAndItsRouteIdIsItsFileName() throws Exception {
        List<Path> files = list(Path.of("routes"), ".camel.yaml");
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            String expectedId = file.getFileName().toString().replace(".camel.yaml", "");
            assertThat(expectedId).matches("[a-z]+(-[a-z]+)+");
            try (DefaultCamelContext ctx = new DefaultCamelContext()) {
                ctx.getPropertiesComponent().setInitialProperties(properties());
                PluginHelper.getRoutesLoader(ctx).loadRoutes(
                        PluginHelper.getResourceLoader(ctx).resolveResource("file:" + file));
                List<RouteDefinition> routes = ((ModelCamelContext) ctx).getRouteDefinitions();
                assertThat(routes).as(file.toString()).hasSize(1);
                assertThat(routes.get(0).getRouteId()).as(file.toString()).isEqualTo(expectedId);
            }
            String text = Files.readString(file);
            assertThat(text).as("%s starts with a header comment", file).startsWith("# " + expectedId + " — ");
        }
    }

    @Test
    void everyPlaceholderInRoutesResolvesInConfig() throws IOException {
        Properties props = properties();
        for (Path file : list(Path.of("routes"), ".camel.yaml")) {
            Matcher m = PLACEHOLDER.matcher(Files.readString(file));
            while (m.find()) {
                assertThat(props).as("%s uses {{%s}}", file, m.group(1)).containsKey(m.group(1));
            }
        }
    }

    @Test
    void quartzRoutesOnlyCallDirectEndpoints() throws IOException {
        for (Path file : list(Path.of("routes"), ".camel.yaml")) {
            String text = Files.readString(file);
            if (text.contains("quartz:")) {
                List<String> uris = new ArrayList<>();
                Matcher m = Pattern.compile("uri:\\s*\"?([a-z-]+:[^\"\\s]*)").matcher(text);
                while (m.find()) {
                    uris.add(m.group(1));
                }
                assertThat(uris).as(file.toString()).hasSize(2);
                assertThat(uris.get(0)).startsWith("quartz:");
                assertThat(uris.get(1)).startsWith("direct:");
            }
        }
    }

    @Test
    void everySettingIsCommentedAndEveryScheduleIsAValidCron() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("config/application.properties"));
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int j = i - 1;
            while (j >= 0 && !lines.get(j).strip().isEmpty() && !lines.get(j).strip().startsWith("#")) {
                j--; // consecutive keys may share one comment
            }
            assertThat(j >= 0 && lines.get(j).strip().startsWith("#")).as("comment above '%s'", line).isTrue();
        }
        Properties props = properties();
        for (String key : props.stringPropertyNames()) {
            if (key.startsWith("trendpress.schedule.")) {
                assertThat(CronExpression.isValidExpression(props.getProperty(key))).as(key).isTrue();
            }
        }
        Properties example = new Properties();
        try (var r = Files.newBufferedReader(Path.of("config/local.properties.example"))) {
            example.load(r);
        }
        assertThat(example).as("the example holds only comments").isEmpty();
    }

    @Test
    void everyTemplateThatCodeNamesExists() throws Exception {
        Set<String> names = new HashSet<>();
        for (Path source : list(Path.of("src/main/java"), ".java")) {
            String cls = Path.of("src/main/java").relativize(source).toString()
                    .replace('/', '.').replace(".java", "");
            for (Field f : Class.forName(cls).getDeclaredFields()) {
                boolean named = f.getName().endsWith("TEMPLATE") || f.getName().startsWith("ISSUE_");
                if (named && Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                    f.setAccessible(true);
                    names.add((String) f.get(null));
                }
            }
        }
        assertThat(names).contains("web/editor-draft.html", "mail/confirm.txt", "issue/web.html");
        for (String name : names) {
            assertThat(Path.of("templates", name)).as("template named in code").isRegularFile();
        }
    }

    @Test
    void demoSourcesAndConfiguredSourcesLoad() {
        assertThat(org.trendpress.ingest.SourceCatalog.load(Path.of("config/sources.yaml"))).isNotEmpty();
        assertThat(org.trendpress.ingest.SourceCatalog.load(Path.of("config/demo/sources.yaml"))).hasSize(4);
    }

    private static Properties properties() {
        return Settings.load(Path.of("config"), Map.of(), Map.of()).asProperties();
    }

    private static List<Path> list(Path dir, String suffix) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }
}
