package org.trendpress.classify;

/**
 * Which of up to 32 fixed phrases occur in a text, in one pass over its characters: an
 * Aho-Corasick automaton compiled to a transition table. The answer is exactly
 * {@code text.contains(phrase)} for each phrase (overlapping phrases, one inside another, a phrase
 * straddling the two parts of {@link #find(String, char, String)} included); it replaces one
 * {@code contains} per phrase over a summary of up to 2,000 characters.
 *
 * <p>Phrases are made of the characters {@code a-z}, space and {@code -}; every other character
 * sends the automaton back to its start.
 */
final class PhraseScan {

    private static final int OTHER = 28;
    private static final int CLASSES = 29;
    private static final byte[] CLASS = new byte[128];

    static {
        java.util.Arrays.fill(CLASS, (byte) OTHER);
        for (char c = 'a'; c <= 'z'; c++) {
            CLASS[c] = (byte) (c - 'a');
        }
        CLASS[' '] = 26;
        CLASS['-'] = 27;
    }

    /**
     * Indexed by a state's row ({@code state * CLASSES}) plus the class of the next character: the
     * next state's row, with {@link #ENDS} set when a phrase ends in it. Rows, not state numbers,
     * so that a step is one add and one load.
     */
    private final char[] next;
    /** per state: the phrases (bits, in the order given) that end here. */
    private final int[] found;
    private static final int ENDS = 0x8000;

    PhraseScan(String... phrases) {
        if (phrases.length > 32) {
            throw new IllegalArgumentException("at most 32 phrases, not " + phrases.length);
        }
        int capacity = 1;
        for (String p : phrases) {
            if (p.isEmpty()) {
                throw new IllegalArgumentException("an empty phrase");
            }
            for (int i = 0; i < p.length(); i++) {
                if (classOf(p.charAt(i)) == OTHER) {
                    throw new IllegalArgumentException("phrase \"" + p + "\" has a character outside a-z, space and -");
                }
            }
            capacity += p.length();
        }
        // the trie: goTo[state * CLASSES + class], -1 where it has no edge
        int[] goTo = new int[capacity * CLASSES];
        java.util.Arrays.fill(goTo, -1);
        int[] out = new int[capacity];
        int states = 1;
        for (int k = 0; k < phrases.length; k++) {
            int s = 0;
            for (int i = 0; i < phrases[k].length(); i++) {
                int at = s * CLASSES + classOf(phrases[k].charAt(i));
                if (goTo[at] < 0) {
                    goTo[at] = states++;
                }
                s = goTo[at];
            }
            out[s] |= 1 << k;
        }
        if ((long) states * CLASSES >= ENDS) {
            throw new IllegalArgumentException("phrases too long");
        }
        // breadth first: each state's failure link, and its missing edges taken from that state's
        char[] delta = new char[states * CLASSES];
        int[] fail = new int[states];
        int[] queue = new int[states];
        int head = 0;
        int tail = 0;
        for (int c = 0; c < CLASSES; c++) {
            int t = goTo[c];
            if (t > 0) {
                delta[c] = (char) t;
                fail[t] = 0;
                queue[tail++] = t;
            }
        }
        while (head < tail) {
            int s = queue[head++];
            out[s] |= out[fail[s]];
            for (int c = 0; c < CLASSES; c++) {
                int t = goTo[s * CLASSES + c];
                if (t > 0) {
                    delta[s * CLASSES + c] = (char) t;
                    fail[t] = delta[fail[s] * CLASSES + c];
                    queue[tail++] = t;
                } else {
                    delta[s * CLASSES + c] = delta[fail[s] * CLASSES + c];
                }
            }
        }
        // as rows, flagged where a phrase ends
        for (int i = 0; i < delta.length; i++) {
            int t = delta[i];
            delta[i] = (char) (t * CLASSES | (out[t] != 0 ? ENDS : 0));
        }
        this.next = delta;
        this.found = java.util.Arrays.copyOf(out, states);
    }

    /** The phrases found in {@code text}: bit k set when phrase k occurs. */
    int find(String text) {
        return (int) (scan(text, 0, 0) >>> 32);
    }

    /** The phrases found in {@code first + between + second}, without joining them. */
    int find(String first, char between, String second) {
        long rowAndMask = scan(first, 0, 0);
        int row = (int) rowAndMask;
        int mask = (int) (rowAndMask >>> 32);
        int step = next[row + classOf(between)];
        row = step & ~ENDS;
        if (step >= ENDS) {
            mask |= found[row / CLASSES];
        }
        return (int) (scan(second, row, mask) >>> 32);
    }

    /** Runs the automaton over {@code text} from {@code row}: the phrases found (high half) and the row reached. */
    private long scan(String text, int row, int mask) {
        for (int i = 0; i < text.length(); i++) {
            int step = next[row + classOf(text.charAt(i))];
            row = step & ~ENDS;
            if (step >= ENDS) {
                mask |= found[row / CLASSES];
            }
        }
        return (long) mask << 32 | row;
    }

    private static int classOf(char c) {
        return c < 128 ? CLASS[c] : OTHER;
    }
}
