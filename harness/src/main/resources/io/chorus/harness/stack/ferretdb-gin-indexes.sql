-- Decision 0014: FerretDB 1.24 pushes an equality filter down as `_jsonb->'field' @> 'value'`, which its own B-tree
-- indexes on ((_jsonb->'field')) cannot answer. For every B-tree FerretDB creates on its tables, add a GIN index on
-- each of its expressions, which can.
CREATE FUNCTION public.chorus_gin_beside_ferretdb_index() RETURNS event_trigger LANGUAGE plpgsql AS $$
DECLARE
  cmd record;
  idx record;
  expr text;
BEGIN
  FOR cmd IN SELECT * FROM pg_event_trigger_ddl_commands() WHERE command_tag = 'CREATE INDEX' LOOP
    SELECT i.indrelid AS tbl, i.indnatts AS n, am.amname AS am, t.relname AS tname, c.relname AS iname
      INTO idx FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam
      JOIN pg_class t ON t.oid = i.indrelid
      WHERE i.indexrelid = cmd.objid;
    CONTINUE WHEN idx.am IS DISTINCT FROM 'btree' OR idx.tname LIKE '\_ferretdb%';
    FOR k IN 1..idx.n LOOP
      expr := pg_get_indexdef(cmd.objid, k, true);
      CONTINUE WHEN expr NOT LIKE '(_jsonb -> %';
      EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON %s USING gin ((%s) jsonb_path_ops)',
                     left(idx.tname, 40) || '_gin_' || left(md5(expr), 8), idx.tbl::regclass, expr);
    END LOOP;
  END LOOP;
END $$;

CREATE EVENT TRIGGER chorus_gin_beside_ferretdb_index ON ddl_command_end WHEN TAG IN ('CREATE INDEX')
  EXECUTE FUNCTION public.chorus_gin_beside_ferretdb_index();

