package org.trendpress.app;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base for the one-test-per-route-file tests: a Camel test context (Camel's JUnit 5 kit) that
 * loads exactly one file of {@code routes/}, with the application's real beans bound under the
 * names the routes use, and all state in a temporary folder.
 */
public abstract class RouteTestSupport extends CamelTestSupport {

    @TempDir
    static Path tmp;

    protected Application app;

    /** The route file under test, e.g. "ingest-poll.camel.yaml". */
    protected abstract String routeFile();

    /** The sources the application polls; by default the bundled demo sources. */
    protected Path sourcesFile() throws Exception {
        return Path.of("config/demo/sources.yaml");
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        Path dir = tmp.resolve(getClass().getSimpleName() + "-" + System.nanoTime());
        Map<String, String> overrides = TestConfig.overrides(dir, sourcesFile());
        Settings settings = TestConfig.settings(overrides);
        app = new Application(settings, Path.of("routes"), Clock.systemUTC());
        CamelContext context = super.createCamelContext();
        Properties props = settings.asProperties();
        context.getPropertiesComponent().setInitialProperties(props);
        context.getRegistry().bind("poller", app.poller());
        context.getRegistry().bind("drafts", app.drafts());
        context.getRegistry().bind("publisher", app.publisher());
        context.getRegistry().bind("dispatcher", app.dispatcher());
        Resource resource = PluginHelper.getResourceLoader(context).resolveResource("file:routes/" + routeFile());
        PluginHelper.getRoutesLoader(context).loadRoutes(resource);
        return context;
    }
}
