package app

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/tavoli/tavoli/data"
)

// Starting a session on another day than the one it was convened for asks first, in Italian; Annulla
// leaves it convened, Avvia starts it. On the convened day nothing is asked.
func TestStartOnAnotherDayAsks(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	s := e.convene("Tavolo tematico Anziani", "19/03/2027")
	id := s.meta.ID
	test.Tap(button(t, s.split, "Convoca"))

	test.Tap(button(t, s.split, "Avvia la seduta"))
	o := e.mustOverlay("the question on starting the session on another day")
	if want := "La seduta è convocata per venerdì 19 marzo 2027: avviarla oggi, venerdì 12 marzo 2027?"; !hasText(o, want) {
		t.Errorf("the question reads %q, want %q", texts(o), want)
	}
	test.Tap(button(t, o, "Annulla"))
	if v := mustSession(t, e, id); v.Status != data.SessionConvocata || s.inMeeting() {
		t.Fatalf("after Annulla the session is %q (meeting shown: %v), want it still convocata", v.Status, s.inMeeting())
	}

	test.Tap(button(t, s.split, "Avvia la seduta"))
	test.Tap(button(t, e.mustOverlay("the question again"), "Avvia"))
	if v := mustSession(t, e, id); v.Status != data.SessionInCorso || !s.inMeeting() {
		t.Fatalf("after Avvia the session is %q (meeting shown: %v), want it in corso", v.Status, s.inMeeting())
	}
	s.meeting.closeSession()

	today := e.convene("Tavolo tematico Anziani", "12/03/2027")
	test.Tap(button(t, today.split, "Convoca"))
	test.Tap(button(t, today.split, "Avvia la seduta"))
	if o := e.overlay(); o != nil {
		t.Errorf("starting on the convened day asks %q", texts(o))
	}
	if !today.inMeeting() {
		t.Error("a session started on its day does not show the meeting screen")
	}
}
