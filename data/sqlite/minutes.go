package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"github.com/tavoli/tavoli/data"
)

func decisionCols(d data.Decision) []column {
	return []column{{"session_id", d.SessionID}, {"agenda_item_id", nullable(d.AgendaItemID)}, {"text", d.Text},
		{"vote_id", d.VoteID}}
}

func actionCols(a data.ActionItem) []column {
	return []column{{"session_id", a.SessionID}, {"agenda_item_id", nullable(a.AgendaItemID)}, {"who", a.Who},
		{"person_id", nullable(a.PersonID)}, {"what", a.What}, {"due", optTime(a.Due)}, {"done", a.Done}}
}

// itemOf checks that an optional agenda item belongs to the session.
func itemOf(ctx context.Context, tx *sql.Tx, sessionID, itemID string) error {
	if itemID == "" {
		return nil
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM agenda_items WHERE id = ? AND session_id = ? AND deleted = 0`,
		itemID, sessionID).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return data.Errorf(data.ENotFound, "err.ref.missing", "kind", string(data.KindAgendaItem))
	}
	return nil
}

// SaveDecision records what the body decided on an agenda item.
func (s *Store) SaveDecision(ctx context.Context, d data.Decision) (data.Decision, error) {
	d.Text = strings.TrimSpace(d.Text)
	if err := d.Validate(); err != nil {
		return d, err
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		if err := ownSession(ctx, tx, "decisions", d.ID, d.SessionID); err != nil {
			return err
		}
		if err := itemOf(ctx, tx, d.SessionID, d.AgendaItemID); err != nil {
			return err
		}
		return s.save(ctx, tx, data.KindDecision, &d.Meta, decisionCols(d))
	})
	return d, err
}

// SaveActionItem records something someone will do by a date.
func (s *Store) SaveActionItem(ctx context.Context, a data.ActionItem) (data.ActionItem, error) {
	a.Who, a.What = strings.TrimSpace(a.Who), strings.TrimSpace(a.What)
	if err := a.Validate(); err != nil {
		return a, err
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		if err := ownSession(ctx, tx, "action_items", a.ID, a.SessionID); err != nil {
			return err
		}
		if err := itemOf(ctx, tx, a.SessionID, a.AgendaItemID); err != nil {
			return err
		}
		if err := liveRef(ctx, tx, data.KindPerson, a.PersonID); err != nil {
			return err
		}
		return s.save(ctx, tx, data.KindActionItem, &a.Meta, actionCols(a))
	})
	return a, err
}

func decisions(ctx context.Context, tx *sql.Tx, sessionID string) ([]data.Decision, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+metaCols("d")+`, d.session_id, coalesce(d.agenda_item_id, ''),
		d.text, d.vote_id FROM decisions d WHERE d.session_id = ? AND d.deleted = 0 ORDER BY d.created, d.id`, sessionID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []data.Decision
	for rows.Next() {
		var d data.Decision
		m := metaScan{m: &d.Meta}
		if err := rows.Scan(append(m.dest(), &d.SessionID, &d.AgendaItemID, &d.Text, &d.VoteID)...); err != nil {
			return nil, err
		}
		if err := m.finish(); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

func actions(ctx context.Context, tx *sql.Tx, sessionID string) ([]data.ActionItem, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+metaCols("a")+`, a.session_id, coalesce(a.agenda_item_id, ''),
		a.who, coalesce(a.person_id, ''), a.what, a.due, a.done FROM action_items a
		WHERE a.session_id = ? AND a.deleted = 0 ORDER BY a.created, a.id`, sessionID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []data.ActionItem
	for rows.Next() {
		var a data.ActionItem
		var due string
		m := metaScan{m: &a.Meta}
		if err := rows.Scan(append(m.dest(), &a.SessionID, &a.AgendaItemID, &a.Who, &a.PersonID, &a.What, &due, &a.Done)...); err != nil {
			return nil, err
		}
		var e error
		a.Due, e = parseOptTime(due)
		if err := errors.Join(m.finish(), e); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}
