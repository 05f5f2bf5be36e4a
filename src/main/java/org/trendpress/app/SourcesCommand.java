package org.trendpress.app;

import java.util.Map;
import java.util.concurrent.Callable;
import org.trendpress.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "sources", mixinStandardHelpOptions = true,
        description = "Show each source's health: last success, last error, items per poll, failures in a row.")
final class SourcesCommand implements Callable<Integer> {

    @ParentCommand
    Trendpress parent;

    @Override
    public Integer call() {
        Settings settings = parent.settings(Map.of());
        Database db = Database.open(settings.get("trendpress.db.url"), settings.get("trendpress.db.user"),
                settings.get("trendpress.db.password"));
        var out = parent.spec.commandLine().getOut();
        out.println("id\tenabled\tlast_success\titems\tfailures\tlast_error");
        db.jdbi().useHandle(h -> h.createQuery("SELECT id, enabled, last_success_at, last_item_count,"
                        + " consecutive_failures, last_error FROM sources ORDER BY id")
                .map((rs, ctx) -> rs.getString("id") + "\t" + rs.getBoolean("enabled") + "\t"
                        + (rs.getObject("last_success_at") == null ? "-" : rs.getObject("last_success_at",
                                java.time.OffsetDateTime.class).toInstant())
                        + "\t" + rs.getInt("last_item_count") + "\t" + rs.getInt("consecutive_failures") + "\t"
                        + (rs.getString("last_error") == null ? "" : rs.getString("last_error")))
                .forEach(out::println));
        return 0;
    }
}
