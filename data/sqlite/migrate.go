package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"sort"

	"golang.org/x/text/collate"

	"github.com/tavoli/tavoli/data"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// migrationNames lists the embedded migrations in the order they apply. The list only grows: a
// migration, once released, is never edited.
func migrationNames() []string {
	names, err := fs.Glob(migrationFS, "migrations/*.sql")
	if err != nil {
		panic(err) // the pattern is constant
	}
	sort.Strings(names)
	return names
}

// SchemaVersion is the number of migrations this version knows: a database's user_version above it
// was written by a newer Tavoli.
func SchemaVersion() int { return len(migrationNames()) }

// migrate applies, each in its own transaction, the migrations the database has not recorded yet, and
// stamps the file with our application id and the schema version.
func (s *Store) migrate(ctx context.Context) error {
	for i, name := range migrationNames() {
		done := false
		err := s.db.QueryRowContext(ctx,
			`SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'migrations')`).Scan(&done)
		if err != nil {
			return dbError(err)
		}
		if done {
			if err := s.db.QueryRowContext(ctx,
				`SELECT EXISTS (SELECT 1 FROM migrations WHERE name = ?)`, name).Scan(&done); err != nil {
				return dbError(err)
			}
		}
		if done {
			continue
		}
		body, err := migrationFS.ReadFile(name)
		if err != nil {
			return data.Errorf(data.EInternal, "err.db.migration", "name", name).Wrap(err)
		}
		err = s.write(ctx, func(tx *sql.Tx) error {
			stmts := []string{
				`CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied TEXT NOT NULL) STRICT`,
				string(body),
				fmt.Sprintf(`PRAGMA user_version = %d`, i+1),
				fmt.Sprintf(`PRAGMA application_id = %d`, ApplicationID),
			}
			for _, q := range stmts {
				if _, err := tx.ExecContext(ctx, q); err != nil {
					return fmt.Errorf("migration %s: %w", name, err)
				}
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO migrations (name, applied) VALUES (?, ?)`, name, fmtTime(s.now()))
			return err
		})
		if err != nil {
			return err
		}
	}
	// Migrations are recorded by name, and each stamps its index in the list: a database that ran one
	// before an earlier-numbered one arrived (two branches each adding a migration) holds them all with
	// a lower stamp. It is current: say so, or read-only opens would take it for an older file forever.
	var v int
	if err := s.db.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&v); err != nil {
		return dbError(err)
	}
	if v < SchemaVersion() {
		return s.write(ctx, func(tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, fmt.Sprintf(`PRAGMA user_version = %d`, SchemaVersion()))
			return err
		})
	}
	return nil
}

// collationVersion names the collation the stored sort keys were made with. When the Unicode tables
// or our key layout change, the keys are remade at the next open.
const collationVersion = "it/" + collate.CLDRVersion + "/1"

// rekey remakes the Italian sort keys when they were made with another collation version.
func (s *Store) rekey(ctx context.Context) error {
	var v string
	err := s.db.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = 'collation'`).Scan(&v)
	if err != nil && err != sql.ErrNoRows {
		return dbError(err)
	}
	if v == collationVersion {
		return nil
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		k := newKeyer()
		for _, t := range []struct{ table, cols string }{
			{"people", "surname, name"}, {"organisations", "name, ''"}, {"comuni", "name, ''"},
		} {
			rows, err := tx.QueryContext(ctx, `SELECT id, `+t.cols+` FROM `+t.table)
			if err != nil {
				return err
			}
			type rec struct{ id, a, b string }
			var all []rec
			for rows.Next() {
				var r rec
				if err := rows.Scan(&r.id, &r.a, &r.b); err != nil {
					rows.Close()
					return err
				}
				all = append(all, r)
			}
			if err := rows.Close(); err != nil {
				return err
			}
			for _, r := range all {
				if _, err := tx.ExecContext(ctx, `UPDATE `+t.table+` SET sort_key = ? WHERE id = ?`, k.key(r.a, r.b), r.id); err != nil {
					return err
				}
			}
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES ('collation', ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, collationVersion)
		return err
	})
}
