package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/ids"
)

// coalesceWindow is how close a change must follow the previous one, by the same computer on the same
// record, to join its entry: a form saves a second after the last key, and a history entry per pause
// in the typing would bury the changes that matter.
const coalesceWindow = 10 * time.Minute

// untracked are the kinds whose records keep no history: the history itself, the versions set aside
// (their record's history tells what happened), the computers (the authors of the history), the steps
// of a proposal's life (a history of their own) and who took part in a secret vote, which nothing may
// order or date.
var untracked = map[data.Kind]bool{
	data.KindHistory: true, data.KindRecordVersion: true, data.KindDevice: true, data.KindProposalEvent: true,
	data.KindVoteVoter: true,
}

// derivedColumns are made from the others for searching and sorting, or keep the running state of a
// meeting (the item under discussion, its clock): a change to them is no change a history keeps.
var derivedColumns = map[string]bool{"search": true, "match_key": true, "sort_key": true,
	"current_item_id": true, "current_since": true, "spent_ms": true}

// tracked reports whether a record of kind with these columns keeps a history. A ballot keeps one only
// when it names its voter (an open vote): an anonymous ballot leaves no trace of when it was entered.
func tracked(kind data.Kind, cols []column) bool {
	if untracked[kind] {
		return false
	}
	if kind == data.KindVoteBallot {
		for _, c := range cols {
			if c.name == "voter" {
				v, _ := c.value.(string)
				return v != ""
			}
		}
		return false
	}
	return true
}

// trackedRef is tracked for a stored record.
func trackedRef(ctx context.Context, tx querier, r data.Ref) (bool, error) {
	if r.Kind != data.KindVoteBallot {
		return tracked(r.Kind, nil), nil
	}
	var voter string
	err := tx.QueryRowContext(ctx, `SELECT voter FROM vote_ballots WHERE id = ?`, r.ID).Scan(&voter)
	return voter != "", err
}

// historyValue is a column's value as the history keeps it: text, a whole number, a real, true or
// false, or nil.
func historyValue(v any) any {
	switch x := v.(type) {
	case nil, string, bool, int64, float64, []byte:
		return x
	case time.Time:
		return fmtTime(x)
	case driver.Valuer:
		val, err := x.Value()
		if err != nil {
			return fmt.Sprint(x)
		}
		return historyValue(val)
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.String:
		return rv.String()
	case reflect.Bool:
		return rv.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return rv.Int()
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return int64(rv.Uint())
	case reflect.Float32, reflect.Float64:
		return rv.Float()
	}
	return fmt.Sprint(v)
}

// like gives a stored value the type of the value replacing it: SQLite keeps true and false as 1 and 0.
func like(stored, next any) any {
	if _, ok := next.(bool); ok {
		if n, ok := number(stored); ok {
			return n != 0
		}
	}
	return stored
}

// number is a numeric value as a float, whether it was read from the database or from JSON.
func number(v any) (float64, bool) {
	switch x := v.(type) {
	case int64:
		return float64(x), true
	case float64:
		return x, true
	}
	return 0, false
}

// same reports whether two values are the same for the history: nothing and empty text are.
func same(a, b any) bool {
	if a == nil {
		a = ""
	}
	if b == nil {
		b = ""
	}
	if x, ok := number(a); ok {
		y, ok := number(b)
		return ok && x == y
	}
	if x, ok := a.([]byte); ok {
		y, ok := b.([]byte)
		return ok && bytes.Equal(x, y)
	}
	return a == b
}

// change is the entry of one column moved from old to next, and whether it moved at all. A stored
// document is named, never copied.
func change(field string, old, next any) (data.FieldChange, bool) {
	o, n := historyValue(old), historyValue(next)
	_, ob := o.([]byte)
	_, nb := n.([]byte)
	if ob || nb {
		return data.FieldChange{Field: field, Document: true}, !same(o, n)
	}
	o = like(o, n)
	return data.FieldChange{Field: field, Old: o, New: n}, !same(o, n)
}

