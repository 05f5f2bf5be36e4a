package org.trendpress.classify;

import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one table from arXiv categories to the Topic taxonomy. It gives the topic labels the topic
 * model is trained on and, at run time, the topics of every arXiv item (source {@code arxiv}).
 *
 * <pre>
 * category                               topic              note
 * cs.CV, eess.IV, cs.GR                  vision
 * cs.CL                                  language
 * cs.SD, eess.AS                         speech-audio
 * cs.MM                                  multimodal
 * cs.RO, cs.MA, cs.SY, eess.SY           rl-robotics        multi-agent and control go with RL
 * cs.IR                                  recsys-ir
 * cs.SI                                  graph-ml           social and information networks
 * cs.CR                                  safety-security
 * cs.CY, cs.HC, physics.soc-ph, econ.GN  society
 * q-bio.*, physics.*, astro-ph*, cond-mat.*, quant-ph, hep-*, gr-qc, nucl-*, math-ph, nlin.*,
 * cs.CE, eess.SP                         science-health     science and engineering applications
 * cs.LG, stat.ML, cs.AI, cs.NE, math.OC  core-ml            GENERIC: only when no other category
 *                                                           of the paper gives a specific topic
 * cs.SE, cs.PL, cs.DS, cs.DC, cs.AR, cs.DB, cs.IT, math.IT, cs.NI, cs.PF, cs.ET, cs.GT, cs.DM,
 * cs.CG, cs.CC, cs.LO, cs.FL, cs.DL, cs.SC, cs.NA, cs.OS, cs.OH, cs.GL, cs.MS, math.* (others),
 * stat.ME, stat.TH, stat.AP, stat.CO, math.ST, econ.EM, econ.TH, q-fin.*
 *                                        (none)             outside the AI taxonomy: a paper with
 *                                                           only these categories gets its topics
 *                                                           from the model instead
 * </pre>
 *
 * Refinements of the table (applied by {@link #topics(Collection, String, String)}, both to
 * training labels and to arXiv items at run time), because arXiv has no category for two of
 * the taxonomy's topics and files them under the generic cs.LG:
 * <ul>
 *   <li>a paper with only generic categories whose title names reinforcement learning or
 *       robots ({@link #RL_TITLE}), or whose abstract says "reinforcement learning" at least
 *       twice, is rl-robotics instead of core-ml;</li>
 *   <li>a paper with only generic categories whose title names graph neural networks or graph
 *       learning ({@link #GRAPH_TITLE}) is graph-ml instead of core-ml;</li>
 *   <li>a paper that is both vision and language (cs.CV with cs.CL), or whose title says
 *       multimodal, vision-language or text-to-image/video ({@link #MULTIMODAL_TITLE}) and has a
 *       topic from its categories, is multimodal too.</li>
 * </ul>
 *
 * ACM and MSC class codes (I.2.6, 68T05), which some data sets mix into category lists, are not
 * arXiv categories and are ignored. Unknown categories are ignored too ({@link #known}).
 */
public final class ArxivCategories {

    static final java.util.regex.Pattern RL_TITLE = java.util.regex.Pattern.compile(
            "reinforcement[ -]learning|\\brl\\b|policy (gradient|optimi[sz]ation)|q-learning|\\brobot|markov decision",
            java.util.regex.Pattern.CASE_INSENSITIVE);
    static final java.util.regex.Pattern GRAPH_TITLE = java.util.regex.Pattern.compile(
            "graph neural|\\bgnns?\\b|graph (representation|convolution|learning|attention|transformer)|node classification|link prediction",
            java.util.regex.Pattern.CASE_INSENSITIVE);
    static final java.util.regex.Pattern MULTIMODAL_TITLE = java.util.regex.Pattern.compile(
            "multi-?modal|vision[- ]language|text-to-(image|video)|image-text|visual question|audio-visual",
            java.util.regex.Pattern.CASE_INSENSITIVE);
    private static final java.util.regex.Pattern RL_PHRASE = java.util.regex.Pattern.compile(
            "reinforcement[ -]learning", java.util.regex.Pattern.CASE_INSENSITIVE);

    private static final Set<String> GENERIC = Set.of("cs.lg", "stat.ml", "cs.ai", "cs.ne", "math.oc");

    private static final Map<String, Topic> EXACT = new LinkedHashMap<>();
    /** Categories known to lie outside the taxonomy (documented "none" rows of the table). */
    private static final Set<String> NONE = Set.of("cs.se", "cs.pl", "cs.ds", "cs.dc", "cs.ar", "cs.db", "cs.it",
            "math.it", "cs.ni", "cs.pf", "cs.et", "cs.gt", "cs.dm", "cs.cg", "cs.cc", "cs.lo", "cs.fl", "cs.dl",
            "cs.sc", "cs.na", "cs.os", "cs.oh", "cs.gl", "cs.ms", "stat.me", "stat.th", "stat.ap", "stat.co", "stat.ot",
            "math.st", "econ.em", "econ.th");
    private static final Map<String, Topic> ARCHIVE = new LinkedHashMap<>();

    static {
        put(Topic.VISION, "cs.CV", "eess.IV", "cs.GR");
        put(Topic.LANGUAGE, "cs.CL");
        put(Topic.SPEECH_AUDIO, "cs.SD", "eess.AS");
        put(Topic.MULTIMODAL, "cs.MM");
        put(Topic.RL_ROBOTICS, "cs.RO", "cs.MA", "cs.SY", "eess.SY");
        put(Topic.RECSYS_IR, "cs.IR");
        put(Topic.GRAPH_ML, "cs.SI");
        put(Topic.SAFETY_SECURITY, "cs.CR");
        put(Topic.SOCIETY, "cs.CY", "cs.HC", "physics.soc-ph", "econ.GN");
        put(Topic.SCIENCE_HEALTH, "cs.CE", "eess.SP", "quant-ph", "gr-qc", "math-ph");
        put(Topic.CORE_ML, GENERIC.toArray(String[]::new));
        for (String a : new String[] {"q-bio", "physics", "astro-ph", "cond-mat", "hep-ex", "hep-lat", "hep-ph",
                "hep-th", "nucl-ex", "nucl-th", "nlin"}) {
            ARCHIVE.put(a, Topic.SCIENCE_HEALTH);
        }
    }

    private ArxivCategories() {}

    private static void put(Topic t, String... cats) {
        for (String c : cats) {
            EXACT.put(c.toLowerCase(Locale.ROOT), t);
        }
    }

    /** The topic one category names, empty for categories outside the taxonomy or unknown. */
    public static Optional<Topic> topic(String category) {
        String c = clean(category);
        if (c.isEmpty() || NONE.contains(c)) {
            return Optional.empty();
        }
        Topic t = EXACT.get(c);
        if (t != null) {
            return Optional.of(t);
        }
        int dot = c.indexOf('.');
        String archive = dot < 0 ? c : c.substring(0, dot);
        return Optional.ofNullable(ARCHIVE.get(archive));
    }

    /** Whether the table has a row for this category (a topic or a documented "none"). */
    public static boolean known(String category) {
        String c = clean(category);
        if (NONE.contains(c) || EXACT.containsKey(c)) {
            return true;
        }
        int dot = c.indexOf('.');
        String archive = dot < 0 ? c : c.substring(0, dot);
        return ARCHIVE.containsKey(archive) || c.startsWith("math.") || c.startsWith("q-fin.")
                || c.startsWith("econ.");
    }

    /**
     * The topics of a paper with these categories: every specific topic they name, and core-ml
     * only when none is specific. Empty when no category maps onto the taxonomy.
     */
    public static Set<Topic> topics(Collection<String> categories) {
        EnumSet<Topic> specific = EnumSet.noneOf(Topic.class);
        boolean generic = false;
        for (String c : categories == null ? Set.<String>of() : categories) {
            if (GENERIC.contains(clean(c))) {
                generic = true;
                continue;
            }
            topic(c).ifPresent(specific::add);
        }
        if (specific.isEmpty() && generic) {
            specific.add(Topic.CORE_ML);
        }
        return specific;
    }

    /**
     * The topics of a paper with these categories, title and abstract: {@link #topics(Collection)}
     * with the refinements for RL, graph learning and multimodal work described above.
     */
    public static Set<Topic> topics(Collection<String> categories, String title, String summary) {
        Set<Topic> base = topics(categories);
        if (base.isEmpty()) {
            return base;
        }
        EnumSet<Topic> out = EnumSet.copyOf(base);
        String t = title == null ? "" : title;
        if (out.equals(EnumSet.of(Topic.CORE_ML))) {
            if (RL_TITLE.matcher(t).find() || count(RL_PHRASE, summary) >= 2) {
                out = EnumSet.of(Topic.RL_ROBOTICS);
            } else if (GRAPH_TITLE.matcher(t).find()) {
                out = EnumSet.of(Topic.GRAPH_ML);
            }
        }
        if (out.contains(Topic.VISION) && out.contains(Topic.LANGUAGE) || MULTIMODAL_TITLE.matcher(t).find()) {
            out.add(Topic.MULTIMODAL);
        }
        return out;
    }

    private static int count(java.util.regex.Pattern p, String s) {
        if (s == null || s.isEmpty()) {
            return 0;
        }
        int n = 0;
        java.util.regex.Matcher m = p.matcher(s);
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static String clean(String category) {
        if (category == null) {
            return "";
        }
        return category.strip().toLowerCase(Locale.ROOT);
    }
}
