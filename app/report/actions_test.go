package report

import (
	"strings"
	"testing"
	"time"

	"github.com/tavoli/tavoli/data"
)

// withActionCheck is the Sindaci session of 2 April 2027 with a "Verifica delle azioni" going through
// two actions of the February session: one done and checked at this session, one overdue.
func withActionCheck() data.Dossier {
	d := sindaciDossier()
	check := data.AgendaItem{Meta: data.Meta{ID: "si-check"}, SessionID: d.Session.ID, Position: 2, Title: data.ActionCheckTitle}
	d.Agenda = append([]data.AgendaItem{d.Agenda[0], check}, d.Agenda[1:]...)
	for i := range d.Agenda {
		d.Agenda[i].Position = i + 1
	}
	feb := rome(2027, time.February, 10, 10, 0)
	d.ActionChecks = []data.ActionView{
		{ActionItem: data.ActionItem{Meta: data.Meta{ID: "act-1"}, Who: "Comune di Magione",
			What: "Censimento dei trasporti sociali", Due: rome(2027, time.March, 15, 0, 0)},
			SessionDate: feb, Overdue: true},
		{ActionItem: data.ActionItem{Meta: data.Meta{ID: "act-2"}, Who: "Ufficio di Piano",
			What: "Calendario dei Tavoli tematici", Due: rome(2027, time.April, 30, 0, 0)},
			SessionDate: feb, Closed: true, FollowUp: &data.ActionFollowUp{ActionItemID: "act-2", Done: true,
				DoneOn: rome(2027, time.April, 2, 0, 0), Note: "Calendario inviato ai Comuni", SessionID: d.Session.ID}},
	}
	return d
}

func TestConvocazioneListsOpenActions(t *testing.T) {
	d := withActionCheck()
	d.Session.Status = data.SessionConvocata
	b, err := Convocazione(d)
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, writePDF(t, "convocazione-azioni.pdf", b))
	for _, want := range []string{
		"2. Verifica delle azioni",
		"Comune di Magione: Censimento dei trasporti sociali, entro il 15/03/2027 (seduta del 10 febbraio 2027) – scaduta",
		"Ufficio di Piano: Calendario dei Tavoli tematici, entro il 30/04/2027 (seduta del 10 febbraio 2027)",
		"3. Obiettivi del Piano di Zona",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("Convocazione() text lacks %q:\n%s", want, text)
		}
	}
	if strings.Count(text, "scaduta") != 1 {
		t.Errorf("Convocazione() marks %d actions scaduta, want 1", strings.Count(text, "scaduta"))
	}
}

func TestVerbaleSaysWhichActionsWereChecked(t *testing.T) {
	b, err := Verbale(withActionCheck())
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, writePDF(t, "verbale-azioni.pdf", b))
	for _, want := range []string{
		"Si verifica lo stato delle azioni decise nelle sedute precedenti:",
		"Censimento dei trasporti sociali, entro il 15/03/2027 (seduta del 10 febbraio 2027) – scaduta: non verificata.",
		"Calendario dei Tavoli tematici, entro il 30/04/2027 (seduta del 10 febbraio 2027): svolta il 02/04/2027. Calendario inviato ai Comuni.",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("Verbale() text lacks %q:\n%s", want, text)
		}
	}
}