// colChanges lists the columns a save moves from the values held (before, in the order of cols).
func colChanges(cols []column, before []any) []data.FieldChange {
	var out []data.FieldChange
	for i, c := range cols {
		if derivedColumns[c.name] {
			continue
		}
		if fc, moved := change(c.name, before[i], c.value); moved {
			out = append(out, fc)
		}
	}
	return out
}

// rowChanges lists the columns that differ between two versions of a record, as read from the
// database or from a bundle, but for the head every record has.
func rowChanges(old, next map[string]any) []data.FieldChange {
	names := make([]string, 0, len(next))
	for n := range next {
		switch n {
		case "id", "created", "updated", "device", "deleted", "deleted_by":
			continue
		}
		if !derivedColumns[n] {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	var out []data.FieldChange
	for _, n := range names {
		if fc, moved := change(n, old[n], next[n]); moved {
			out = append(out, fc)
		}
	}
	return out
}

// mergeChanges folds the changes of a later save into an entry's: each field keeps its first old
// value and takes the latest new one, and a field typed back to what it was drops out.
func mergeChanges(prev, next []data.FieldChange) []data.FieldChange {
	out := slices.Clone(prev)
	for _, n := range next {
		i := slices.IndexFunc(out, func(p data.FieldChange) bool { return p.Field == n.Field })
		if i < 0 {
			out = append(out, n)
			continue
		}
		out[i].New = n.New
		out[i].Document = out[i].Document || n.Document
		if !out[i].Document && same(out[i].Old, out[i].New) {
			out = slices.Delete(out, i, i+1)
		}
	}
	return out
}

// noteChange keeps in a record's history a change this computer made to it, in the transaction that
// made it. version is the record's new stamp, from which a new entry's id is derived. A change that
// follows this computer's last change of the record within coalesceWindow joins its entry.
func (s *Store) noteChange(ctx context.Context, tx querier, kind data.Kind, id string, action data.HistoryAction,
	changes []data.FieldChange, version time.Time) error {
	if action == data.HistoryChanged {
		joined, err := s.joinLatest(ctx, tx, kind, id, changes, version)
		if joined || err != nil {
			return err
		}
	}
	who, err := s.authorNames(ctx, tx)
	if err != nil {
		return err
	}
	js, err := changesJSON(changes)
	if err != nil {
		return err
	}
	// A new entry: a record's versions are strictly ordered (see later), so no other entry derives this
	// id here, and an entry arriving from elsewhere under it is already the same one.
	m := data.Meta{ID: ids.History(string(kind), id, s.device, fmtTime(version)), Created: version, Updated: version,
		Device: s.device}
	names := []string{"id", "created", "updated", "device", "deleted", "kind", "record_id", "at", "author",
		"operator", "computer", "action", "changes"}
	_, err = tx.ExecContext(ctx, insertSQL(tables[data.KindHistory], names)+` ON CONFLICT (id) DO NOTHING`,
		m.ID, fmtTime(m.Created), fmtTime(m.Updated), m.Device, false, string(kind), id, fmtTime(version), s.device,
		who.Operator, who.Name, string(action), js)
	return err
}

// authorNames is this device's computer and operator as the devices table has them, read once.
func (s *Store) authorNames(ctx context.Context, tx querier) (data.Device, error) {
	s.mu.Lock()
	a := s.author
	s.mu.Unlock()
	if a != nil && a.ID == s.device {
		return *a, nil
	}
	d := data.Device{Meta: data.Meta{ID: s.device}}
	err := tx.QueryRowContext(ctx, `SELECT name, operator FROM devices WHERE id = ?`, s.device).Scan(&d.Name, &d.Operator)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return d, err
	}
	s.mu.Lock()
	s.author = &d
	s.mu.Unlock()
	return d, nil
}

// noteRestore keeps in a record's history that this computer put back a version set aside over the
// current one (cur, nil when the record was missing).
func (s *Store) noteRestore(ctx context.Context, tx querier, kind data.Kind, id string, cur, next map[string]any) error {
	if voter, _ := next["voter"].(string); untracked[kind] || kind == data.KindVoteBallot && voter == "" {
		return nil
	}
	stamp, err := parseTime(fmt.Sprint(next["updated"]))
	if err != nil {
		return err
	}
	return s.noteChange(ctx, tx, kind, id, data.HistoryRestored, rowChanges(cur, next), stamp)
}

// noteRestamp keeps in a record's history a change that restamp has just made to one column of it (a
// join moving what pointed to one record to the other, or making a record the alias of another).
func (s *Store) noteRestamp(ctx context.Context, tx *sql.Tx, kind data.Kind, id string, action data.HistoryAction,
	field string, old, next any) error {
	if track, err := trackedRef(ctx, tx, data.Ref{Kind: kind, ID: id}); err != nil || !track {
		return err
	}
	var stored string
	if err := tx.QueryRowContext(ctx, `SELECT updated FROM `+tables[kind]+` WHERE id = ?`, id).Scan(&stored); err != nil {
		return err
	}
	stamp, err := parseTime(stored)
	if err != nil {
		return err
	}
	return s.noteChange(ctx, tx, kind, id, action, []data.FieldChange{{Field: field, Old: old, New: next}}, stamp)
}

// joinLatest folds a change into the record's latest entry when this computer made it moments ago, and
// reports whether it did.
func (s *Store) joinLatest(ctx context.Context, tx querier, kind data.Kind, id string, changes []data.FieldChange,
	version time.Time) (bool, error) {
	var hid, updated, at, author, action, raw string
	err := tx.QueryRowContext(ctx, `SELECT id, updated, at, author, action, changes FROM record_history
		WHERE record_id = ? AND kind = ? AND deleted = 0 ORDER BY at DESC, id DESC LIMIT 1`, id, string(kind)).
		Scan(&hid, &updated, &at, &author, &action, &raw)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	last, err := parseTime(at)
	if err != nil {
		return false, err
	}
	// Only a change joins a change: what is filled in after a record is made (the first save of a form
	// comes with its first field) reads as a change after "created", which names no values.
	if author != s.device || version.Sub(last) >= coalesceWindow || data.HistoryAction(action) != data.HistoryChanged {
		return false, nil
	}
	var prev []data.FieldChange
	if err := json.Unmarshal([]byte(raw), &prev); err != nil {
		return false, fmt.Errorf("history %s: %w", hid, err)
	}
	merged := mergeChanges(prev, changes)
	if len(merged) == 0 {
		// Typed back as it was: the entry goes, and keeps no values.
		return true, s.restampHistory(ctx, tx, hid, updated, "[]", true)
	}
	js, err := changesJSON(merged)
	if err != nil {
		return false, err
	}
	stamp, err := parseTime(updated)
	if err != nil {
		return false, err
	}
	m := data.Meta{ID: hid, Updated: stamp}
	return true, s.save(ctx, tx, data.KindHistory, &m, []column{{"at", fmtTime(version)}, {"changes", js}})
}

// restampHistory rewrites an entry's changes as a change of this computer's, so that the new version
// travels and replaces the old one everywhere; deleted tombstones it.
func (s *Store) restampHistory(ctx context.Context, tx querier, id, updated, changes string, deleted bool) error {
	prev, err := parseTime(updated)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `UPDATE record_history SET changes = ?, deleted = deleted OR ?, updated = ?, device = ?
		WHERE id = ?`, changes, deleted, fmtTime(later(s.now().UTC(), prev)), s.device, id)
	return err
}

