package report

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/tavoli/tavoli/data"
)

// slashForm finds an "o/a" form ("delegato/a", "giustificati/e", "il/la"), which documents never write.
var slashForm = regexp.MustCompile(`(?i)\p{L}/\p{L}{1,2}\b`)

// womenLed is the mayors' table chaired by the Sindaca of Paciano with a woman taking the minutes;
// Panicale's delegate was delegated by the Sindaca of Panicale, and Piegaro's delegate by nobody the
// register knows.
func womenLed() data.Dossier {
	d := sindaciDossier()
	d.Register = slices.Clone(d.Register)
	for i, l := range d.Register {
		switch {
		case l.PersonID == "sindaco-8":
			d.Session.PresidentID, d.President, d.PresidentName = l.PersonID, l.Naming, l.Naming.Prose()
		case l.Delegator != nil:
			d.Register[i].Delegator = &data.Naming{Name: "Federica", Surname: "Bellucci", Gender: data.GenderFemminile, Title: "Sindaca"}
		case l.SeatComune == "Piegaro":
			d.Register[i].PersonName, d.Register[i].PersonID = "Lupi Carlo", "lupi"
			d.Register[i].Naming = data.Naming{Name: "Carlo", Surname: "Lupi"} // gender not recorded
			d.Register[i].Presence, d.Register[i].Delegated, d.Register[i].Arrived = data.PresencePresente, true, d.Session.Started
		}
	}
	d.Secretary = data.Naming{Name: "Anna", Surname: "Ricci", Gender: data.GenderFemminile}
	d.SecretaryName = d.Secretary.Prose()
	return d
}

func TestDocumentsAgreeWithPeople(t *testing.T) {
	t.Run("verbale of a woman president", func(t *testing.T) {
		text := pdfText(t, writePDF(t, "verbale-women.pdf", render(t, Verbale, womenLed())))
		contains(t, "verbale", text,
			// Prose: the role agrees, the given name first, the mayor named with the role.
			"Presiede la seduta la Presidente Cristina Bellezza, Sindaca del Comune di Paciano. "+
				"Svolge le funzioni di segretaria verbalizzante Anna Ricci.",
			"delegata dalla Sindaca del Comune di Panicale, Federica Bellucci (delega prot. n. 123 del 10/02/2027)",
			// Unknown gender reads masculine; nobody known to have delegated names the comune.
			"delegato per il Comune di Piegaro",
			// The table lists surname first.
			"Bellezza Cristina", "Fratini Maria Cristina", "Lupi Carlo",
			// The signatures agree with the prose.
			"La Presidente", "La Segretaria verbalizzante")
		for _, bad := range []string{"Il Presidente", "Il Segretario", "segretario verbalizzante", "Bellezza Cristina,",
			"Presiede la seduta Bellezza"} {
			if strings.Contains(text, bad) {
				t.Errorf("the verbale of a woman president says %q", bad)
			}
		}
	})
	t.Run("verbale of a man president", func(t *testing.T) {
		text := pdfText(t, writePDF(t, "verbale-sindaci.pdf", render(t, Verbale, sindaciDossier())))
		contains(t, "verbale", text,
			"Presiede la seduta il Presidente Matteo Burico, Sindaco del Comune di Castiglione del Lago.",
			"delegata dal Sindaco del Comune di Panicale, Giulio Baiocco (delega prot. n. 123 del 10/02/2027)",
			"Burico Matteo", "Il Presidente", "Il Segretario verbalizzante")
	})
	t.Run("foglio presenze", func(t *testing.T) {
		text := pdfText(t, writePDF(t, "presenze-women.pdf", render(t, Presenze, womenLed())))
		contains(t, "foglio presenze", text, "Dell'Omo Patrizia", "assente giustificata", "Bellezza Cristina",
			"Fratini Maria Cristina", "La Segretaria verbalizzante: Anna Ricci")
		if strings.Contains(text, "assente giustificato") {
			t.Error("the foglio presenze writes a woman as assente giustificato")
		}
		d := sindaciDossier()
		d.Register = slices.Clone(d.Register)
		for i := range d.Register {
			d.Register[i].Naming.Gender = data.GenderUnknown
		}
		text = pdfText(t, writePDF(t, "presenze-unknown.pdf", render(t, Presenze, d)))
		contains(t, "foglio presenze, genders unknown", text, "assente giustificato")
	})
	t.Run("convocazione", func(t *testing.T) {
		text := pdfText(t, writePDF(t, "convocazione-women.pdf", render(t, Convocazione, womenLed())))
		contains(t, "convocazione", text, "La Presidente", "Cristina Bellezza")
		if strings.Contains(text, "Il Presidente") {
			t.Error("the convocazione of a woman president is signed Il Presidente")
		}
	})
}

