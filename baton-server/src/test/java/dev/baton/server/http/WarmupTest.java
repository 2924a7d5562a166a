package dev.baton.server.http;

import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;

/** The warm-up exercises real decode, apply and render code, so a change that breaks it must fail here. */
class WarmupTest {
    @Test
    void run_onScratchState_completesWithoutError() {
        assertThatCode(Warmup::run).doesNotThrowAnyException();
    }
}
