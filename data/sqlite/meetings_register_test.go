package sqlite

import (
	"fmt"
	"testing"
	"time"

	"github.com/tavoli/tavoli/data"
)

func (m *meeting) checkIn(t testing.TB, a data.Attendance) data.Attendance {
	t.Helper()
	if a.Presence == "" {
		a.Presence = data.PresencePresente
	}
	a, err := m.s.SaveAttendance(m.ctx, a)
	must(t, "SaveAttendance", err)
	return a
}

// start convenes and opens a session, so that check-ins are stamped with the clock.
func (m *meeting) start(t testing.TB, id string) {
	t.Helper()
	m.move(t, id, data.SessionConvocata, data.SessionInCorso)
}

func (m *meeting) register(t testing.TB, sessionID string) []data.RegisterLine {
	t.Helper()
	lines, err := m.s.Register(m.ctx, sessionID)
	must(t, "Register", err)
	return lines
}

// lineOf finds the register line of a recorded attendance.
func lineOf(t testing.TB, lines []data.RegisterLine, attendanceID string) data.RegisterLine {
	t.Helper()
	for _, l := range lines {
		if l.ID == attendanceID {
			return l
		}
	}
	t.Fatalf("no register line %s in %+v", attendanceID, lines)
	return data.RegisterLine{}
}

func registerText(lines []data.RegisterLine) string {
	out := ""
	for _, l := range lines {
		out += fmt.Sprintf("[%s|%s|%s|del=%v]", l.SeatName, l.PersonName, l.Presence, l.Delegated)
	}
	return out
}

func TestMeetingCheckIn(t *testing.T) {
	m := newMeeting(t)
	m.start(t, m.march.ID) // the clock stamps arrivals while the session is in corso
	id := m.march.ID
	lines := m.register(t, id)
	// The standing delegate of the Girasole seat is not expected: the seat shows empty until someone comes.
	if got, want := registerText(lines), "[Rossi Maria Grazia|Rossi Maria Grazia||del=false]"+
		"[Bianchi Teresa|Bianchi Teresa||del=false][Cooperativa sociale Il Girasole|||del=false]"; got != want {
		t.Errorf("Register(nobody recorded) =\n%s\nwant\n%s", got, want)
	}

	m.clock.set(meetDay(3, 12, 15, 2))
	rossi := m.checkIn(t, data.Attendance{SessionID: id, PersonID: m.rossi.ID, SeatID: m.seatRossi.ID})
	if !rossi.Arrived.Equal(meetDay(3, 12, 15, 2)) || rossi.ID == "" || !rossi.Left.IsZero() {
		t.Errorf("SaveAttendance(check-in) = %+v, want arrived at 15:02", rossi)
	}
	bianchi := m.checkIn(t, data.Attendance{SessionID: id, PersonID: m.bianchi.ID, SeatID: m.seatBianchi.ID,
		Arrived: meetDay(3, 12, 14, 55)})
	if !bianchi.Arrived.Equal(meetDay(3, 12, 14, 55)) {
		t.Errorf("SaveAttendance(arrival given) Arrived = %v, want 14:55", bianchi.Arrived)
	}
	m.clock.set(meetDay(3, 12, 15, 20))
	dangelo := m.checkIn(t, data.Attendance{SessionID: id, PersonID: m.dangelo.ID, SeatID: m.seatGirasole.ID,
		Delegated: true})
	verdi := m.checkIn(t, data.Attendance{SessionID: id, PersonID: m.verdi.ID})
	neri := m.checkIn(t, data.Attendance{SessionID: id, PersonID: m.neri.ID, Presence: data.PresenceGiustificato})

	lines = m.register(t, id)
	want := "[Rossi Maria Grazia|Rossi Maria Grazia|presente|del=false]" +
		"[Bianchi Teresa|Bianchi Teresa|presente|del=false]" +
		"[Cooperativa sociale Il Girasole|D'Angelo Rosa|presente|del=true]" +
		"[|Neri Luca|giustificato|del=false][|Verdi Paolo|presente|del=false]"
	if got := registerText(lines); got != want {
		t.Errorf("Register(march) =\n%s\nwant\n%s", got, want)
	}
	l := lineOf(t, lines, dangelo.ID)
	if !l.Delegated || l.SeatID != m.seatGirasole.ID || l.Role != data.RoleDelegato || !l.Arrived.Equal(meetDay(3, 12, 15, 20)) ||
		l.Organisation != "" || l.Town != "Castiglione del Lago" {
		t.Errorf("Register line of the delegate = %+v, want D'Angelo delegated on the Girasole seat", l)
	}
	if l := lineOf(t, lines, verdi.ID); !l.Guest() || l.Town != "Magione" || l.Role != "" {
		t.Errorf("Register line of the guest = %+v, want a guest from Magione", l)
	}
	if l := lineOf(t, lines, neri.ID); !l.Arrived.IsZero() || l.PresentAt(time.Time{}) {
		t.Errorf("Register line of the excused = %+v, want no times, not present", l)
	}
	if l := lineOf(t, lines, rossi.ID); l.Organisation != "USL Umbria 1" || l.Category != data.CatASL || l.Role != data.RoleMembro {
		t.Errorf("Register line of Rossi = %+v, want the USL member", l)
	}
	seats := data.PresentSeats(lines, time.Time{})
	if len(seats) != 3 || !seats[m.seatRossi.ID] || !seats[m.seatBianchi.ID] || !seats[m.seatGirasole.ID] {
		t.Errorf("PresentSeats(Register(march)) = %v, want the three seats", seats)
	}
	v, err := m.s.Session(m.ctx, id)
	must(t, "Session", err)
	if v.Present != 4 {
		t.Errorf("Session(march).Present = %d, want 4 (the excused is not present)", v.Present)
	}
	// Another session's register is its own.
	if got := registerText(m.register(t, m.april.ID)); got == registerText(lines) {
		t.Errorf("Register(april) = %s, want no one recorded", got)
	}
	_, err = m.s.Register(m.ctx, "nope")
	wantErr(t, "Register(unknown)", err, data.ENotFound, sessionMissing)
}

