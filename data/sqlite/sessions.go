package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/tavoli/tavoli/data"
)

// optTime stores a time that may not be set yet: ” for zero.
func optTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return fmtTime(t)
}

func parseOptTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	return parseTime(s)
}

func sessionCols(s data.Session) []column {
	return []column{{"body_id", s.BodyID}, {"status", string(s.Status)}, {"call", string(s.Call)},
		{"date", fmtTime(s.Date)}, {"place", s.Place}, {"started", optTime(s.Started)}, {"ended", optTime(s.Ended)},
		{"president_id", nullable(s.PresidentID)}, {"secretary_id", nullable(s.SecretaryID)},
		{"corrects_id", nullable(s.CorrectsID)}, {"current_item_id", s.CurrentItemID},
		{"current_since", optTime(s.CurrentSince)}, {"approved_in_id", nullable(s.ApprovedInID)},
		{"convocation_protocol", s.ConvocationProtocol}, {"convocation_date", optTime(s.ConvocationDate)},
		{"verbale_protocol", s.VerbaleProtocol}, {"verbale_date", optTime(s.VerbaleDate)}, {"number", s.Number},
		{"speech_times", s.SpeechTimes}}
}

const sessionSelect = `s.body_id, s.status, s.call, s.date, s.place, s.started, s.ended,
	coalesce(s.president_id, ''), coalesce(s.secretary_id, ''), coalesce(s.corrects_id, ''),
	s.current_item_id, s.current_since, coalesce(s.approved_in_id, ''),
	s.convocation_protocol, s.convocation_date, s.verbale_protocol, s.verbale_date, s.number, s.speech_times`

func scanSession(sc interface{ Scan(...any) error }, extra ...any) (data.Session, error) {
	var v data.Session
	var date, started, ended, since, convDate, verbDate string
	ms := metaScan{m: &v.Meta}
	dest := append(ms.dest(), &v.BodyID, &v.Status, &v.Call, &date, &v.Place, &started, &ended,
		&v.PresidentID, &v.SecretaryID, &v.CorrectsID, &v.CurrentItemID, &since, &v.ApprovedInID,
		&v.ConvocationProtocol, &convDate, &v.VerbaleProtocol, &verbDate, &v.Number, &v.SpeechTimes)
	if err := sc.Scan(append(dest, extra...)...); err != nil {
		return v, err
	}
	var errs [6]error
	v.Date, errs[0] = parseTime(date)
	v.Started, errs[1] = parseOptTime(started)
	v.Ended, errs[2] = parseOptTime(ended)
	v.CurrentSince, errs[3] = parseOptTime(since)
	v.ConvocationDate, errs[4] = parseOptTime(convDate)
	v.VerbaleDate, errs[5] = parseOptTime(verbDate)
	return v, errors.Join(ms.finish(), errors.Join(errs[:]...))
}

// Sessions lists sessions, the latest first.
func (s *Store) Sessions(ctx context.Context, f data.SessionFilter) ([]data.SessionView, error) {
	where := []string{"s.deleted = 0"}
	var args []any
	if f.BodyID != "" {
		where = append(where, "s.body_id = ?")
		args = append(args, f.BodyID)
	}
	if f.Status != "" {
		where = append(where, "s.status = ?")
		args = append(args, string(f.Status))
	}
	var out []data.SessionView
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = sessionViews(ctx, tx, strings.Join(where, " AND "), args...)
		return err
	})
	return out, err
}

