import { sql, type Kysely } from 'kysely';

/**
 * Second wall of tenant isolation: the application role only sees rows of the association set
 * in `hoi.association_id` for the current transaction (see `inTenant`). The scalar subquery makes
 * the tenant an InitPlan computed once per query rather than a function call per row.
 */
export async function enableTenantRls(db: Kysely<unknown>, table: string, grants: string) {
  await sql`alter table ${sql.table(table)} enable row level security`.execute(db);
  await sql`create policy tenant_isolation on ${sql.table(table)}
    using (association_id = (select hoi_tenant())) with check (association_id = (select hoi_tenant()))`.execute(db);
  await sql.raw(`grant ${grants} on ${table} to hoi_app`).execute(db);
}
