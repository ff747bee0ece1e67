#!/usr/bin/env bash
# What PostgreSQL's side of a person's import costs, and what the table's indexes and compression
# add to it: 100k stored people rows (picked at random) are written to a file, then loaded with
# COPY (server side, no client involved) into copies of the people table that differ in one way
# each. Run it against a database that holds a loaded directory, for instance inside
# bench/directory.sh's cluster or scripts/with-postgres.sh after `leadbase seed`:
#
#   bench/copy_variants.sh "$PG_URL"
#
# The copies are dropped at the end; the directory is not changed. Each variant is loaded twice
# (the second time into the emptied table) and both times are printed, with the sizes of the
# table and of its TOAST table. One variant loads the same rows with their smart search columns
# filled, as rows were stored before commit 492ddbe (run the script on a directory imported
# since: its rows have them empty where they equal the words columns).
set -euo pipefail
url=$1
folder=$(mktemp -d /tmp/leadbase-copy.XXXXXX)
chmod 777 "$folder"
dump=$folder/people.copy
trap 'psql "$url" -qAt -c "DROP TABLE IF EXISTS copy_variant" >/dev/null; rm -rf "$folder"' EXIT
psql "$url" -qAt -c "CREATE TEMPORARY TABLE sample AS SELECT * FROM people ORDER BY random() LIMIT 100000" \
  -c "COPY sample TO '$dump'" \
  -c "UPDATE sample SET name_smart = name_words WHERE name_smart = '';
      UPDATE sample SET title_smart = title_words WHERE title_smart = '';
      UPDATE sample SET skill_smart = skill_words WHERE cardinality(skill_smart) = 0;
      UPDATE sample SET keyword_smart = keyword_words WHERE cardinality(keyword_smart) = 0" \
  -c "COPY sample TO '$folder/filled.copy'"

btrees="ALTER TABLE copy_variant ADD PRIMARY KEY (id);
  CREATE UNIQUE INDEX ON copy_variant (linkedin_key);
  CREATE INDEX ON copy_variant (company_id, id);
  CREATE INDEX ON copy_variant (revision);"
variant() {
  local name=$1 setup=$2
  psql "$url" -qAt -c "SET client_min_messages = warning" -c "DROP TABLE IF EXISTS copy_variant" -c "$setup" >/dev/null
  local times=()
  for _ in 1 2; do
    psql "$url" -qAt -c "TRUNCATE copy_variant" >/dev/null
    local start; start=$(date +%s.%N)
    psql "$url" -qAt -c "COPY copy_variant FROM '${source:-$dump}'" >/dev/null
    times+=("$(echo "$(date +%s.%N) - $start" | bc)")
  done
  local size; size=$(psql "$url" -qAt -c "SELECT pg_size_pretty(pg_relation_size(oid)) || ' + TOAST ' ||
    pg_size_pretty(coalesce(pg_relation_size(nullif(reltoastrelid, 0)), 0)) FROM pg_class WHERE relname = 'copy_variant'")
  printf "%-58s %6.2f s %6.2f s   heap %s\n" "$name" "${times[0]}" "${times[1]}" "$size"
}

echo "COPY of 100,000 people rows:"
variant "as the people table is (its indexes, its compression)" "CREATE TABLE copy_variant (LIKE people INCLUDING ALL)"
source=$folder/filled.copy variant "the same, smart columns filled (as before 492ddbe)" "CREATE TABLE copy_variant (LIKE people INCLUDING ALL)"
variant "no index, pglz" "CREATE TABLE copy_variant (LIKE people INCLUDING DEFAULTS);
  DO \$\$ DECLARE c name; BEGIN FOR c IN SELECT attname FROM pg_attribute WHERE attrelid = 'copy_variant'::regclass AND attnum > 0 AND attlen = -1
  LOOP EXECUTE format('ALTER TABLE copy_variant ALTER COLUMN %I SET COMPRESSION pglz', c); END LOOP; END \$\$"
variant "the 4 btrees, pglz" "CREATE TABLE copy_variant (LIKE people INCLUDING DEFAULTS);
  DO \$\$ DECLARE c name; BEGIN FOR c IN SELECT attname FROM pg_attribute WHERE attrelid = 'copy_variant'::regclass AND attnum > 0 AND attlen = -1
  LOOP EXECUTE format('ALTER TABLE copy_variant ALTER COLUMN %I SET COMPRESSION pglz', c); END LOOP; END \$\$; $btrees"
variant "the 4 btrees, lz4" "CREATE TABLE copy_variant (LIKE people INCLUDING DEFAULTS);
  DO \$\$ DECLARE c name; BEGIN FOR c IN SELECT attname FROM pg_attribute WHERE attrelid = 'copy_variant'::regclass AND attnum > 0 AND attlen = -1
  LOOP EXECUTE format('ALTER TABLE copy_variant ALTER COLUMN %I SET COMPRESSION lz4', c); END LOOP; END \$\$; $btrees"
variant "3 btrees, revision as BRIN, lz4" "CREATE TABLE copy_variant (LIKE people INCLUDING DEFAULTS);
  DO \$\$ DECLARE c name; BEGIN FOR c IN SELECT attname FROM pg_attribute WHERE attrelid = 'copy_variant'::regclass AND attnum > 0 AND attlen = -1
  LOOP EXECUTE format('ALTER TABLE copy_variant ALTER COLUMN %I SET COMPRESSION lz4', c); END LOOP; END \$\$;
  ALTER TABLE copy_variant ADD PRIMARY KEY (id); CREATE UNIQUE INDEX ON copy_variant (linkedin_key);
  CREATE INDEX ON copy_variant (company_id, id); CREATE INDEX ON copy_variant USING brin (revision);"
variant "the 4 btrees, lz4, every column MAIN (migration 10)" "CREATE TABLE copy_variant (LIKE people INCLUDING DEFAULTS);
  DO \$\$ DECLARE c name; BEGIN FOR c IN SELECT attname FROM pg_attribute WHERE attrelid = 'copy_variant'::regclass AND attnum > 0 AND attlen = -1
  LOOP EXECUTE format('ALTER TABLE copy_variant ALTER COLUMN %I SET COMPRESSION lz4', c); EXECUTE format('ALTER TABLE copy_variant ALTER COLUMN %I SET STORAGE MAIN', c); END LOOP; END \$\$; $btrees"
variant "the 4 btrees, rows kept inline (toast_tuple_target 8160)" "CREATE TABLE copy_variant (LIKE people INCLUDING DEFAULTS) WITH (toast_tuple_target = 8160); $btrees"
variant "the 4 btrees and migration 3's ten GIN/trigram indexes, lz4" "CREATE TABLE copy_variant (LIKE people INCLUDING ALL);
  CREATE INDEX ON copy_variant USING GIN (department_keys); CREATE INDEX ON copy_variant USING GIN (location_keys);
  CREATE INDEX ON copy_variant USING GIN (language_keys); CREATE INDEX ON copy_variant USING GIN (current_company_keys);
  CREATE INDEX ON copy_variant USING GIN (previous_company_keys); CREATE INDEX ON copy_variant USING GIN (social_keys);
  CREATE INDEX ON copy_variant USING GIN (name_smart gin_trgm_ops); CREATE INDEX ON copy_variant USING GIN (name_words gin_trgm_ops);
  CREATE INDEX ON copy_variant USING GIN (title_words gin_trgm_ops); CREATE INDEX ON copy_variant USING GIN (title_smart gin_trgm_ops)"