func sessionViews(ctx context.Context, tx *sql.Tx, where string, args ...any) ([]data.SessionView, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+metaCols("s")+`, `+sessionSelect+`, b.name, b.kind,
		coalesce(b.area_id, ''), coalesce(a.name, ''),
		(SELECT count(*) FROM agenda_items i WHERE i.session_id = s.id AND i.deleted = 0),
		(SELECT count(DISTINCT t.person_id) FROM attendance t WHERE t.session_id = s.id AND t.deleted = 0 AND t.presence = 'presente')
		FROM sessions s JOIN bodies b ON b.id = s.body_id LEFT JOIN areas a ON a.id = b.area_id AND a.deleted = 0
		WHERE `+where+` ORDER BY s.date DESC, s.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []data.SessionView
	for rows.Next() {
		var v data.SessionView
		sess, err := scanSession(rows, &v.BodyName, &v.BodyKind, &v.AreaID, &v.AreaName, &v.Items, &v.Present)
		if err != nil {
			return nil, err
		}
		v.Session = sess
		out = append(out, v)
	}
	return out, rows.Err()
}

// Session reads one session.
func (s *Store) Session(ctx context.Context, id string) (data.SessionView, error) {
	var out data.SessionView
	err := s.read(ctx, func(tx *sql.Tx) error {
		list, err := sessionViews(ctx, tx, "s.id = ? AND s.deleted = 0", id)
		if err != nil {
			return err
		}
		if len(list) == 0 {
			return data.Errorf(data.ENotFound, "err.session.missing", "id", id)
		}
		out = list[0]
		return nil
	})
	return out, err
}

func loadSession(ctx context.Context, tx *sql.Tx, id string) (data.Session, error) {
	v, err := scanSession(tx.QueryRowContext(ctx, `SELECT `+metaCols("s")+`, `+sessionSelect+
		` FROM sessions s WHERE s.id = ? AND s.deleted = 0`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return v, data.Errorf(data.ENotFound, "err.session.missing", "id", id)
	}
	return v, err
}

// unlocked refuses a change to anything of a session whose verbale is approved.
func unlocked(ctx context.Context, tx *sql.Tx, sessionID string) (data.Session, error) {
	sess, err := loadSession(ctx, tx, sessionID)
	if err != nil {
		return sess, err
	}
	if sess.Status.Locked() {
		return sess, data.Errorf(data.ELocked, "err.session.locked", "date", sess.Date)
	}
	return sess, nil
}

// ownSession checks the session a record of table is saved under: the record stays in the session it
// was created in (a record is never moved to another act), and that session must not be locked. A
// record not stored yet needs only its session unlocked.
func ownSession(ctx context.Context, tx *sql.Tx, table, id, sessionID string) error {
	if id != "" {
		var stored sql.NullString
		err := tx.QueryRowContext(ctx, `SELECT session_id FROM `+table+` WHERE id = ?`, id).Scan(&stored)
		switch {
		case err == nil && stored.String != sessionID:
			if stored.String != "" {
				if _, err := unlocked(ctx, tx, stored.String); err != nil {
					return err
				}
			}
			return data.Errorf(data.EInvalid, "err.record.other_session")
		case err != nil && err != sql.ErrNoRows:
			return err
		}
	}
	if sessionID == "" {
		return nil
	}
	_, err := unlocked(ctx, tx, sessionID)
	return err
}

// SaveSession creates a session (in bozza, with the default ordine del giorno) or updates its details:
// body, call, date, place, who presides and who takes the minutes, and the actual start and end. The
// status moves only through SetStatus and ApproveVerbale; an approved session is locked.
func (s *Store) SaveSession(ctx context.Context, sess data.Session) (data.Session, error) {
	sess.Place = strings.TrimSpace(sess.Place)
	err := s.write(ctx, func(tx *sql.Tx) error {
		isNew := sess.ID == ""
		if !isNew {
			stored, err := unlocked(ctx, tx, sess.ID)
			if err != nil {
				return err
			}
			sess.Status, sess.CurrentItemID, sess.CurrentSince = stored.Status, stored.CurrentItemID, stored.CurrentSince
			sess.ApprovedInID, sess.CorrectsID, sess.Number = stored.ApprovedInID, stored.CorrectsID, stored.Number
		} else {
			sess.Status, sess.CurrentItemID, sess.CurrentSince, sess.ApprovedInID = data.SessionBozza, "", time.Time{}, ""
			sess.Number = 0
		}
		sess.ConvocationProtocol = strings.TrimSpace(sess.ConvocationProtocol)
		sess.VerbaleProtocol = strings.TrimSpace(sess.VerbaleProtocol)
		if err := sess.Validate(); err != nil {
			return err
		}
		for _, r := range []struct {
			kind data.Kind
			id   string
		}{{data.KindBody, sess.BodyID}, {data.KindPerson, sess.PresidentID}, {data.KindPerson, sess.SecretaryID},
			{data.KindSession, sess.CorrectsID}} {
			if err := liveRef(ctx, tx, r.kind, r.id); err != nil {
				return err
			}
		}
		if err := s.save(ctx, tx, data.KindSession, &sess.Meta, sessionCols(sess)); err != nil {
			return err
		}
		if isNew {
			titles, err := defaultAgenda(ctx, tx, sess)
			if err != nil {
				return err
			}
			for i, title := range titles {
				it := data.AgendaItem{SessionID: sess.ID, Position: i + 1, Title: title}
				if err := s.save(ctx, tx, data.KindAgendaItem, &it.Meta, agendaCols(it)); err != nil {
					return err
				}
			}
		}
		return nil
	})
	return sess, err
}

// defaultAgenda is the ordine del giorno a new session starts with: data.DefaultAgenda, with the
// "Verifica delle azioni" after the approval of the previous verbale when the body has open actions from
// earlier sessions.
func defaultAgenda(ctx context.Context, tx *sql.Tx, sess data.Session) ([]string, error) {
	open, err := openActionsBefore(ctx, tx, sess.BodyID, sess.Date, sess.ID)
	if err != nil || len(open) == 0 {
		return data.DefaultAgenda, err
	}
	return []string{data.DefaultAgenda[0], data.ActionCheckTitle, data.DefaultAgenda[1]}, nil
}

// SetStatus moves a session along its life: bozza -> convocata (the ordine del giorno must have an
// item) -> in corso (the start time is recorded and the first item becomes current) -> chiusa (the end
// time is recorded and the time on the current item added to it). A session may also go back one
// step: a convocation withdrawn (convocata -> bozza) or a session closed by mistake reopened (chiusa ->
// in corso). approvata is reached only by ApproveVerbale.
func (s *Store) SetStatus(ctx context.Context, id string, to data.SessionStatus) (data.Session, error) {
	var sess data.Session
	err := s.write(ctx, func(tx *sql.Tx) error {
		var err error
		sess, err = unlocked(ctx, tx, id)
		if err != nil {
			return err
		}
		now := s.now().UTC()
		next, _ := sess.Status.Next()
		switch {
		case to == next && to == data.SessionConvocata:
			items, err := agenda(ctx, tx, id)
			if err != nil {
				return err
			}
			if len(items) == 0 {
				return data.Errorf(data.EInvalid, "err.session.agenda_empty")
			}
		case to == next && to == data.SessionInCorso:
			items, err := agenda(ctx, tx, id)
			if err != nil {
				return err
			}
			sess.Started = now
			if len(items) > 0 {
				sess.CurrentItemID, sess.CurrentSince = items[0].ID, now
			}
		case to == next && to == data.SessionChiusa:
			if err := s.leaveItem(ctx, tx, &sess, now); err != nil {
				return err
			}
			// A vote still open when the session closes is closed with it: no ballot comes after.
			if err := s.closeOpenVotes(ctx, tx, id, now); err != nil {
				return err
			}
			sess.Ended = now
		case sess.Status == data.SessionConvocata && to == data.SessionBozza:
		case sess.Status == data.SessionChiusa && to == data.SessionInCorso:
			sess.Ended = time.Time{}
		default:
			return data.Errorf(data.EInvalid, "err.session.move", "from", string(sess.Status), "to", string(to))
		}
		sess.Status = to
		return s.save(ctx, tx, data.KindSession, &sess.Meta, sessionCols(sess))
	})
	if err == nil && to == data.SessionChiusa {
		s.settleSecret(ctx) // the secret votes it closed were written: see votes_secret.go
	}
	return sess, err
}

// leaveItem adds the time since the current item became current to its Spent, and clears it.
func (s *Store) leaveItem(ctx context.Context, tx *sql.Tx, sess *data.Session, now time.Time) error {
	if sess.CurrentItemID != "" && !sess.CurrentSince.IsZero() && now.After(sess.CurrentSince) {
		updated, err := s.touched(ctx, tx, "agenda_items", sess.CurrentItemID, now)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE agenda_items SET spent_ms = spent_ms + ?, updated = ?, device = ?
			WHERE id = ? AND deleted = 0`, now.Sub(sess.CurrentSince).Milliseconds(), updated, s.device,
			sess.CurrentItemID); err != nil {
			return err
		}
	}
	sess.CurrentItemID, sess.CurrentSince = "", time.Time{}
	return nil
}

