package org.trendpress.classify;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.jdbi.v3.core.Jdbi;

/** What {@code trendpress classify} does: retrain from shared data plus corrections, or evaluate. */
public final class Training {

    private Training() {}

    /**
     * Trains on the training part of the shared data plus every correction in {@code jdbi} (may be
     * null), and writes {@link Classifier#KIND_FILE} and {@link Classifier#TOPIC_FILE} to {@code out}.
     */
    public static Trainer.Models train(Path dataRoot, Jdbi jdbi, Path out, PrintWriter log) {
        List<LabeledExample> corpus = SharedCorpus.load(dataRoot);
        List<LabeledExample> corrections = jdbi == null ? List.of() : new Corrections(jdbi).examples();
        Split.Parts parts = Split.of(corpus, corrections);
        Trainer.Models models = new Trainer().train(parts.train());
        try {
            Files.createDirectories(out);
            Files.write(out.resolve(Classifier.KIND_FILE), models.kind());
            Files.write(out.resolve(Classifier.TOPIC_FILE), models.topic());
        } catch (IOException e) {
            throw new ClassifyException("cannot write models to " + out + ": " + e.getMessage(), e);
        }
        log.printf(Locale.ROOT, "trained on %d examples (%d corrections; %d held out): kind %d examples, topics %d%n",
                parts.train().size(), corrections.size(), parts.heldOut().size(), models.kindExamples(),
                models.topicExamples());
        Classifier c = Classifier.of(models.kind(), models.topic());
        log.printf(Locale.ROOT, "thresholds (chosen on a validation part of the training data): %s%n", c.describeThresholds());
        log.printf(Locale.ROOT, "wrote %s (%d bytes) and %s (%d bytes)%n", out.resolve(Classifier.KIND_FILE),
                models.kind().length, out.resolve(Classifier.TOPIC_FILE), models.topic().length);
        return models;
    }

    /**
     * Evaluates a classifier on the held-out part of the shared data (the target figures), then
     * prints the topic model's cross-validated figure beside it ({@link Evaluation#topicCrossValidation}).
     */
    public static Evaluation.Summary evaluate(Path dataRoot, Jdbi jdbi, Classifier classifier, PrintWriter out) {
        List<LabeledExample> corpus = SharedCorpus.load(dataRoot);
        List<LabeledExample> corrections = jdbi == null ? List.of() : new Corrections(jdbi).examples();
        Split.Parts parts = Split.of(corpus, corrections);
        Evaluation.Summary s = Evaluation.run(classifier, parts.heldOut(), out);
        out.println();
        out.printf(Locale.ROOT, "== topics, %d-fold cross-validation of the training procedure (beside the held-out figure, not instead of it) ==%n",
                Evaluation.FOLDS);
        out.flush();
        List<LabeledExample> all = new java.util.ArrayList<>(parts.train());
        all.addAll(parts.heldOut());
        double cv = Evaluation.topicCrossValidation(all, out);
        return new Evaluation.Summary(s.kindAccuracy(), s.newsVsResearchAccuracy(), s.researchRecall(), s.realItems(),
                s.topicMacroF1(), s.arxivItems(), cv);
    }
}
