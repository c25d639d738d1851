import { sql, type Kysely } from 'kysely';

/**
 * The official old → new commune conversion table of the 1 July 2025 reorganization: global
 * reference data (no association, no row-level security), read by every tenant to translate
 * pre-2025 addresses.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table admin_unit_conversions (
      old_province_code text,
      old_province_name text not null,
      old_district_code text,
      old_district_name text not null,
      old_commune_code text not null,
      old_commune_name text not null,
      new_province_code text not null references admin_units(code),
      new_commune_code text not null references admin_units(code),
      new_commune_name text not null,
      note text not null default '',
      primary key (old_commune_code, new_commune_code)
    )`.execute(db);
  // Look-ups by old commune code use the primary key's leading column; names go through the
  // folded trigram index so "xa dang xa" finds "Xã Đặng Xá".
  await sql`create index admin_unit_conversions_old_name_trgm on admin_unit_conversions
    using gin (hoi_fold(old_commune_name) gin_trgm_ops)`.execute(db);
  await sql`create index admin_unit_conversions_new
    on admin_unit_conversions (new_commune_code)`.execute(db);
  await sql`grant select on admin_unit_conversions to hoi_app`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table admin_unit_conversions`.execute(db);
}
