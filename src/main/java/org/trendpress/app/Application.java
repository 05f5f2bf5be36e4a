package org.trendpress.app;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;
import org.trendpress.audience.Subscribers;
import org.trendpress.audience.Tokens;
import org.trendpress.classify.Classifier;
import org.trendpress.curate.Drafts;
import org.trendpress.dispatch.Dispatcher;
import org.trendpress.dispatch.IssueMail;
import org.trendpress.dispatch.MailSender;
import org.trendpress.dispatch.MailSenders;
import org.trendpress.dispatch.MailSettings;
import org.trendpress.dispatch.TemplateIssueMail;
import org.trendpress.ingest.AddressGuard;
import org.trendpress.ingest.Fetcher;
import org.trendpress.ingest.PollSettings;
import org.trendpress.ingest.Poller;
import org.trendpress.ingest.SourceStore;
import org.trendpress.ingest.Submissions;
import org.trendpress.publish.PublishSettings;
import org.trendpress.publish.Publisher;
import org.trendpress.render.Renderer;
import org.trendpress.store.Database;
import org.trendpress.web.WebModule;

/**
 * The wiring: builds every capability's beans from the settings, binds them into a camel-main
 * application and loads the YAML routes from {@code routes/}. Routes refer to beans by the names
 * bound here.
 */
public final class Application implements AutoCloseable {

    /** Which routes to load: everything ({@code serve}) or only the work, without schedules and web. */
    public enum Mode { SERVE, BATCH }

    private final Settings settings;
    private final Database database;
    private final Poller poller;
    private final Drafts drafts;
    private final Renderer renderer;
    private final Publisher publisher;
    private final Subscribers subscribers;
    private final Dispatcher dispatcher;
    private final MailSender mailSender;
    private final WebModule web;
    private final Path routesDir;
    private Main main;

    public Application(Settings settings, Path routesDir, Clock clock) {
        this.settings = settings;
        this.routesDir = routesDir;
        this.database = Database.open(settings.get("trendpress.db.url"), settings.get("trendpress.db.user"),
                settings.get("trendpress.db.password"));
        Fetcher fetcher = fetcher(settings);
        PollSettings polling = new PollSettings(settings.getInt("trendpress.poll.threads"),
                settings.getInt("trendpress.poll.not-found-limit"),
                Duration.ofMillis(settings.getLong("trendpress.poll.arxiv-interval-ms")),
                settings.getInt("trendpress.poll.arxiv-max-pages"),
                Duration.ofMillis(settings.getLong("trendpress.poll.max-backoff-ms")));
        Classifier classifier = settings.get("trendpress.classify.model-dir").isBlank() ? Classifier.bundled()
                : Classifier.fromDirectory(settings.path("trendpress.classify.model-dir"));
        this.poller = new Poller(settings.path("trendpress.sources.file"), database.jdbi(), fetcher, classifier, clock,
                polling);
        this.drafts = new Drafts(database.jdbi(), clock);
        this.renderer = new Renderer(settings.path("trendpress.templates.dir"));
        PublishSettings publishSettings = new PublishSettings(settings.path("trendpress.archive.dir"),
                settings.get("trendpress.base-url"), settings.get("trendpress.newsletter.name"),
                settings.get("trendpress.newsletter.title-pattern"));
        this.publisher = new Publisher(database.jdbi(), drafts, renderer, publishSettings, clock);
        byte[] secret = settings.secret();
        Tokens tokens = new Tokens(secret);
        this.subscribers = new Subscribers(database.jdbi(), tokens, clock);
        MailSettings mail = new MailSettings(settings.get("trendpress.mail.smtp.host"),
                settings.getInt("trendpress.mail.smtp.port"), settings.get("trendpress.mail.smtp.username"),
                settings.get("trendpress.mail.smtp.password"), settings.getBoolean("trendpress.mail.smtp.starttls"),
                settings.get("trendpress.mail.from.address"), settings.get("trendpress.mail.from.name"),
                settings.path("trendpress.mail.outbox-dir"), settings.getInt("trendpress.mail.connect-timeout-ms"),
                settings.getInt("trendpress.mail.read-timeout-ms"), settings.getInt("trendpress.mail.write-timeout-ms"));
        this.mailSender = MailSenders.create(mail);
        // rendered once per issue (CSS inlined, chart drawn), personalised per reader by substitution
        IssueMail issueMail = new TemplateIssueMail(renderer);
        this.dispatcher = new Dispatcher(database.jdbi(), subscribers, issueMail, mailSender,
                settings.get("trendpress.base-url"), mail, clock);
        this.web = new WebModule(settings, drafts, new SourceStore(database.jdbi()),
                new Submissions(database.jdbi(), fetcher, classifier, clock), publisher, subscribers, renderer, mailSender, mail, secret, clock);
    }

    /** Starts Camel with the routes of the given mode; returns once routes are running. */
    public CamelContext start(Mode mode) {
        configure(mode);
        try {
            main.start();
        } catch (Exception e) {
            throw new AppException("cannot start: " + e.getMessage());
        }
        return main.getCamelContext();
    }

    /** Runs every route, schedules and web included, until the JVM is asked to stop. */
    public void serve() throws Exception {
        configure(Mode.SERVE);
        main.run();
    }

    private void configure(Mode mode) {
        main = new Main();
        main.setInitialProperties(settings.asProperties());
        main.bind("poller", poller);
        main.bind("drafts", drafts);
        main.bind("publisher", publisher);
        main.bind("dispatcher", dispatcher);
        web.bindTo(main);
        String dir = routesDir.toAbsolutePath().toString().replace('\\', '/');
        main.configure().withRoutesIncludePattern("file:" + dir + "/*.camel.yaml");
        if (mode == Mode.BATCH) {
            main.configure().withRoutesExcludePattern("file:" + dir + "/*-schedule.camel.yaml,file:" + dir + "/web-*.camel.yaml");
            main.addInitialProperty("camel.server.enabled", "false");
        }
    }

    public ProducerTemplate producer() {
        return main.getCamelContext().createProducerTemplate();
    }

    public Settings settings() {
        return settings;
    }

    public Database database() {
        return database;
    }

    /**
     * The Fetcher every outbound request uses (polling, `inspect`, hand-submitted URLs): timeouts,
     * overall deadline, body cap, redirect limit, user agent and the address guard from settings.
     */
    public static Fetcher fetcher(Settings settings) {
        return new Fetcher(Duration.ofMillis(settings.getLong("trendpress.fetch.connect-timeout-ms")),
                Duration.ofMillis(settings.getLong("trendpress.fetch.read-timeout-ms")),
                Duration.ofMillis(settings.getLong("trendpress.fetch.request-timeout-ms")),
                settings.getLong("trendpress.fetch.max-bytes"), settings.getInt("trendpress.fetch.max-redirects"),
                settings.get("trendpress.fetch.user-agent"), AddressGuard.parse(settings.get("trendpress.fetch.allow-hosts")));
    }

    public Poller poller() {
        return poller;
    }

    public Drafts drafts() {
        return drafts;
    }

    public Publisher publisher() {
        return publisher;
    }

    public Subscribers subscribers() {
        return subscribers;
    }

    public Dispatcher dispatcher() {
        return dispatcher;
    }

    public WebModule web() {
        return web;
    }

    @Override
    public void close() {
        if (main != null) {
            try {
                main.stop();
            } catch (Exception ignored) {
                // stopping is best effort at exit
            }
        }
        mailSender.close();
        database.close();
    }
}
