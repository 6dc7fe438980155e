package sqlite

import (
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/merge"
)

// Versions lists the versions merges set aside, the latest first: only those still to review, or
// every one (reviewed and restored ones too). Each comes with the record as it is now.
func (s *Store) Versions(ctx context.Context, all bool) ([]data.RecordVersion, error) {
	var out []data.RecordVersion
	err := s.read(ctx, func(tx *sql.Tx) error {
		q := `SELECT ` + metaCols("v") + `, kind, record_id, version_updated, version_device, row, reason, resolution
			FROM record_versions v WHERE deleted = 0`
		if !all {
			q += ` AND resolution IN ('', 'disputed') AND reason <> 'replaced'`
		}
		rows, err := tx.QueryContext(ctx, q+` ORDER BY v.created DESC, v.id`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			v, err := scanVersion(rows)
			if err != nil {
				return err
			}
			out = append(out, v)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		rows.Close()
		m := merger{s: s, ctx: ctx}
		for i := range out {
			if err := m.current(tx, &out[i]); err != nil {
				return err
			}
		}
		return nil
	})
	return out, err
}

// Version reads one version set aside, with the record as it is now.
func (s *Store) Version(ctx context.Context, id string) (data.RecordVersion, error) {
	var v data.RecordVersion
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		v, err = s.version(ctx, tx, id)
		return err
	})
	return v, err
}

func (s *Store) version(ctx context.Context, tx *sql.Tx, id string) (data.RecordVersion, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+metaCols("v")+`, kind, record_id, version_updated, version_device,
		row, reason, resolution FROM record_versions v WHERE id = ? AND deleted = 0`, id)
	if err != nil {
		return data.RecordVersion{}, err
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return data.RecordVersion{}, err
		}
		return data.RecordVersion{}, data.Errorf(data.ENotFound, "err.exchange.version_missing")
	}
	v, err := scanVersion(rows)
	if err != nil {
		return v, err
	}
	rows.Close()
	m := merger{s: s, ctx: ctx}
	return v, m.current(tx, &v)
}

func scanVersion(rows *sql.Rows) (data.RecordVersion, error) {
	var v data.RecordVersion
	ms := metaScan{m: &v.Meta}
	var kind, updated, row, reason, resolution string
	if err := rows.Scan(append(ms.dest(), &kind, &v.RecordID, &updated, &v.Device, &row, &reason, &resolution)...); err != nil {
		return v, err
	}
	if err := ms.finish(); err != nil {
		return v, err
	}
	v.Kind, v.Reason, v.Resolution = data.Kind(kind), data.VersionReason(reason), data.VersionResolution(resolution)
	var err error
	if v.Updated, err = parseTime(updated); err != nil {
		return v, err
	}
	if err := json.Unmarshal([]byte(row), &v.Row); err != nil {
		return v, fmt.Errorf("record version %s: %w", v.ID, err)
	}
	return v, nil
}

// current fills in the record as it is now, and a label to show for it.
func (m *merger) current(tx *sql.Tx, v *data.RecordVersion) error {
	if _, ok := tables[v.Kind]; !ok {
		return nil // a kind a newer Tavoli kept: shown, not restorable
	}
	m.tx = tx
	cur, ok, err := m.load(v.Kind, v.RecordID)
	if err != nil {
		return err
	}
	if ok {
		v.Current = cur.Row
		ver := cur.Version()
		v.CurrentDevice = ver.Device
		v.CurrentUpdated, _ = parseTime(ver.Updated)
	}
	v.Label = recordLabel(v.Row)
	if v.Label == "" && v.Current != nil {
		v.Label = recordLabel(v.Current)
	}
	if v.IsDeletion() && ok && !cur.Deleted() {
		// What restoring the deletion would take with it; a record that may not be deleted any more
		// (an approved register) lists nothing, and its restore is refused.
		if deps, err := dependents(m.ctx, tx, data.Ref{Kind: v.Kind, ID: v.RecordID}); err == nil {
			v.Cascade = deps
		}
	}
	return nil
}

// recordLabel is the first of a record's naming columns that has a value.
func recordLabel(row map[string]any) string {
	if s, _ := row["surname"].(string); s != "" {
		n, _ := row["name"].(string)
		return strings.TrimSpace(s + " " + n)
	}
	for _, k := range []string{"title", "name", "label", "text", "place", "date", "reason", "action"} {
		if s, _ := row[k].(string); strings.TrimSpace(s) != "" {
			return strings.TrimSpace(s)
		}
	}
	return ""
}

