package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/ids"
)

func followUpCols(f data.ActionFollowUp) []column {
	return []column{{"action_item_id", f.ActionItemID}, {"done", f.Done}, {"done_on", optTime(f.DoneOn)},
		{"note", f.Note}, {"session_id", nullable(f.SessionID)}}
}

// Actions lists the action items of every live session across bodies, with their follow-up: overdue
// first (the oldest due first), then the open ones by due date, then the closed ones. Overdue is
// reckoned on the store's clock, by the day in data.Zone.
func (s *Store) Actions(ctx context.Context, f data.ActionFilter) ([]data.ActionView, error) {
	var out []data.ActionView
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = actionViews(ctx, tx, `WHERE (? = '' OR s.body_id = ?)`, f.BodyID, f.BodyID)
		return err
	})
	if err != nil {
		return nil, err
	}
	today := s.now()
	kept := out[:0]
	for _, v := range out {
		v.Settle(today)
		if f.OpenOnly && v.Closed || f.OverdueOnly && !v.Overdue {
			continue
		}
		kept = append(kept, v)
	}
	data.SortActions(kept)
	return kept, nil
}

// actionViews reads the live action items of live sessions that where (on sessions s) selects, with
// their body, their session's date and their follow-up; Closed and Overdue are left to the caller.
func actionViews(ctx context.Context, tx *sql.Tx, where string, args ...any) ([]data.ActionView, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+metaCols("a")+`, a.session_id, coalesce(a.agenda_item_id, ''),
		coalesce(nullif(a.who, ''), trim(coalesce(p.name, '') || ' ' || coalesce(p.surname, ''))),
		coalesce(a.person_id, ''), a.what, a.due, a.done, s.body_id, b.name, s.date,
		coalesce(f.id, ''), coalesce(f.created, ''), coalesce(f.updated, ''), coalesce(f.device, ''),
		coalesce(f.done, 0), coalesce(f.done_on, ''), coalesce(f.note, ''), coalesce(f.session_id, '')
		FROM action_items a
		JOIN sessions s ON s.id = a.session_id AND s.deleted = 0
		JOIN bodies b ON b.id = s.body_id
		LEFT JOIN people p ON p.id = a.person_id
		LEFT JOIN action_follow_ups f ON f.id = (SELECT x.id FROM action_follow_ups x
			WHERE x.action_item_id = a.id AND x.deleted = 0 ORDER BY x.updated DESC, x.id DESC LIMIT 1)
		`+where+` AND a.deleted = 0 ORDER BY s.date, a.created, a.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []data.ActionView
	for rows.Next() {
		var v data.ActionView
		var fu data.ActionFollowUp
		var due, sessionDate, fCreated, fUpdated, doneOn string
		m := metaScan{m: &v.Meta}
		if err := rows.Scan(append(m.dest(), &v.SessionID, &v.AgendaItemID, &v.Who, &v.PersonID, &v.What, &due,
			&v.Done, &v.BodyID, &v.BodyName, &sessionDate, &fu.ID, &fCreated, &fUpdated, &fu.Device, &fu.Done,
			&doneOn, &fu.Note, &fu.SessionID)...); err != nil {
			return nil, err
		}
		var e1, e2 error
		v.Due, e1 = parseOptTime(due)
		v.SessionDate, e2 = parseTime(sessionDate)
		if err := errors.Join(m.finish(), e1, e2); err != nil {
			return nil, err
		}
		if fu.ID != "" {
			fu.ActionItemID = v.ID
			var e1, e2, e3 error
			fu.Created, e1 = parseTime(fCreated)
			fu.Updated, e2 = parseTime(fUpdated)
			fu.DoneOn, e3 = parseOptTime(doneOn)
			if err := errors.Join(e1, e2, e3); err != nil {
				return nil, err
			}
			v.FollowUp = &fu
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// openActionsBefore lists the actions of a body's sessions held before at that were open on at's day
// (not done at their session, and not done by a follow-up before that day), and those the session
// checking closed (their follow-up names it). Overdue says whether each was past due on that day; Closed
// is its state now.
func openActionsBefore(ctx context.Context, tx *sql.Tx, bodyID string, at time.Time, checking string) ([]data.ActionView, error) {
	list, err := actionViews(ctx, tx, `WHERE s.body_id = ? AND s.date < ? AND s.corrects_id IS NULL
		AND s.id <> ?`, bodyID, fmtTime(at), checking)
	if err != nil {
		return nil, err
	}
	day := data.Day(at)
	var out []data.ActionView
	for _, v := range list {
		fu := v.FollowUp
		openThen := !v.Done && (fu == nil || !fu.Done || !data.Day(fu.DoneOn).Before(day))
		checked := fu != nil && checking != "" && fu.SessionID == checking
		if !openThen && !checked {
			continue
		}
		v.Settle(at)
		v.Overdue = openThen && !v.Due.IsZero() && data.Day(v.Due).Before(day)
		out = append(out, v)
	}
	data.SortActions(out)
	return out, nil
}

// SaveFollowUp records what became of an action item: done (on DoneOn, today when not given) or not,
// and a note. An action item has one follow-up: saving one for an item that has it already updates it.
// It is not locked by the approval of the item's session: the follow-up goes on after the verbale.
func (s *Store) SaveFollowUp(ctx context.Context, f data.ActionFollowUp) (data.ActionFollowUp, error) {
	f.Note = strings.TrimSpace(f.Note)
	switch {
	case !f.Done:
		f.DoneOn = time.Time{}
	case f.DoneOn.IsZero():
		f.DoneOn = data.Day(s.now())
	}
	if err := f.Validate(); err != nil {
		return f, err
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM action_items a JOIN sessions s ON s.id = a.session_id
			WHERE a.id = ? AND a.deleted = 0 AND s.deleted = 0`, f.ActionItemID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return data.Errorf(data.ENotFound, "err.ref.missing", "kind", string(data.KindActionItem))
		}
		if err := liveRef(ctx, tx, data.KindSession, f.SessionID); err != nil {
			return err
		}
		if f.ID == "" {
			var created string
			err := tx.QueryRowContext(ctx, `SELECT id, created FROM action_follow_ups WHERE action_item_id = ?
				AND deleted = 0 ORDER BY updated DESC, id DESC LIMIT 1`, f.ActionItemID).Scan(&f.ID, &created)
			switch {
			case err == nil:
				if f.Created, err = parseTime(created); err != nil {
					return err
				}
			case errors.Is(err, sql.ErrNoRows):
				f.ID = ids.FollowUp(f.ActionItemID) // the same on every laptop
			default:
				return err
			}
		} else if err := ownItem(ctx, tx, f.ID, f.ActionItemID); err != nil {
			return err
		}
		return s.save(ctx, tx, data.KindActionFollowUp, &f.Meta, followUpCols(f))
	})
	return f, err
}

// ownItem refuses to move a follow-up to another action item.
func ownItem(ctx context.Context, tx *sql.Tx, id, itemID string) error {
	var stored string
	err := tx.QueryRowContext(ctx, `SELECT action_item_id FROM action_follow_ups WHERE id = ?`, id).Scan(&stored)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil
	case err != nil:
		return err
	case stored != itemID:
		return data.Errorf(data.EInvalid, "err.action.other_item")
	}
	return nil
}

var _ data.ActionStore = (*Store)(nil)