func TestMeetingSaveAttendanceRefused(t *testing.T) {
	m := newMeeting(t)
	id := m.march.ID
	rossi := m.checkIn(t, data.Attendance{SessionID: id, PersonID: m.rossi.ID, SeatID: m.seatRossi.ID})
	m.checkIn(t, data.Attendance{SessionID: id, PersonID: m.dangelo.ID, SeatID: m.seatGirasole.ID, Delegated: true})
	m.checkIn(t, data.Attendance{SessionID: id, PersonID: m.verdi.ID})
	p := data.PresencePresente
	tests := []struct {
		name string
		a    data.Attendance
		code data.Code
		key  string
	}{
		{"a second person on a held seat", data.Attendance{SessionID: id, PersonID: m.neri.ID, SeatID: m.seatRossi.ID,
			Presence: p, Delegated: true}, data.EConflict, "err.register.seat_taken"},
		{"a second seat with proxies 1", data.Attendance{SessionID: id, PersonID: m.dangelo.ID, SeatID: m.seatBianchi.ID,
			Presence: p, Delegated: true}, data.EInvalid, "err.register.proxies"},
		{"a seat of another body", data.Attendance{SessionID: id, PersonID: m.neri.ID, SeatID: m.seatCastiglione.ID,
			Presence: p}, data.EInvalid, "err.register.seat_other_body"},
		{"an unknown seat", data.Attendance{SessionID: id, PersonID: m.neri.ID, SeatID: "nope", Presence: p},
			data.EInvalid, "err.register.seat_other_body"},
		{"the same person on the same seat twice", data.Attendance{SessionID: id, PersonID: m.rossi.ID,
			SeatID: m.seatRossi.ID, Presence: p}, data.EConflict, "err.register.duplicate"},
		{"the same guest twice", data.Attendance{SessionID: id, PersonID: m.verdi.ID, Presence: data.PresenceAssente},
			data.EConflict, "err.register.duplicate"},
		{"an unknown person", data.Attendance{SessionID: id, PersonID: "nope", Presence: p}, data.ENotFound,
			"err.ref.missing"},
		{"an unknown session", data.Attendance{SessionID: "nope", PersonID: m.neri.ID, Presence: p}, data.ENotFound,
			sessionMissing},
		{"no presence", data.Attendance{SessionID: id, PersonID: m.neri.ID}, data.EInvalid, "err.register.presence"},
		{"a delegate without a seat", data.Attendance{SessionID: id, PersonID: m.neri.ID, Presence: p, Delegated: true},
			data.EInvalid, "err.register.delegate_seat"},
	}
	before := registerText(m.register(t, id))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := m.s.SaveAttendance(m.ctx, tt.a)
			wantErr(t, "SaveAttendance("+tt.name+")", err, tt.code, tt.key)
		})
	}
	if after := registerText(m.register(t, id)); after != before {
		t.Errorf("Register after refused lines = %s, want %s", after, before)
	}
	// The holder re-saving their own line is no conflict.
	rossi.Arrived = meetDay(3, 12, 15, 0)
	_, err := m.s.SaveAttendance(m.ctx, rossi)
	must(t, "SaveAttendance(the holder again)", err)
	// Someone absent on the seat does not hold it.
	absent := m.checkIn(t, data.Attendance{SessionID: id, PersonID: m.bianchi.ID, SeatID: m.seatBianchi.ID,
		Presence: data.PresenceAssente})
	m.checkIn(t, data.Attendance{SessionID: id, PersonID: m.neri.ID, SeatID: m.seatBianchi.ID, Delegated: true})
	// ...and cannot come back onto it while the delegate holds it.
	absent.Presence = data.PresencePresente
	_, err = m.s.SaveAttendance(m.ctx, absent)
	wantErr(t, "SaveAttendance(absent holder now present on a held seat)", err, data.EConflict, "err.register.seat_taken")
}

