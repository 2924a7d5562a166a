package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class ConvertersTest {
    private final Converters.DurationConverter durations = new Converters.DurationConverter();

    @Test
    void duration_units_areParsed() {
        assertThat(durations.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(durations.convert("60s")).isEqualTo(Duration.ofSeconds(60));
        assertThat(durations.convert("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(durations.convert("2h")).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void duration_bareNumber_isSeconds() {
        assertThat(durations.convert("90")).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void duration_negativeOrWords_areRejected() {
        assertThatThrownBy(() -> durations.convert("-5s")).isInstanceOf(TypeConversionException.class);
        assertThatThrownBy(() -> durations.convert("a while")).isInstanceOf(TypeConversionException.class);
    }
}
