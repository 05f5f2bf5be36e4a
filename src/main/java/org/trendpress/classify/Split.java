package org.trendpress.classify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The one rule that holds examples out of training: an example is held out when the SHA-256 of
 * its normalised title falls in one of {@link #BUCKETS} buckets ({@link #HELD_OUT} of them). The
 * same work seen twice (a feed polled at two dates) has the same title, so both copies land on
 * the same side. Editors' corrections are always trained on; a held-out example whose title a
 * correction names is dropped from evaluation, so evaluation never sees a trained text.
 */
public final class Split {

    static final int BUCKETS = 5;
    static final int HELD_OUT = 1;

    /** Training and held-out examples. */
    public record Parts(List<LabeledExample> train, List<LabeledExample> heldOut) {}

    private Split() {}

    /** Normalised title: lower-case letters and digits separated by single spaces. */
    public static String key(String title) {
        String t = Normalizer.normalize(title == null ? "" : title, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return t.replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }

    static int hash(String title) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key(title).getBytes(StandardCharsets.UTF_8));
            return ((d[0] & 0xff) << 8) | (d[1] & 0xff);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The title's bucket, 0 to {@link #BUCKETS} - 1: bucket 0 is held out; cross-validation uses each bucket as a fold. */
    static int bucket(String title) {
        return hash(title) % BUCKETS;
    }

    /** Whether an example with this title is held out of training. */
    public static boolean heldOut(String title) {
        return bucket(title) < HELD_OUT;
    }

    /** Splits the corpus; corrections all go to training and win over a corpus example with their title. */
    public static Parts of(List<LabeledExample> corpus, List<LabeledExample> corrections) {
        Set<String> corrected = new HashSet<>();
        corrections.forEach(c -> corrected.add(key(c.features().title())));
        List<LabeledExample> train = new ArrayList<>(corrections);
        List<LabeledExample> held = new ArrayList<>();
        for (LabeledExample e : corpus) {
            String k = key(e.features().title());
            if (corrected.contains(k)) {
                continue;
            }
            (heldOut(e.features().title()) ? held : train).add(e);
        }
        return new Parts(List.copyOf(train), List.copyOf(held));
    }
}