// DismissVersion records that a person reviewed a version set aside and keeps the current one.
func (s *Store) DismissVersion(ctx context.Context, id string) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		v, err := s.version(ctx, tx, id)
		if err != nil {
			return err
		}
		return s.resolveVersion(ctx, tx, &v, data.VersionDismissed)
	})
}

func (s *Store) resolveVersion(ctx context.Context, tx *sql.Tx, v *data.RecordVersion, res data.VersionResolution) error {
	return s.save(ctx, tx, data.KindRecordVersion, &v.Meta, []column{{"resolution", string(res)}})
}

// RestoreVersion makes a version set aside the record's current version again, as a new change made
// here (so it travels with the next export). The version it replaces is kept aside in its turn, so
// restoring loses nothing either. An approved verbale and its session are refused.
func (s *Store) RestoreVersion(ctx context.Context, id string) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		v, err := s.version(ctx, tx, id)
		if err != nil {
			return err
		}
		_, ok := tables[v.Kind]
		if !ok || v.Kind == data.KindRecordVersion {
			return data.Errorf(data.EInvalid, "err.exchange.version_missing")
		}
		m := merger{s: s, tx: tx, ctx: ctx}
		cur, exists, err := m.load(v.Kind, v.RecordID)
		if err != nil {
			return err
		}
		row := v.Row // the session the version belongs to, when the record is gone
		if exists {
			row = cur.Row
		}
		locked, err := m.locked(v.Kind, v.RecordID, row)
		if err != nil {
			return err
		}
		if locked {
			return data.Errorf(data.EReadOnly, "err.exchange.restore_locked")
		}
		if exists {
			if _, err := s.keepVersion(ctx, tx, v.Kind, v.RecordID, cur, data.VersionReplaced, data.VersionDismissed); err != nil {
				return err
			}
		}
		tc, err := m.columns(v.Kind)
		if err != nil {
			return err
		}
		// The version's columns, made a new change of this device's.
		next := held{Row: map[string]any{"updated": fmtTime(s.now().UTC()), "device": s.device}}
		for _, n := range tc.names {
			raw, ok := v.Row[n]
			if !ok || n == "id" || n == "updated" || n == "device" {
				continue
			}
			val, err := fromJSON(raw, tc.types[n])
			if err != nil {
				return badRecord(string(v.Kind), v.RecordID, err)
			}
			next.Row[n] = val
		}
		if exists {
			// Made on top of the current version: receivers take it as an update.
			cseen, err := merge.ParseSeen(cur.Base)
			if err != nil {
				return err
			}
			next.Base = cseen.With(merge.SeenOf(cur.Version())).String()
			next.Row["updated"] = merge.Stamp(s.now(), cur.Version().Updated)
		}
		var deps []data.Ref
		if v.IsDeletion() && exists && !cur.Deleted() {
			// Restoring a deletion deletes what went with it, as deleting the record here does.
			if deps, err = dependents(ctx, tx, data.Ref{Kind: v.Kind, ID: v.RecordID}); err != nil {
				return err
			}
		}
		if err := m.write(v.Kind, v.RecordID, next, exists); err != nil {
			return err
		}
		if err := s.noteRestore(ctx, tx, v.Kind, v.RecordID, cur.Row, next.Row); err != nil {
			return err
		}
		for _, d := range deps {
			if err := notLockedByRef(ctx, tx, d); err != nil {
				return err
			}
			if err := s.setDeletedBy(ctx, tx, d, data.Ref{Kind: v.Kind, ID: v.RecordID}); err != nil {
				return err
			}
		}
		// Restoring a record's live version brings back what its deletion took.
		if err := s.reviveCascades(ctx, tx); err != nil {
			return err
		}
		return s.resolveVersion(ctx, tx, &v, data.VersionRestored)
	})
}

// fromJSON turns a value of a version's JSON back into the column's type: numbers into integers or
// reals, base64 text into bytes.
func fromJSON(raw any, typ string) (any, error) {
	if raw == nil {
		return nil, nil
	}
	switch typ {
	case "INTEGER":
		switch x := raw.(type) {
		case float64:
			return int64(x), nil
		case bool:
			if x {
				return int64(1), nil
			}
			return int64(0), nil
		}
	case "REAL":
		if x, ok := raw.(float64); ok {
			return x, nil
		}
	case "BLOB":
		if x, ok := raw.(string); ok {
			return base64.StdEncoding.DecodeString(x)
		}
	default:
		if x, ok := raw.(string); ok {
			return x, nil
		}
	}
	return nil, fmt.Errorf("value %v for a %s column", raw, typ)
}
