/**
 * Accounts and authentication: organisations, users, memberships, API keys, roles and scopes.
 *
 * <h2>Contract for the other features</h2>
 * <ul>
 *   <li>A controller declares a {@link dev.assay.api.accounts.Caller} parameter; the request is then
 *       authenticated before the controller runs (401 problem+json otherwise). It calls
 *       {@link dev.assay.api.accounts.Caller#require(Scope)} (and, where needed,
 *       {@link dev.assay.api.accounts.Caller#requireRole(Role)} or
 *       {@link dev.assay.api.accounts.Caller#requireOperator()}) and scopes every query to
 *       {@link dev.assay.api.accounts.Caller#orgId()}: another organisation's id answers 404.</li>
 *   <li>Filters and public routes read {@link dev.assay.api.accounts.Callers#of(io.micronaut.http.HttpRequest)};
 *       filters that need the caller order themselves after {@link dev.assay.api.accounts.Callers#FILTER_ORDER}.</li>
 * </ul>
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>A key's secret is never stored nor logged: only its SHA-256, compared in constant time.</li>
 *   <li>Every {@code /v1/**} route but the public ones ({@code PublicRoutes}) needs a valid, unrevoked key.</li>
 *   <li>No key gets a scope or a role beyond the key that created it; a viewer key holds only {@code read}.</li>
 *   <li>An organisation always keeps at least one active owner key.</li>
 *   <li>A refused request writes no row.</li>
 * </ul>
 * Everything else here (entities, repositories, the filter, the service) is package-private.
 * See {@code docs/auth.md}.
 */
package dev.assay.api.accounts;
