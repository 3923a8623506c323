using Microsoft.EntityFrameworkCore.Migrations;

namespace Platform.Persistence;

/// <summary>The version table and trigger behind <see cref="ListCounts"/>, for a hand-written migration.</summary>
public static class ListVersionMigrations
{
    /// <summary>
    /// Creates <c>{schema}.{name}</c> (one row, version 0) and a statement trigger on <c>{schema}.{table}</c>
    /// that bumps it once per transaction, whatever the number of statements (a transaction-local setting
    /// remembers that it already did).
    /// </summary>
    public static void CreateListVersion(this MigrationBuilder migrations, string schema, string table, string name)
    {
        migrations.Sql($"""
            CREATE TABLE {schema}.{name} (id integer PRIMARY KEY CHECK (id = 1), version bigint NOT NULL);
            INSERT INTO {schema}.{name} (id, version) VALUES (1, 0);
            CREATE FUNCTION {schema}.bump_{name}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF current_setting('{schema}.{name}_bumped_in', true) IS DISTINCT FROM txid_current()::text THEN
                    UPDATE {schema}.{name} SET version = version + 1 WHERE id = 1;
                    PERFORM set_config('{schema}.{name}_bumped_in', txid_current()::text, true);
                END IF;
                RETURN NULL;
            END $$;
            CREATE TRIGGER {table}_bump_{name} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {schema}.{table}
                FOR EACH STATEMENT EXECUTE FUNCTION {schema}.bump_{name}();
            """);
    }

    public static void DropListVersion(this MigrationBuilder migrations, string schema, string table, string name)
    {
        migrations.Sql($"""
            DROP TRIGGER {table}_bump_{name} ON {schema}.{table};
            DROP FUNCTION {schema}.bump_{name}();
            DROP TABLE {schema}.{name};
            """);
    }
}
