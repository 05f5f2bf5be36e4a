import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import org.trendpress.app.Application;
import org.trendpress.app.Settings;
import org.trendpress.ingest.Connectors;
import org.trendpress.ingest.Fetcher;
import org.trendpress.ingest.Poller;

/**
 * The ingest benchmark of issue 3 (see bench/README.md for what is measured). Run through
 * bench/ingest/run.sh from the repository root.
 */
public final class IngestBench {

    private int sources = 500;
    private int itemsPerSource = 40;
    private int reps = 3;
    private String python = "python3";
    private boolean keep;
    private boolean profile;
    /** Settings appended to the H2 URL, for an experiment (--h2-settings ";WRITE_DELAY=2000"). */
    private String h2Settings = "";
    private Path work;
    /** Measured cycles, each after the one before (the figure is their median). */
    private int cycles = 5;
    /**
     * At most this many warm-up rounds run first, each on a throw-away database (see {@link #warmUp}),
     * so that the JIT has compiled the pipeline before the measured database is primed: they stop once
     * the C2 compiler used less than {@link #JIT_QUIET} of the CPU of both cycles of
     * {@link #QUIET_ROUNDS} rounds in a row. 0 for none (a cold JVM).
     */
    private int warmup = 16;
    /** The share of a warm-up cycle's CPU below which the JIT counts as quiet in it. */
    private static final double JIT_QUIET = 0.05;
    /**
     * How many rounds in a row must be quiet. One was not enough: a round's cycle under 5% was
     * followed by measured cycles in which C2 used 0.3 to 0.8 s each, compiling at tier 4 for the
     * first time methods called once per source or request (Fetcher.exchange, jsoup's
     * initialiseParse, the HTTP server's sendResponseHeaders: 500 calls a cycle, and C2's
     * thresholds rise while its queue is long).
     */
    private static final int QUIET_ROUNDS = 2;

