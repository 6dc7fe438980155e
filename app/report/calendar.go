package report

import (
	"errors"
	"strconv"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/italian"
)

// defaultLength is how long a session is assumed to last before it has been closed.
const defaultLength = 2 * time.Hour

// Calendar makes an iCalendar (.ics) file with the session as one event, to send with the
// convocation. The UID comes from the session's id, so a second export updates the same event in
// people's calendars; times are in UTC so every calendar shows the same hour; the stamps come from
// d.Changed, never the clock, so exporting twice gives the same file. A draft session is TENTATIVE,
// a convened one or later CONFIRMED.
func Calendar(d data.Dossier) ([]byte, error) {
	s := d.Session
	if s.ID == "" {
		return nil, errors.New("report: calendario: la seduta non ha un identificativo")
	}
	if s.Date.IsZero() {
		return nil, errors.New("report: calendario: la seduta non ha una data")
	}
	stamp := d.Changed
	if stamp.IsZero() {
		stamp = s.Date
	}
	end := s.Date.Add(defaultLength)
	if s.Ended.After(s.Date) {
		end = s.Ended
	}
	status := ics.ObjectStatusTentative
	if s.Status.Valid() && s.Status != data.SessionBozza {
		status = ics.ObjectStatusConfirmed
	}

	cal := ics.NewCalendarFor("Tavoli")
	cal.SetProductId("-//Tavoli//Tavoli//IT")
	cal.SetMethod(ics.MethodPublish)
	ev := cal.AddEvent(s.ID + "@tavoli")
	ev.SetDtStampTime(stamp)
	ev.SetModifiedAt(stamp)
	ev.SetStartAt(s.Date)
	ev.SetEndAt(end)
	ev.SetSummary(clean(strings.Join(nonEmpty(strings.TrimSpace(d.Body.Name), sessionDay(s)), " – ")))
	if p := strings.TrimSpace(clean(s.Place)); p != "" {
		ev.SetLocation(p)
	}
	ev.SetDescription(calendarDescription(d))
	ev.SetStatus(status)
	// RFC 5545 ends lines with CRLF; the library's default is a bare LF, which strict readers refuse.
	return []byte(cal.Serialize(ics.WithNewLine("\r\n"))), nil
}

// calendarDescription is the event's text: who meets, under which call, and the ordine del giorno.
func calendarDescription(d data.Dossier) string {
	lines := nonEmpty(strings.Join(nonEmpty(d.Body.Name, d.Ambito.Name), " – "),
		"Seduta in "+callLabel(d.Session.Call)+prefixed(", ore ", italian.Clock(d.Session.Date)))
	if items := agenda(d); len(items) > 0 {
		lines = append(lines, "", "Ordine del giorno:")
		for i, it := range items {
			lines = append(lines, strconv.Itoa(i+1)+". "+strings.TrimSpace(it.Title))
		}
	}
	return clean(strings.Join(lines, "\n"))
}
