package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ControlLoopTest {

    /** A node closes its control loop before Raft; an entry applied in between must not throw on the apply thread. */
    @Test
    void workHandedToAStoppedLoop_isDropped_notRefused() {
        ScheduledExecutorService loop = BatonNode.controlLoop();
        loop.shutdownNow();

        assertThatCode(() -> {
            loop.execute(() -> {});
            loop.schedule(() -> {}, 1, TimeUnit.MILLISECONDS);
        }).doesNotThrowAnyException();
    }
}