func TestMeetingProxies(t *testing.T) {
	for _, tt := range []struct {
		proxies int
		refused int // the number of the first seat refused (0: none); the ones after it are refused too
	}{
		{1, 2},
		{2, 3},
		{3, 0},
	} {
		t.Run(fmt.Sprint(tt.proxies), func(t *testing.T) {
			m := newMeeting(t)
			b := m.sindaci
			b.Rules.Proxies = tt.proxies
			_, err := m.s.SaveBody(m.ctx, b)
			must(t, "SaveBody(proxies)", err)
			s := m.session(t, m.sindaci.ID, meetDay(3, 20, 17, 0))
			for i, seat := range []string{m.seatCastiglione.ID, m.seatMag.ID, m.seatPieve.ID} {
				_, err := m.s.SaveAttendance(m.ctx, data.Attendance{SessionID: s.ID, PersonID: m.dangelo.ID, SeatID: seat,
					Presence: data.PresencePresente, Delegated: i > 0})
				if tt.refused > 0 && i+1 >= tt.refused {
					wantErr(t, fmt.Sprintf("SaveAttendance(seat %d, proxies %d)", i+1, tt.proxies), err, data.EInvalid,
						"err.register.proxies")
				} else if err != nil {
					t.Errorf("SaveAttendance(seat %d, proxies %d) = %v, want no error", i+1, tt.proxies, err)
				}
			}
		})
	}
}

