package dev.baton.server.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves references in configuration values: {@code ${env:NAME}} takes the environment variable {@code NAME},
 * {@code ${file:/path}} the content of a file (one trailing newline dropped). A reference may stand for the whole
 * value or a part of it ({@code postgres://baton:${env:PG_PASSWORD}@db/baton}); {@code $${} writes a literal
 * {@code ${}. A value that used a reference is treated as secret from then on: messages about it name the key and
 * the reference, never what it resolved to. Stateless apart from the environment it was given; one load's thread.
 */
final class SecretRefs {
    static final int MAX_FILE_BYTES = 64 * 1024;
    private static final Pattern REFERENCE = Pattern.compile("\\$\\$\\{|\\$\\{(env|file):([^}]*)}");

    private final Map<String, String> env;

    SecretRefs(Map<String, String> env) {
        this.env = env;
    }

    /** True when {@code text} holds a reference (or an escaped {@code $${}). */
    static boolean references(String text) {
        return text.contains("${");
    }

    /**
     * The text with every reference replaced, or null after reporting (on the setting's key) why one could not be
     * resolved.
     */
    String resolve(String text, Report report) {
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group(1) == null) {
                replacement = "${";
            } else {
                replacement = m.group(1).equals("env") ? fromEnv(m.group(2), report) : fromFile(m.group(2), report);
                if (replacement == null) {
                    return null;
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String fromEnv(String name, Report report) {
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            report.problem("${env:" + name + "} is not a valid environment variable name");
            return null;
        }
        String value = env.get(name);
        if (value == null) {
            report.problem("${env:" + name + "} names an environment variable that is not set");
            return null;
        }
        return value;
    }

    private static String fromFile(String file, Report report) {
        String where = "${file:" + file + "}";
        try {
            Path path = Path.of(file);
            if (!path.isAbsolute()) {
                report.problem(where + " needs an absolute path");
                return null;
            }
            if (Files.size(path) > MAX_FILE_BYTES) {
                report.problem(where + " is larger than " + MAX_FILE_BYTES + " bytes");
                return null;
            }
            String text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(path)))
                    .toString();
            return text.endsWith("\r\n") ? text.substring(0, text.length() - 2)
                    : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        } catch (InvalidPathException e) {
            report.problem(where + " is not a valid path");
        } catch (NoSuchFileException e) {
            report.problem(where + " names a file that does not exist");
        } catch (CharacterCodingException e) {
            report.problem(where + " is not UTF-8 text");
        } catch (IOException e) {
            report.problem(where + " cannot be read: " + e.getClass().getSimpleName());
        }
        return null;
    }
}
