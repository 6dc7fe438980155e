package sqlite

import (
	"context"
	"database/sql"
	"errors"

	"github.com/tavoli/tavoli/data"
)

func speechCols(s data.Speech) []column {
	return []column{{"session_id", s.SessionID}, {"agenda_item_id", nullable(s.AgendaItemID)},
		{"person_id", s.PersonID}, {"position", s.Position}, {"started", optTime(s.Started)}, {"ended", optTime(s.Ended)}}
}

// QueueSpeaker puts a person at the end of the list of speakers on an item of a session in corso. A
// person already waiting on that item is not queued twice.
func (s *Store) QueueSpeaker(ctx context.Context, sessionID, itemID, personID string) (data.Speech, error) {
	sp := data.Speech{SessionID: sessionID, AgendaItemID: itemID, PersonID: personID}
	if err := sp.Validate(); err != nil {
		return sp, err
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		if err := running(ctx, tx, sessionID); err != nil {
			return err
		}
		if err := itemOf(ctx, tx, sessionID, itemID); err != nil {
			return err
		}
		if err := liveRef(ctx, tx, data.KindPerson, personID); err != nil {
			return err
		}
		list, err := speeches(ctx, tx, sessionID)
		if err != nil {
			return err
		}
		for _, x := range list {
			if x.AgendaItemID == itemID {
				sp.Position = max(sp.Position, x.Position)
				if x.PersonID == personID && x.Waiting() {
					return data.Errorf(data.EConflict, "err.speech.queued", "name", x.Speaker.Prose())
				}
			}
		}
		sp.Position++
		return s.save(ctx, tx, data.KindSpeech, &sp.Meta, speechCols(sp))
	})
	return sp, err
}

// NextSpeaker gives the floor to the next speaker waiting on an item: the one speaking ends now, the
// first one waiting starts now. With nobody waiting, the one speaking ends and the floor is free.
func (s *Store) NextSpeaker(ctx context.Context, sessionID, itemID string) ([]data.Speech, error) {
	var out []data.Speech
	err := s.write(ctx, func(tx *sql.Tx) error {
		if err := running(ctx, tx, sessionID); err != nil {
			return err
		}
		list, err := speeches(ctx, tx, sessionID)
		if err != nil {
			return err
		}
		now := s.now().UTC()
		started := false
		for i := range list {
			x := &list[i]
			if x.AgendaItemID != itemID {
				continue
			}
			switch {
			case x.Speaking():
				x.Ended = later(now, x.Started)
			case x.Waiting() && !started:
				x.Started, started = now, true
			default:
				continue
			}
			if err := s.save(ctx, tx, data.KindSpeech, &x.Meta, speechCols(*x)); err != nil {
				return err
			}
		}
		out = list
		return nil
	})
	return out, err
}

// Speeches lists a session's speeches, item by item in the order they were asked for.
func (s *Store) Speeches(ctx context.Context, sessionID string) ([]data.Speech, error) {
	var out []data.Speech
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = speeches(ctx, tx, sessionID)
		return err
	})
	return out, err
}

func speeches(ctx context.Context, tx *sql.Tx, sessionID string) ([]data.Speech, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+metaCols("x")+`, x.session_id, coalesce(x.agenda_item_id, ''),
		x.person_id, x.position, x.started, x.ended, coalesce(p.name, ''), coalesce(p.surname, ''),
		coalesce(p.gender, ''), coalesce(p.title, '')
		FROM speeches x LEFT JOIN people p ON p.id = x.person_id
		WHERE x.session_id = ? AND x.deleted = 0 ORDER BY x.agenda_item_id, x.position, x.id`, sessionID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []data.Speech
	for rows.Next() {
		var x data.Speech
		var started, ended string
		m := metaScan{m: &x.Meta}
		if err := rows.Scan(append(m.dest(), &x.SessionID, &x.AgendaItemID, &x.PersonID, &x.Position, &started, &ended,
			&x.Speaker.Name, &x.Speaker.Surname, &x.Speaker.Gender, &x.Speaker.Title)...); err != nil {
			return nil, err
		}
		var e1, e2 error
		x.Started, e1 = parseOptTime(started)
		x.Ended, e2 = parseOptTime(ended)
		if err := errors.Join(m.finish(), e1, e2); err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, rows.Err()
}

// running checks that a session is in corso (and so not locked).
func running(ctx context.Context, tx *sql.Tx, sessionID string) error {
	sess, err := unlocked(ctx, tx, sessionID)
	if err != nil {
		return err
	}
	if sess.Status != data.SessionInCorso {
		return data.Errorf(data.EInvalid, "err.session.not_running")
	}
	return nil
}
