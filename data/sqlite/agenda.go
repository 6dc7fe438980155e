package sqlite

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/tavoli/tavoli/data"
)

func agendaCols(a data.AgendaItem) []column {
	return []column{{"session_id", a.SessionID}, {"position", a.Position}, {"title", a.Title},
		{"notes", a.Notes}, {"spent_ms", a.Spent.Milliseconds()}, {"done", a.Done}}
}

// Agenda lists a session's ordine del giorno in order.
func (s *Store) Agenda(ctx context.Context, sessionID string) ([]data.AgendaItem, error) {
	var out []data.AgendaItem
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = agenda(ctx, tx, sessionID)
		return err
	})
	return out, err
}

func agenda(ctx context.Context, tx *sql.Tx, sessionID string) ([]data.AgendaItem, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+metaCols("i")+`, i.session_id, i.position, i.title, i.notes,
		i.spent_ms, i.done FROM agenda_items i WHERE i.session_id = ? AND i.deleted = 0
		ORDER BY i.position, i.created, i.id`, sessionID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []data.AgendaItem
	for rows.Next() {
		var a data.AgendaItem
		var ms int64
		m := metaScan{m: &a.Meta}
		if err := rows.Scan(append(m.dest(), &a.SessionID, &a.Position, &a.Title, &a.Notes, &ms, &a.Done)...); err != nil {
			return nil, err
		}
		if err := m.finish(); err != nil {
			return nil, err
		}
		a.Spent = time.Duration(ms) * time.Millisecond
		out = append(out, a)
	}
	return out, rows.Err()
}

// SaveAgendaItem creates or updates an item of the ordine del giorno: its title and notes. A new item
// goes before "Varie ed eventuali" when the agenda ends with it, at the end otherwise. The time spent
// and the done mark are kept as stored: the meeting's clock (SetCurrentItem, NextItem) sets them. An
// update whose Updated is not the stored one is refused as changed elsewhere (EChanged,
// "err.record.changed"), as for every record: two windows typing the notes of one item must not
// overwrite each other. The clock's changes count too; a caller that knows the text it started from
// can check that only the clock moved and save again over the new version.
func (s *Store) SaveAgendaItem(ctx context.Context, a data.AgendaItem) (data.AgendaItem, error) {
	a.Title = strings.TrimSpace(a.Title)
	if err := a.Validate(); err != nil {
		return a, err
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		if err := ownSession(ctx, tx, "agenda_items", a.ID, a.SessionID); err != nil {
			return err
		}
		items, err := agenda(ctx, tx, a.SessionID)
		if err != nil {
			return err
		}
		found := false
		for _, it := range items {
			if it.ID == a.ID {
				found = true
				a.Spent, a.Position, a.Done = it.Spent, it.Position, it.Done
			}
		}
		if !found {
			a.Position = len(items) + 1
			if n := len(items); n > 0 && data.Fold(items[n-1].Title) == data.Fold(data.DefaultAgenda[len(data.DefaultAgenda)-1]) {
				a.Position = items[n-1].Position
				last := items[n-1]
				last.Position++
				if err := s.save(ctx, tx, data.KindAgendaItem, &last.Meta, agendaCols(last)); err != nil {
					return err
				}
			}
		}
		return s.save(ctx, tx, data.KindAgendaItem, &a.Meta, agendaCols(a))
	})
	return a, err
}

// MoveAgendaItem moves an item up (delta < 0) or down (delta > 0) in the ordine del giorno; the items
// are renumbered 1, 2, 3...
func (s *Store) MoveAgendaItem(ctx context.Context, id string, delta int) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		var sessionID string
		if err := tx.QueryRowContext(ctx, `SELECT session_id FROM agenda_items WHERE id = ? AND deleted = 0`, id).Scan(&sessionID); err != nil {
			if err == sql.ErrNoRows {
				return data.Errorf(data.ENotFound, "err.record.deleted", "kind", string(data.KindAgendaItem))
			}
			return err
		}
		if _, err := unlocked(ctx, tx, sessionID); err != nil {
			return err
		}
		items, err := agenda(ctx, tx, sessionID)
		if err != nil {
			return err
		}
		from := -1
		for i, it := range items {
			if it.ID == id {
				from = i
			}
		}
		to := min(max(from+delta, 0), len(items)-1)
		it := items[from]
		items = append(items[:from], items[from+1:]...)
		items = append(items[:to], append([]data.AgendaItem{it}, items[to:]...)...)
		for i := range items {
			if items[i].Position == i+1 {
				continue
			}
			items[i].Position = i + 1
			if err := s.save(ctx, tx, data.KindAgendaItem, &items[i].Meta, agendaCols(items[i])); err != nil {
				return err
			}
		}
		return nil
	})
}
