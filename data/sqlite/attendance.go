package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/tavoli/tavoli/data"
)

func attendanceCols(a data.Attendance) []column {
	return []column{{"session_id", a.SessionID}, {"person_id", a.PersonID}, {"seat_id", nullable(a.SeatID)},
		{"presence", string(a.Presence)}, {"delegated", a.Delegated}, {"arrived", optTime(a.Arrived)},
		{"left_at", optTime(a.Left)}, {"delegation_act", a.DelegationAct}}
}

func attendance(ctx context.Context, tx *sql.Tx, sessionID string) ([]data.Attendance, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+metaCols("a")+`, a.session_id, a.person_id, coalesce(a.seat_id, ''),
		a.presence, a.delegated, a.arrived, a.left_at, a.delegation_act FROM attendance a
		WHERE a.session_id = ? AND a.deleted = 0 ORDER BY a.created, a.id`, sessionID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []data.Attendance
	for rows.Next() {
		var a data.Attendance
		var arrived, left string
		m := metaScan{m: &a.Meta}
		if err := rows.Scan(append(m.dest(), &a.SessionID, &a.PersonID, &a.SeatID, &a.Presence, &a.Delegated,
			&arrived, &left, &a.DelegationAct)...); err != nil {
			return nil, err
		}
		var e1, e2 error
		a.Arrived, e1 = parseOptTime(arrived)
		a.Left, e2 = parseOptTime(left)
		if err := errors.Join(m.finish(), e1, e2); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// personViews reads the people with the given ids, deleted ones included (a register keeps the names
// of people who were there).
func personViews(ctx context.Context, tx *sql.Tx, ids map[string]bool) (map[string]data.PersonView, error) {
	out := map[string]data.PersonView{}
	if len(ids) == 0 {
		return out, nil
	}
	args := make([]any, 0, len(ids))
	for id := range ids {
		args = append(args, id)
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+metaCols("p")+`, `+personSelect+personFrom+
		` WHERE p.id IN (?`+strings.Repeat(", ?", len(args)-1)+`)`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		v, err := scanPerson(rows)
		if err != nil {
			return nil, err
		}
		out[v.ID] = v
	}
	return out, rows.Err()
}

// register builds a session's register: the body's seats and members merged with its attendance.
func register(ctx context.Context, tx *sql.Tx, sess data.Session) ([]data.RegisterLine, []data.SeatView, error) {
	seatList, err := seats(ctx, tx, sess.BodyID)
	if err != nil {
		return nil, nil, err
	}
	members, err := memberships(ctx, tx, sess.BodyID)
	if err != nil {
		return nil, nil, err
	}
	att, err := attendance(ctx, tx, sess.ID)
	if err != nil {
		return nil, nil, err
	}
	ids := map[string]bool{}
	for _, m := range members {
		ids[m.PersonID] = true
	}
	for _, a := range att {
		ids[a.PersonID] = true
	}
	for _, st := range seatList {
		if st.PersonID != "" {
			ids[st.PersonID] = true // who a delegate of the seat stands for
		}
	}
	people, err := personViews(ctx, tx, ids)
	if err != nil {
		return nil, nil, err
	}
	return data.BuildRegister(seatList, members, people, att), seatList, nil
}

// Register returns a session's register: every seat and member of its body and everyone recorded.
func (s *Store) Register(ctx context.Context, sessionID string) ([]data.RegisterLine, error) {
	var out []data.RegisterLine
	err := s.read(ctx, func(tx *sql.Tx) error {
		sess, err := loadSession(ctx, tx, sessionID)
		if err != nil {
			return err
		}
		out, _, err = register(ctx, tx, sess)
		return err
	})
	return out, err
}

// SaveAttendance records a line of the register: present (the arrival time is stamped when not
// given), absent or excused, holding a seat of the body or none (a guest). A seat is held by one
// person at a time, and a person holds at most as many seats as the body's proxies rule allows. A
// person has one line per seat they hold, and one line without a seat at most.
func (s *Store) SaveAttendance(ctx context.Context, a data.Attendance) (data.Attendance, error) {
	a.DelegationAct = strings.Join(strings.Fields(a.DelegationAct), " ")
	if err := a.Validate(); err != nil {
		return a, err
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		if err := ownSession(ctx, tx, "attendance", a.ID, a.SessionID); err != nil {
			return err
		}
		sess, err := loadSession(ctx, tx, a.SessionID)
		if err != nil {
			return err
		}
		if err := liveRef(ctx, tx, data.KindPerson, a.PersonID); err != nil {
			return err
		}
		lines, seatList, err := register(ctx, tx, sess)
		if err != nil {
			return err
		}
		if a.SeatID != "" {
			ok := false
			for _, st := range seatList {
				ok = ok || st.ID == a.SeatID
			}
			if !ok {
				return data.Errorf(data.EInvalid, "err.register.seat_other_body")
			}
		}
		for _, l := range lines {
			if l.Recorded() && l.ID != a.ID && l.PersonID == a.PersonID && l.SeatID == a.SeatID {
				return data.Errorf(data.EConflict, "err.register.duplicate", "name", l.PersonName)
			}
		}
		if a.Presence == data.PresencePresente && a.Left.IsZero() {
			others := lines[:0:0]
			for _, l := range lines {
				if l.ID != a.ID || !l.Recorded() {
					others = append(others, l)
				}
			}
			var b data.Body
			if b, err = loadBody(ctx, tx, sess.BodyID); err != nil {
				return err
			}
			if err := data.CheckHold(others, b.Rules, a.PersonID, a.SeatID); err != nil {
				return err
			}
		}
		if a.Presence == data.PresencePresente && a.Arrived.IsZero() && a.Left.IsZero() && sess.Status == data.SessionInCorso {
			// The check-in: arrived now. Before or after the meeting the clock says nothing of it, and a
			// line without a time counts for the whole meeting.
			a.Arrived = s.now().UTC()
		}
		if a.Presence != data.PresencePresente {
			a.Arrived, a.Left = time.Time{}, time.Time{}
		}
		if err := a.Validate(); err != nil {
			return err
		}
		return s.save(ctx, tx, data.KindAttendance, &a.Meta, attendanceCols(a))
	})
	return a, err
}

// StampLeft records that the person of a register line has left the meeting now (left true), or
// clears the leaving time when they come back (left false).
func (s *Store) StampLeft(ctx context.Context, attendanceID string, left bool) (data.Attendance, error) {
	var a data.Attendance
	err := s.write(ctx, func(tx *sql.Tx) error {
		var sessionID string
		if err := tx.QueryRowContext(ctx, `SELECT session_id FROM attendance WHERE id = ? AND deleted = 0`, attendanceID).Scan(&sessionID); err != nil {
			if err == sql.ErrNoRows {
				return data.Errorf(data.ENotFound, "err.record.deleted", "kind", string(data.KindAttendance))
			}
			return err
		}
		sess, err := unlocked(ctx, tx, sessionID)
		if err != nil {
			return err
		}
		list, err := attendance(ctx, tx, sess.ID)
		if err != nil {
			return err
		}
		for _, x := range list {
			if x.ID == attendanceID {
				a = x
			}
		}
		if a.Presence != data.PresencePresente {
			return data.Errorf(data.EInvalid, "err.register.not_present")
		}
		if sess.Status != data.SessionInCorso {
			return data.Errorf(data.EInvalid, "err.register.stamp_not_running")
		}
		a.Left = time.Time{}
		if left {
			a.Left = s.now().UTC()
		} else {
			// Back in the room: the seat may have been taken meanwhile (a delegate), or the person may
			// hold other seats now.
			lines, _, err := register(ctx, tx, sess)
			if err != nil {
				return err
			}
			var others []data.RegisterLine
			for _, l := range lines {
				if l.ID != a.ID {
					others = append(others, l)
				}
			}
			b, err := loadBody(ctx, tx, sess.BodyID)
			if err != nil {
				return err
			}
			if err := data.CheckHold(others, b.Rules, a.PersonID, a.SeatID); err != nil {
				return err
			}
		}
		if err := a.Validate(); err != nil {
			return err
		}
		return s.save(ctx, tx, data.KindAttendance, &a.Meta, attendanceCols(a))
	})
	return a, err
}
