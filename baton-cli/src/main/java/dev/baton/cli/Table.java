package dev.baton.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A plain-text table with left-aligned columns separated by two spaces. Not thread-safe; build, then render. */
final class Table {
    private final List<String[]> rows = new ArrayList<>();
    private final int columns;

    Table(String... headers) {
        this.columns = headers.length;
        rows.add(headers);
    }

    /** Adds a row; nulls print as {@code -}, missing cells as blanks. */
    Table row(Object... cells) {
        String[] row = new String[columns];
        for (int i = 0; i < columns; i++) {
            Object cell = i < cells.length ? cells[i] : "";
            row[i] = cell == null ? "-" : cell.toString();
        }
        rows.add(row);
        return this;
    }

    /** The table as lines ending in a newline; the last column is not padded. */
    String render() {
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(row[i]);
                if (i < columns - 1) {
                    line.append(" ".repeat(widths[i] - row[i].length() + 2));
                }
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
        return text.toString();
    }

    /** Key-value lines with the values aligned, skipping null values. */
    static String keyValues(Object... keysAndValues) {
        List<Object> pairs = Arrays.asList(keysAndValues);
        int width = 0;
        for (int i = 0; i < pairs.size(); i += 2) {
            if (pairs.get(i + 1) != null) {
                width = Math.max(width, pairs.get(i).toString().length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < pairs.size(); i += 2) {
            Object value = pairs.get(i + 1);
            if (value == null) {
                continue;
            }
            String key = pairs.get(i) + ":";
            String indent = " ".repeat(width + 3);
            text.append(key).append(" ".repeat(width + 3 - key.length()))
                    .append(value.toString().replace("\n", "\n" + indent)).append('\n');
        }
        return text.toString();
    }
}
