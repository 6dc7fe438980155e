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
