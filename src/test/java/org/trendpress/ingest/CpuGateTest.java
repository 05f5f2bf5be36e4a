package org.trendpress.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CpuGateTest {

    @Test
    void everyCoreParsesWhileTheLaneIsIdle() {
        CpuGate gate = new CpuGate(2);
        gate.enterParse();
        gate.enterParse(); // would block forever if the idle lane kept a core
        assertEquals(2, gate.parsing());
        gate.exitParse();
        gate.exitParse();
        assertEquals(0, gate.parsing());
    }

    @Test
    void theLaneKeepsACoreWhileItHasWork() throws Exception {
        CpuGate gate = new CpuGate(2);
        gate.laneWanted();
        gate.enterParse();
        CountDownLatch entered = new CountDownLatch(1);
        Thread second = new Thread(() -> {
            gate.enterParse();
            entered.countDown();
        });
        second.start();
        // the second parse waits: one core is the lane's
        assertFalse(entered.await(300, TimeUnit.MILLISECONDS));
        assertEquals(1, gate.parsing());
        gate.laneDone();
        assertTrue(entered.await(10, TimeUnit.SECONDS), "the parse goes ahead once the lane is idle");
        second.join();
        assertEquals(2, gate.parsing());
    }

    @Test
    void oneCoreStillParsesBesideTheLane() throws Exception {
        CpuGate gate = new CpuGate(1);
        gate.laneWanted();
        CountDownLatch entered = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            gate.enterParse();
            entered.countDown();
        });
        t.start();
        assertTrue(entered.await(10, TimeUnit.SECONDS), "never fewer than one parse slot");
        t.join();
    }
}
