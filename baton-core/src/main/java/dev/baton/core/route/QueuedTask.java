package dev.baton.core.route;

/** A task waiting for an agent, in dispatch order (the router keeps the order it is given). */
public record QueuedTask(String taskId, String capability) {}
