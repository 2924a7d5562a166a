package dev.baton.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class FailoverRetryAfterTest {

    @Test
    void retryAfterMs_seconds_areMilliseconds() {
        assertThat(Failover.retryAfterMs("2")).isEqualTo(2_000);
    }

    @Test
    void retryAfterMs_longerThanTheCap_isCapped() {
        assertThat(Failover.retryAfterMs("3600")).isEqualTo(Failover.MAX_RETRY_AFTER_MS);
        assertThat(Failover.retryAfterMs(String.valueOf(Long.MAX_VALUE))).isEqualTo(Failover.MAX_RETRY_AFTER_MS);
    }

    @Test
    void retryAfterMs_absentUnreadableOrPast_isZero() {
        assertThat(Failover.retryAfterMs(null)).isZero();
        assertThat(Failover.retryAfterMs("soon")).isZero();
        assertThat(Failover.retryAfterMs("-5")).isZero();
        assertThat(Failover.retryAfterMs("Wed, 21 Oct 2015 07:28:00 GMT")).isZero();
    }

    @Test
    void retryAfterMs_farFutureDate_isCapped() {
        String inAnHour = ZonedDateTime.now().plusHours(1).format(DateTimeFormatter.RFC_1123_DATE_TIME);

        assertThat(Failover.retryAfterMs(inAnHour)).isEqualTo(Failover.MAX_RETRY_AFTER_MS);
    }
}