// No document writes an "o/a" form, whoever the people are.
func TestNoSlashForms(t *testing.T) {
	dossiers := map[string]data.Dossier{"anziani": anziani(), "sindaci": sindaciDossier(), "women": womenLed()}
	for name, d := range dossiers {
		for _, doc := range documents {
			t.Run(name+"/"+doc.name, func(t *testing.T) {
				text := pdfText(t, writePDF(t, "slash-"+name+"-"+doc.name+".pdf", render(t, doc.make, d)))
				if m := slashForm.FindAllString(text, -1); len(m) > 0 {
					t.Errorf("%s of %s writes slash forms %q", doc.name, name, m)
				}
			})
		}
	}
}

func TestDelegation(t *testing.T) {
	f, m := data.GenderFemminile, data.GenderMaschile
	rossi := &data.Naming{Name: "Mario", Surname: "Rossi", Gender: m, Title: "Sindaco"}
	tests := []struct {
		name string
		line data.RegisterLine
		want string
	}{
		{"mayor delegated, with act", data.RegisterLine{Attendance: data.Attendance{Delegated: true,
			DelegationAct: "delega prot. n. 123 del 10/02/2026"}, Naming: data.Naming{Gender: f}, SeatName: "Magione",
			SeatComune: "Magione", Delegator: rossi},
			"delegata dal Sindaco del Comune di Magione, Mario Rossi (delega prot. n. 123 del 10/02/2026)"},
		{"nobody known", data.RegisterLine{Attendance: data.Attendance{Delegated: true}, SeatName: "Magione",
			SeatComune: "Magione"}, "delegato per il Comune di Magione"},
		{"a member, not a mayor", data.RegisterLine{Attendance: data.Attendance{Delegated: true}, Naming: data.Naming{Gender: m},
			SeatName: "SPI CGIL", Delegator: &data.Naming{Name: "Ilario", Surname: "Gori"}},
			"delegato da Ilario Gori per SPI CGIL"},
		{"a seat in the delegator's name", data.RegisterLine{Attendance: data.Attendance{Delegated: true},
			Naming: data.Naming{Gender: f}, SeatName: "Gori Ilario", Delegator: &data.Naming{Name: "Ilario", Surname: "Gori"}},
			"delegata da Ilario Gori"},
		{"a labelled comune seat", data.RegisterLine{Attendance: data.Attendance{Delegated: true},
			SeatName: "Magione – Servizi sociali", SeatComune: "Magione"}, "delegato per Magione – Servizi sociali"},
	}
	for _, tt := range tests {
		if got := delegation(tt.line); got != tt.want {
			t.Errorf("delegation(%s) = %q, want %q", tt.name, got, tt.want)
		}
	}
	if got, want := proseName(data.Naming{Name: "Federica", Surname: "Bellucci", Title: "Sindaca"}, "Magione"),
		"la Sindaca del Comune di Magione, Federica Bellucci"; got != want {
		t.Errorf("proseName(Sindaca of Magione) = %q, want %q", got, want)
	}
	if got, want := proseName(data.Naming{Name: "Federica", Surname: "Bellucci", Title: "Sindaca"}, ""), "Federica Bellucci"; got != want {
		t.Errorf("proseName(Sindaca holding no comune seat) = %q, want %q", got, want)
	}
}
