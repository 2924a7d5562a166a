package dev.baton.core.route;

import java.util.List;

/**
 * Picks one agent for a task among candidates that can all take it (capability, constraints, health and free slots
 * were checked before). A policy may keep soft state (a cursor), which is not replicated: a new leader starts it
 * afresh. Any randomness comes from {@link Draws}; the pick is written into the lease command.
 *
 * <p>Threading: called only on the leader's control thread.
 */
public interface RoutingPolicy {

    /** The name clients and config use ({@code least_loaded}). */
    String name();

    /**
     * The candidates this policy would give the task at all (by default every one); when none is left the task
     * waits for another round. A policy that filters (such as {@code cost_aware}) says so here, not by choosing.
     */
    default List<Candidate> admissible(QueuedTask task, List<Candidate> candidates) {
        return candidates;
    }

    /** The chosen candidate; {@code candidates} is never empty and is in a stable order (registration). */
    Candidate choose(QueuedTask task, List<Candidate> candidates, Draws draws);
}
