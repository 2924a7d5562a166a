package dev.baton.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * How a {@link ValueKind} says why a setting's value, or a part of it, is not acceptable: each call adds one
 * message, rendered by {@link Setting}, to the shared list of problems. Used on one thread during one load.
 */
final class Report {
    private final Setting setting;
    private final List<String> problems;
    private final String subPath;
    private final JsonNode value;
    private final ValueKind kind;
    private final int problemsBefore;

    Report(Setting setting, List<String> problems) {
        this(setting, problems, "", setting.raw(), setting.key().kind());
    }

    private Report(Setting setting, List<String> problems, String subPath, JsonNode value, ValueKind kind) {
        this.setting = setting;
        this.problems = problems;
        this.subPath = subPath;
        this.value = value;
        this.kind = kind;
        this.problemsBefore = problems.size();
    }

    /** A report on a part of this value: {@code subPath} such as {@code [1].host}, holding {@code part}. */
    Report at(String subPath, JsonNode part, ValueKind partKind) {
        return new Report(setting, problems, this.subPath + subPath, part, partKind);
    }

    /** The value is wrong; {@code complaint} reads after "is", e.g. {@code not a number}. */
    void invalid(String complaint) {
        problems.add(setting.invalid(subPath, value, complaint, kind.accepted()));
    }

    /** Something is wrong that a sentence of its own explains; the value is not quoted. */
    void problem(String message) {
        problems.add(setting.problem(subPath, message));
    }

    /** The full path this report is about, e.g. {@code peers[1].host}. */
    String path() {
        return setting.key().path() + subPath;
    }

    /** True once anything was reported here or on a part. */
    boolean failed() {
        return problems.size() > problemsBefore;
    }
}
