package dev.assay.api.accounts;

import io.micronaut.http.HttpMethod;

/**
 * The {@code /v1/**} routes anyone may call without a key. Everything else under {@code /v1/} needs one.
 * Kept in one place so that opening a route to the public is a visible, reviewed change.
 */
final class PublicRoutes {

    private PublicRoutes() {}

    static boolean isPublic(HttpMethod method, String path) {
        String p = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        return switch (method) {
            case POST -> p.equals("/v1/orgs");
            case GET, HEAD -> p.equals("/v1/version") || p.equals("/v1/agents/ca.pem")
                    || p.equals("/v1/offers") || p.startsWith("/v1/offers/")
                    || p.equals("/v1/gpu-types") || p.startsWith("/v1/gpu-types/");
            default -> false;
        };
    }
}