// touched is the new updated time of a record changed in place: now, or just after its stored time
// when the clock has not moved past it (see later).
func (s *Store) touched(ctx context.Context, tx *sql.Tx, table, id string, now time.Time) (string, error) {
	var stored string
	if err := tx.QueryRowContext(ctx, `SELECT updated FROM `+table+` WHERE id = ?`, id).Scan(&stored); err != nil {
		return "", err
	}
	prev, err := parseTime(stored)
	if err != nil {
		return "", err
	}
	return fmtTime(later(now, prev)), nil
}

// SetCurrentItem makes itemID the item under discussion in a session in corso, adding the time spent
// on the previous one to it.
func (s *Store) SetCurrentItem(ctx context.Context, sessionID, itemID string) (data.Session, error) {
	var sess data.Session
	err := s.write(ctx, func(tx *sql.Tx) error {
		var err error
		sess, err = unlocked(ctx, tx, sessionID)
		if err != nil {
			return err
		}
		if sess.Status != data.SessionInCorso {
			return data.Errorf(data.EInvalid, "err.session.not_running")
		}
		if sess.CurrentItemID == itemID {
			return nil
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM agenda_items WHERE id = ? AND session_id = ? AND deleted = 0`,
			itemID, sessionID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return data.Errorf(data.ENotFound, "err.record.deleted", "kind", string(data.KindAgendaItem))
		}
		now := s.now().UTC()
		if err := s.leaveItem(ctx, tx, &sess, now); err != nil {
			return err
		}
		sess.CurrentItemID, sess.CurrentSince = itemID, now
		return s.save(ctx, tx, data.KindSession, &sess.Meta, sessionCols(sess))
	})
	return sess, err
}

// NextItem marks the current item of a session in corso as dealt with and makes the next one current
// (the current one stays when it is the last).
func (s *Store) NextItem(ctx context.Context, sessionID string) (data.Session, error) {
	var sess data.Session
	err := s.write(ctx, func(tx *sql.Tx) error {
		var err error
		sess, err = unlocked(ctx, tx, sessionID)
		if err != nil {
			return err
		}
		if sess.Status != data.SessionInCorso {
			return data.Errorf(data.EInvalid, "err.session.not_running")
		}
		items, err := agenda(ctx, tx, sessionID)
		if err != nil {
			return err
		}
		next, found := "", false
		for i, it := range items {
			if it.ID != sess.CurrentItemID {
				continue
			}
			found = true
			if !it.Done {
				it.Done = true
				if err := s.save(ctx, tx, data.KindAgendaItem, &it.Meta, agendaCols(it)); err != nil {
					return err
				}
			}
			if i+1 < len(items) {
				next = items[i+1].ID
			}
		}
		if !found { // no current item, or it was deleted: the first one not dealt with, else the last
			for _, it := range items {
				if !it.Done && next == "" {
					next = it.ID
				}
			}
			if next == "" && len(items) > 0 {
				next = items[len(items)-1].ID
			}
		}
		if next == "" {
			return nil
		}
		now := s.now().UTC()
		if err := s.leaveItem(ctx, tx, &sess, now); err != nil {
			return err
		}
		sess.CurrentItemID, sess.CurrentSince = next, now
		return s.save(ctx, tx, data.KindSession, &sess.Meta, sessionCols(sess))
	})
	return sess, err
}
