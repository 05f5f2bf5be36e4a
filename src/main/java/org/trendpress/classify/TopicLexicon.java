package org.trendpress.classify;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Our own table of domain words per Topic, written from what each field calls its work (not
 * learnt from, nor tuned on, the evaluation data). The topic model reads it as extra features:
 * {@code x:<topic>} when the title or summary names at least one term of the topic,
 * {@code x2:<topic>} when they name at least {@link #MANY} distinct terms, and
 * {@code xt:<topic>} when the title names one. The model learns how much each is worth; for a
 * topic with a handful of training examples the lexicon is what lets it generalise beyond the
 * exact words of those examples. A term is one to three words (matched as consecutive
 * tokens of {@link Features#tokens}); a trailing "s" is tried off a word that is not in the table.
 *
 * <pre>
 * topic            terms (abridged; the full table is {@link #TABLE})
 * vision           image, video, visual, pixel, segmentation, object detection, camera, point cloud, ...
 * language         language model, llm, nlp, translation, question answering, text, token, ...
 * speech-audio     speech, asr, tts, audio, acoustic, speaker, voice, music, sound, ...
 * multimodal       multimodal, vision-language, image-text, text-to-image, captioning, vqa, clip, ...
 * rl-robotics      reinforcement learning, policy, reward, robot, manipulation, locomotion, mdp, ...
 * core-ml          optimization, gradient, convergence, generalization, regularization, kernel, ...
 * recsys-ir        recommendation, recommender, retrieval, ranking, search engine, click-through, ...
 * graph-ml         graph, gnn, node, message passing, knowledge graph, link prediction, molecule, ...
 * science-health   medical, clinical, patient, disease, protein, chemistry, physics, climate, ...
 * safety-security  adversarial, attack, privacy, backdoor, poisoning, jailbreak, malware, safety, ...
 * society          fairness, ethics, social, society, user study, participants, education, legal, ...
 * </pre>
 */
final class TopicLexicon {

    /** Distinct terms of one topic that make the strong feature {@code x2:}. */
    static final int MANY = 3;

    /** The table: topic, then its terms (one word, or two words separated by a space). */
    static final Map<Topic, String[]> TABLE = new EnumMap<>(Topic.class);

    static {
        TABLE.put(Topic.VISION, new String[] {"image", "video", "visual", "vision", "pixel", "segmentation",
            "object detection", "detector", "camera", "point cloud", "depth estimation", "optical flow",
            "pose estimation", "super resolution", "convolutional", "cnn", "vit", "rgb", "lidar", "scene",
            "face recognition", "person re", "tracking", "3d", "inpainting", "denoising", "photo", "stereo",
            "semantic segmentation", "instance segmentation", "image classification", "imagenet", "coco",
            "diffusion", "rendering", "nerf", "gaussian splatting", "remote sensing", "satellite"});
        TABLE.put(Topic.LANGUAGE, new String[] {"language model", "language models", "llm", "nlp",
            "natural language", "translation", "machine translation", "question answering", "text", "textual",
            "token", "tokens", "sentence", "word", "words", "sentiment", "summarization", "dialogue", "dialog",
            "corpus", "bert", "gpt", "prompt", "prompting", "linguistic", "named entity", "parsing",
            "word embedding", "reasoning", "chatbot", "instruction tuning", "in context", "chain of thought",
            "syntactic", "semantic parsing", "multilingual", "language"});
        TABLE.put(Topic.SPEECH_AUDIO, new String[] {"speech", "asr", "tts", "text to speech", "audio", "acoustic",
            "speaker", "voice", "spoken", "music", "sound", "prosody", "phoneme", "waveform", "spectrogram",
            "speech recognition", "speech synthesis", "vocoder", "singing", "utterance", "hearing"});
        TABLE.put(Topic.MULTIMODAL, new String[] {"multimodal", "multi modal", "vision language", "image text",
            "text to image", "text to video", "captioning", "caption", "visual question", "vqa", "clip",
            "cross modal", "audio visual", "vlm", "vlms", "mllm", "mllms", "modalities", "modality",
            "grounding", "text image", "vision and language"});
        TABLE.put(Topic.RL_ROBOTICS, new String[] {"reinforcement learning", "reinforcement", "policy", "policies",
            "reward", "robot", "robots", "robotic", "robotics", "manipulation", "grasp", "grasping",
            "locomotion", "navigation", "mdp", "markov decision", "actor critic", "trajectory",
            "multi agent", "embodied", "bandit", "exploration", "controller", "control", "autonomous driving",
            "q learning", "imitation learning", "planning", "agent", "agents", "sim to"});
        TABLE.put(Topic.CORE_ML, new String[] {"optimization", "optimisation", "gradient", "convergence",
            "generalization", "regularization", "kernel", "bayesian", "variational", "stochastic", "theoretical",
            "theorem", "bound", "bounds", "loss", "neural network", "neural networks", "deep learning",
            "training", "overfitting", "sgd", "hyperparameter", "inference", "probabilistic", "sparse",
            "matrix", "clustering", "classification", "regression", "unsupervised", "self supervised",
            "semi supervised", "representation learning", "transfer learning", "meta learning",
            "continual learning", "federated", "pruning", "quantization", "distillation"});
        TABLE.put(Topic.RECSYS_IR, new String[] {"recommendation", "recommendations", "recommender", "retrieval",
            "ranking", "search engine", "collaborative filtering", "click through", "ctr", "user preference",
            "query", "queries", "information retrieval", "retrieval augmented", "rag", "documents", "search",
            "item", "items", "users", "e commerce", "relevance", "dense retrieval", "reranking", "re ranking"});
        TABLE.put(Topic.GRAPH_ML, new String[] {"graph", "graphs", "gnn", "gnns", "node", "nodes", "edge", "edges",
            "message passing", "knowledge graph", "link prediction", "node classification", "molecule",
            "molecular", "network embedding", "social network", "community detection", "graph neural",
            "heterogeneous graph", "subgraph", "topology", "relational"});
        TABLE.put(Topic.SCIENCE_HEALTH, new String[] {"medical", "clinical", "patient", "patients", "health",
            "healthcare", "disease", "diagnosis", "drug", "protein", "proteins", "chemistry", "chemical",
            "physics", "physical", "biology", "biological", "genomic", "gene", "genes", "mri", "ct",
            "radiology", "cancer", "tumor", "ecg", "eeg", "brain", "climate", "weather", "materials",
            "quantum", "molecular", "molecule", "cell", "cells", "pathology", "scientific", "pde", "fluid", "simulation",
            "astronomy", "particle", "signal", "signals", "sensor", "sensors", "energy", "power"});
        TABLE.put(Topic.SAFETY_SECURITY, new String[] {"adversarial", "attack", "attacks", "attacker", "privacy",
            "differential privacy", "backdoor", "poisoning", "jailbreak", "security", "secure", "malware",
            "intrusion", "alignment", "safety", "safe", "red teaming", "watermark", "watermarking",
            "membership inference", "robustness", "threat", "defense", "defence", "vulnerability",
            "vulnerabilities", "fraud", "anomaly", "encryption", "cryptographic", "harmful", "misuse"});
        TABLE.put(Topic.SOCIETY, new String[] {"fairness", "fair", "bias", "biases", "ethics", "ethical", "social",
            "society", "societal", "user study", "participants", "education", "students", "legal", "law",
            "policy makers", "economic", "misinformation", "crowdsourcing", "human computer", "interaction",
            "interview", "survey", "public", "discrimination", "gender", "accessibility", "people", "humans",
            "human", "trust", "news", "political", "community", "workers", "interface"});
    }

    /**
     * The table as a word trie: a term's first word, then its next words. A node that ends a term
     * has an id (for counting distinct terms) and the term's topics. A one-word term also answers
     * to its plural ("+s", for words of at least 3 letters) unless that is a term of its own.
     */
    private static final class Node {
        int id = -1;
        Topic[] topics;
        Map<String, Node> next;
    }

    private static final Map<String, Node> ROOT = new HashMap<>();

    /** Every word of every term (the keys of every level), for {@link Features.Vocabulary}. */
    static java.util.Set<String> words() {
        java.util.Set<String> out = new java.util.HashSet<>();
        java.util.ArrayDeque<Map<String, Node>> todo = new java.util.ArrayDeque<>();
        todo.add(ROOT);
        while (!todo.isEmpty()) {
            for (Map.Entry<String, Node> e : todo.poll().entrySet()) {
                out.add(e.getKey());
                if (e.getValue().next != null) {
                    todo.add(e.getValue().next);
                }
            }
        }
        return out;
    }
    private static int ids;
    private static final String[] X = new String[Topic.values().length];
    private static final String[] X2 = new String[Topic.values().length];
    private static final String[] XT = new String[Topic.values().length];

    static {
        for (Map.Entry<Topic, String[]> e : TABLE.entrySet()) {
            for (String term : e.getValue()) {
                String[] words = Features.tokens(term.toLowerCase(Locale.ROOT));
                Map<String, Node> level = ROOT;
                Node n = null;
                for (int i = 0; i < words.length; i++) {
                    n = level.computeIfAbsent(words[i], w -> new Node());
                    if (i + 1 < words.length) {
                        if (n.next == null) {
                            n.next = new HashMap<>();
                        }
                        level = n.next;
                    }
                }
                end(n, e.getKey());
            }
        }
        List<Map.Entry<String, Node>> singles = new ArrayList<>(ROOT.entrySet());
        singles.sort(Map.Entry.comparingByKey());
        for (Map.Entry<String, Node> e : singles) {
            String plural = e.getKey() + "s";
            if (e.getValue().id >= 0 && plural.length() > 3 && !ROOT.containsKey(plural)) {
                Node alias = new Node();
                alias.id = ids++;
                alias.topics = e.getValue().topics;
                ROOT.put(plural, alias);
            }
        }
        for (Topic t : Topic.values()) {
            X[t.ordinal()] = "x:" + t.code();
            X2[t.ordinal()] = "x2:" + t.code();
            XT[t.ordinal()] = "xt:" + t.code();
        }
    }

    private static void end(Node n, Topic topic) {
        if (n.id < 0) {
            n.id = ids++;
            n.topics = new Topic[] {topic};
            return;
        }
        EnumSet<Topic> s = EnumSet.of(topic);
        s.addAll(List.of(n.topics));
        n.topics = s.toArray(Topic[]::new);
    }

    private TopicLexicon() {}

    /**
     * The terms' first words by their slot in one {@link Features.Vocabulary} that holds every word
     * of the lexicon ({@link #words}): a token's slot, which the token scan finds anyway, then
     * finds its node in an array, where a look-up by the token itself hashes every token no
     * vocabulary knows (a new string) and probes a map for each. (Less work; no change to the
     * ingest bench's cycle could be measured, see bench/README.md round fifteen.)
     */
    static final class Roots {
        private final Node[] bySlot;

        private Roots(Node[] bySlot) {
            this.bySlot = bySlot;
        }
    }

    /** The first words of the terms by their slot in {@code vocabulary}, which must hold every lexicon word. */
    static Roots roots(Features.Vocabulary vocabulary) {
        Node[] bySlot = new Node[vocabulary.slots()];
        for (Map.Entry<String, Node> e : ROOT.entrySet()) {
            int slot = vocabulary.slotOf(e.getKey());
            if (slot < 0) {
                throw new IllegalArgumentException("the vocabulary lacks the lexicon word '" + e.getKey() + "'");
            }
            bySlot[slot] = e.getValue();
        }
        return new Roots(bySlot);
    }

    /**
     * Adds the lexicon features of an item's lower-cased title and summary tokens to {@code out}.
     * When {@code roots} is not null, the tokens' slots ({@code titleIds}, {@code summaryIds}: -1
     * for a token the vocabulary does not know) are given too, from the same vocabulary, and the
     * terms are found by slot; otherwise by word (the slots may then be null). The features are
     * the same.
     */
    static void add(String[] titleTokens, int[] titleIds, String[] summaryTokens, int[] summaryIds, Roots roots,
            Features.Sink out) {
        int n = Topic.values().length;
        boolean[] inTitle = new boolean[n];
        boolean[] seen = new boolean[ids];
        int[] distinct = new int[n];
        scan(titleTokens, titleIds, roots, inTitle, distinct, seen);
        scan(summaryTokens, summaryIds, roots, null, distinct, seen);
        for (int i = 0; i < n; i++) {
            if (distinct[i] > 0) {
                out.put(X[i]);
            }
            if (distinct[i] >= MANY) {
                out.put(X2[i]);
            }
            if (inTitle[i]) {
                out.put(XT[i]);
            }
        }
    }

    /** Every term that starts at each token (one to three words), without building strings. */
    private static void scan(String[] tokens, int[] slots, Roots roots, boolean[] inTitle, int[] distinct, boolean[] seen) {
        for (int i = 0; i < tokens.length; i++) {
            Node n;
            if (roots != null) {
                int slot = slots[i];
                n = slot < 0 ? null : roots.bySlot[slot]; // no slot: not a word of the lexicon
            } else {
                n = ROOT.get(tokens[i]);
            }
            for (int j = i; n != null; ) {
                hit(n, inTitle, distinct, seen);
                if (n.next == null || ++j >= tokens.length) {
                    break;
                }
                n = n.next.get(tokens[j]);
            }
        }
    }

    private static void hit(Node n, boolean[] inTitle, int[] distinct, boolean[] seen) {
        if (n.id < 0) {
            return;
        }
        if (inTitle != null) {
            for (Topic t : n.topics) {
                inTitle[t.ordinal()] = true;
            }
        }
        if (seen[n.id]) {
            return;
        }
        seen[n.id] = true;
        for (Topic t : n.topics) {
            distinct[t.ordinal()]++;
        }
    }
}
