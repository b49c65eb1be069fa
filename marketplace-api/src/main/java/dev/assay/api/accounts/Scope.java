package dev.assay.api.accounts;

import java.util.Locale;
import java.util.Optional;

/**
 * What an API key may touch. A controller calls {@link Caller#require(Scope)} before it acts.
 * <ul>
 *   <li>{@link #READ}: read the organisation's resources (pods, hosts, keys, members);</li>
 *   <li>{@link #PODS}: create, stop, start, delete pods and change bids;</li>
 *   <li>{@link #HOSTS}: enroll hosts, set offers and prices;</li>
 *   <li>{@link #BILLING}: balance, usage and the ledger.</li>
 * </ul>
 * In JSON a scope is its lower-case name ({@code "pods"}).
 */
public enum Scope {
    READ,
    PODS,
    HOSTS,
    BILLING;

    /** The name used in JSON and in the database: {@code "read"}, {@code "pods"}... */
    public String slug() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The scope named {@code slug} (case-insensitive), or empty when there is none of that name. */
    public static Optional<Scope> fromSlug(String slug) {
        if (slug == null) {
            return Optional.empty();
        }
        for (Scope scope : values()) {
            if (scope.name().equalsIgnoreCase(slug.strip())) {
                return Optional.of(scope);
            }
        }
        return Optional.empty();
    }
}