func changesJSON(changes []data.FieldChange) (string, error) {
	if changes == nil {
		changes = []data.FieldChange{}
	}
	js, err := json.Marshal(changes)
	if err != nil {
		return "", data.Errorf(data.EInternal, "err.db.internal").Wrap(err)
	}
	return string(js), nil
}

// forgetHistory replaces, in every entry of a record's history, the old and new values of the fields
// named with the text given (an erasure's placeholder), and restamps the entries it rewrote as this
// computer's changes: the scrubbed entries travel in the next bundles and win over the old ones, so no
// laptop keeps or sends the values again. Empty values stay empty. Entries already tombstoned are
// scrubbed too.
func (s *Store) forgetHistory(ctx context.Context, tx *sql.Tx, ref data.Ref, fields map[string]string) error {
	rows, err := tx.QueryContext(ctx, `SELECT id, updated, changes FROM record_history WHERE kind = ? AND record_id = ?
		ORDER BY id`, string(ref.Kind), ref.ID)
	if err != nil {
		return err
	}
	type entry struct{ id, updated, changes string }
	var list []entry
	for rows.Next() {
		var e entry
		if err := rows.Scan(&e.id, &e.updated, &e.changes); err != nil {
			rows.Close()
			return err
		}
		list = append(list, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, e := range list {
		js, scrubbed, err := scrubChanges(e.changes, fields)
		if err != nil {
			return fmt.Errorf("history %s: %w", e.id, err)
		}
		if !scrubbed {
			continue
		}
		if err := s.restampHistory(ctx, tx, e.id, e.updated, js, false); err != nil {
			return err
		}
	}
	return nil
}

// scrubChanges replaces in an entry's changes (as stored) the values of the fields named, and reports
// whether anything was replaced.
func scrubChanges(raw string, fields map[string]string) (string, bool, error) {
	var ch []data.FieldChange
	if err := json.Unmarshal([]byte(raw), &ch); err != nil {
		return raw, false, err
	}
	scrubbed := false
	for i := range ch {
		text, ok := fields[ch[i].Field]
		if !ok {
			continue
		}
		for _, v := range []*any{&ch[i].Old, &ch[i].New} {
			if !same(*v, "") && *v != text {
				*v, scrubbed = text, true
			}
		}
	}
	if !scrubbed {
		return raw, false, nil
	}
	js, err := changesJSON(ch)
	return js, true, err
}

// erasedFields are the fields an erasure scrubs from a person's history, each with what replaces it.
func erasedFields() map[string]string {
	out := map[string]string{}
	for _, f := range data.ErasedFields {
		out[f] = data.HistoryErased
	}
	return out
}

// forgetErased takes an erased person's values out of their history: the entries held here, rewritten
// under this computer's stamp so that the rewritten entries travel and win (an erasure made here).
func (s *Store) forgetErased(ctx context.Context, tx *sql.Tx, personID string) error {
	return s.forgetHistory(ctx, tx, data.Ref{Kind: data.KindPerson, ID: personID}, erasedFields())
}

// scrubHeldHistory takes an erased person's values out of the entries of their history held here, in
// place: the erasure arrived from another laptop, which rewrote the entries it had; these are the ones
// it did not have, and every laptop scrubs them alike on arrival (see scrubIncomingHistory).
func scrubHeldHistory(ctx context.Context, tx querier, personID string) error {
	rows, err := tx.QueryContext(ctx, `SELECT id, changes FROM record_history WHERE kind = ? AND record_id = ?`,
		string(data.KindPerson), personID)
	if err != nil {
		return err
	}
	type entry struct{ id, changes string }
	var list []entry
	for rows.Next() {
		var e entry
		if err := rows.Scan(&e.id, &e.changes); err != nil {
			rows.Close()
			return err
		}
		list = append(list, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, e := range list {
		js, scrubbed, err := scrubChanges(e.changes, erasedFields())
		if err != nil || !scrubbed {
			continue // an entry this Tavoli cannot read is left as it came
		}
		if _, err := tx.ExecContext(ctx, `UPDATE record_history SET changes = ? WHERE id = ?`, js, e.id); err != nil {
			return err
		}
	}
	return nil
}

// scrubIncomingHistory takes, before the merge judges it, an erased person's values out of an incoming
// entry of their history: one made on a laptop that had not heard of the erasure yet.
func (m *merger) scrubIncomingHistory(kind data.Kind, in held) error {
	if kind != data.KindHistory || in.Row["kind"] != string(data.KindPerson) {
		return nil
	}
	id, _ := in.Row["record_id"].(string)
	erased, err := personErased(m.ctx, m.tx, id)
	if err != nil || !erased {
		return dbError(err)
	}
	raw, _ := in.Row["changes"].(string)
	if js, scrubbed, err := scrubChanges(raw, erasedFields()); err == nil && scrubbed {
		in.Row["changes"] = js
	}
	return nil
}

// History is every change kept of the record with that id, the newest first, with the names of the
// records its values point to. A record that exists with no history (made before histories were kept,
// or arrived from a laptop that kept none) has an empty one; an id no record has is not found.
func (s *Store) History(ctx context.Context, id string) ([]data.HistoryEntry, error) {
	var out []data.HistoryEntry
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+metaCols("h")+`, kind, record_id, at, author, operator, computer,
			action, changes FROM record_history h WHERE record_id = ? AND deleted = 0 ORDER BY at DESC, id DESC`, id)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var e data.HistoryEntry
			var kind, at, action, raw string
			ms := metaScan{m: &e.Meta}
			if err := rows.Scan(append(ms.dest(), &kind, &e.RecordID, &at, &e.Author, &e.Operator, &e.Computer,
				&action, &raw)...); err != nil {
				return err
			}
			if err := ms.finish(); err != nil {
				return err
			}
			if e.At, err = parseTime(at); err != nil {
				return err
			}
			if err := json.Unmarshal([]byte(raw), &e.Changes); err != nil {
				return fmt.Errorf("history %s: %w", e.ID, err)
			}
			e.Kind, e.Action = data.Kind(kind), data.HistoryAction(action)
			out = append(out, e)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		rows.Close()
		m := merger{s: s, tx: tx, ctx: ctx}
		if len(out) == 0 {
			if _, found, err := m.find(id); err != nil || !found {
				return firstErr(err, data.Errorf(data.ENotFound, "err.history.not_found", "id", id))
			}
			return nil
		}
		return m.nameValues(out)
	})
	if err != nil {
		return nil, dbError(err)
	}
	return out, nil
}

// find looks for a record by id in every synchronised table: ids are unique across them.
func (m *merger) find(id string) (held, bool, error) {
	for _, k := range data.SyncKinds {
		if k == data.KindHistory || k == data.KindRecordVersion {
			continue
		}
		rec, ok, err := m.load(k, id)
		if ok || err != nil {
			return rec, ok, err
		}
	}
	return held{}, false, nil
}

// nameValues fills in each entry's Names: what the ids among the values of its reference columns (one
// id, or a JSON list of them) name.
func (m *merger) nameValues(list []data.HistoryEntry) error {
	names := map[string]string{}
	for i := range list {
		for _, c := range list[i].Changes {
			var refs []string
			for _, v := range []any{c.Old, c.New} {
				text, _ := v.(string)
				var many []string
				switch {
				case text == "":
				case strings.HasSuffix(c.Field, "_id") || c.Field == "alias_of":
					refs = append(refs, text)
				case strings.HasSuffix(c.Field, "_ids") && json.Unmarshal([]byte(text), &many) == nil:
					refs = append(refs, many...)
				}
			}
			for _, id := range refs {
				if _, done := names[id]; !done {
					rec, ok, err := m.find(id)
					if err != nil {
						return err
					}
					names[id] = ""
					if ok {
						names[id] = recordLabel(rec.Row)
					}
				}
				if names[id] != "" {
					if list[i].Names == nil {
						list[i].Names = map[string]string{}
					}
					list[i].Names[id] = names[id]
				}
			}
		}
	}
	return nil
}