    public static void main(String[] args) throws Exception {
        // The JDK HttpServer writes headers and body separately; without TCP_NODELAY, Nagle and
        // delayed ACKs stall each response by ~40 ms on loopback, which would be the bench's cost.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        IngestBench b = new IngestBench();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--sources" -> b.sources = Integer.parseInt(args[++i]);
                case "--items" -> b.itemsPerSource = Integer.parseInt(args[++i]);
                case "--reps" -> b.reps = Integer.parseInt(args[++i]);
                case "--cycles" -> b.cycles = Integer.parseInt(args[++i]);
                case "--warmup" -> b.warmup = Integer.parseInt(args[++i]);
                case "--python" -> b.python = args[++i];
                case "--keep" -> b.keep = true;
                case "--profile" -> b.profile = true;
                case "--h2-settings" -> b.h2Settings = args[++i];
                default -> {
                    System.err.println("usage: IngestBench [--sources N] [--items N] [--reps N] [--cycles N] [--warmup N] [--python PATH] [--keep] [--profile] [--h2-settings S]");
                    System.exit(2);
                }
            }
        }
        b.run();
    }

    /** A source is unchanged in the measured cycle (answers 304) when this holds: a fifth of them. */
    private static boolean unchanged(int s) {
        return s % 5 == 0;
    }

    private void run() throws Exception {
        work = Files.createTempDirectory("trendpress-bench-");
        say("# Trendpress ingest benchmark");
        say("java %s, %d cores, max heap %d MB, work folder %s, load average %.1f", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, work,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        say("database: H2 file, URL form as committed in config/%s", h2Settings.isEmpty() ? "" : ", with " + h2Settings);
        try {
            bench();
        } finally {
            if (!keep) {
                delete(work);
            }
        }
    }

    private void bench() throws Exception {
        // 1. Generate version 1 of every feed (primed) and version 2 of the changed ones (measured).
        long genStart = System.nanoTime();
        Path feeds = work.resolve("feeds");
        long[] v1Bytes = new long[1];
        long[] v2Bytes = new long[2];
        List<Path> measuredFiles = new ArrayList<>();
        for (int s = 0; s < sources; s++) {
            v1Bytes[0] += write(feeds, s, 1);
            if (!unchanged(s)) {
                v2Bytes[0] += write(feeds, s, 2);
                v2Bytes[1] += Files.size(FeedServer.FeedFiles.path(feeds, s, 2, true));
                measuredFiles.add(FeedServer.FeedFiles.path(feeds, s, 2, false));
                for (int v = 3; v <= cycles + 1; v++) {
                    write(feeds, s, v); // the later measured cycles' versions: as many items, all new
                }
            }
        }
        int changed = measuredFiles.size();
        say("generated %d sources x %d items = %d items (%.1f MB of RSS) in %.1f s; the measured cycle serves %d changed"
                        + " feeds (%d items, %.1f MB, %.1f MB gzipped on the wire) and %d unchanged (304)",
                sources, itemsPerSource, sources * itemsPerSource, v1Bytes[0] / 1e6, secs(genStart), changed,
                changed * itemsPerSource, v2Bytes[0] / 1e6, v2Bytes[1] / 1e6, sources - changed);

        Map<String, Result> results = new LinkedHashMap<>();
        try (FeedServer server = new FeedServer(feeds, sources)) {
            for (int s = 0; s < sources; s++) {
                server.setVersion(s, 1);
            }
            Path yaml = writeSources(server);
            // --profile records from here on, and summarises the last measured cycle's window: starting
            // a recording throws compiled code away (a recording started at the measured cycle made it
            // 4-5 times slower while C2 compiled again, and overstated what ran in C1's tiers meanwhile)
            Profiler prof = profile ? Profiler.start() : null;
            if (warmup > 0) {
                warmUp(server, yaml, changed);
            }
            Settings settings = settings(yaml, "bench");
            try (Application app = new Application(settings, Path.of("routes"), Clock.systemUTC())) {
                Poller poller = app.poller();

                // 2. Priming cycle: every source new, every item stored.
                long t0 = System.nanoTime();
                Poller.Report primed = poller.pollAll();
                double primeSecs = secs(t0);
                check(primed.failed() == 0, "priming cycle had failures: " + firstError(primed));
                check(primed.added() == sources * itemsPerSource, "priming cycle added " + primed.added());
                say("priming cycle: %d sources, %d new items stored in %.2f s (%.0f items/s, %snot the figure)",
                        sources, primed.added(), primeSecs, primed.added() / primeSecs, warmup > 0 ? "" : "cold JVM, ");

                // 3 and 4. The measured cycles: each time four fifths of the sources publish a new version
                // (40 new items each) and the rest stay as they were (304); one full pollAll through the
                // real Poller is timed. The figure is the median cycle: like the comparisons below (each
                // the median of --reps passes after a warm-up), it shows the pipeline once the JIT has
                // compiled it (see warmUp). Every cycle is printed.
                for (Path f : measuredFiles) {
                    rome(Files.readAllBytes(f)); // ROME alone's code warmed up before its first pass beside a cycle
                }
                List<Double> cycleSeconds = new ArrayList<>();
                List<double[]> pairs = new ArrayList<>();
                double peakHeap = 0;
                String heapNote = "";
                int parsed = 0;
                for (int c = 0; c < cycles; c++) {
                    int version = 2 + c;
                    for (int s = 0; s < sources; s++) {
                        if (!unchanged(s)) {
                            server.setVersion(s, version);
                        }
                    }
                    long okBefore = server.ok.get();
                    HeapWatch heap = new HeapWatch();
                    boolean last = c == cycles - 1;
                    Instant cycleFrom = Instant.now();
                    heap.start();
                    ThreadCpuWatch threadCpu = new ThreadCpuWatch();
                    threadCpu.start();
                    long written1 = h2WriteBytes(app);
                    long read1 = h2Info(app, "info.FILE_READ_BYTES");
                    long cpu1 = processCpuNanos();
                    long t1 = System.nanoTime();
                    Poller.Report report = poller.pollAll();
                    double cycle = secs(t1);
                    double cycleCpu = (processCpuNanos() - cpu1) / 1e9;
                    String cpuByThread = threadCpu.stopAndDescribe(cycleCpu);
                    heap.stop();
                    if (prof != null && last) {
                        prof.stopAndPrint(work.resolve("run.jfr"), cycleFrom, Instant.now());
                    }
                    long notModified = report.sources().stream().filter(Poller.SourceResult::notModified).count();
                    parsed = report.sources().stream().mapToInt(Poller.SourceResult::seen).sum();
                    check(report.failed() == 0, "measured cycle had failures: " + firstError(report));
                    check(notModified == sources - changed, "expected " + (sources - changed) + " 304s, got " + notModified);
                    check(parsed == changed * itemsPerSource && report.added() == parsed, "expected "
                            + changed * itemsPerSource + " new items, parsed " + parsed + " added " + report.added());
                    check(server.ok.get() - okBefore == changed, "server sent " + (server.ok.get() - okBefore) + " bodies");
                    cycleSeconds.add(cycle);
                    if (heap.peakMb() >= peakHeap) {
                        peakHeap = heap.peakMb();
                        heapNote = heap.note();
                    }
                    say("measured cycle %d of %d (version %d): %d sources polled in %.2f s (%.0f items/s): %d answered 304,"
                                    + " %d parsed %d items, all %d new and stored; %d GCs, %d ms in GC; the JVM used %.1f s of"
                                    + " CPU (%.2f cores of %d; the loopback server's share included)",
                            c + 1, cycles, version, sources, cycle, parsed / cycle, notModified, changed, parsed,
                            report.added(), heap.gcCount(), heap.gcMillis(), cycleCpu, cycleCpu / cycle,
                            Runtime.getRuntime().availableProcessors());
                    say("  CPU of the cycle by thread: %s", cpuByThread);
                    long afterCycle = h2WriteBytes(app);
                    long written = afterCycle - written1;
                    if (written1 >= 0 && written >= 0) {
                        say("  H2 wrote %.0f MB to its file in the cycle (%.1f KB per stored item; H2's info.FILE_WRITE_BYTES)",
                                written / 1e6, written / 1e3 / Math.max(1, parsed));
                    }
                    long read = h2Info(app, "info.FILE_READ_BYTES") - read1;
                    if (read1 >= 0 && read >= 0) {
                        say("  H2 read %.0f MB of pages its cache did not hold (%.1f KB per stored item; info.FILE_READ_BYTES)",
                                read / 1e6, read / 1e3 / Math.max(1, parsed));
                    }
                    long[] alloc = threadCpu.allocated();
                    if (alloc[1] >= 0) {
                        say("  allocated in the cycle: %.0f MB by the poll threads (%.0f KB per stored item), %.0f MB by all"
                                        + " Java threads (the loopback server's included)", alloc[0] / 1e6,
                                alloc[0] / 1e3 / Math.max(1, parsed), alloc[1] / 1e6);
                    }
                    // the peers once more, right after this cycle: a ratio of rates from the same minute
                    long idleStart = System.nanoTime();
                    double[] peers = pairedPeers(measuredFiles);
                    long idleWritten = h2WriteBytes(app) - afterCycle;
                    double rate = parsed / cycle;
                    pairs.add(new double[] {rate / peers[0], rate / peers[1]});
                    say("  right after it, over the same %d bodies: ROME alone %.0f items/s (end to end / ROME %.2f),"
                                    + " python3-feedparser %s items/s (end to end / feedparser %s); meanwhile (%.0f s, the"
                                    + " application idle) H2 wrote %.0f MB", changed, peers[0],
                            rate / peers[0], Double.isNaN(peers[1]) ? "n/a" : String.format("%.0f", peers[1]),
                            Double.isNaN(peers[1]) ? "n/a" : String.format("%.2f", rate / peers[1]), secs(idleStart),
                            afterCycle >= 0 ? idleWritten / 1e6 : 0.0);
                }
                List<Double> sorted = new ArrayList<>(cycleSeconds);
                sorted.sort(null);
                double median = sorted.get(sorted.size() / 2);
                results.put("end-to-end", new Result(parsed, v2Bytes[0], median, peakHeap, heapNote
                        + (cycles > 1 ? "; median of " + cycles + " cycles" : "")));
                pairedRome = median(pairs.stream().mapToDouble(r -> r[0]).toArray());
                pairedFeedparser = pairs.stream().anyMatch(r -> Double.isNaN(r[1])) ? Double.NaN
                        : median(pairs.stream().mapToDouble(r -> r[1]).toArray());
                long papers = app.database().jdbi().withHandle(h -> h.createQuery(
                        "SELECT COUNT(*) FROM papers").mapTo(Long.class).one());
                long merged = app.database().jdbi().withHandle(h -> h.createQuery(
                        "SELECT COUNT(*) FROM papers WHERE mentions > 1").mapTo(Long.class).one());
                Path dbFile = work.resolve("db").resolve("bench.mv.db");
                say("database after every cycle: %d papers, %d of them seen at more than one source; file %.1f MB",
                        papers, merged, Files.exists(dbFile) ? Files.size(dbFile) / 1e6 : 0.0);

                // 5. Where the time goes, outside the Poller: fetch alone, the ingest parser alone.
                results.put("fetch only (Fetcher)", fetchOnly(settings, server, changed * itemsPerSource, v2Bytes[0]));
            }
        }

        List<byte[]> bodies = new ArrayList<>();
        for (Path f : measuredFiles) {
            bodies.add(Files.readAllBytes(f));
        }
        Connectors connectors = new Connectors();
        results.put("ingest parser (FeedParser: ROME+map+sanitise)", repeat(bodies, v2Bytes[0],
                body -> connectors.forType("rss").parse("bench", body, "application/rss+xml; charset=utf-8").items().size()));
        results.put("ROME alone (SyndFeedInput)", repeat(bodies, v2Bytes[0], IngestBench::rome));
        results.put("StAX pass (titles, links)", repeat(bodies, v2Bytes[0], IngestBench::stax));
        results.put("python3-feedparser", feedparser(measuredFiles));

        printResults(results, changed * itemsPerSource);
    }

    // ---- the application's settings and wiring ------------------------------------------------------------

    /**
     * The settings the bench's Application runs with: the committed config/ with its database,
     * data and sources in the work folder. When the SSRF guard's allow-list setting exists, the
     * loopback server is allow-listed here (the one place to adapt).
     */
    private Settings settings(Path sourcesYaml, String name) throws IOException {
        Path dir = name.equals("bench") ? work : work.resolve(name);
        Map<String, String> o = new LinkedHashMap<>();
        o.put("trendpress.data-dir", dir.resolve("data").toString());
        // the form of the committed default (an H2 file; Database adds its own settings), plus --h2-settings
        o.put("trendpress.db.url", "jdbc:h2:file:" + dir.resolve("db").resolve(name).toAbsolutePath()
                + h2Settings);
        o.put("trendpress.sources.file", sourcesYaml.toString());
        o.put("trendpress.archive.dir", dir.resolve("issues").toString());
        o.put("trendpress.mail.smtp.host", "");
        o.put("trendpress.mail.outbox-dir", dir.resolve("outbox").toString());
        String props = Files.readString(Path.of("config", "application.properties"));
        if (props.contains("trendpress.fetch.allow-hosts=")) {
            o.put("trendpress.fetch.allow-hosts", "127.0.0.1");
        }
        return Settings.load(Path.of("config"), o, Map.of());
    }

    /**
     * The JIT warm-up: rounds of what the measured phase does (a new Application on a new database,
     * its priming cycle over version 1 of the feeds, then one cycle over version 2), each on a
     * throw-away database that is closed and deleted (its heap released) before the next round and
     * before the measured database is primed. Like the warm-up pass of each comparison below, only
     * longer: the pipeline runs through far more code (HTTP, ROME, the sanitiser, the classifier, H2),
     * and on 2 cores the single C2 compiler thread, competing with the poll threads, took 80,000 and
     * more items to compile it. Rounds on fresh databases, rather than many cycles on one growing
     * database, give the JIT the profile of the measured cycles (after warm-up cycles on one large
     * database, the C2 compiler went back to work for seconds on the fresh measured one). Each round
     * is printed with the JIT compilers' CPU, so the figures show whether the JIT had settled.
     */
    private void warmUp(FeedServer server, Path yaml, int changed) throws Exception {
        long t = System.nanoTime();
        int items = 0;
        int quietRounds = 0;
        for (int round = 1; round <= warmup && quietRounds < QUIET_ROUNDS; round++) {
            boolean quiet = true;
            String name = "warmup" + round;
            try (Application app = new Application(settings(yaml, name), Path.of("routes"), Clock.systemUTC())) {
                for (int c = 0; c <= 1; c++) {
                    for (int s = 0; s < sources; s++) {
                        server.setVersion(s, c == 0 || unchanged(s) ? 1 : 2);
                    }
                    Map<String, Double> jit = ThreadCpuWatch.jvmThreads();
                    long cpu = processCpuNanos();
                    long t1 = System.nanoTime();
                    Poller.Report r = app.poller().pollAll();
                    double secs = secs(t1);
                    double cycleCpu = (processCpuNanos() - cpu) / 1e9;
                    Map<String, Double> jitAfter = ThreadCpuWatch.jvmThreads();
                    check(r.failed() == 0, "warm-up cycle had failures: " + firstError(r));
                    check(r.added() == (c == 0 ? sources : changed) * itemsPerSource, "warm-up cycle added " + r.added());
                    items += r.added();
                    double c2 = cpuOf(jitAfter, jit, "C2 compiler");
                    say("warm-up round %d of at most %d, %s (throw-away database): %d new items in %.2f s (%.0f items/s);"
                                    + " the JVM used %.1f s of CPU: C2 compiler %.1f s (%.0f%%), C1 compiler %.1f s, GC %.1f s",
                            round, warmup, c == 0 ? "priming" : "cycle", r.added(), secs, r.added() / secs, cycleCpu, c2,
                            cycleCpu > 0 ? 100 * c2 / cycleCpu : 0, cpuOf(jitAfter, jit, "C1 compiler"),
                            cpuOf(jitAfter, jit, "GC"));
                    quiet &= cycleCpu > 0 && c2 < JIT_QUIET * cycleCpu;
                }
            }
            quietRounds = quiet ? quietRounds + 1 : 0;
            delete(work.resolve(name));
        }
        for (int s = 0; s < sources; s++) {
            server.setVersion(s, 1);
        }
        if (quietRounds >= QUIET_ROUNDS) {
            say("warm-up: the C2 compiler used under %.0f%% of every cycle's CPU in the last %d rounds: the JIT has settled",
                    100 * JIT_QUIET, QUIET_ROUNDS);
        } else {
            say("warm-up: the JIT had not settled (the C2 compiler did not use under %.0f%% of every cycle's CPU in %d rounds"
                    + " in a row; raise --warmup): the figures below include its work", 100 * JIT_QUIET, QUIET_ROUNDS);
        }
        say("warm-up: %d items stored in %.1f s on throw-away databases, now deleted", items, secs(t));
    }

    /** The CPU seconds a group of the JVM's own threads ({@link ThreadCpuWatch#jvmThreads}) used between two readings. */
    private static double cpuOf(Map<String, Double> after, Map<String, Double> before, String group) {
        return after.getOrDefault(group, 0.0) - before.getOrDefault(group, 0.0);
    }

    /** The Fetcher exactly as Application builds it (address guard included), for the fetch-only figure. */
    private static Fetcher fetcher(Settings settings) {
        return org.trendpress.app.Application.fetcher(settings);
    }

    private Path writeSources(FeedServer server) throws IOException {
        StringBuilder y = new StringBuilder("# generated by bench/ingest/IngestBench\nsources:\n");
        String[] kinds = {"research", "news", "mixed"};
        for (int s = 0; s < sources; s++) {
            y.append("  - id: bench-s").append(s).append('\n')
                    .append("    name: Bench source ").append(s).append('\n')
                    .append("    type: rss\n")
                    .append("    url: ").append(server.url(s)).append('\n')
                    .append("    schedule: \"0 0 * * * ?\"\n")
                    .append("    kind: ").append(kinds[s % 3]).append('\n');
        }
        Path file = work.resolve("sources.yaml");
        Files.writeString(file, y);
        return file;
    }

    private long write(Path feeds, int s, int v) throws IOException {
        byte[] body = FeedGen.feed(s, v, itemsPerSource);
        Path plain = FeedServer.FeedFiles.path(feeds, s, v, false);
        Files.createDirectories(plain.getParent());
        Files.write(plain, body);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(FeedServer.FeedFiles.path(feeds, s, v, true)))) {
            out.write(body);
        }
        return body.length;
    }

    // ---- the figures beside the pipeline ------------------------------------------------------------------

    private Result fetchOnly(Settings settings, FeedServer server, int items, long bytes) {
        Fetcher f = fetcher(settings);
        HeapWatch heap = new HeapWatch();
        double[] times = new double[reps];
        for (int r = -1; r < reps; r++) {
            heap.start();
            long t = System.nanoTime();
            for (int s = 0; s < sources; s++) {
                if (!unchanged(s)) {
                    f.fetch(server.url(s), null, null);
                }
            }
            double secs = secs(t);
            heap.stop();
            if (r >= 0) {
                times[r] = secs;
            }
        }
        return new Result(items, bytes, median(times), heap.peakMb(), "GET + gunzip, no parsing");
    }

    private Result repeat(List<byte[]> bodies, long bytes, ToIntFunction<byte[]> pass) {
        int items = 0;
        for (byte[] b : bodies) {
            items += pass.applyAsInt(b); // warm-up, untimed
        }
        double[] times = new double[reps];
        HeapWatch heap = new HeapWatch();
        for (int r = 0; r < reps; r++) {
            heap.start();
            long t = System.nanoTime();
            int n = 0;
            for (byte[] b : bodies) {
                n += pass.applyAsInt(b);
            }
            times[r] = secs(t);
            heap.stop();
            check(n == items, "pass counted " + n + " items, warm-up " + items);
        }
        return new Result(items, bytes, median(times), heap.peakMb(), "bodies held in memory: " + (bytes >> 20) + " MB");
    }

    private static int rome(byte[] body) {
        try (XmlReader reader = new XmlReader(new ByteArrayInputStream(body))) {
            SyndFeed feed = new SyndFeedInput().build(reader);
            int n = 0;
            for (SyndEntry e : feed.getEntries()) {
                if (e.getTitle() != null && e.getLink() != null) {
                    n++;
                }
            }
            return n;
        } catch (Exception e) {
            throw new IllegalStateException("ROME failed: " + e, e);
        }
    }

    private static final XMLInputFactory STAX = XMLInputFactory.newFactory();

    static {
        STAX.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        STAX.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        STAX.setProperty(XMLInputFactory.IS_COALESCING, true);
    }

    private static int stax(byte[] body) {
        try {
            XMLStreamReader r = STAX.createXMLStreamReader(new ByteArrayInputStream(body));
            int n = 0;
            boolean inItem = false;
            String title = null;
            String link = null;
            while (r.hasNext()) {
                int ev = r.next();
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    String name = r.getLocalName();
                    if (name.equals("item")) {
                        inItem = true;
                        title = null;
                        link = null;
                    } else if (inItem && name.equals("title")) {
                        title = r.getElementText();
                    } else if (inItem && name.equals("link")) {
                        link = r.getElementText();
                    }
                } else if (ev == XMLStreamConstants.END_ELEMENT && r.getLocalName().equals("item")) {
                    inItem = false;
                    if (title != null && link != null) {
                        n++;
                    }
                }
            }
            r.close();
            return n;
        } catch (Exception e) {
            throw new IllegalStateException("StAX failed: " + e, e);
        }
    }

    /** Medians over the measured cycles of each cycle's rate over the peer's pass right after it (NaN: not measured). */
    private double pairedRome = Double.NaN;
    private double pairedFeedparser = Double.NaN;

    /**
     * One untimed-read, timed-parse pass of ROME alone over the files (one body in memory at a time, so the
     * application's heap is not crowded while its database is open), then one python3-feedparser pass;
     * items/s of each, NaN for feedparser when it could not run.
     */
    private double[] pairedPeers(List<Path> files) throws IOException, InterruptedException {
        long nanos = 0;
        int n = 0;
        for (Path f : files) {
            byte[] body = Files.readAllBytes(f);
            long t = System.nanoTime();
            n += rome(body);
            nanos += System.nanoTime() - t;
        }
        Result fp = feedparser(files, 1);
        return new double[] {n / (nanos / 1e9), fp == null ? Double.NaN : fp.itemsPerSec()};
    }

    private Result feedparser(List<Path> files) throws IOException, InterruptedException {
        return feedparser(files, reps);
    }

    private Result feedparser(List<Path> files, int passes) throws IOException, InterruptedException {
        Path list = work.resolve("feedparser-files.txt");
        Files.write(list, files.stream().map(p -> p.toAbsolutePath().toString()).toList(), StandardCharsets.UTF_8);
        Path script = Path.of("bench", "ingest", "feedparser_bench.py");
        Process p = new ProcessBuilder(python, script.toString(), list.toString(), Integer.toString(passes))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
            say("python3-feedparser: not measured (%s): %s", python, out.lines().reduce((a, b) -> b).orElse(""));
            return null;
        }
        Map<String, String> kv = new HashMap<>();
        for (String part : out.lines().reduce((a, b) -> b).orElse("").split(" ")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                kv.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        double[] times = Arrays.stream(kv.get("seconds").split(",")).mapToDouble(Double::parseDouble).toArray();
        return new Result(Integer.parseInt(kv.get("items")), Long.parseLong(kv.get("bytes")), median(times),
                Long.parseLong(kv.get("maxrss_kb")) / 1024.0, "feedparser " + kv.get("version") + "; max RSS of the process");
    }

    // ---- reporting ----------------------------------------------------------------------------------------

    record Result(int items, long bytes, double seconds, double peakHeapMb, String note) {
        double itemsPerSec() {
            return items / seconds;
        }

        double mbPerSec() {
            return bytes / 1e6 / seconds;
        }
    }

    private void printResults(Map<String, Result> results, int measuredItems) {
        say("");
        say("## Figures (median of %d passes where repeated; end to end: the median measured cycle)", reps);
        say("%-48s %9s %10s %8s %9s %8s  %s", "what", "items", "items/s", "MB/s", "seconds", "peak MB", "note");
        for (Map.Entry<String, Result> e : results.entrySet()) {
            Result r = e.getValue();
            if (r == null) {
                say("%-48s %9s", e.getKey(), "n/a");
                continue;
            }
            say("%-48s %9d %10.0f %8.2f %9.3f %8.1f  %s", e.getKey(), r.items(), r.itemsPerSec(), r.mbPerSec(),
                    r.seconds(), r.peakHeapMb(), r.note());
        }
        Result e2e = results.get("end-to-end");
        Result rome = results.get("ROME alone (SyndFeedInput)");
        Result fp = results.get("python3-feedparser");
        say("");
        say("## Targets");
        // each cycle against the peers' pass right after it (the median of the cycles' ratios): on a shared
        // machine whose speed moves by half within minutes, rates measured minutes apart say more about
        // the machine than about the code. The ratio of the table's medians, measured after all the
        // cycles, is printed beside it.
        say("end-to-end / ROME       = %5.2f  (target >= 0.5)  %s   [each cycle / the pass right after it, median;"
                + " table's medians: %.2f]", pairedRome, pairedRome >= 0.5 ? "PASS" : "MISS",
                e2e.itemsPerSec() / rome.itemsPerSec());
        if (!Double.isNaN(pairedFeedparser)) {
            say("end-to-end / feedparser = %5.2f  (target >= 3)    %s   [each cycle / the pass right after it, median;"
                    + " table's medians: %s]", pairedFeedparser, pairedFeedparser >= 3 ? "PASS" : "MISS",
                    fp == null ? "n/a" : String.format("%.2f", e2e.itemsPerSec() / fp.itemsPerSec()));
        } else {
            say("end-to-end / feedparser =   n/a  (target >= 3)    MISS (feedparser not measured)");
        }
        say("peak heap (cycle)       = %5.0f MB (target <= 256 MB, JVM max %d MB)  %s", e2e.peakHeapMb(),
                Runtime.getRuntime().maxMemory() >> 20, e2e.peakHeapMb() <= 256 ? "PASS" : "MISS");
        say("(items/s of the cycle count the %d items parsed and stored; the %d items behind 304s cost no parsing"
                + " and are not counted)", measuredItems, (sources - measuredItems / itemsPerSource) * itemsPerSource);
    }

    // ---- heap and profiling -------------------------------------------------------------------------------

    /** Samples used heap every 5 ms in a daemon thread; also reads the heap pools' own peaks. */
    static final class HeapWatch {
        private final AtomicLong peak = new AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean();
        private Thread thread;
        private long poolPeak;
        private long gcCount0;
        private long gcMillis0;
        private long gcCount;
        private long gcMillis;

        void start() {
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    pool.resetPeakUsage();
                }
            }
            gcCount0 = gcTotal(true);
            gcMillis0 = gcTotal(false);
            running.set(true);
            thread = new Thread(() -> {
                var mem = ManagementFactory.getMemoryMXBean();
                while (running.get()) {
                    peak.accumulateAndGet(mem.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-watch");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws RuntimeException {
            running.set(false);
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            long sum = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                    sum += pool.getPeakUsage().getUsed();
                }
            }
            poolPeak = Math.max(poolPeak, sum);
            gcCount = gcTotal(true) - gcCount0;
            gcMillis = gcTotal(false) - gcMillis0;
        }

        double peakMb() {
            return peak.get() / 1048576.0;
        }

        String note() {
            return String.format(Locale.ROOT, "sampled used heap; heap pools' peaks summed: %.0f MB", poolPeak / 1048576.0);
        }

        long gcCount() {
            return gcCount;
        }

        long gcMillis() {
            return gcMillis;
        }

        private static long gcTotal(boolean count) {
            long t = 0;
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                t += Math.max(0, count ? gc.getCollectionCount() : gc.getCollectionTime());
            }
            return t;
        }
    }

    /** A JFR recording of the measured cycle, summarised as the methods most samples were in. */
    static final class Profiler {
        private final jdk.jfr.Recording rec;

        private Profiler(jdk.jfr.Recording rec) {
            this.rec = rec;
        }

        static Profiler start() throws Exception {
            jdk.jfr.Recording rec = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
            rec.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(5));
            rec.enable("jdk.Compilation").withThreshold(Duration.ZERO);
            rec.enable("jdk.Deoptimization");
            rec.start();
            return new Profiler(rec);
        }

        /** Stops the recording, saves it, and summarises the events of [{@code from}, {@code to}]. */
        void stopAndPrint(Path file, Instant from, Instant to) throws IOException {
            rec.stop();
            rec.dump(file);
            rec.close();
            Map<String, Integer> self = new HashMap<>();
            Map<String, Integer> inclusive = new HashMap<>();
            int samples = 0;
            Map<String, long[]> compiled = new HashMap<>(); // method -> {compilations, total ms}
            Map<Integer, long[]> byLevel = new HashMap<>();
            Map<String, Integer> deopts = new HashMap<>();
            try (jdk.jfr.consumer.RecordingFile events = new jdk.jfr.consumer.RecordingFile(file)) {
              while (events.hasMoreEvents()) {
                jdk.jfr.consumer.RecordedEvent e = events.readEvent();
                if (e.getStartTime().isBefore(from) || e.getStartTime().isAfter(to)) {
                    continue;
                }
                String type = e.getEventType().getName();
                if (type.equals("jdk.Compilation")) {
                    var m = e.getValue("method");
                    String n = m instanceof jdk.jfr.consumer.RecordedMethod rm ? rm.getType().getName() + "." + rm.getName() : "?";
                    long ms = e.getDuration().toMillis();
                    long[] c = compiled.computeIfAbsent(n, k -> new long[2]);
                    c[0]++;
                    c[1] += ms;
                    long[] l = byLevel.computeIfAbsent(e.getInt("compileLevel"), k -> new long[2]);
                    l[0]++;
                    l[1] += ms;
                    continue;
                }
                if (type.equals("jdk.Deoptimization")) {
                    var m = e.getValue("method");
                    String n = m instanceof jdk.jfr.consumer.RecordedMethod rm ? rm.getType().getName() + "." + rm.getName() : "?";
                    deopts.merge(n + " (" + e.getValue("reason") + ")", 1, Integer::sum);
                    continue;
                }
                if (!type.equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
                    continue;
                }
                String thread = e.getThread("sampledThread") == null ? "" : e.getThread("sampledThread").getJavaName();
                if (thread != null && thread.equals("heap-watch")) {
                    continue;
                }
                samples++;
                var frames = e.getStackTrace().getFrames();
                if (!frames.isEmpty()) {
                    self.merge(name(frames.get(0)), 1, Integer::sum);
                }
                Set<String> seen = new HashSet<>();
                for (var f : frames) {
                    String n = name(f);
                    if (seen.add(n)) {
                        inclusive.merge(n, 1, Integer::sum);
                    }
                }
              }
            }
            say("");
            say("## Profile of the last measured cycle (JFR, %d execution samples, every thread; the recording ran from"
                    + " before the warm-up and is saved as %s)", samples, file);
            say("Top methods by inclusive samples (trendpress, ROME, sanitiser, jsoup, H2, Jdbi, HTTP):");
            int total = samples;
            inclusive.entrySet().stream()
                    .filter(en -> en.getKey().matches("(org\\.trendpress|com\\.rometools|org\\.owasp|org\\.jsoup|org\\.h2"
                            + "|org\\.jdbi|jdk\\.internal\\.net\\.http|java\\.net\\.http|org\\.quartz|ch\\.qos|sun\\.net\\.httpserver).*"))
                    .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())).limit(40)
                    .forEach(en -> say("  %5.1f%%  %s", 100.0 * en.getValue() / total, en.getKey()));
            say("Top methods by self samples:");
            self.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())).limit(20)
                    .forEach(en -> say("  %5.1f%%  %s", 100.0 * en.getValue() / total, en.getKey()));
            say("JIT compilations during the cycle, by tier (count, total ms of compile time): %s", byLevel.entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .map(en -> "tier " + en.getKey() + ": " + en.getValue()[0] + ", " + en.getValue()[1] + " ms")
                    .collect(java.util.stream.Collectors.joining("; ")));
            say("Methods with the most compile time in the cycle (compilations, ms):");
            compiled.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1])).limit(15)
                    .forEach(en -> say("  %4d  %6d ms  %s", en.getValue()[0], en.getValue()[1], en.getKey()));
            say("Methods compiled most often in the cycle:");
            compiled.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0])).limit(10)
                    .forEach(en -> say("  %4d  %6d ms  %s", en.getValue()[0], en.getValue()[1], en.getKey()));
            say("Deoptimizations in the cycle: %d; most frequent:", deopts.values().stream().mapToInt(Integer::intValue).sum());
            deopts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())).limit(10)
                    .forEach(en -> say("  %4d  %s", en.getValue(), en.getKey()));
        }

        private static String name(jdk.jfr.consumer.RecordedFrame f) {
            return f.getMethod().getType().getName() + "." + f.getMethod().getName();
        }
    }

    // ---- small helpers ------------------------------------------------------------------------------------

    private static String firstError(Poller.Report r) {
        return r.sources().stream().filter(s -> !s.ok()).map(s -> s.sourceId() + ": " + s.error()).findFirst().orElse("");
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException("benchmark invalid: " + message);
        }
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /**
     * Bytes H2 has written to its file since it opened (its {@code info.FILE_WRITE_BYTES} setting), or -1
     * when the database does not say (not H2). The serialisation of changed pages is proportional to it,
     * and unlike a time it does not move with the machine's load.
     */
    private static long h2WriteBytes(Application app) {
        return h2Info(app, "info.FILE_WRITE_BYTES");
    }

    /** One of H2's counters ({@code INFORMATION_SCHEMA.SETTINGS}), or -1 when the database does not say (not H2). */
    private static long h2Info(Application app, String name) {
        try {
            return app.database().jdbi().withHandle(h -> h.createQuery(
                    "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = :n")
                    .bind("n", name).mapTo(String.class).findOne().map(Long::parseLong).orElse(-1L));
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static double secs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    static void say(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
        System.out.flush();
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** CPU time of the whole JVM (every thread, GC included), or 0 where the platform does not tell. */
    static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return Math.max(0, sun.getProcessCpuTime());
        }
        return 0;
    }


    /**
     * Where the JVM's CPU time of a phase went, by thread group (names with their numbers taken
     * out), sampled every 100 ms so that threads ending during the phase (the poll pool's) are counted
     * up to their last sample; the rest is GC, the JIT compilers and other threads the JVM does not
     * show as Java threads.
     */
    static final class ThreadCpuWatch extends Thread {
        private final java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        private final java.util.Map<Long, Long> first = new java.util.HashMap<>();
        private final java.util.Map<Long, Long> last = new java.util.HashMap<>();
        private final java.util.Map<Long, String> names = new java.util.HashMap<>();
        /** Bytes each thread allocated, at its first and latest sample (HotSpot's per-thread counter). */
        private final java.util.Map<Long, Long> allocFirst = new java.util.HashMap<>();
        private final java.util.Map<Long, Long> allocLast = new java.util.HashMap<>();
        private volatile boolean running = true;

        /** The JVM's own threads (JIT compilers, GC, VM thread) by name, read from /proc at start: CPU seconds. */
        private final java.util.Map<String, Double> nativeFirst;

        ThreadCpuWatch() {
            super("thread-cpu-watch");
            setDaemon(true);
            sample();
            last.forEach(first::put);
            allocLast.forEach(allocFirst::put);
            nativeFirst = jvmThreads();
        }

        /**
         * CPU seconds of the JVM's non-Java threads, grouped ("C2 CompilerThread", "GC Thread", "G1 Conc",
         * "VM Thread", ...), from /proc/self/task on Linux; empty elsewhere. Those threads live as long as
         * the JVM, so a reading at the start and one at the end of the cycle are enough.
         */
        static java.util.Map<String, Double> jvmThreads() {
            java.util.Map<String, Double> out = new java.util.TreeMap<>();
            java.io.File[] tasks = new java.io.File("/proc/self/task").listFiles();
            if (tasks == null) {
                return out;
            }
            double tick = 100.0; // USER_HZ
            for (java.io.File t : tasks) {
                try {
                    String comm = Files.readString(t.toPath().resolve("comm")).trim();
                    String group = comm.startsWith("C2 Compiler") ? "C2 compiler" : comm.startsWith("C1 Compiler") ? "C1 compiler"
                            : comm.startsWith("GC Thread") || comm.startsWith("G1 ") ? "GC" : comm.equals("VM Thread") ? "VM thread"
                            : null;
                    if (group == null) {
                        continue;
                    }
                    String stat = Files.readString(t.toPath().resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    double secs = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / tick;
                    out.merge(group, secs, Double::sum);
                } catch (IOException | RuntimeException e) {
                    // a thread that ended meanwhile
                }
            }
            return out;
        }

        /** Poll threads (they live for one cycle) by task id: {run-queue wait at first sight, latest}, in ns. */
        private final java.util.Map<String, long[]> pollWaits = new java.util.HashMap<>();
        private final java.util.Map<String, Boolean> isPoll = new java.util.HashMap<>();
        private boolean firstSample = true;

        /**
         * How long the poll threads were runnable but waiting for a CPU, from /proc/self/task/N/schedstat
         * (its second field), read on every sample since the threads end with their cycle.
         */
        private void samplePollWaits() {
            java.io.File[] tasks = new java.io.File("/proc/self/task").listFiles();
            if (tasks == null) {
                return;
            }
            for (java.io.File t : tasks) {
                try {
                    Boolean poll = isPoll.get(t.getName());
                    if (poll == null) {
                        // a task's name is read once: the thread keeps it for its life
                        poll = Files.readString(t.toPath().resolve("comm")).startsWith("trendpress-pol");
                        isPoll.put(t.getName(), poll);
                    }
                    if (!poll) {
                        continue;
                    }
                    long wait = Long.parseLong(Files.readString(t.toPath().resolve("schedstat")).trim().split(" ")[1]);
                    long[] w = pollWaits.computeIfAbsent(t.getName(), k -> new long[] {firstSample ? wait : 0, wait});
                    w[1] = wait;
                } catch (IOException | RuntimeException e) {
                    // a thread that ended meanwhile
                }
            }
            firstSample = false;
        }

        private synchronized void sample() {
            samplePollWaits();
            for (java.lang.management.ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
                if (info == null) {
                    continue;
                }
                long t = mx.getThreadCpuTime(info.getThreadId());
                if (t >= 0) {
                    last.put(info.getThreadId(), t);
                    names.putIfAbsent(info.getThreadId(), info.getThreadName());
                }
                if (mx instanceof com.sun.management.ThreadMXBean hs) {
                    long a = hs.getThreadAllocatedBytes(info.getThreadId());
                    if (a >= 0) {
                        allocLast.put(info.getThreadId(), a);
                    }
                }
            }
        }

        @Override
        public void run() {
            while (running) {
                sample();
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        /**
         * Bytes the poll threads and all Java threads allocated during the phase, as of the last sample
         * (a thread ending between samples loses at most 100 ms of its count); {@code {-1, -1}} when the
         * JVM does not count them. Unlike CPU time, this does not move with the machine's load.
         */
        synchronized long[] allocated() {
            if (allocLast.isEmpty()) {
                return new long[] {-1, -1};
            }
            long poll = 0;
            long all = 0;
            for (java.util.Map.Entry<Long, Long> e : allocLast.entrySet()) {
                long a = e.getValue() - allocFirst.getOrDefault(e.getKey(), 0L);
                all += a;
                if (names.getOrDefault(e.getKey(), "").startsWith("trendpress-poll")) {
                    poll += a;
                }
            }
            return new long[] {poll, all};
        }

        synchronized String stopAndDescribe(double processSeconds) {
            running = false;
            sample();
            java.util.Map<String, Double> groups = new java.util.TreeMap<>();
            double javaThreads = 0;
            for (java.util.Map.Entry<Long, Long> e : last.entrySet()) {
                double s = (e.getValue() - first.getOrDefault(e.getKey(), 0L)) / 1e9;
                javaThreads += s;
                groups.merge(names.get(e.getKey()).replaceAll("\\d+", "N").replaceAll(" /.*", ""), s, Double::sum);
            }
            StringBuilder b = new StringBuilder();
            groups.entrySet().stream().filter(e -> e.getValue() >= 0.05)
                    .sorted(java.util.Map.Entry.<String, Double>comparingByValue().reversed())
                    .forEach(e -> b.append(String.format(java.util.Locale.ROOT, "%s %.1f s; ", e.getKey(), e.getValue())));
            b.append(String.format(java.util.Locale.ROOT, "GC, JIT and other JVM threads %.1f s",
                    Math.max(0, processSeconds - javaThreads)));
            java.util.Map<String, Double> nativeLast = jvmThreads();
            if (!nativeLast.isEmpty()) {
                b.append(" (");
                b.append(nativeLast.entrySet().stream().map(e -> String.format(java.util.Locale.ROOT, "%s %.1f s", e.getKey(),
                        e.getValue() - nativeFirst.getOrDefault(e.getKey(), 0.0))).collect(java.util.stream.Collectors.joining("; ")));
                b.append(")");
            }
            if (!pollWaits.isEmpty()) {
                double waited = pollWaits.values().stream().mapToLong(w -> w[1] - w[0]).sum() / 1e9;
                b.append(String.format(java.util.Locale.ROOT, "; the poll threads waited %.1f s for a CPU", waited));
            }
            return b.toString();
        }
    }

}
