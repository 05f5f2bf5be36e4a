package org.trendpress.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.trendpress.store.Database;
import org.trendpress.testing.SharedData;

class TrainingTest {

    @Test
    void trainingTwiceGivesByteIdenticalModels() {
        Trainer.Models a = new Trainer().train(Fixtures.examples());
        List<LabeledExample> shuffled = new ArrayList<>(Fixtures.examples());
        java.util.Collections.reverse(shuffled);
        Trainer.Models b = new Trainer().train(shuffled);
        assertThat(b.kind()).isEqualTo(a.kind());
        assertThat(b.topic()).isEqualTo(a.topic());
    }

    @Test
    void anEditorsCorrectionChangesTheRetrainedDecision() {
        String title = "Lab releases a new chat assistant for businesses";
        ItemFeatures probe = Fixtures.examples().stream().filter(e -> e.features().title().equals(title)).findFirst()
                .orElseThrow().features();
        Classifier before = classifierOf(new Trainer().train(Fixtures.examples()));
        assertThat(before.classify(probe).kind()).isEqualTo(Kind.NEWS);

        try (Database db = Database.open("jdbc:h2:mem:corr-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "")) {
            db.jdbi().useHandle(h -> {
                h.execute("INSERT INTO sources (id, type, url) VALUES ('lab', 'rss', 'http://127.0.0.1/feed')");
                h.createUpdate("INSERT INTO items (source_id, guid, guid_hash, title, summary_text, published_at,"
                                + " first_seen_at, kind) VALUES ('lab', 'g', :hash, :title, :summary, :at, :at, 'news')")
                        .bind("hash", "0".repeat(64)).bind("title", title).bind("summary", probe.summary())
                        .bind("at", OffsetDateTime.parse("2026-11-01T00:00:00Z")).execute();
                long id = h.createQuery("SELECT id FROM items").mapTo(Long.class).one();
                // an older correction to 'other', then the editor's newer word: research
                h.createUpdate("INSERT INTO corrections (item_id, target, new_value, editor, created_at)"
                                + " VALUES (:i, 'kind', 'other', 'ed', :at)")
                        .bind("i", id).bind("at", OffsetDateTime.parse("2026-11-02T00:00:00Z")).execute();
                h.createUpdate("INSERT INTO corrections (item_id, target, new_value, editor, created_at)"
                                + " VALUES (:i, 'kind', 'research', 'ed', :at)")
                        .bind("i", id).bind("at", OffsetDateTime.parse("2026-11-03T00:00:00Z")).execute();
            });
            List<LabeledExample> corrections = new Corrections(db.jdbi()).examples();
            assertThat(corrections).hasSize(Corrections.REPEAT).allSatisfy(e -> assertThat(e.kind()).isEqualTo(Kind.RESEARCH));
            Split.Parts parts = Split.of(Fixtures.examples(), corrections);
            List<LabeledExample> train = new ArrayList<>(parts.train());
            train.addAll(parts.heldOut()); // the fixture set is tiny: train on all of it
            Classifier after = classifierOf(new Trainer().train(train));
            assertThat(after.classify(probe).kind()).isEqualTo(Kind.RESEARCH);
        }
    }

    @Test
    void heldOutExamplesNeverReachTraining() {
        List<LabeledExample> corpus = SharedCorpus.load(SharedData.require("labeled").getParent());
        Split.Parts parts = Split.of(corpus, List.of());
        Set<String> trainIds = new HashSet<>();
        Set<String> trainKeys = new HashSet<>();
        parts.train().forEach(e -> {
            trainIds.add(e.id());
            trainKeys.add(Split.key(e.features().title()));
        });
        assertThat(parts.heldOut()).isNotEmpty();
        assertThat(parts.heldOut()).noneMatch(e -> trainIds.contains(e.id()));
        assertThat(parts.heldOut()).noneMatch(e -> trainKeys.contains(Split.key(e.features().title())));
        assertThat(parts.train().size() + parts.heldOut().size()).isEqualTo(corpus.size());
        assertThat(parts.heldOut()).allMatch(e -> Split.heldOut(e.features().title()));
    }

    private static Classifier classifierOf(Trainer.Models m) {
        return Classifier.of(m.kind(), m.topic());
    }
}
