package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"github.com/tavoli/tavoli/data"
)

// Ambito returns the database's Ambito; ENotFound when the database is still empty.
func (s *Store) Ambito(ctx context.Context) (data.Ambito, error) {
	var a data.Ambito
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		a, err = ambito(ctx, tx)
		return err
	})
	return a, err
}

func ambito(ctx context.Context, tx *sql.Tx) (data.Ambito, error) {
	var a data.Ambito
	var capofila sql.NullString
	ms := metaScan{m: &a.Meta}
	err := tx.QueryRowContext(ctx, `SELECT `+metaCols("a")+`, name, short_name, region, capofila_id, address, weighing,
		privacy_controller, privacy_contact, privacy_dpo, retention_months
		FROM ambito a WHERE deleted = 0 ORDER BY created LIMIT 1`).
		Scan(append(ms.dest(), &a.Name, &a.ShortName, &a.Region, &capofila, &a.Address, &a.Weighing,
			&a.Privacy.Controller, &a.Privacy.Contact, &a.Privacy.DPO, &a.Privacy.RetentionMonths)...)
	if errors.Is(err, sql.ErrNoRows) {
		return a, data.Errorf(data.ENotFound, "err.ambito.missing")
	}
	if err != nil {
		return a, err
	}
	a.CapofilaID = capofila.String
	return a, ms.finish()
}

// SaveAmbito creates or updates the Ambito. There is one per database.
func (s *Store) SaveAmbito(ctx context.Context, a data.Ambito) (data.Ambito, error) {
	if err := a.Validate(); err != nil {
		return a, err
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		if a.ID == "" {
			if cur, err := ambito(ctx, tx); err == nil {
				return data.Errorf(data.EConflict, "err.ambito.exists", "name", cur.Name)
			}
		}
		if err := liveRef(ctx, tx, data.KindComune, a.CapofilaID); err != nil {
			return err
		}
		return s.save(ctx, tx, data.KindAmbito, &a.Meta, ambitoCols(a))
	})
	return a, err
}

// Comuni lists the comuni in Italian alphabetical order.
func (s *Store) Comuni(ctx context.Context) ([]data.Comune, error) {
	var out []data.Comune
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+metaCols("c")+`, name, population, population_approx, istat, office
			FROM comuni c WHERE deleted = 0 ORDER BY sort_key, id`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var c data.Comune
			ms := metaScan{m: &c.Meta}
			if err := rows.Scan(append(ms.dest(), &c.Name, &c.Population, &c.PopulationApprox, &c.ISTAT, &c.Office)...); err != nil {
				return err
			}
			if err := ms.finish(); err != nil {
				return err
			}
			out = append(out, c)
		}
		return rows.Err()
	})
	return out, err
}

// SaveComune creates or updates a comune. Two comuni may not share a name.
func (s *Store) SaveComune(ctx context.Context, c data.Comune) (data.Comune, error) {
	c.Name = tidyName(c.Name)
	if err := c.Validate(); err != nil {
		return c, err
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		if err := unique(ctx, tx, "comuni", "search", data.Fold(c.Name), c.ID); err != nil {
			return data.Errorf(data.EConflict, "err.comune.duplicate", "name", c.Name).Wrap(err)
		}
		return s.save(ctx, tx, data.KindComune, &c.Meta, comuneCols(c, newKeyer()))
	})
	return c, err
}

// Areas lists the welfare areas in their order.
func (s *Store) Areas(ctx context.Context) ([]data.Area, error) {
	var out []data.Area
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = areas(ctx, tx)
		return err
	})
	return out, err
}

func areas(ctx context.Context, tx *sql.Tx) ([]data.Area, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+metaCols("a")+`, name, position, description
		FROM areas a WHERE deleted = 0 ORDER BY position, created, id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []data.Area
	for rows.Next() {
		var a data.Area
		ms := metaScan{m: &a.Meta}
		if err := rows.Scan(append(ms.dest(), &a.Name, &a.Position, &a.Description)...); err != nil {
			return nil, err
		}
		if err := ms.finish(); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// SaveArea creates or updates a welfare area; a new area goes to the end of the list.
func (s *Store) SaveArea(ctx context.Context, a data.Area) (data.Area, error) {
	a.Name = tidyName(a.Name)
	if err := a.Validate(); err != nil {
		return a, err
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		if err := uniqueName(ctx, tx, "areas", a.Name, a.ID); err != nil {
			return data.Errorf(data.EConflict, "err.area.duplicate", "name", a.Name).Wrap(err)
		}
		if a.ID == "" {
			if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(position), 0) + 1 FROM areas WHERE deleted = 0`).Scan(&a.Position); err != nil {
				return err
			}
		}
		return s.save(ctx, tx, data.KindArea, &a.Meta, areaCols(a))
	})
	return a, err
}

// MoveArea moves an area by delta places (negative: up), renumbering the list 1..n.
func (s *Store) MoveArea(ctx context.Context, id string, delta int) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		list, err := areas(ctx, tx)
		if err != nil {
			return err
		}
		from := -1
		for i, a := range list {
			if a.ID == id {
				from = i
			}
		}
		if from < 0 {
			return data.Errorf(data.ENotFound, "err.record.deleted", "kind", string(data.KindArea))
		}
		to := min(max(from+delta, 0), len(list)-1)
		moved := list[from]
		list = append(list[:from], list[from+1:]...)
		list = append(list[:to], append([]data.Area{moved}, list[to:]...)...)
		for i := range list {
			if list[i].Position == i+1 {
				continue
			}
			list[i].Position = i + 1
			a := list[i]
			if err := s.save(ctx, tx, data.KindArea, &a.Meta, []column{{"position", a.Position}}); err != nil {
				return err
			}
		}
		return nil
	})
}

// unique refuses a value of col already used by another live record of table.
func unique(ctx context.Context, tx *sql.Tx, table, col, value, id string) error {
	var other string
	err := tx.QueryRowContext(ctx, `SELECT id FROM `+table+` WHERE deleted = 0 AND `+col+` = ? AND id <> ? LIMIT 1`,
		value, id).Scan(&other)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	return errors.New("duplicate of " + other)
}

// uniqueName refuses a name (compared folded) already used by another live record of a table that has
// no search column.
func uniqueName(ctx context.Context, tx querier, table, name, id string) error {
	rows, err := tx.QueryContext(ctx, `SELECT id, name FROM `+table+` WHERE deleted = 0 AND id <> ?`, id)
	if err != nil {
		return err
	}
	defer rows.Close()
	want := data.Fold(name)
	for rows.Next() {
		var other, n string
		if err := rows.Scan(&other, &n); err != nil {
			return err
		}
		if data.Fold(n) == want {
			return errors.New("duplicate of " + other)
		}
	}
	return rows.Err()
}

// tidyName drops the spaces people type around and inside names, which would make "Magione " another
// comune than "Magione".
func tidyName(s string) string { return strings.Join(strings.Fields(s), " ") }

// liveRef checks that an optional reference points at a live record.
func liveRef(ctx context.Context, tx querier, kind data.Kind, id string) error {
	if id == "" {
		return nil
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM `+tables[kind]+` WHERE id = ? AND deleted = 0`, id).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return data.Errorf(data.ENotFound, "err.ref.missing", "kind", string(kind))
	}
	return nil
}