func TestMeetingAbsentClearsTimes(t *testing.T) {
	m := newMeeting(t)
	m.start(t, m.march.ID) // the clock stamps arrivals while the session is in corso
	id := m.march.ID
	for _, p := range []data.Presence{data.PresenceAssente, data.PresenceGiustificato} {
		a, err := m.s.SaveAttendance(m.ctx, data.Attendance{SessionID: id, PersonID: m.rossi.ID, SeatID: m.seatRossi.ID,
			Presence: p, Arrived: meetDay(3, 12, 15, 0), Left: meetDay(3, 12, 16, 0)})
		must(t, "SaveAttendance("+string(p)+")", err)
		l := lineOf(t, m.register(t, id), a.ID)
		if !a.Arrived.IsZero() || !a.Left.IsZero() || !l.Arrived.IsZero() || !l.Left.IsZero() || l.Presence != p {
			t.Errorf("SaveAttendance(%s with times) = %+v, register %+v, want no times", p, a, l)
		}
		_, err = m.s.Delete(m.ctx, data.Ref{Kind: data.KindAttendance, ID: a.ID})
		must(t, "Delete(attendance)", err)
	}
	// A line changed from absent to present is stamped; back to excused, its times go.
	m.clock.set(meetDay(3, 12, 15, 45))
	a := m.checkIn(t, data.Attendance{SessionID: id, PersonID: m.bianchi.ID, SeatID: m.seatBianchi.ID,
		Presence: data.PresenceAssente})
	a.Presence = data.PresencePresente
	a, err := m.s.SaveAttendance(m.ctx, a)
	must(t, "SaveAttendance(absent -> present)", err)
	if !a.Arrived.Equal(meetDay(3, 12, 15, 45)) {
		t.Errorf("SaveAttendance(absent -> present).Arrived = %v, want 15:45", a.Arrived)
	}
	a.Presence = data.PresenceGiustificato
	a, err = m.s.SaveAttendance(m.ctx, a)
	must(t, "SaveAttendance(present -> giustificato)", err)
	if l := lineOf(t, m.register(t, id), a.ID); !l.Arrived.IsZero() || l.Presence != data.PresenceGiustificato {
		t.Errorf("Register line after present -> giustificato = %+v, want excused with no times", l)
	}
}

func TestMeetingStampLeft(t *testing.T) {
	m := newMeeting(t)
	m.start(t, m.march.ID) // the clock stamps arrivals while the session is in corso
	id := m.march.ID
	m.clock.set(meetDay(3, 12, 15, 0))
	rossi := m.checkIn(t, data.Attendance{SessionID: id, PersonID: m.rossi.ID, SeatID: m.seatRossi.ID})
	absent := m.checkIn(t, data.Attendance{SessionID: id, PersonID: m.bianchi.ID, SeatID: m.seatBianchi.ID,
		Presence: data.PresenceAssente})

	m.clock.set(meetDay(3, 12, 16, 10))
	a, err := m.s.StampLeft(m.ctx, rossi.ID, true)
	must(t, "StampLeft(true)", err)
	l := lineOf(t, m.register(t, id), rossi.ID)
	if !a.Left.Equal(meetDay(3, 12, 16, 10)) || !l.Left.Equal(a.Left) || !l.Arrived.Equal(meetDay(3, 12, 15, 0)) ||
		l.PresentAt(time.Time{}) || !l.PresentAt(meetDay(3, 12, 16, 0)) {
		t.Errorf("StampLeft(true) = %+v, register %+v, want left at 16:10, present before", a, l)
	}
	m.clock.add(5 * time.Minute)
	a, err = m.s.StampLeft(m.ctx, rossi.ID, false)
	must(t, "StampLeft(false)", err)
	if l := lineOf(t, m.register(t, id), rossi.ID); !a.Left.IsZero() || !l.Left.IsZero() || !l.PresentAt(time.Time{}) {
		t.Errorf("StampLeft(false) = %+v, register %+v, want back, no leaving time", a, l)
	}

	// Once the holder has gone, someone else may take the seat.
	_, err = m.s.StampLeft(m.ctx, rossi.ID, true)
	must(t, "StampLeft(true)", err)
	m.checkIn(t, data.Attendance{SessionID: id, PersonID: m.neri.ID, SeatID: m.seatRossi.ID, Delegated: true})

	_, err = m.s.StampLeft(m.ctx, absent.ID, true)
	wantErr(t, "StampLeft(absent)", err, data.EInvalid, "err.register.not_present")
	_, err = m.s.StampLeft(m.ctx, "nope", true)
	wantErr(t, "StampLeft(unknown)", err, data.ENotFound, "err.record.deleted")
	// A clock behind the arrival cannot make someone leave before they came.
	late := m.checkIn(t, data.Attendance{SessionID: id, PersonID: m.verdi.ID, Arrived: meetDay(3, 12, 18, 0)})
	_, err = m.s.StampLeft(m.ctx, late.ID, true)
	wantErr(t, "StampLeft(before arriving)", err, data.EInvalid, "err.register.left_before_arrived")
}

