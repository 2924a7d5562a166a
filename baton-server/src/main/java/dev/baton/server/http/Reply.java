package dev.baton.server.http;

import io.javalin.http.Context;

/** Writes JSON replies. */
final class Reply {
    private Reply() {}

    static void json(Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json").result(Json.write(body));
    }

    static void json(Context ctx, Object body) {
        json(ctx, 200, body);
    }

    /**
     * Whether the request asks for a minimal reply ({@code Prefer: return=minimal}, RFC 7240); if so, says the
     * preference is honoured ({@code Preference-Applied}). Preferences are comma-separated and case-insensitive;
     * any other preference is ignored, as the RFC allows.
     */
    static boolean prefersMinimal(Context ctx) {
        String prefer = ctx.header("Prefer");
        if (prefer == null) {
            return false;
        }
        for (String preference : prefer.split(",")) {
            String token = preference.split(";", 2)[0].replace(" ", "");
            if (token.equalsIgnoreCase("return=minimal")) {
                ctx.header("Preference-Applied", "return=minimal");
                return true;
            }
        }
        return false;
    }

    static int intParam(Context ctx, String name, int defaultValue, int min, int max) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.strip());
            if (value < min || value > max) {
                throw ApiProblem.validation(name, name + " must be between " + min + " and " + max + ", got " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw ApiProblem.validation(name, name + " must be an integer, got '" + raw + "'");
        }
    }
}
