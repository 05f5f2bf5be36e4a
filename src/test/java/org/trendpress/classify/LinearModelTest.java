package org.trendpress.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LinearModelTest {

    private static final String[] KINDS = {"news", "research", "other"};

    @Test
    void aGatedLabelWinsFromItsThresholdAndIsPassedOverBelowIt() {
        LinearModel plain = new LinearModel(true, KINDS, new float[3], Map.of());
        LinearModel gated = plain.withThresholds(new float[] {0.5f, 0.3f, 0.5f});
        assertThat(plain.decide(new double[] {0.6, 0.35, 0.05})).isZero();
        assertThat(gated.decide(new double[] {0.6, 0.35, 0.05})).isEqualTo(1);
        LinearModel strict = plain.withThresholds(new float[] {0.5f, 0.7f, 0.5f});
        assertThat(strict.decide(new double[] {0.3, 0.6, 0.1})).isZero();
        assertThat(strict.decide(new double[] {0.1, 0.75, 0.15})).isEqualTo(1);
    }

    @Test
    void thresholdsSurviveTheFileFormat() {
        LinearModel m = new LinearModel(false, new String[] {"vision", "language"}, new float[] {0.1f, -0.2f},
                Map.of("w:pixel", new float[] {1.5f, -0.5f}), new float[] {0.42f, 0.66f});
        LinearModel back = LinearModel.read(new ByteArrayInputStream(m.toBytes()), "test");
        assertThat(back.thresholds).containsExactly(0.42f, 0.66f);
        assertThat(back.weights.get("w:pixel")).containsExactly(1.5f, -0.5f);
        assertThat(back.toBytes()).isEqualTo(m.toBytes());
    }
}
