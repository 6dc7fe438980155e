package report

import (
	"strings"
	"testing"
	"time"

	"github.com/tavoli/tavoli/data"
)

// between is the text from after the first from to before the next to ("" when either is missing).
func between(text, from, to string) string {
	_, rest, ok := strings.Cut(text, from)
	if !ok {
		return ""
	}
	part, _, ok := strings.Cut(rest, to)
	if !ok {
		return ""
	}
	return part
}

// The numero legale is stated with who was present when it was verified, and its count agrees with
// that list; the arrivals and departures after it are listed with their times.
func TestVerbaleNumeroLegale(t *testing.T) {
	text := pdfText(t, writePDF(t, "verbale-numero-legale.pdf", render(t, Verbale, anziani())))
	list := between(text, "Alla verifica del numero legale, alle ore 15:10, risultano presenti: ", " Presenti ")
	if list == "" {
		t.Fatalf("no list of who was present at the verification in %q", between(text, "Numero legale", "Ordine del giorno"))
	}
	if n := strings.Count(list, "; ") + 1; n != 9 {
		t.Errorf("%d people listed at the verification, want the 9 the count states: %q", n, list)
	}
	contains(t, "numero legale", text, "Presenti 9 componenti su 12;")
	contains(t, "list at the verification", list, "Rossi Maria", "Lucà Giovanna", "Gori Ilario")
	if strings.Contains(list, "Mencarelli") {
		t.Errorf("Mencarelli Sara, arrived at 15:25, is listed as present at 15:10: %q", list)
	}
	contains(t, "comings and goings", text,
		"Alle ore 15:25 entra Mencarelli Sara (ASL Umbria 1 – Distretto del Trasimeno); "+
			"alle ore 17:40 esce Mencarelli Sara (ASL Umbria 1 – Distretto del Trasimeno).")
}

// The segretario verbalizzante takes the minutes: never absent nor excused, whether the register
// names him by his role or the session by his id.
func TestVerbaleSecretaryNotAbsent(t *testing.T) {
	d := anziani()
	reg := append([]data.RegisterLine(nil), d.Register...)
	for i, l := range reg {
		switch l.PersonID {
		case "chair-2": // the body's segretario, not recorded: the register expects him
			reg[i].Attendance = data.Attendance{SessionID: l.SessionID, PersonID: l.PersonID}
		case "holder-11": // excused, and the session's segretario this time
			d.Session.SecretaryID = l.PersonID
		}
	}
	d.Register = reg
	if r := rollCall(d.Register); !strings.Contains(nameList(r.absent), "Mariani Paolo") {
		t.Fatalf("the fixture does not make the segretario absent: %q", nameList(r.absent))
	}
	text := pdfText(t, writePDF(t, "verbale-segretario.pdf", render(t, Verbale, d)))
	contains(t, "verbale", text, "Assenti: D'Angelo Mosè (Forum del Terzo settore).")
	absent := between(text, "Assenti: ", "Numero legale")
	if strings.Contains(absent, "Mariani") {
		t.Errorf("the segretario is listed among the absent: %q", absent)
	}
	if strings.Contains(text, "Assenti giustificati") {
		t.Errorf("the segretario is listed among the assenti giustificati: %q", between(text, "Assenti giustificati", "Numero legale"))
	}
}

// A session started on another day than the one it was convened for: the verbale states the day it
// was held, and the day it had been convened for.
func TestVerbaleStartedOffDay(t *testing.T) {
	d := anziani()
	d.Session.Date = rome(2027, time.January, 21, 15, 0)
	text := pdfText(t, writePDF(t, "verbale-altro-giorno.pdf", render(t, Verbale, d)))
	contains(t, "verbale of a session held on another day", text,
		"VERBALE DELLA SEDUTA DEL 12 MARZO 2027",
		"Il giorno venerdì 12 marzo 2027, alle ore 15:10, presso Sala consiliare",
		"per giovedì 21 gennaio 2027 alle ore 15:00.")
	if strings.Contains(text, "Il giorno giovedì 21 gennaio") {
		t.Error("the verbale says the meeting was held on the day it was convened for")
	}
}
