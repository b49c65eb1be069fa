package dev.assay.api.accounts;

import dev.assay.api.problem.ApiProblem;
import dev.assay.api.problem.ProblemType;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Checks the fields of accounts requests, collecting every bad field before answering one 400
 * ({@link ProblemType#VALIDATION}) that names each of them.
 */
final class AccountsValidation {

    static final int MAX_NAME_CHARS = 100;
    /** RFC 5321 limits a forward path to 256 octets including the angle brackets: 254 for the address. */
    static final int MAX_EMAIL_CHARS = 254;
    static final int MAX_EMAIL_LOCAL_CHARS = 64;
    /** A request names each scope at most once in practice; a bound keeps a hostile list from growing. */
    static final int MAX_SCOPES_LISTED = 16;

    // Plausible, not RFC 5322 complete: one @, no spaces, a dot in the domain, no empty labels.
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+");

    private final Map<String, String> errors = new LinkedHashMap<>();

    /** A display name: 1–100 characters once trimmed, no control characters. Returns it trimmed. */
    String name(String field, String value) {
        if (value == null || value.isBlank()) {
            return reject(field, "is required: 1 to " + MAX_NAME_CHARS + " characters");
        }
        String name = value.strip();
        if (name.codePointCount(0, name.length()) > MAX_NAME_CHARS) {
            return reject(field, "must be at most " + MAX_NAME_CHARS + " characters");
        }
        if (name.codePoints().anyMatch(Character::isISOControl)) {
            return reject(field, "must not contain control characters");
        }
        return name;
    }

    /** A plausible e-mail address of at most 254 characters. Returns it trimmed and lower-cased. */
    String email(String field, String value) {
        if (value == null || value.isBlank()) {
            return reject(field, "is required: an e-mail address");
        }
        String email = value.strip();
        if (email.length() > MAX_EMAIL_CHARS) {
            return reject(field, "must be at most " + MAX_EMAIL_CHARS + " characters");
        }
        int at = email.indexOf('@');
        if (!EMAIL.matcher(email).matches() || at > MAX_EMAIL_LOCAL_CHARS || email.contains("..")) {
            return reject(field, "must be an e-mail address such as ada@example.com");
        }
        return email.toLowerCase(Locale.ROOT);
    }

    /** A role name, or {@code fallback} when absent. */
    Role role(String field, String value, Role fallback) {
        if (value == null) {
            return fallback;
        }
        Optional<Role> role = Role.fromSlug(value);
        if (role.isEmpty()) {
            reject(field, "unknown role '" + printable(value) + "': expected one of "
                    + Stream.of(Role.values()).map(Role::slug).collect(Collectors.joining(", ")));
            return fallback;
        }
        return role.get();
    }

    /** A non-empty list of scope names; each unknown one is named in the answer. */
    Set<Scope> scopes(String field, List<String> values) {
        EnumSet<Scope> scopes = EnumSet.noneOf(Scope.class);
        if (values == null || values.isEmpty()) {
            reject(field, "is required: a non-empty list of scopes from "
                    + Stream.of(Scope.values()).map(Scope::slug).collect(Collectors.joining(", ")));
            return scopes;
        }
        if (values.size() > MAX_SCOPES_LISTED) {
            reject(field, "lists " + values.size() + " scopes; at most " + MAX_SCOPES_LISTED + " are accepted");
            return scopes;
        }
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            Optional<Scope> scope = Scope.fromSlug(value);
            if (scope.isEmpty()) {
                reject(field + "[" + i + "]", "unknown scope '" + printable(value) + "': expected one of "
                        + Stream.of(Scope.values()).map(Scope::slug).collect(Collectors.joining(", ")));
            } else {
                scopes.add(scope.get());
            }
        }
        return scopes;
    }

    void check(boolean ok, String field, String message) {
        if (!ok) {
            reject(field, message);
        }
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }

    /** Answers 400 naming every bad field, if there is any. */
    void throwIfInvalid() {
        if (errors.isEmpty()) {
            return;
        }
        String detail = errors.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining("; "));
        throw new ApiProblem(ProblemType.VALIDATION, detail, Collections.unmodifiableMap(new LinkedHashMap<>(errors)));
    }

    private <T> T reject(String field, String message) {
        errors.putIfAbsent(field, message);
        return null;
    }

    /** Echoes client text into a message safely: bounded, control characters replaced. */
    private static String printable(String value) {
        String bounded = value.length() > 40 ? value.substring(0, 40) + "…" : value;
        return bounded.codePoints()
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
    }
}
