package report

import (
	"bytes"
	"strings"
	"testing"
	"time"

	goical "github.com/emersion/go-ical"

	"github.com/tavoli/tavoli/data"
)

// The .ics file is read back with another library than the one that wrote it, as a calendar
// program would.
func TestCalendar(t *testing.T) {
	d := anziani()
	b, err := Calendar(d)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := Calendar(d)
	if !bytes.Equal(b, again) {
		t.Error("Calendar gives different bytes for the same dossier")
	}
	cal, err := goical.NewDecoder(bytes.NewReader(b)).Decode()
	if err != nil {
		t.Fatalf("go-ical cannot read the file: %v\n%s", err, b)
	}
	events := cal.Events()
	if len(events) != 1 {
		t.Fatalf("%d events, want 1", len(events))
	}
	ev := events[0]
	text := func(name string) string {
		s, err := ev.Props.Text(name)
		if err != nil {
			t.Errorf("%s: %v", name, err)
		}
		return s
	}
	instant := func(name string) time.Time {
		v, err := ev.Props.DateTime(name, time.UTC)
		if err != nil {
			t.Errorf("%s: %v", name, err)
		}
		return v
	}
	for _, tt := range []struct{ name, got, want string }{
		{"UID", text(goical.PropUID), "sess-anziani-2027-03-12@tavoli"},
		{"SUMMARY", text(goical.PropSummary), "Tavolo tematico Anziani – seduta del 12 marzo 2027"},
		{"LOCATION", text(goical.PropLocation), "Sala consiliare, Comune di Magione, Piazza della Repubblica 3"},
		{"STATUS", ev.Props.Get(goical.PropStatus).Value, "CONFIRMED"},
	} {
		if tt.got != tt.want {
			t.Errorf("%s = %q, want %q", tt.name, tt.got, tt.want)
		}
	}
	for _, tt := range []struct {
		name string
		want time.Time
	}{
		{goical.PropDateTimeStart, d.Session.Date},
		{goical.PropDateTimeEnd, d.Session.Ended},
		{goical.PropDateTimeStamp, d.Changed},
		{goical.PropLastModified, d.Changed},
	} {
		if got := instant(tt.name); !got.Equal(tt.want) {
			t.Errorf("%s = %v, want %v", tt.name, got, tt.want)
		}
	}
	if n, crlf := strings.Count(string(b), "\n"), strings.Count(string(b), "\r\n"); n != crlf {
		t.Errorf("%d of %d lines end without CRLF", n-crlf, n)
	}
	for _, line := range strings.Split(string(b), "\r\n") {
		if len(line) > 75 {
			t.Errorf("line longer than 75 octets: %q", line)
		}
	}
	// 15:00 in Rome in March (CET) is 14:00 UTC, written as such so every calendar agrees.
	if !strings.Contains(string(b), "DTSTART:20270312T140000Z") {
		t.Errorf("DTSTART is not written in UTC:\n%s", b)
	}
	desc := text(goical.PropDescription)
	for _, want := range []string{"Ambito Territoriale n.5 del Trasimeno", "prima convocazione",
		"1. Approvazione del verbale della seduta precedente", "4. Assistenza domiciliare integrata: punti di forza e criticità",
		"10. Varie ed eventuali"} {
		if !strings.Contains(desc, want) {
			t.Errorf("DESCRIPTION lacks %q:\n%s", want, desc)
		}
	}
}

func TestCalendarDraftAndOpenSession(t *testing.T) {
	d := sindaciDossier()
	d.Session.Status = data.SessionBozza
	d.Session.Ended = time.Time{}
	b, err := Calendar(d)
	if err != nil {
		t.Fatal(err)
	}
	cal, err := goical.NewDecoder(bytes.NewReader(b)).Decode()
	if err != nil {
		t.Fatal(err)
	}
	ev := cal.Events()[0]
	if got := ev.Props.Get(goical.PropStatus).Value; got != "TENTATIVE" {
		t.Errorf("STATUS of a bozza = %q, want TENTATIVE", got)
	}
	end, err := ev.DateTimeEnd(time.UTC)
	if err != nil || !end.Equal(d.Session.Date.Add(2*time.Hour)) {
		t.Errorf("DTEND of an open session = %v (%v), want two hours after %v", end, err, d.Session.Date)
	}

	for _, bad := range []data.Dossier{{}, {Session: data.Session{Meta: data.Meta{ID: "x"}}}} {
		if _, err := Calendar(bad); err == nil {
			t.Errorf("Calendar(%+v) made a file for a session with no id or date", bad.Session)
		}
	}
}
