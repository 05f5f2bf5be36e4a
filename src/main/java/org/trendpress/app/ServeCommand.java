package org.trendpress.app;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run until stopped: scheduled polling, monthly drafts, publication and the web server.")
final class ServeCommand implements Callable<Integer> {

    @ParentCommand
    Trendpress parent;

    @Override
    public Integer call() throws Exception {
        Settings settings = parent.settings(Map.of());
        try (Application app = parent.application(settings)) {
            String base = "http://" + settings.get("camel.server.host") + ":" + settings.get("camel.server.port");
            parent.spec.commandLine().getOut().println("Trendpress serving on " + base
                    + "  (editor: " + base + "/editor, archive: " + base + "/issues/)");
            if (settings.get("trendpress.editor.password").isBlank()) {
                parent.spec.commandLine().getOut().println("Editor sign-in for this run: user '"
                        + settings.get("trendpress.editor.user") + "', password '" + app.web().editorPassword()
                        + "' (set trendpress.editor.password in config/local.properties to choose one)");
            }
            app.serve();
        }
        return 0;
    }
}
