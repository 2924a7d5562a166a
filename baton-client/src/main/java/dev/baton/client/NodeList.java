package dev.baton.client;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Baton nodes a client may talk to, and which one it uses now.
 *
 * <p>The list is fixed at construction: validated http(s) base URLs without trailing slashes, in
 * the order given, duplicates dropped. The current node is shared by every thread of one client
 * (sticky: calls keep going to it while it works). Moving on is a compare-and-set from the node
 * that failed, so several threads that see the same node fail move the client only once.
 * Thread-safe.
 */
final class NodeList {
    static final int MAX_NODES = 32;
    private static final String EXAMPLE = "e.g. http://127.0.0.1:8080 or http://a:8080,http://b:8080";

    private final List<String> urls;
    private final List<String> keys;
    private final AtomicInteger current = new AtomicInteger();

    private NodeList(List<String> urls) {
        this.urls = List.copyOf(urls);
        this.keys = urls.stream().map(NodeList::key).toList();
    }

    /** Parses comma-separated base URLs, such as {@code http://a:8080,http://b:8080}; names a bad entry. */
    static NodeList parse(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            throw new IllegalArgumentException("the Baton base URL is required, " + EXAMPLE);
        }
        return of(List.of(commaSeparated.split(",", -1)), commaSeparated);
    }

    /** The given base URLs, one URL per element; names the bad entry when one is. */
    static NodeList of(List<String> baseUrls) {
        if (baseUrls == null || baseUrls.isEmpty()) {
            throw new IllegalArgumentException("at least one Baton base URL is required, " + EXAMPLE);
        }
        return of(baseUrls, null);
    }

    private static NodeList of(List<String> entries, String source) {
        if (entries.size() > MAX_NODES) {
            throw new IllegalArgumentException("at most " + MAX_NODES + " Baton nodes may be listed, got "
                    + entries.size());
        }
        Map<String, String> byKey = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            String url = validate(entries.get(i), i + 1, entries.size(), source);
            byKey.putIfAbsent(key(url), url);
        }
        return new NodeList(new ArrayList<>(byKey.values()));
    }

    /** The configured base URLs in order. */
    List<String> urls() {
        return urls;
    }

    /** How many distinct nodes are configured. */
    int size() {
        return urls.size();
    }

    /** The index of the node in use now. */
    int currentIndex() {
        return current.get();
    }

    /** The base URL of the node at {@code index}. */
    String url(int index) {
        return urls.get(index);
    }

    /** The node after {@code index}, wrapping around; the same node when only one is configured. */
    int next(int index) {
        return (index + 1) % urls.size();
    }

    /** The index of the configured node with this base URL (scheme, host, port and path compared), or -1. */
    int indexOf(String baseUrl) {
        if (baseUrl == null || baseUrl.isBlank()) {
            return -1;
        }
        try {
            String key = key(stripTrailingSlashes(baseUrl.strip()));
            return key == null ? -1 : keys.indexOf(key);
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    /** Makes {@code to} current if {@code from} still is; true when this call changed the current node. */
    boolean moveFrom(int from, int to) {
        return from != to && current.compareAndSet(from, to);
    }

    private static String validate(String entry, int position, int count, String source) {
        String where = count == 1 ? "" : " (node " + position + " of " + (source != null ? "'" + source + "'"
                : count) + ")";
        if (entry == null || entry.isBlank()) {
            throw new IllegalArgumentException("a Baton base URL is empty" + where + ", " + EXAMPLE);
        }
        String url = stripTrailingSlashes(entry.strip());
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + entry.strip() + "'" + where + " is not a URL, " + EXAMPLE, e);
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())
                || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("'" + entry.strip() + "'" + where + " is not an http(s) base URL, "
                    + EXAMPLE);
        }
        return url;
    }

    /** Scheme, host, port (the scheme's default when absent) and path, for comparing URLs; null for a non-URL. */
    private static String key(String url) {
        URI uri = URI.create(url);
        if (uri.getScheme() == null || uri.getHost() == null) {
            return null;
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(scheme) ? 443 : 80;
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port + path;
    }

    private static String stripTrailingSlashes(String url) {
        String result = url;
        while (result.endsWith("/")) {
            result = result.substring(0, result.length() - 1);
        }
        return result;
    }
}
