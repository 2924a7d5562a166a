package dev.baton.server.http;

import java.util.Map;

/**
 * The operator dashboard: static files under {@code /ui} (from {@code src/main/resources/ui}), served to anyone
 * like {@code /health} — the page itself holds no data; it calls the API with the key the operator signs in with
 * (kept in the browser tab's session storage). Served with a strict content security policy: scripts and styles
 * only from this origin, no inline code, no framing.
 */
final class Dashboard {
    static final Map<String, String> HEADERS = Map.of(
            "Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; "
                    + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
                    + "form-action 'self'",
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer",
            "X-Frame-Options", "DENY",
            "Cache-Control", "no-cache");

    private Dashboard() {}
}
