package dev.baton.api;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Body of {@code POST /v1/tasks/{id}/await-input}: the agent holding {@code attempt} asks a question and gives up
 * the attempt; the task waits in {@code awaiting_input} until someone answers.
 *
 * @param prompt what to ask, for a human (1 to 4,000 characters)
 * @param schema the JSON Schema (draft 2020-12 unless it says otherwise with {@code $schema}) the answer must satisfy
 * @param timeoutMs how long to wait for the answer before the task ends {@code timed_out} with {@code INPUT_TIMEOUT};
 *     null or 0 waits until answered or cancelled
 */
public record AwaitInputRequest(int attempt, String prompt, JsonNode schema, Long timeoutMs) {}
