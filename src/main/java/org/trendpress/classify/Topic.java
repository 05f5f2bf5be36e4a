package org.trendpress.classify;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** One label of the topic taxonomy (DESIGN.md). {@link #code()} is what the database stores. */
public enum Topic {
    VISION("vision", "Computer vision"),
    LANGUAGE("language", "Language"),
    SPEECH_AUDIO("speech-audio", "Speech and audio"),
    MULTIMODAL("multimodal", "Multimodal"),
    RL_ROBOTICS("rl-robotics", "RL and robotics"),
    CORE_ML("core-ml", "Core ML"),
    RECSYS_IR("recsys-ir", "Recommender and IR"),
    GRAPH_ML("graph-ml", "Graph ML"),
    SCIENCE_HEALTH("science-health", "AI for science and health"),
    SAFETY_SECURITY("safety-security", "Safety and security"),
    SOCIETY("society", "AI and society");

    private final String code;
    private final String label;

    Topic(String code, String label) {
        this.code = code;
        this.label = label;
    }

    public String code() {
        return code;
    }

    public String label() {
        return label;
    }

    public static Optional<Topic> fromCode(String code) {
        String c = code == null ? "" : code.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.code.equals(c)).findFirst();
    }
}
