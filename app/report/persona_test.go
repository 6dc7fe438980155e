package report

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/tavoli/tavoli/data"
)

// personRecord is what the Ambito holds on a citizen who came to two sessions of the Anziani table.
func personRecord() data.PersonRecord {
	at := rome(2027, time.May, 8, 10, 0)
	p := data.PersonView{Person: data.Person{Meta: data.Meta{ID: "p-1", Created: rome(2026, time.October, 2, 9, 0),
		Updated: rome(2027, time.March, 12, 16, 0)}, Surname: "Agostini", Name: "Carla", Category: data.CatCittadino,
		Email: "carla.agostini@example.org", Phone: "333 123 4567", Notes: "Preferisce essere chiamata al mattino.",
		Gender: data.GenderFemminile}, OrganisationName: "AUSER Trasimeno", ComuneName: "Magione"}
	return data.PersonRecord{Ambito: trasimeno, Capofila: "Castiglione del Lago", Person: p, At: at,
		Roles: []data.PersonRole{{Body: "Tavolo tematico Anziani", Role: "membro"}},
		Sessions: []data.PersonSession{
			{Date: rome(2027, time.March, 12, 15, 0), Body: "Tavolo tematico Anziani", Presence: data.PresencePresente, Approved: true},
			{Date: rome(2027, time.April, 9, 15, 0), Body: "Tavolo tematico Anziani", Presence: data.PresenceGiustificato},
		},
		Speeches:  3,
		Proposals: []data.PersonProposal{{Title: "Custodi sociali per gli anziani soli", Date: rome(2027, time.March, 12, 16, 0)}},
		Actions:   []data.PersonAction{{What: "Raccogliere i nominativi dei volontari", Due: rome(2027, time.April, 30, 0, 0), Body: "Tavolo tematico Anziani"}},
		Versions:  1, Approved: 1, Head: "Giulia Rossi", HeadGender: data.GenderFemminile}
}

func TestPersonaText(t *testing.T) {
	r := personRecord()
	b, err := Persona(r)
	if err != nil {
		t.Fatal(err)
	}
	again, err := Persona(r)
	if err != nil || !bytes.Equal(b, again) {
		t.Fatalf("two renders differ (err %v)", err)
	}
	path := writePDF(t, "persona.pdf", b)
	checkPDF(t, path)
	text := pdfText(t, path)
	contains(t, "persona", text,
		"DATI PERSONALI TRATTATI", "Carla Agostini",
		"Ai sensi dell'art. 15 del Regolamento UE 2016/679 (GDPR), l'Ufficio di Piano dell'Ambito Territoriale n.5 del Trasimeno comunica a Carla Agostini",
		"carla.agostini@example.org", "333 123 4567", "Preferisce essere chiamata al mattino.", "AUSER Trasimeno", "Magione",
		"Tavolo tematico Anziani: membro", "12 marzo 2027", "presente", "giustificata/o",
		"Interventi registrati negli ordini del giorno: 3.", "Custodi sociali per gli anziani soli",
		"Raccogliere i nominativi dei volontari", "entro il 30 aprile 2027; da fare",
		"Compare in un verbale approvato", "art. 17, par. 3, lett. b",
		"Titolare del trattamento: Comune di Castiglione del Lago, ente capofila dell'Ambito Territoriale n.5 del Trasimeno.",
		"Contatti per l'esercizio dei diritti: Ufficio di Piano, Piazza Gramsci 1, 06061 Castiglione del Lago (PG).",
		"art. 6, par. 1, lett. e", "cancellati dopo 24 mesi",
		"La Responsabile dell'Ufficio di Piano", "Giulia Rossi")

	// The Ambito's own notice replaces the defaults; an erased person's record says so and shows no contact.
	r.Ambito.Privacy = data.Privacy{Controller: "Unione dei Comuni del Trasimeno", Contact: "privacy@trasimeno.example.it",
		DPO: "Studio Rossi, dpo@example.it", RetentionMonths: 12}
	r.Person.Person = r.Person.Erase(rome(2027, time.May, 7, 9, 0), true)
	b, err = Persona(r)
	if err != nil {
		t.Fatal(err)
	}
	path = writePDF(t, "persona-cancellata.pdf", b)
	checkPDF(t, path)
	text = pdfText(t, path)
	contains(t, "erased persona", text, "A. C.", "I dati personali sono stati cancellati il 7 maggio 2027",
		"Titolare del trattamento: Unione dei Comuni del Trasimeno.", "privacy@trasimeno.example.it",
		"Responsabile della protezione dei dati: Studio Rossi, dpo@example.it.", "cancellati dopo 12 mesi")
	for _, gone := range []string{"carla.agostini@example.org", "333 123 4567", "Preferisce", "Agostini"} {
		if strings.Contains(text, gone) {
			t.Errorf("the erased person's record shows %q", gone)
		}
	}
}
