package dev.baton.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.api.Role;
import dev.baton.server.BatonNode;
import dev.baton.server.NodeConfig;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Walks every route the running HTTP API registered with a key of every role (and with none) and checks each answer
 * against the route × role table in {@code docs/security.md}. A route added without a row fails here.
 */
class RouteRoleMatrixTest {
    private static final String PATH_PARAM = "matrix_x";
    @TempDir
    static Path dataDir;
    static BatonNode node;
    static final Map<Role, String> TOKENS = new EnumMap<>(Role.class);
    static TestHttp http;

    @BeforeAll
    static void startNode() throws Exception {
        node = BatonNode.start(NodeConfig.singleNode(dataDir, 0, true).toBuilder().metricsOpen(false).build());
        http = new TestHttp(node.url());
        TOKENS.put(Role.ADMIN, node.adminToken());
        for (Role role : Role.values()) {
            if (role != Role.ADMIN) {
                TOKENS.put(role, http.createKey(node.adminToken(), "matrix-" + role.wireName(), role.wireName(),
                        null));
            }
        }
    }

    @AfterAll
    static void stopNode() {
        node.close();
    }

    @Test
    void everyRegisteredRoute_hasARowAndEveryRowARoute() throws Exception {
        List<String> problems = coverage(node.httpRoutes(), RouteRoleMatrix.load());
        assertThat(problems).as(String.join("\n", problems)).isEmpty();
    }

    @Test
    void coverage_namesTheMissingRouteAndTheRowToAdd() {
        RouteRoleMatrix matrix = RouteRoleMatrix.parse(List.of(RouteRoleMatrix.HEADING,
                "| route | admin | operator | submitter | agent | viewer |",
                "| `GET /v1/gone` | yes | yes | yes | yes | yes |"));
        assertThat(coverage(List.of("POST /v1/new/{id}"), matrix)).containsExactly(
                "route POST /v1/new/{id} is registered but has no row in ../docs/security.md; add "
                        + "'| `POST /v1/new/{id}` | yes | no | no | no | no |' (one cell per role: yes, no, own, "
                        + "open) to its Route × role matrix",
                "../docs/security.md has a row for GET /v1/gone but no such route is registered; remove or fix it");
    }

    @Test
    void everyRouteAndRole_answersAsTheMatrixSays() throws Exception {
        RouteRoleMatrix matrix = RouteRoleMatrix.load();
        List<String> wrong = new ArrayList<>();
        int calls = 0;
        for (String route : node.httpRoutes()) {
            Map<Role, RouteRoleMatrix.Cell> row = matrix.rows().get(route);
            if (row == null) {
                continue; // reported by everyRegisteredRoute_hasARowAndEveryRowARoute
            }
            for (Role role : Role.values()) {
                RouteRoleMatrix.Cell cell = row.get(role);
                String token = cell == RouteRoleMatrix.Cell.OPEN ? null : TOKENS.get(role);
                Answer answer = call(route, token);
                calls++;
                if (!expected(cell, answer.status())) {
                    wrong.add(route + " as " + role.wireName() + ": the matrix says " + cell.name().toLowerCase()
                            + " but the answer was " + answer.status() + " " + answer.body());
                }
            }
            if (row.values().stream().noneMatch(c -> c == RouteRoleMatrix.Cell.OPEN)) {
                Answer anonymous = call(route, null);
                if (anonymous.status() != 401) {
                    wrong.add(route + " without a key answered " + anonymous.status() + ", not 401");
                }
            }
        }
        assertThat(wrong).as(String.join("\n", wrong)).isEmpty();
        assertThat(calls).isGreaterThan(5 * 30);
    }

    private static boolean expected(RouteRoleMatrix.Cell cell, int status) {
        return switch (cell) {
            case NO -> status == 403;
            case YES, OWN, OPEN -> status != 401 && status != 403 && status < 500;
        };
    }

    static List<String> coverage(List<String> routes, RouteRoleMatrix matrix) {
        List<String> problems = new ArrayList<>();
        for (String route : routes) {
            if (!matrix.rows().containsKey(route)) {
                problems.add("route " + route + " is registered but has no row in " + RouteRoleMatrix.DOC
                        + "; add '| `" + route + "` | yes | no | no | no | no |' (one cell per role: yes, no, own,"
                        + " open) to its Route × role matrix");
            }
        }
        for (String row : matrix.rows().keySet()) {
            if (!routes.contains(row)) {
                problems.add(RouteRoleMatrix.DOC + " has a row for " + row
                        + " but no such route is registered; remove or fix it");
            }
        }
        return problems;
    }

    private record Answer(int status, String body) {}

    /** Calls a route with path parameters filled in and an empty JSON body; reads at most 2 KiB of the answer. */
    private static Answer call(String route, String token) throws Exception {
        String method = route.substring(0, route.indexOf(' '));
        String path = route.substring(route.indexOf(' ') + 1).replaceAll("\\{[^}]+}|<[^>]+>", PATH_PARAM);
        HttpResponse<InputStream> response = TestHttp.HTTP.send(http.request(method, path,
                method.equals("POST") ? "{}" : null, token), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            byte[] head = in.readNBytes(response.statusCode() == 200 ? 0 : 2048);
            return new Answer(response.statusCode(), new String(head, StandardCharsets.UTF_8));
        }
    }
}
