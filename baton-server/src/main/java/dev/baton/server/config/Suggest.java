package dev.baton.server.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the known name a mistyped one was probably meant to be: the same name up to case, {@code _} and {@code -}
 * ({@code election_timeout_min_ms} for {@code electionTimeoutMinMs}), else the nearest by edit distance (a swap of
 * neighbours is one edit) when that is at most a third of the name's length. Stateless.
 */
final class Suggest {
    private Suggest() {}

    /** The candidate closest to {@code name}, if one is close enough to suggest. */
    static Optional<String> closest(String name, Collection<String> candidates) {
        String wanted = normalized(name);
        Optional<String> same = candidates.stream().filter(c -> normalized(c).equals(wanted)).findFirst();
        if (same.isPresent()) {
            return same;
        }
        int allowed = Math.max(1, wanted.length() / 3);
        return candidates.stream()
                .filter(c -> distance(wanted, normalized(c)) <= allowed)
                .min(Comparator.comparingInt(c -> distance(wanted, normalized(c))));
    }

    private static String normalized(String name) {
        return name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    }

    /** Edit distance counting an insertion, deletion, substitution or swap of neighbours as one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
