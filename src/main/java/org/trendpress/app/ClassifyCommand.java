package org.trendpress.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.trendpress.classify.Classifier;
import org.trendpress.classify.SharedCorpus;
import org.trendpress.classify.Training;
import org.trendpress.store.Database;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "classify", mixinStandardHelpOptions = true,
        description = {"Retrain the kind and topic models from the labelled data and editors' corrections (--train),",
                "or print their figures on the held-out split (--eval). Both need ../shared/data."})
final class ClassifyCommand implements Callable<Integer> {

    @ParentCommand
    Trendpress parent;

    static final class Mode {
        @Option(names = "--train", required = true, description = "retrain (deterministic) and write the model files")
        boolean train;

        @Option(names = "--eval", required = true, description = "accuracy, per-class P/R/F1 and confusion matrix on the held-out split")
        boolean eval;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Mode mode;

    @Option(names = "--out", paramLabel = "DIR", description = "where --train writes kind-v1.bin and topic-v2.bin (default: ${DEFAULT-VALUE})")
    Path out = Path.of("src/main/resources/model");

    @Option(names = "--model", paramLabel = "DIR", description = "evaluate the models in DIR instead of the configured ones")
    Path model;

    @Option(names = "--data", paramLabel = "DIR", description = "the shared data folder (default: setting trendpress.classify.data-dir)")
    Path data;

    @Override
    public Integer call() {
        Settings settings = parent.settings(Map.of());
        PrintWriter stdout = parent.spec.commandLine().getOut();
        Path root = data != null ? data : settings.path("trendpress.classify.data-dir");
        if (!SharedCorpus.available(root)) {
            parent.spec.commandLine().getErr().println("trendpress: training data not found at "
                    + root.toAbsolutePath().normalize() + " (classify needs ../shared/data)");
            return 2;
        }
        try (Database db = Database.open(settings.get("trendpress.db.url"), settings.get("trendpress.db.user"),
                settings.get("trendpress.db.password"))) {
            if (mode.train) {
                Training.train(root, db.jdbi(), out, stdout);
                return 0;
            }
            Path dir = model != null ? model : settings.get("trendpress.classify.model-dir").isBlank() ? null
                    : settings.path("trendpress.classify.model-dir");
            Classifier c = dir == null ? Classifier.bundled() : Classifier.fromDirectory(dir);
            Training.evaluate(root, db.jdbi(), c, stdout);
            return 0;
        }
    }
}
