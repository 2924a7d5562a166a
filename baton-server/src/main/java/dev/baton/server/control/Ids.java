package dev.baton.server.control;

import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * Generates ids that sort by creation time: a prefix, 10 Crockford base-32 characters of epoch milliseconds and
 * 12 random ones (60 bits). Called on the leader only; ids travel inside commands.
 */
public final class Ids {
    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();

    private Ids() {}

    public static String task(long nowMs) {
        return generate("t_", nowMs);
    }

    public static String agent(long nowMs) {
        return generate("a_", nowMs);
    }

    public static String apiKey(long nowMs) {
        return generate("k_", nowMs);
    }

    static String generate(String prefix, long nowMs) {
        return generate(prefix, nowMs, ThreadLocalRandom.current());
    }

    /** An id whose random part comes from {@code random} (seeded in simulations so runs replay exactly). */
    static String generate(String prefix, long nowMs, RandomGenerator random) {
        char[] out = new char[22];
        long time = nowMs;
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (time & 31)];
            time >>>= 5;
        }
        long bits = random.nextLong();
        for (int i = 10; i < 22; i++) {
            out[i] = ALPHABET[(int) (bits & 31)];
            bits >>>= 5;
        }
        return prefix + new String(out);
    }
}
