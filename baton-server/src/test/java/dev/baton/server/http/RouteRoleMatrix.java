package dev.baton.server.http;

import dev.baton.api.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The route × role table of {@code docs/security.md}, parsed: for each {@code "METHOD /path"} row, one
 * {@link Cell} per role. Rows are the table lines whose first cell is a back-quoted route.
 */
record RouteRoleMatrix(Map<String, Map<Role, RouteRoleMatrix.Cell>> rows) {
    static final Path DOC = Path.of("..", "docs", "security.md");
    static final String HEADING = "## Route × role matrix";

    /** What a role may do on a route. */
    enum Cell {
        YES, NO, OPEN, OWN;

        /** True when a key of this role gets past the role check (own-scoped routes included). */
        boolean allowed() {
            return this != NO;
        }
    }

    static RouteRoleMatrix load() throws IOException {
        return parse(Files.readAllLines(DOC));
    }

    static RouteRoleMatrix parse(List<String> lines) {
        int start = lines.indexOf(HEADING);
        if (start < 0) {
            throw new IllegalStateException(DOC + " has no '" + HEADING + "' section");
        }
        List<Role> columns = null;
        Map<String, Map<Role, Cell>> rows = new LinkedHashMap<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            if (!line.startsWith("|")) {
                continue;
            }
            List<String> cells = cells(line);
            if (cells.getFirst().equals("route")) {
                columns = new ArrayList<>();
                for (String name : cells.subList(1, cells.size())) {
                    columns.add(Role.fromWire(name));
                }
            } else if (cells.getFirst().startsWith("`")) {
                if (columns == null || cells.size() != columns.size() + 1) {
                    throw new IllegalStateException("row '" + line + "' of " + DOC + " needs one cell per role");
                }
                Map<Role, Cell> row = new EnumMap<>(Role.class);
                for (int i = 0; i < columns.size(); i++) {
                    row.put(columns.get(i), Cell.valueOf(cells.get(i + 1).toUpperCase(java.util.Locale.ROOT)));
                }
                String route = cells.getFirst().replace("`", "");
                if (rows.put(route, row) != null) {
                    throw new IllegalStateException("route " + route + " has two rows in " + DOC);
                }
            }
        }
        if (columns == null || !columns.containsAll(List.of(Role.values()))) {
            throw new IllegalStateException("the matrix in " + DOC + " needs a column for every role");
        }
        return new RouteRoleMatrix(rows);
    }

    private static List<String> cells(String line) {
        String inner = line.strip();
        inner = inner.substring(1, inner.endsWith("|") ? inner.length() - 1 : inner.length());
        List<String> cells = new ArrayList<>();
        for (String cell : inner.split("\\|")) {
            cells.add(cell.strip());
        }
        return cells;
    }
}
