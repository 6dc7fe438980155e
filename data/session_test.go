package data_test

import (
	"testing"
	"time"

	"github.com/tavoli/tavoli/data"
)

func TestSessionValidate(t *testing.T) {
	day := time.Date(2025, 3, 12, 15, 0, 0, 0, time.UTC)
	ok := data.Session{BodyID: "b", Status: data.SessionBozza, Call: data.CallPrima, Date: day}
	with := func(f func(*data.Session)) data.Session { s := ok; f(&s); return s }
	tests := []struct {
		name string
		s    data.Session
		key  string
	}{
		{"valid", ok, ""},
		{"seconda", with(func(s *data.Session) { s.Call = data.CallSeconda }), ""},
		{"started, not ended", with(func(s *data.Session) { s.Started = day }), ""},
		{"ended, start unknown", with(func(s *data.Session) { s.Ended = day }), ""},
		{"held", with(func(s *data.Session) { s.Started, s.Ended = day, day.Add(2*time.Hour) }), ""},
		{"zero length", with(func(s *data.Session) { s.Started, s.Ended = day, day }), ""},
		{"no body", with(func(s *data.Session) { s.BodyID = "" }), "err.session.body_required"},
		{"no call", with(func(s *data.Session) { s.Call = "" }), "err.session.call"},
		{"unknown call", with(func(s *data.Session) { s.Call = "terza" }), "err.session.call"},
		{"no date", with(func(s *data.Session) { s.Date = time.Time{} }), "err.session.date_required"},
		{"ends before it starts", with(func(s *data.Session) { s.Started, s.Ended = day, day.Add(-time.Minute) }),
			"err.session.end_before_start"},
	}
	for _, tt := range tests {
		checkKey(t, "Session{"+tt.name+"}.Validate()", tt.s.Validate(), tt.key)
	}
}

func TestAgendaItemValidate(t *testing.T) {
	tests := []struct {
		name string
		a    data.AgendaItem
		key  string
	}{
		{"valid", data.AgendaItem{SessionID: "s", Position: 1, Title: "Approvazione del verbale"}, ""},
		{"no session", data.AgendaItem{Title: "Varie ed eventuali"}, "err.agenda.session_required"},
		{"no title", data.AgendaItem{SessionID: "s"}, "err.agenda.title_required"},
		{"blank title", data.AgendaItem{SessionID: "s", Title: " \n"}, "err.agenda.title_required"},
	}
	for _, tt := range tests {
		checkKey(t, "AgendaItem{"+tt.name+"}.Validate()", tt.a.Validate(), tt.key)
	}
}

func TestVerbaleNumbers(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 9, 0, 0, 0, data.Zone) }
	sess := func(id string, at time.Time, st data.SessionStatus, number int) data.Session {
		return data.Session{Meta: data.Meta{ID: id}, Status: st, Date: at, Number: number}
	}
	corr := sess("corr", day(2026, 3, 1), data.SessionChiusa, 0)
	corr.CorrectsID = "a"
	got := data.VerbaleNumbers([]data.Session{
		sess("c", day(2026, 4, 1), data.SessionChiusa, 0),
		sess("a", day(2026, 1, 10), data.SessionApprovata, 1),
		sess("late", day(2026, 2, 1), data.SessionApprovata, 0), // approved before numbers were kept
		sess("conv", day(2026, 5, 1), data.SessionConvocata, 0), // not held: no number
		corr,
		sess("y1", day(2025, 12, 31), data.SessionChiusa, 0),
		sess("y2", day(2027, 1, 2), data.SessionInCorso, 0),
		// A session entered late, dated before an approved one, never renumbers the approved act.
		sess("fixed", day(2026, 3, 10), data.SessionApprovata, 2),
	})
	want := map[string]int{"a": 1, "late": 2, "fixed": 2, "c": 3, "y1": 1, "y2": 1}
	if len(got) != len(want) {
		t.Errorf("VerbaleNumbers() = %v, want %v", got, want)
	}
	for id, n := range want {
		if got[id] != n {
			t.Errorf("VerbaleNumbers()[%s] = %d, want %d (all: %v)", id, got[id], n, got)
		}
	}
}

func TestSessionStartedOffDay(t *testing.T) {
	rome := func(m time.Month, d, hh, mm int) time.Time { return time.Date(2027, m, d, hh, mm, 0, 0, data.Zone) }
	convened := rome(time.January, 21, 15, 0)
	tests := []struct {
		name    string
		started time.Time
		want    bool
	}{
		{"not started", time.Time{}, false},
		{"on the day, late", rome(time.January, 21, 18, 30), false},
		{"on the day, early", rome(time.January, 21, 0, 5), false},
		{"the day before", rome(time.January, 20, 23, 55), true},
		{"the day after", rome(time.January, 22, 9, 0), true},
		{"another month", rome(time.December, 6, 10, 0).AddDate(-1, 0, 0), true},
		// 23:30 UTC is already the next day in Rome: the Ambito's calendar decides, not UTC's.
		{"late evening UTC", time.Date(2027, time.January, 20, 23, 30, 0, 0, time.UTC), false},
		{"same UTC day, next Rome day", time.Date(2027, time.January, 21, 23, 30, 0, 0, time.UTC), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := data.Session{Date: convened, Started: tt.started}
			if got := s.StartedOffDay(); got != tt.want {
				t.Errorf("Session{Date: %v, Started: %v}.StartedOffDay() = %v, want %v", convened, tt.started, got, tt.want)
			}
			want := tt.started
			if want.IsZero() {
				want = convened
			}
			if got := s.HeldOn(); !got.Equal(want) {
				t.Errorf("HeldOn() = %v, want %v", got, want)
			}
		})
	}
	if (data.Session{Started: convened}).StartedOffDay() {
		t.Error("a session with no date is off day")
	}
}
