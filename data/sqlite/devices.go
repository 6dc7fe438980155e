package sqlite

import (
	"context"
	"database/sql"

	"github.com/tavoli/tavoli/data"
)

// RegisterDevice records this installation's computer and operator names, so that the device id on the
// records it writes can be shown as a person. It writes only when something changed.
func (s *Store) RegisterDevice(ctx context.Context, name, operator string) error {
	if s.readOnly || s.device == "" || s.device == "unknown" {
		return nil
	}
	devices, err := s.Devices(ctx)
	if err != nil {
		return err
	}
	cur, known := devices[s.device]
	if known && cur.Name == name && cur.Operator == operator {
		return nil
	}
	if !known {
		cur.ID = s.device
	}
	err = s.write(ctx, func(tx *sql.Tx) error {
		return s.save(ctx, tx, data.KindDevice, &cur.Meta, []column{{"name", name}, {"operator", operator}})
	})
	s.mu.Lock()
	s.author = nil
	s.mu.Unlock()
	return err
}

// Devices lists the installations that wrote to the database, by id.
func (s *Store) Devices(ctx context.Context) (map[string]data.Device, error) {
	out := map[string]data.Device{}
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+metaCols("d")+`, name, operator FROM devices d WHERE deleted = 0`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var d data.Device
			ms := metaScan{m: &d.Meta}
			if err := rows.Scan(append(ms.dest(), &d.Name, &d.Operator)...); err != nil {
				return err
			}
			if err := ms.finish(); err != nil {
				return err
			}
			out[d.ID] = d
		}
		return rows.Err()
	})
	return out, err
}