// TestMeetingStampLeftBackOnTakenSeat: a member leaves, a delegate takes the seat, the member comes
// back. Clearing the leaving time must not give the seat two present holders.
func TestMeetingStampLeftBackOnTakenSeat(t *testing.T) {
	m := newMeeting(t)
	m.start(t, m.march.ID) // the clock stamps arrivals while the session is in corso
	id := m.march.ID
	rossi := m.checkIn(t, data.Attendance{SessionID: id, PersonID: m.rossi.ID, SeatID: m.seatRossi.ID})
	m.clock.add(time.Hour)
	_, err := m.s.StampLeft(m.ctx, rossi.ID, true)
	must(t, "StampLeft(true)", err)
	m.checkIn(t, data.Attendance{SessionID: id, PersonID: m.neri.ID, SeatID: m.seatRossi.ID, Delegated: true})
	_, err = m.s.StampLeft(m.ctx, rossi.ID, false)
	wantErr(t, "StampLeft(back, seat taken)", err, data.EConflict, "err.register.seat_taken")
	holders := 0
	for _, l := range m.register(t, id) {
		if l.SeatID == m.seatRossi.ID && l.PresentAt(time.Time{}) {
			holders++
		}
	}
	if holders != 1 {
		t.Errorf("present holders of Rossi's seat = %d, want 1", holders)
	}
}

// TestMeetingArrivedAfterLeft: a line recorded after the fact with a leaving time and no arrival gets
// the arrival stamped now, after it left.
func TestMeetingArrivedAfterLeft(t *testing.T) {
	m := newMeeting(t)
	m.start(t, m.march.ID) // the clock stamps arrivals while the session is in corso
	m.clock.set(meetDay(3, 12, 18, 0))
	a, err := m.s.SaveAttendance(m.ctx, data.Attendance{SessionID: m.march.ID, PersonID: m.verdi.ID,
		Presence: data.PresencePresente, Left: meetDay(3, 12, 16, 30)})
	if err == nil && a.Left.Before(a.Arrived) {
		t.Errorf("SaveAttendance(left 16:30, no arrival, at 18:00) = arrived %v left %v, want no arrival after leaving "+
			"(or an error)", a.Arrived, a.Left)
	}
}

func TestMeetingNoClockOutsideTheMeeting(t *testing.T) {
	m := newMeeting(t)
	id := m.march.ID
	// Recorded before the session opens, or while the secretary completes a closed one: no time is
	// invented, and the line counts for the whole meeting.
	m.clock.set(meetDay(3, 13, 9, 30))
	a := m.checkIn(t, data.Attendance{SessionID: id, PersonID: m.rossi.ID, SeatID: m.seatRossi.ID})
	if !a.Arrived.IsZero() {
		t.Errorf("check-in of a session not in corso: arrived %v, want no time", a.Arrived)
	}
	_, err := m.s.StampLeft(m.ctx, a.ID, true)
	wantErr(t, "StampLeft(not in corso)", err, data.EInvalid, "err.register.stamp_not_running")
}
