package dev.baton.core.route;

import java.util.List;

/** The agent with the lowest share of busy slots; ties rotate round robin across calls. The default policy. */
final class LeastLoadedPolicy implements RoutingPolicy {
    static final String NAME = "least_loaded";
    private long cursor;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Candidate choose(QueuedTask task, List<Candidate> candidates, Draws draws) {
        int n = candidates.size();
        int start = (int) Math.floorMod(cursor, (long) n);
        int best = -1;
        double bestLoad = Double.MAX_VALUE;
        for (int k = 0; k < n; k++) {
            int i = (start + k) % n;
            double load = candidates.get(i).load();
            if (load < bestLoad) {
                best = i;
                bestLoad = load;
            }
        }
        cursor = best + 1L;
        return candidates.get(best);
    }
}
