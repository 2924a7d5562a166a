package dev.baton.core.route;

/**
 * Uniform random numbers in {@code [0, 1)} for policies that sample (Thompson sampling). The leader supplies them
 * from its seeded generator; the choice they lead to is written into the {@code LeaseTasks} command, so apply never
 * draws. Not thread-safe: used on the leader's control thread only.
 */
@FunctionalInterface
public interface Draws {
    /** For policies that never sample: fails loudly if one does. */
    Draws NONE = () -> {
        throw new IllegalStateException("this router was given no random draws");
    };

    /** The next uniform number in {@code [0, 1)}. */
    double next();
}
