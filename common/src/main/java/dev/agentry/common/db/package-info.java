/**
 * Database access under row-level security: {@link dev.agentry.common.db.TenantTransactions} binds
 * the caller's tenant for the policies, {@link dev.agentry.common.db.Rows} reads rows,
 * {@link dev.agentry.common.db.SqlErrors} turns constraint violations into API errors.
 *
 * <h2>Writing queries that keep their indexes under forced RLS</h2>
 * PostgreSQL uses a clause as an index condition on a table with row-level security only if it
 * cannot leak rows the policy would hide: every function or operator in it must be LEAKPROOF,
 * and some expression nodes count as leaky whatever they call. Otherwise the clause is applied
 * after the policy, row by row, and the index is silently not used. Measured in memory-service
 * (docs/memory-service.md, docs/benchmarks-memory.md):
 * <ul>
 * <li>B-tree equality and ranges on {@code uuid}, {@code text}, {@code timestamptz}, and the
 * pgvector HNSW ordering ({@code <=>}) stay index conditions.</li>
 * <li>Full-text {@code @@} is not leakproof: a GIN search scans the tenant's rows. Put the match in
 * a SECURITY DEFINER function owned by the migration role that answers only ids of the bound
 * tenant (memory-service's V2 migration shows the pattern), then read rows through the policies.</li>
 * <li>{@code LIKE}/{@code ILIKE} and most functions on the indexed column are not leakproof.</li>
 * <li>{@code COALESCE} is a leaky node: {@code WHERE id = COALESCE($1, ...)} loses the primary key
 * index; use a {@code CASE} expression or two statements.</li>
 * </ul>
 * Check a new query with {@code EXPLAIN} as the application role with a tenant bound, never as the
 * owner or a superuser (they bypass the policies and show a plan the service will never get).
 */
package dev.agentry.common.db;
